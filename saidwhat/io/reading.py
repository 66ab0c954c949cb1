"""Reading input: turn paths, directories, JSONL dumps and stdin into articles.

:func:`read_inputs` yields, in input order, either an :class:`~saidwhat.schema.Article`
(with its text, no attributions yet) or an :class:`~saidwhat.errors.InputError` for an
input that could not be read. It never raises for bad input, so one broken file does not
stop a run over a folder; the caller reports the errors and carries on.

Formats: ``.txt`` (UTF-8 text, id = file name without extension), ``.html``/``.htm``
(main text, title, author and date extracted with trafilatura), ``.jsonl`` (one
``{"id", "text", ...}`` record a line, read lazily) and ``-`` for stdin (its format
sniffed unless given).
"""
from __future__ import annotations

import io
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, IO, Iterable, Iterator, List, Optional, Tuple, Union

from ..errors import InputError
from ..schema import Article

logger = logging.getLogger(__name__)

INPUT_FORMATS = ("auto", "txt", "html", "jsonl")
SUFFIX_FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
STDIN = "-"
# Bytes looked at to decide that a file is binary rather than text.
SNIFF_BYTES = 8192

Item = Union[Article, InputError]


def read_inputs(paths: Iterable[str], input_format: str = "auto", stdin: Optional[IO[bytes]] = None) -> Iterator[Item]:
    """Yield an Article or an InputError for every article found under ``paths``.

    ``paths`` are files, directories (walked recursively for known suffixes, in sorted
    order) or ``"-"`` for ``stdin`` (default: ``sys.stdin.buffer``). ``input_format``
    forces a format instead of guessing it from the suffix (``"auto"``).
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; choose from {', '.join(INPUT_FORMATS)}")
    for raw in paths:
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, input_format)
            continue
        path = Path(raw)
        if path.is_dir():
            found, unreadable = _walk(path)
            yield from unreadable
            if not found and not unreadable:
                yield InputError(str(path), "directory holds no .txt, .html or .jsonl files")
            for file in found:
                yield from read_file(file, input_format)
        else:
            yield from read_file(path, input_format)


def count_inputs(paths: Iterable[str], input_format: str = "auto", read_lines: bool = True) -> Optional[int]:
    """How many articles and errors :func:`read_inputs` will yield for ``paths`` (a
    JSONL file counts its non-blank lines), or None when standard input is among them,
    or a JSONL file is and ``read_lines`` is False (counting it means reading it)."""
    total = 0
    for raw in paths:
        if raw == STDIN:
            return None
        path = Path(raw)
        files = _walk(path)[0] if path.is_dir() else [path]
        counts = [_count_file(f, input_format, read_lines) for f in files]
        if None in counts:
            return None
        total += sum(counts) or (1 if path.is_dir() else 0)
    return total


def _count_file(path: Path, input_format: str, read_lines: bool) -> Optional[int]:
    fmt = input_format if input_format != "auto" else SUFFIX_FORMATS.get(path.suffix.lower(), "txt")
    if fmt != "jsonl":
        return 1
    if not read_lines:
        return None
    try:
        with open(path, "rb") as stream:
            return max(1, sum(1 for line in stream if line.strip()))
    except OSError:
        return 1


def read_file(path: Path, input_format: str = "auto") -> Iterator[Item]:
    """Yield the article(s) in one file, or one InputError saying why it cannot be read."""
    fmt = input_format if input_format != "auto" else SUFFIX_FORMATS.get(path.suffix.lower(), "txt")
    logger.debug("reading %s as %s", path, fmt)
    if fmt == "jsonl":
        try:
            stream = open(path, "rb")
        except OSError as err:
            yield InputError(str(path), _os_reason(err))
            return
        with stream:
            yield from read_jsonl(stream, str(path))
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(str(path), _os_reason(err))
        return
    yield _article_from_bytes(data, str(path), path.stem, fmt)


def read_jsonl(stream: IO[bytes], name: str) -> Iterator[Item]:
    """Yield one Article per JSONL line of ``stream`` (named ``name`` in errors).

    Blank lines are skipped; a line that is not a JSON object with a string ``text``
    yields an InputError naming the line. Records without ``id`` get ``<stem>-<line>``
    (the stem of ``name``, or ``stdin``).
    """
    default_stem = Path(name).stem if name != "<stdin>" else "stdin"
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8").rstrip("\r\n"))
        except UnicodeDecodeError as err:
            yield InputError(name, f"not UTF-8 ({err.reason} at byte {err.start})", lineno)
            continue
        except json.JSONDecodeError as err:
            yield InputError(name, f"bad JSON: {err.msg} (column {err.colno})", lineno)
            continue
        try:
            yield article_from_record(record, f"{default_stem}-{lineno}")
        except ValueError as err:
            yield InputError(name, str(err), lineno)


def article_from_record(record: Any, default_id: str) -> Article:
    """Build an Article from a ``{"id", "text", "title"?, ...}`` record.

    Other fields are kept in ``meta``. Raises ValueError when the record is not an
    object or its text is missing or not a string.
    """
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('record has no "text" string' if text is None else '"text" is not a string')
    ident = record.get("id", default_id)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or str(ident) == "":
        raise ValueError('"id" must be a non-empty string or a number')
    title = record.get("title")
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "title", "attributions")}
    return Article(id=str(ident), text=text, title=title if isinstance(title, str) else None, meta=meta)


def read_bytes(data: bytes, name: str, ident: str, input_format: str = "auto") -> Item:
    """The article in ``data`` (named ``name`` in errors, its id ``ident``): UTF-8 text,
    or the main text, title, author and date of an HTML page (``input_format`` "html",
    or "auto" and ``data`` starting with a tag); an InputError saying why it cannot be read."""
    fmt = input_format if input_format not in ("auto", "jsonl") else ("html" if _sniff(data) == "html" else "txt")
    return _article_from_bytes(data, name, ident, fmt)


def _read_stdin(stream: IO[bytes], input_format: str) -> Iterator[Item]:
    data = stream.read()
    fmt = input_format if input_format != "auto" else _sniff(data)
    if fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(data), "<stdin>")
    else:
        yield _article_from_bytes(data, "<stdin>", "stdin", fmt)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        return "jsonl"
    if head == b"<":
        return "html"
    return "txt"


def _article_from_bytes(data: bytes, name: str, ident: str, fmt: str) -> Item:
    if _utf16(data):
        return InputError(name, "UTF-16 text, expected UTF-8; convert it with iconv -f UTF-16 -t UTF-8 first")
    if b"\x00" in data:
        return InputError(name, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return InputError(name, f"not UTF-8 ({err.reason} at byte {err.start}); convert it with iconv first")
    if fmt == "html":
        return _article_from_html(text, name, ident)
    # Offsets are code points into the text as given; only a byte-order mark is dropped.
    return Article(id=ident, text=text)


def _utf16(data: bytes) -> bool:
    """Whether ``data`` is UTF-16: a byte-order mark before an even number of bytes, or a
    NUL beside most characters of its start, as UTF-16 writes ASCII."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and len(data) % 2 == 0:
        return True
    head = data[:SNIFF_BYTES]
    return len(head) >= 8 and min(head[0::2].count(0), head[1::2].count(0)) == 0 and \
        max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4


def _article_from_html(html: str, name: str, ident: str) -> Item:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    if not html.strip():
        return Article(id=ident, text="")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        return InputError(name, "no article text found in the HTML page")
    meta: Dict[str, Any] = {k: getattr(doc, k, None) for k in ("author", "date", "url", "sitename")}
    return Article(id=ident, text=doc.text, title=doc.title, meta={k: v for k, v in meta.items() if v})


def _walk(root: Path) -> Tuple[List[Path], List[InputError]]:
    """The article files below ``root`` in sorted order, and an error for each folder
    that could not be read (rather than skipping it unsaid)."""
    unreadable: List[InputError] = []

    def report(err: OSError) -> None:
        unreadable.append(InputError(str(err.filename or root), f"cannot read this folder ({_os_reason(err)})"))

    found = []
    for folder, folders, files in os.walk(root, onerror=report):
        folders[:] = sorted(f for f in folders if not f.startswith("."))  # hidden ones are not read
        found.extend(Path(folder) / f for f in files)
    return sorted(p for p in found if _is_article_file(p, root)), unreadable


def _is_article_file(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    hidden = any(part.startswith(".") for part in rel.parts)
    return not hidden and path.is_file() and path.suffix.lower() in SUFFIX_FORMATS


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return err.strerror or str(err)

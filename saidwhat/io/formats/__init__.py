"""Output formats: writers that stream articles to a file, stdout or a directory.

- ``json``: one JSON array of article records.
- ``jsonl``: one article record per line.
- ``text``: a readable table of the attributions, for a terminal.
- ``html``: one self-contained page with sources, cues and contents highlighted.
- ``brat``: a directory of brat standoff files (``.txt`` and ``.ann`` per article).
- ``csv``: one row per attribution.

Writer modules are imported when their format is first asked for, so using one
format never depends on the others.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Dict, TextIO, Tuple, Type, Union

from .base import Writer

# Format name -> (module in this package, writer class in it).
_WRITERS: Dict[str, Tuple[str, str]] = {
    "json": ("jsonl", "JsonWriter"),
    "jsonl": ("jsonl", "JsonlWriter"),
    "text": ("text", "TextWriter"),
    "html": ("html", "HtmlWriter"),
    "brat": ("brat", "BratWriter"),
    "csv": ("csv_", "CsvWriter"),
}

#: The names accepted by :func:`make_writer` (and ``--format``).
FORMATS: Tuple[str, ...] = tuple(_WRITERS)


def writer_class(name: str) -> Type[Writer]:
    """Return the writer class of the format ``name``.

    Its ``writes_directory`` says whether it takes a directory rather than a stream.
    Raises ``ValueError`` for an unknown name.
    """
    if name not in _WRITERS:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")
    module_name, class_name = _WRITERS[name]
    module = importlib.import_module(f".{module_name}", __name__)
    return getattr(module, class_name)


def make_writer(
    name: str, target: Union[TextIO, Path, str], include_text: bool = True
) -> Writer:
    """Return a writer of the format ``name`` writing to ``target``.

    ``target`` is an open text stream, or a directory path for the formats that
    write a directory. ``include_text`` says whether records carry the article text.
    Raises ``ValueError`` for an unknown name, ``TypeError`` for the wrong target kind.
    """
    cls = writer_class(name)
    is_path = isinstance(target, (str, Path))
    if cls.writes_directory != is_path:
        wanted = "a directory path" if cls.writes_directory else "an open text stream"
        raise TypeError(f"format {name!r} writes to {wanted}, not {type(target).__name__}")
    if cls.writes_directory:
        return cls(Path(target), include_text=include_text)
    return cls(target, include_text=include_text)

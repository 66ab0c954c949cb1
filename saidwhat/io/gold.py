"""Reading and writing brat standoff in PolNeAR's labels.

PolNeAR marks each attribution with ``T`` lines labelled ``Source``, ``Cue`` and
``Content``, an anchor ``T`` labelled ``Attribution`` (or ``Attribution-no-source``)
on the cue's span, and an ``E`` line tying them together::

    T1	Source 0 8	The mayor
    T2	Cue 9 13	said
    T3	Content 14 40	the bridge will reopen soon
    T4	Attribution 9 13	said
    E1	Attribution:T4 Source:T1 Cue:T2 Content:T3

Gold attributions are read as the reference scorer (``attrscore``) reads them: plain
dicts ``{"source": [(start, end), ...], "cue": [...], "content": [...]}`` of
code-point offsets into the text file read with ``newline=""``.
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple, Union

from ..errors import GoldDataError
from ..schema import Article, Attribution, Offsets

ROLES = ("source", "cue", "content")
ENTITY_TYPES = ("Source", "Cue", "Content", "Discard", "Discuss")
ANCHOR = "Attribution"
ANCHOR_NO_SOURCE = "Attribution-no-source"

# Characters that end a line for brat or for Python's line splitting, and the tab
# that separates a T line's fields: none may appear in a fragment's surface text.
_FIELD_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")

GoldAttribution = Dict[str, List[Offsets]]
Compartment = Dict[str, Tuple[str, List[GoldAttribution]]]


def read_text(path: Union[str, os.PathLike]) -> str:
    """Return the UTF-8 text of ``path`` with its line ends untouched (``newline=""``).

    Raises GoldDataError naming the file if it cannot be read.
    """
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldDataError(f"{path}: cannot read the file ({err})") from err


def parse_ann(path_or_text: Union[str, os.PathLike]) -> List[GoldAttribution]:
    """Return the attributions of a brat ``.ann`` file or text, as the scorer reads them.

    ``path_or_text`` is a path, or the annotation text itself (a ``str`` that holds a
    tab or a newline, or is empty). Each attribution is a dict mapping ``"source"``,
    ``"cue"`` and ``"content"`` to lists of ``(start, end)`` fragments, in the order of
    the event's arguments (``Content2`` adds to ``"content"``). Events without content
    are dropped; ``Discard``/``Discuss`` spans, notes and lines that do not parse are
    ignored. Raises GoldDataError naming the file if it cannot be read.
    """
    if isinstance(path_or_text, str) and (
        not path_or_text or "\t" in path_or_text or "\n" in path_or_text
    ):
        text = path_or_text
    else:
        text = read_text(path_or_text)
    spans: Dict[str, List[Offsets]] = {}
    events: List[Dict[str, str]] = []
    for line in io.StringIO(text, newline=""):
        line = line.rstrip("\r\n")
        try:
            if line.startswith("T"):
                tid, fragments = _parse_textbound(line)
                spans[tid] = fragments
            elif line.startswith("E"):
                events.append(_parse_event_args(line))
        except (ValueError, IndexError):
            continue
    attributions = []
    for args in events:
        attribution: GoldAttribution = {role: [] for role in ROLES}
        for key, tid in args.items():
            role = key.rstrip("0123456789").lower()
            if role in attribution and tid in spans:
                attribution[role].extend(spans[tid])
        if attribution["content"]:
            attributions.append(attribution)
    return attributions


def _parse_textbound(line: str) -> Tuple[str, List[Offsets]]:
    """Return the id and fragments of a ``T`` line; raises ValueError if it is malformed."""
    tid, label_offsets = line.split("\t")[:2]
    _, offsets = label_offsets.split(" ", 1)
    fragments = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        fragments.append((int(start), int(end)))
    return tid, fragments


def _parse_event_args(line: str) -> Dict[str, str]:
    """Return the role -> T id arguments of an ``E`` line, without its anchor."""
    args = line.split("\t")[1].split()
    return dict(arg.split(":", 1) for arg in args[1:])


def annotation_files(directory: Union[str, os.PathLike]) -> Dict[str, Tuple[Path, List[Path]]]:
    """Return ``{stem: (text path, annotator files)}`` for a PolNeAR compartment
    directory: each ``text/<stem>.txt`` with its ``attributions/<stem>_<annotator>.ann``
    files in lexicographic order, articles with none left out. Raises GoldDataError
    if a subfolder is missing."""
    directory = Path(directory)
    text_dir = directory / "text"
    ann_dir = directory / "attributions"
    for sub in (text_dir, ann_dir):
        if not sub.is_dir():
            raise GoldDataError(
                f"{directory}: not a PolNeAR compartment, it has no {sub.name}/ folder"
            )
    ann_names = sorted(name for name in os.listdir(ann_dir) if name.endswith(".ann"))
    out: Dict[str, Tuple[Path, List[Path]]] = {}
    for txt in sorted(text_dir.glob("*.txt")):
        stem = txt.name[: -len(".txt")]
        anns = [ann_dir / name for name in ann_names if name.startswith(stem + "_")]
        if anns:
            out[stem] = (txt, anns)
    return out


def load_compartment(directory: Union[str, os.PathLike]) -> Compartment:
    """Return ``{stem: (text, attributions)}`` for a PolNeAR compartment directory.

    ``directory`` holds ``text/<stem>.txt`` and ``attributions/<stem>_<annotator>.ann``;
    the lexicographically first annotator file of each stem is used and articles with
    none are skipped, as the reference scorer does. Raises GoldDataError if a
    subfolder is missing or no article has annotations.
    """
    gold: Compartment = {
        stem: (read_text(txt), parse_ann(anns[0])) for stem, (txt, anns) in annotation_files(directory).items()
    }
    if not gold:
        raise GoldDataError(
            f"{directory}: no article has both text/<stem>.txt and "
            f"attributions/<stem>_<annotator>.ann"
        )
    return gold


def to_ann(article: Article) -> str:
    """Return brat standoff for ``article``'s attributions, in PolNeAR's labels.

    Fragments are split where the text breaks a line (or has a tab), so every ``T``
    line stays on one line; :func:`parse_ann` reads back the same characters. The
    anchor is on the cue, or on the content's first fragment when there is no cue.
    Identical spans share one ``T`` line. Raises ValueError if the article has no
    text or an offset lies outside it.
    """
    if article.text is None:
        raise ValueError(
            f"Article {article.id!r} has no text: brat output needs the text its "
            f"offsets point into"
        )
    standoff = _Standoff(article.text)
    for attribution in article.attributions:
        standoff.add(attribution)
    return "".join(line + "\n" for line in standoff.lines)


class _Standoff:
    """The ``T`` and ``E`` lines of one document, built attribution by attribution."""

    def __init__(self, text: str):
        self.text = text
        self.lines: List[str] = []
        self._textbounds: Dict[Tuple[str, Tuple[Offsets, ...]], str] = {}
        self._n_events = 0

    def add(self, attribution: Attribution) -> None:
        """Add the lines of one attribution; one whose content is all line breaks is skipped."""
        content = self._fragments(attribution.content.spans)
        if not content:
            return
        cue = self._fragments(attribution.cue.spans) if attribution.cue else ()
        source = self._fragments(attribution.source.spans) if attribution.source else ()
        roles = [("Source", source), ("Cue", cue), ("Content", content)]
        args = [f"{label}:{self._textbound(label, frags)}" for label, frags in roles if frags]
        anchor_label = ANCHOR if source else ANCHOR_NO_SOURCE
        anchor = self._textbound(anchor_label, cue or content[:1])
        self._n_events += 1
        self.lines.append(f"E{self._n_events}\t{anchor_label}:{anchor} {' '.join(args)}")

    def _fragments(self, spans: Sequence[Offsets]) -> Tuple[Offsets, ...]:
        """Split ``spans`` at line breaks and tabs, dropping the breaks themselves."""
        out = []
        for start, end in spans:
            if not 0 <= start <= end <= len(self.text):
                raise ValueError(
                    f"Span ({start}, {end}) lies outside the article text "
                    f"(length {len(self.text)})"
                )
            for brk in _FIELD_BREAKS.finditer(self.text, start, end):
                if brk.start() > start:
                    out.append((start, brk.start()))
                start = brk.end()
            if end > start:
                out.append((start, end))
        return tuple(out)

    def _textbound(self, label: str, fragments: Tuple[Offsets, ...]) -> str:
        """Return the id of the ``T`` line for ``label`` over ``fragments``, adding it if new."""
        key = (label, fragments)
        if key not in self._textbounds:
            tid = f"T{len(self._textbounds) + 1}"
            self._textbounds[key] = tid
            offsets = ";".join(f"{s} {e}" for s, e in fragments)
            surface = " ".join(self.text[s:e] for s, e in fragments)
            self.lines.append(f"{tid}\t{label} {offsets}\t{surface}")
        return self._textbounds[key]


def annotation_conf() -> str:
    """Return a brat ``annotation.conf`` declaring PolNeAR's entity and event types."""
    span_types = "|".join(ENTITY_TYPES + (ANCHOR, ANCHOR_NO_SOURCE))
    return "\n".join(
        [
            "# brat configuration for attributions in PolNeAR's labels (written by saidwhat).",
            "",
            "[entities]",
            *ENTITY_TYPES,
            "",
            "[relations]",
            "# Spans may overlap: an attribution's anchor shares its cue's span.",
            f"<OVERLAP>\tArg1:{span_types}, Arg2:{span_types}, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            f"{ANCHOR}\tSource:Source, Cue?:Cue, Content+:Content",
            f"{ANCHOR_NO_SOURCE}\tCue?:Cue, Content+:Content",
            "",
            "[attributes]",
            "",
        ]
    )

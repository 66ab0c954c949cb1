"""brat standoff output: a directory a brat installation can open.

Each article becomes ``<name>.txt`` (its text) and ``<name>.ann`` (its attributions in
PolNeAR's labels, :func:`to_ann`); ``annotation.conf`` (:func:`annotation_conf`) is
written when the writer is closed. :mod:`saidwhat.io.gold` reads such files back.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Sequence, Set, Tuple

from ...schema import Article, Attribution, Offsets
from ..labels import ANCHOR, ANCHOR_NO_SOURCE, ENTITY_TYPES
from .base import Writer

_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM_LENGTH = 120

# Characters that end a line for brat or for Python's line splitting, and the tab
# that separates a T line's fields: none may appear in a fragment's surface text.
_FIELD_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def to_ann(article: Article) -> str:
    """Return brat standoff for ``article``'s attributions, in PolNeAR's labels.

    Fragments are split where the text breaks a line (or has a tab), so every ``T``
    line stays on one line; :func:`saidwhat.io.gold.parse_ann` reads back the same
    characters. The anchor is on the cue, or on the content's first fragment when
    there is no cue. Identical spans share one ``T`` line. Raises ValueError if the
    article has no text or an offset lies outside it.
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


def safe_file_stem(article_id: str) -> str:
    """Return a portable file name stem for ``article_id``, the same every time.

    Characters other than ASCII letters, digits, ``.``, ``_`` and ``-`` become ``_``;
    leading and trailing dots go, and the stem is cut to :data:`MAX_STEM_LENGTH`.
    """
    stem = _UNSAFE_CHARS.sub("_", article_id).strip(".")[:MAX_STEM_LENGTH]
    return stem or "article"


class BratWriter(Writer):
    """Write each article as ``<name>.txt`` and ``<name>.ann`` into ``directory``.

    The directory is created if needed. Names come from the article ids (see
    :func:`safe_file_stem`); when two ids give the same name (ignoring case, for
    case-insensitive file systems), later ones get ``-2``, ``-3``... The text is
    always written, since brat shows nothing without it, so ``include_text`` is
    ignored.
    """

    name = "brat"
    writes_directory = True

    def __init__(self, directory: Path, include_text: bool = True):
        super().__init__(stream=None, include_text=include_text)
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._claimed: Set[str] = set()

    def write(self, article: Article) -> None:
        """Write ``article``'s ``.txt`` and ``.ann``; raises ValueError if it has no text."""
        ann = to_ann(article)
        stem = self._claim_stem(article.id)
        for suffix, content in ((".txt", article.text), (".ann", ann)):
            path = self.directory / (stem + suffix)
            with path.open("w", encoding="utf-8", newline="") as f:
                f.write(content)

    def close(self) -> None:
        """Write ``annotation.conf`` so brat knows the entity and event types."""
        path = self.directory / "annotation.conf"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(annotation_conf())

    def _claim_stem(self, article_id: str) -> str:
        """Return a file stem for ``article_id`` that no earlier article of this writer has."""
        base = safe_file_stem(article_id)
        stem, n = base, 1
        while stem.casefold() in self._claimed:
            n += 1
            stem = f"{base}-{n}"
        self._claimed.add(stem.casefold())
        return stem

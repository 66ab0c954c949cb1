"""An article's text as HTML with its attributions' spans marked, and the colours of its speakers.

Every content is marked in its speaker's colour. The colours are spread round the hue
circle by the golden angle (:func:`speaker_hue`), so an article with any number of
speakers gives each its own, and two speakers close in number get hues far apart.
Sources are marked, cues underlined, and a report inside a report is marked inside its
holder's content with its own colour and outline, so it stays visible as such.
"""
from __future__ import annotations

import re
from html import escape
from typing import Iterator, List, Optional, Tuple

from ...schema import Attribution, Speaker
from .text import one_line, speaker_description

#: The highlighted roles, outermost first when spans of equal length nest.
HIGHLIGHT_ORDER = ("content", "source", "cue")
#: The golden angle in degrees: successive speakers' hues are this far apart.
GOLDEN_ANGLE = 137.50776405003785

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# One highlighted fragment: (start, end, role, attribution).
_Mark = Tuple[int, int, str, Attribution]


def speaker_class(speaker: Optional[Speaker]) -> Optional[str]:
    """Return the CSS class of ``speaker``'s colour: ``"s0"`` for speaker 1, ``"s1"`` for
    speaker 2...; ``None`` for no speaker."""
    if speaker is None:
        return None
    return f"s{speaker.id - 1}"


def speaker_hue(speaker_id: int) -> float:
    """Return the hue (degrees) of speaker ``speaker_id``: ids 1, 2, 3... step round the
    circle by the golden angle, so no two ids share a hue."""
    return round(((speaker_id - 1) * GOLDEN_ANGLE) % 360, 1)


def speaker_colour(speaker_id: int) -> str:
    """Return the background colour of speaker ``speaker_id``'s contents: a light
    ``hsl()`` of :func:`speaker_hue`, its lightness alternating so neighbours differ more."""
    lightness = 82 if speaker_id % 2 else 87
    return f"hsl({speaker_hue(speaker_id)}, 85%, {lightness}%)"


def colour_rules(speakers: List[Speaker]) -> str:
    """Return the CSS giving each of ``speakers`` its colour (class :func:`speaker_class`)."""
    return "".join(
        f".{speaker_class(s)} {{ --speaker: {speaker_colour(s.id)}; }}\n" for s in speakers
    )


def highlight(text: str, attributions: List[Attribution], prefix: Optional[str] = None) -> str:
    """Return ``text`` as escaped HTML paragraphs with the attributions' spans marked.

    Takes the article text and its attributions. Blank lines separate paragraphs and
    other line breaks become ``<br/>``. Each paragraph is cut at every span boundary
    and each piece wrapped in one ``<mark>`` per span covering it, longest span
    outermost, so spans that nest or overlap (or run across paragraphs) still give
    well-formed markup. A content mark of an attribution with a speaker also has the
    speaker's colour class (:func:`speaker_class`) and ``data-speaker`` id; every
    mark's ``title`` is its :func:`hover` text. With a ``prefix``, every mark has
    ``data-a`` naming the element of its attribution's details, ``{prefix}a{id}``.
    """
    marks = _marks(text, attributions)
    return "\n".join(
        f"<p>{_mark_up(text, start, end, marks, prefix)}</p>"
        for start, end in _paragraphs(text)
        if text[start:end].strip()
    )


def hover(role: str, attribution: Attribution) -> str:
    """Return the hover text of one of ``attribution``'s highlights.

    Takes the role (``"content"``, ``"source"`` or ``"cue"``) and the attribution;
    returns its role, number, kind and confidence and who the speaker is: "source of
    #3 (direct, 0.92) · Lena Ortiz (person)". A content's adds the source as written
    and the cue (with its addressee), or says it continues its speaker's quote, and
    the attribution it is inside: "content of #6 (indirect, 0.76) · Lena Ortiz
    (person) · source “Ortiz” · cue “said” · in #5".
    """
    parts = [
        f"{role} of #{attribution.id} ({attribution.kind}, {attribution.confidence:.2f})",
        speaker_description(attribution.speaker),
    ]
    if role == "content":
        source, cue = attribution.source, attribution.cue
        parts.append(f"source “{one_line(source.text)}”" if source else "no source")
        if cue is not None:
            parts.append(f"cue “{one_line(cue.text)}”")
        else:
            parts.append("continued quote, no cue" if attribution.continued else "no cue")
        if attribution.to is not None:
            parts[-1] += f" → {one_line(attribution.to.text)}"
        if attribution.parent is not None:
            parts.append(f"in #{attribution.parent}")
    return " · ".join(parts)


def _paragraphs(text: str) -> Iterator[Tuple[int, int]]:
    """Yield the ``(start, end)`` offsets of the text between blank lines."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _mark_up(text: str, start: int, end: int, marks: List[_Mark], prefix: Optional[str]) -> str:
    """Return ``text[start:end]`` escaped, cut at the marks' boundaries and marked."""
    inside = [m for m in marks if m[0] < end and start < m[1]]
    cuts = sorted({start, end}.union(p for m in inside for p in m[:2] if start < p < end))
    out = []
    for cut_start, cut_end in zip(cuts, cuts[1:]):
        covering = [m for m in inside if m[0] <= cut_start and cut_end <= m[1]]
        covering.sort(key=lambda m: (m[0] - m[1], HIGHLIGHT_ORDER.index(m[2]), m[3].id))
        for _, _, role, attribution in covering:
            out.append(_open_mark(role, attribution, prefix))
        out.append(escape(text[cut_start:cut_end]).replace("\n", "<br/>\n"))
        out.append("</mark>" * len(covering))
    return "".join(out)


def _open_mark(role: str, attribution: Attribution, prefix: Optional[str]) -> str:
    """Return the ``<mark>`` tag opening one highlight of ``attribution`` in ``role``."""
    colour = speaker_class(attribution.speaker) if role == "content" else None
    if colour is None:
        attrs = f'class="{role}"'
    else:
        attrs = f'class="{role} {colour}" data-speaker="{attribution.speaker.id}"'
    if prefix is not None:
        attrs += f' data-a="{escape(prefix)}a{attribution.id}"'
    return f'<mark {attrs} title="{escape(hover(role, attribution))}">'


def _marks(text: str, attributions: List[Attribution]) -> List[_Mark]:
    """Return the fragments to highlight, clipped to the text, empty ones dropped."""
    marks = []
    for attribution in attributions:
        for role in HIGHLIGHT_ORDER:
            span = getattr(attribution, role)
            for start, end in span.spans if span is not None else ():
                start, end = max(0, start), min(len(text), end)
                if start < end:
                    marks.append((start, end, role, attribution))
    return marks

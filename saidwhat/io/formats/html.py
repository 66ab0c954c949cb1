"""``html`` output: one self-contained page showing every article written to it.

Each article's text is shown with its sources, cues and contents highlighted, under
a key of its speakers and followed by a table of the attributions. Every speaker has
a colour of :data:`PALETTE` (by speaker id, cycling), and the contents of all its
attributions are highlighted in it; contents without a speaker keep the plain
content colour. A ``title`` on each highlight names its role and attribution and the
speaker; a content's also gives its source as written and its cue. The page needs
no external resources and no JavaScript, and is well-formed XML as well as HTML.
"""
from __future__ import annotations

import re
from html import escape
from typing import Iterator, List, Optional, TextIO, Tuple

from ...schema import Article, Attribution, Speaker
from .base import Writer
from .text import (
    CELL_LINE_BREAK,
    NUMERIC_COLUMNS,
    TABLE_COLUMNS,
    count_label,
    one_line,
    speaker_description,
    speaker_label,
    table_row,
)

#: The highlighted roles, outermost first when spans of equal length nest.
HIGHLIGHT_ORDER = ("content", "source", "cue")

#: Background colours of the speakers' contents; speaker ``id`` gets
#: ``PALETTE[(id - 1) % len(PALETTE)]`` (see :func:`speaker_class`).
PALETTE = (
    "#ffd6a5",  # peach
    "#c1f0b5",  # green
    "#ffc6f2",  # pink
    "#a8e6e2",  # teal
    "#e2c9ff",  # lavender
    "#ffb3b3",  # salmon
    "#dde6a0",  # olive
    "#d0d4ea",  # slate
)

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.6; color: #222; }
article { border-top: 1px solid #ccc; margin-top: 2rem; padding-top: 1rem; }
h2 { margin-bottom: 0.2rem; }
.meta { color: #666; font-size: 0.9rem; margin-top: 0; }
mark { color: inherit; }
mark.content { background: #fff6bf; }
mark.source { background: #cfe3ff; font-weight: bold; }
mark.cue { background: none; text-decoration: underline 2px #e07b00;
           text-underline-offset: 3px; color: #b35f00; }
.legend mark, .speakers mark { padding: 0 0.3rem; }
.speakers { font-size: 0.9rem; }
.sub { color: #666; }
table { border-collapse: collapse; margin-top: 1rem; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; }
""" + "".join(
    f"mark.content.s{i}, td.s{i} {{ background: {colour}; }}\n"
    for i, colour in enumerate(PALETTE)
)

_HEADER = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>saidwhat: who said what</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>Who said what</h1>
<p class="legend">Legend: <mark class="source">source</mark>
<mark class="cue">cue</mark> <mark class="content">content</mark>
(contents take their speaker's colour; hover over a highlight to see its attribution)</p>
"""

_FOOTER = "</body>\n</html>\n"

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# One highlighted fragment: (start, end, role, attribution).
_Mark = Tuple[int, int, str, Attribution]


class HtmlWriter(Writer):
    """Write one HTML page: the header now, a section per article, the footer at close.

    The page always shows the article text when there is one, so ``include_text``
    has no effect.
    """

    name = "html"

    def __init__(self, stream: TextIO, include_text: bool = True):
        super().__init__(stream, include_text)
        self.stream.write(_HEADER)

    def write(self, article: Article) -> None:
        """Write the article's heading, speakers key, highlighted text and attribution table."""
        heading = article.title or article.id
        meta = [count_label(len(article.attributions))]
        if article.title:
            meta.insert(0, article.id)
        parts = [
            "<article>",
            f"<h2>{escape(heading)}</h2>",
            f'<p class="meta">{escape(" · ".join(meta))}</p>',
        ]
        if article.speakers:
            parts.append(speakers_key(article.speakers))
        if article.text is not None:
            text = highlight(article.text, article.attributions)
            parts.append(f'<div class="text">{text}</div>')
        if article.attributions:
            parts.append(_table(article.attributions))
        parts.append("</article>\n")
        self.stream.write("\n".join(parts))

    def close(self) -> None:
        """Write the page footer."""
        self.stream.write(_FOOTER)


def speaker_class(speaker: Optional[Speaker]) -> Optional[str]:
    """Return the CSS class of ``speaker``'s colour: ``"s0"`` for ``PALETTE[0]``...

    Takes a :class:`Speaker` or ``None``; speaker ``id`` gets slot
    ``(id - 1) % len(PALETTE)``, so ids 1, 2... take the palette in order and cycle
    after its last colour. Returns ``None`` for no speaker.
    """
    if speaker is None:
        return None
    return f"s{(speaker.id - 1) % len(PALETTE)}"


def speakers_key(speakers: List[Speaker]) -> str:
    """Return a paragraph naming each speaker in its colour, for reading the highlights.

    Takes the article's speakers; each becomes a ``<mark>`` in its content colour
    (see :func:`speaker_class`) whose ``title`` gives its type, number of
    attributions and title: "person · 3 attributions · Mayor".
    """
    entries = []
    for speaker in speakers:
        about = [speaker.type, count_label(speaker.attributions)]
        if speaker.name and speaker.title:
            about.append(one_line(speaker.title))
        entries.append(
            f'<mark class="content {speaker_class(speaker)}" data-speaker="{speaker.id}" '
            f'title="{escape(" · ".join(about))}">{escape(speaker_label(speaker))}</mark>'
        )
    return f'<p class="speakers">Speakers: {" ".join(entries)}</p>'


def highlight(text: str, attributions: List[Attribution]) -> str:
    """Return ``text`` as escaped HTML paragraphs with the attributions' spans marked.

    Takes the article text and its attributions. Blank lines separate paragraphs and
    other line breaks become ``<br/>``. Each paragraph is cut at every span boundary
    and each piece wrapped in one ``<mark>`` per span covering it, longest span
    outermost, so spans that nest or overlap (or run across paragraphs) still give
    well-formed markup. A content mark of an attribution with a speaker also has the
    speaker's colour class (:func:`speaker_class`) and ``data-speaker`` id; every
    mark's ``title`` is its :func:`hover` text.
    """
    marks = _marks(text, attributions)
    return "\n".join(
        f"<p>{_mark_up(text, start, end, marks)}</p>"
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


def _mark_up(text: str, start: int, end: int, marks: List[_Mark]) -> str:
    """Return ``text[start:end]`` escaped, cut at the marks' boundaries and marked."""
    inside = [m for m in marks if m[0] < end and start < m[1]]
    cuts = sorted({start, end}.union(p for m in inside for p in m[:2] if start < p < end))
    out = []
    for cut_start, cut_end in zip(cuts, cuts[1:]):
        covering = [m for m in inside if m[0] <= cut_start and cut_end <= m[1]]
        covering.sort(key=lambda m: (m[0] - m[1], HIGHLIGHT_ORDER.index(m[2]), m[3].id))
        for _, _, role, attribution in covering:
            out.append(_open_mark(role, attribution))
        out.append(escape(text[cut_start:cut_end]).replace("\n", "<br/>\n"))
        out.append("</mark>" * len(covering))
    return "".join(out)


def _open_mark(role: str, attribution: Attribution) -> str:
    """Return the ``<mark>`` tag opening one highlight of ``attribution`` in ``role``."""
    colour = speaker_class(attribution.speaker) if role == "content" else None
    if colour is None:
        attrs = f'class="{role}"'
    else:
        attrs = f'class="{role} {colour}" data-speaker="{attribution.speaker.id}"'
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


def _table(attributions: List[Attribution]) -> str:
    """Return the attributions as an HTML table under :data:`TABLE_COLUMNS`.

    Cells are those of :func:`table_row`; a cell's later lines (the source as
    written, the cue's setting...) follow a ``<br/>`` in a ``sub`` span, and the
    speaker cell takes the speaker's colour.
    """
    head = "".join(f"<th>{escape(c)}</th>" for c in TABLE_COLUMNS)
    rows = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    speaker_column = TABLE_COLUMNS.index("speaker")
    for attribution in attributions:
        cells = []
        for i, cell in enumerate(table_row(attribution)):
            classes = ["num"] if i in NUMERIC_COLUMNS else []
            if i == speaker_column and attribution.speaker is not None:
                classes.append(speaker_class(attribution.speaker))
            attrs = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attrs}>{_cell_html(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    rows.append("</tbody>\n</table>")
    return "\n".join(rows)


def _cell_html(cell: str) -> str:
    """Return a table cell's text escaped; each later line follows a ``<br/>`` in a ``sub`` span."""
    first, *rest = cell.split(CELL_LINE_BREAK)
    return escape(first) + "".join(f'<br/><span class="sub">{escape(line)}</span>' for line in rest)

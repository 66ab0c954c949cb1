"""``html`` output: one self-contained page showing every article written to it.

Each article's text is shown with its sources, cues and contents highlighted (a
``title`` on each highlight names its role and attribution), followed by a table
of the attributions. The page needs no external resources and no JavaScript, and
is well-formed XML as well as HTML.
"""
from __future__ import annotations

import re
from html import escape
from typing import Iterator, List, TextIO, Tuple

from ..schema import Article, Attribution
from .base import Writer
from .text import NUMERIC_COLUMNS, TABLE_COLUMNS, count_label, table_row

#: The highlighted roles, outermost first when spans of equal length nest.
ROLES = ("content", "source", "cue")

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
.legend mark { padding: 0 0.3rem; }
table { border-collapse: collapse; margin-top: 1rem; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; }
"""

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
(hover over a highlight to see its attribution)</p>
"""

_FOOTER = "</body>\n</html>\n"

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

_NUM = ' class="num"'

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
        """Write the article's heading, highlighted text and attribution table."""
        heading = article.title or article.id
        meta = [count_label(len(article.attributions))]
        if article.title:
            meta.insert(0, article.id)
        parts = [
            "<article>",
            f"<h2>{escape(heading)}</h2>",
            f'<p class="meta">{escape(" · ".join(meta))}</p>',
        ]
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


def highlight(text: str, attributions: List[Attribution]) -> str:
    """Return ``text`` as escaped HTML paragraphs with the attributions' spans marked.

    Blank lines separate paragraphs and other line breaks become ``<br/>``. Each
    paragraph is cut at every span boundary and each piece wrapped in one ``<mark>``
    per span covering it, longest span outermost, so spans that nest or overlap
    (or run across paragraphs) still give well-formed markup.
    """
    marks = _marks(text, attributions)
    return "\n".join(
        f"<p>{_mark_up(text, start, end, marks)}</p>"
        for start, end in _paragraphs(text)
        if text[start:end].strip()
    )


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
        covering.sort(key=lambda m: (m[0] - m[1], ROLES.index(m[2]), m[3].id))
        for _, _, role, attribution in covering:
            out.append(f'<mark class="{role}" title="{escape(_hover(role, attribution))}">')
        out.append(escape(text[cut_start:cut_end]).replace("\n", "<br/>\n"))
        out.append("</mark>" * len(covering))
    return "".join(out)


def _marks(text: str, attributions: List[Attribution]) -> List[_Mark]:
    """Return the fragments to highlight, clipped to the text, empty ones dropped."""
    marks = []
    for attribution in attributions:
        for role in ROLES:
            span = getattr(attribution, role)
            for start, end in span.spans if span is not None else ():
                start, end = max(0, start), min(len(text), end)
                if start < end:
                    marks.append((start, end, role, attribution))
    return marks


def _hover(role: str, attribution: Attribution) -> str:
    """Return the hover text of a highlight: "content of #3 (direct, 0.92)"."""
    return f"{role} of #{attribution.id} ({attribution.kind}, {attribution.confidence:.2f})"


def _table(attributions: List[Attribution]) -> str:
    """Return the attributions as an HTML table under :data:`TABLE_COLUMNS`."""
    head = "".join(f"<th>{escape(c)}</th>" for c in TABLE_COLUMNS)
    rows = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for attribution in attributions:
        cells = "".join(
            f'<td{_NUM if i in NUMERIC_COLUMNS else ""}>{escape(c)}</td>'
            for i, c in enumerate(table_row(attribution))
        )
        rows.append(f"<tr>{cells}</tr>")
    rows.append("</tbody>\n</table>")
    return "\n".join(rows)

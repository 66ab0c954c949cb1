"""``text`` output: a plain table of the attributions, for a person at a terminal.

Each article gets a heading line and one row per attribution; long cells wrap
within their column so the table stays aligned at the given width. No colour
codes, so the output can be piped.
"""
from __future__ import annotations

import shutil
import textwrap
from typing import List, Optional, Sequence, TextIO, Tuple

from ..schema import Article, Attribution, TextSpan
from .base import Writer

#: Column headings of the attribution table (shared with the ``html`` format).
TABLE_COLUMNS = ("#", "source", "cue", "kind", "conf", "content")
#: Positions of the columns aligned right: the number and the confidence.
NUMERIC_COLUMNS = (0, 4)
#: Shown in the table where an attribution has no source or cue.
MISSING = "—"
MIN_WIDTH = 80

_GAP = "  "
_INDENT = "  "


def count_label(n: int) -> str:
    """Return how many attributions an article has, in words: "2 attributions"."""
    if n == 0:
        return "no attributions found"
    return f"{n} attribution{'' if n == 1 else 's'}"


def table_row(attribution: Attribution) -> Tuple[str, ...]:
    """Return the attribution's cells under :data:`TABLE_COLUMNS`, as display text.

    Whitespace (newlines included) is collapsed to single spaces; a missing source
    or cue is :data:`MISSING`; fragments are joined as in :attr:`TextSpan.text`.
    """
    return (
        str(attribution.id),
        _cell(attribution.source),
        _cell(attribution.cue),
        attribution.kind,
        f"{attribution.confidence:.2f}",
        _cell(attribution.content),
    )


def _cell(span: Optional[TextSpan]) -> str:
    return " ".join(span.text.split()) if span is not None else MISSING


class TextWriter(Writer):
    """Write each article as a heading line and a table of its attributions.

    ``width`` is the line width to fit (default: the terminal's, at least
    :data:`MIN_WIDTH`). The article text itself is not shown, so ``include_text``
    has no effect.
    """

    name = "text"

    def __init__(self, stream: TextIO, include_text: bool = True, width: Optional[int] = None):
        super().__init__(stream, include_text)
        self.width = width or max(MIN_WIDTH, shutil.get_terminal_size().columns)
        self._count = 0

    def write(self, article: Article) -> None:
        """Write the article's heading and table, after a blank line if not the first."""
        lines = [] if self._count == 0 else [""]
        heading = [article.id] + ([article.title] if article.title else [])
        heading.append(f"({count_label(len(article.attributions))})")
        lines.append(_GAP.join(heading))
        if article.attributions:
            lines.append("")
            lines.extend(self._table([table_row(a) for a in article.attributions]))
        self.stream.write("\n".join(lines) + "\n")
        self._count += 1

    def _table(self, rows: Sequence[Tuple[str, ...]]) -> List[str]:
        widths = self._column_widths(rows)
        rule = tuple("─" * w for w in widths)
        lines = self._row_lines(TABLE_COLUMNS, widths) + self._row_lines(rule, widths)
        for row in rows:
            lines.extend(self._row_lines(row, widths))
        return lines

    def _column_widths(self, rows: Sequence[Tuple[str, ...]]) -> List[int]:
        """Give every column its natural width, then fit source, cue and content.

        Source and cue get at most 3/10 and 1/5 of the room left by the other
        columns (but 8 and 12 characters in any case); content takes the rest.
        """
        table = (TABLE_COLUMNS, *rows)
        widths = [max(len(cells[i]) for cells in table) for i in range(len(TABLE_COLUMNS))]
        fixed = len(_INDENT) + len(_GAP) * 5 + widths[0] + widths[3] + widths[4]
        room = self.width - fixed
        widths[1] = min(widths[1], max(8, room * 3 // 10))
        widths[2] = min(widths[2], max(12, room // 5))
        widths[5] = min(widths[5], max(10, room - widths[1] - widths[2]))
        return widths

    @staticmethod
    def _row_lines(cells: Sequence[str], widths: Sequence[int]) -> List[str]:
        """Return the table lines of one row, each cell wrapped to its column."""
        wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths)]
        lines = []
        for i in range(max(len(w) for w in wrapped)):
            parts = []
            for col, (cell_lines, w) in enumerate(zip(wrapped, widths)):
                part = cell_lines[i] if i < len(cell_lines) else ""
                parts.append(part.rjust(w) if col in NUMERIC_COLUMNS else part.ljust(w))
            lines.append((_INDENT + _GAP.join(parts)).rstrip())
        return lines

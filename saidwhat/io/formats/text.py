"""``text`` output: a plain table of the attributions, for a person at a terminal.

Each article gets a heading line, one row per attribution and, when it has any, a
table of its speakers. The attribution table leads with the resolved speaker: its
name, ``(a spokeswoman)`` in parentheses for a speaker the article never names, or
``—`` for none; the source as written follows in quotes on the next line of the
cell when it says something else ("she", "Secretary of State Mike Pompeo"). The cue
cell adds the addressee (``told → reporters``), the setting and the means, and marks
a report inside a report (``in #5``) and a quote paragraph with no cue of its own
that continues its speaker's quote (``(continued)``). Long cells wrap within their
column so the tables stay aligned at the given width. No colour codes, so the output
can be piped.

The cell helpers here (:func:`table_row`, :func:`speaker_label`,
:func:`speaker_description`, :func:`cue_lines`...) are shared with the ``html`` format.
"""
from __future__ import annotations

import shutil
import textwrap
from typing import List, Optional, Sequence, TextIO, Tuple

from ...schema import Article, Attribution, Speaker, TextSpan
from .base import Writer

#: Column headings of the attribution table (shared with the ``html`` format).
TABLE_COLUMNS = ("#", "speaker", "cue", "kind", "conf", "content")
#: Positions of the columns aligned right: the number and the confidence.
NUMERIC_COLUMNS = (0, 4)
#: Column headings of the speakers table under the attribution table.
SPEAKER_COLUMNS = ("speaker", "type", "attributions", "title")
#: Positions of the speakers table's columns aligned right: the count.
SPEAKER_NUMERIC_COLUMNS = (2,)
#: Shown in the table where an attribution has no speaker or cue.
MISSING = "—"
#: The cue cell of a quote paragraph that continues its speaker's quote without a cue.
CONTINUED = "(continued)"
#: Separates the lines of one table cell (each line wraps on its own).
CELL_LINE_BREAK = "\n"
MIN_WIDTH = 80

_GAP = "  "
_INDENT = "  "


def count_label(n: int) -> str:
    """Return how many attributions an article has, in words: "2 attributions"."""
    if n == 0:
        return "no attributions found"
    return f"{n} attribution{'' if n == 1 else 's'}"


def one_line(text: str) -> str:
    """Return ``text`` with its whitespace (newlines included) collapsed to single spaces."""
    return " ".join(text.split())


def speaker_label(speaker: Optional[Speaker]) -> str:
    """Return how the tables name ``speaker``.

    Takes a :class:`Speaker` or ``None``; returns its name ("Donald Trump"), the
    title or source phrase in parentheses when the article never names it
    ("(a spokeswoman)"; without either, its first mention, "(unnamed “they”)", so that
    two speakers known only by pronouns read apart), or :data:`MISSING` for ``None``.
    """
    if speaker is None:
        return MISSING
    if speaker.name:
        return one_line(speaker.name)
    if speaker.title:
        return f"({one_line(speaker.title)})"
    return f"(unnamed \u201c{one_line(speaker.mentions[0].text)}\u201d)" if speaker.mentions else "(unnamed)"


def speaker_description(speaker: Optional[Speaker]) -> str:
    """Return ``speaker`` described for a hover: its label and type.

    Takes a :class:`Speaker` or ``None``; returns "Donald Trump (person)", "a
    spokeswoman (unnamed person)" for a speaker without a name, or "no speaker".
    """
    if speaker is None:
        return "no speaker"
    if speaker.name:
        return f"{one_line(speaker.name)} ({speaker.type})"
    label = one_line(speaker.title) if speaker.title else "someone"
    return f"{label} (unnamed {speaker.type})"


def source_as_written(attribution: Attribution) -> Optional[str]:
    """Return the attribution's source text on one line when it differs from its speaker's label.

    Takes an :class:`Attribution`; returns ``None`` when it has no source or the
    source reads the same as :func:`speaker_label` gives (case and the parentheses
    of an unnamed speaker aside), so the table does not say the same thing twice.
    """
    if attribution.source is None:
        return None
    source = one_line(attribution.source.text)
    label = speaker_label(attribution.speaker)
    if attribution.speaker is not None and not attribution.speaker.name:
        label = label[1:-1]
    return None if source.casefold() == label.casefold() else source


def speaker_lines(attribution: Attribution) -> List[str]:
    """Return the lines of an attribution's speaker cell.

    Takes an :class:`Attribution`; returns its :func:`speaker_label`, then the source
    as written in quotes (“she”) when :func:`source_as_written` gives one.
    """
    lines = [speaker_label(attribution.speaker)]
    source = source_as_written(attribution)
    if source is not None:
        lines.append(f"“{source}”")
    return lines


def cue_lines(attribution: Attribution) -> List[str]:
    """Return the lines of an attribution's cue cell.

    Takes an :class:`Attribution`; returns the cue with its addressee ("told →
    reporters"; :data:`CONTINUED` for a continued quote without a cue, :data:`MISSING`
    for another one without), then the setting ("at a news conference") and the
    means ("through an interpreter") as written, then "in #5" for a report inside
    attribution 5's content.
    """
    if attribution.cue is not None:
        cue = one_line(attribution.cue.text)
    else:
        cue = CONTINUED if attribution.continued else MISSING
    if attribution.to is not None:
        cue = f"{cue} → {one_line(attribution.to.text)}"
    lines = [cue]
    lines += [one_line(span.text) for span in (attribution.where, attribution.how) if span]
    if attribution.parent is not None:
        lines.append(f"in #{attribution.parent}")
    return lines


def table_row(attribution: Attribution) -> Tuple[str, ...]:
    """Return the attribution's cells under :data:`TABLE_COLUMNS`, as display text.

    Takes an :class:`Attribution`; returns one string per column. The speaker and cue
    cells hold the lines of :func:`speaker_lines` and :func:`cue_lines` joined by
    :data:`CELL_LINE_BREAK`; whitespace within a line (newlines included) is
    collapsed to single spaces and fragments are joined as in :attr:`TextSpan.text`.
    """
    return (
        str(attribution.id),
        CELL_LINE_BREAK.join(speaker_lines(attribution)),
        CELL_LINE_BREAK.join(cue_lines(attribution)),
        attribution.kind,
        f"{attribution.confidence:.2f}",
        _cell(attribution.content),
    )


def speaker_row(speaker: Speaker) -> Tuple[str, ...]:
    """Return a speaker's cells under :data:`SPEAKER_COLUMNS`, as display text.

    Takes a :class:`Speaker`; returns its :func:`speaker_label`, type, number of
    attributions and title (empty for an unnamed speaker, whose label is its title).
    """
    title = one_line(speaker.title) if speaker.title and speaker.name else ""
    return (speaker_label(speaker), speaker.type, str(speaker.attributions), title)


def _cell(span: Optional[TextSpan]) -> str:
    return one_line(span.text) if span is not None else MISSING


class TextWriter(Writer):
    """Write each article as a heading line, a table of its attributions and one of its speakers.

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
        """Write the article's heading and tables, after a blank line if not the first."""
        lines = [] if self._count == 0 else [""]
        heading = [article.id] + ([article.title] if article.title else [])
        heading.append(f"({count_label(len(article.attributions))})")
        lines.append(_GAP.join(heading))
        if article.attributions:
            rows = [table_row(a) for a in article.attributions]
            lines.append("")
            lines.extend(
                _table(TABLE_COLUMNS, rows, self._column_widths(rows), NUMERIC_COLUMNS)
            )
        if article.speakers:
            rows = [speaker_row(s) for s in article.speakers]
            lines.append("")
            lines.extend(
                _table(SPEAKER_COLUMNS, rows, self._speaker_widths(rows), SPEAKER_NUMERIC_COLUMNS)
            )
        self.stream.write("\n".join(lines) + "\n")
        self._count += 1

    def _column_widths(self, rows: Sequence[Tuple[str, ...]]) -> List[int]:
        """Give every column its natural width, then fit speaker, cue and content.

        Speaker and cue get at most 3/10 and 1/5 of the room left by the other
        columns (but 8 and 12 characters in any case); content takes the rest.
        """
        widths = _natural_widths(TABLE_COLUMNS, rows)
        fixed = len(_INDENT) + len(_GAP) * 5 + widths[0] + widths[3] + widths[4]
        room = self.width - fixed
        widths[1] = min(widths[1], max(8, room * 3 // 10))
        widths[2] = min(widths[2], max(12, room // 5))
        widths[5] = min(widths[5], max(10, room - widths[1] - widths[2]))
        return widths

    def _speaker_widths(self, rows: Sequence[Tuple[str, ...]]) -> List[int]:
        """Give every column its natural width, then fit the speaker and the title.

        The speaker gets at most half the room left by type and count (but 8
        characters in any case); the title takes the rest (but 10 in any case).
        """
        widths = _natural_widths(SPEAKER_COLUMNS, rows)
        room = self.width - len(_INDENT) - len(_GAP) * 3 - widths[1] - widths[2]
        widths[0] = min(widths[0], max(8, room // 2))
        widths[3] = min(widths[3], max(10, room - widths[0]))
        return widths


def _natural_widths(headings: Sequence[str], rows: Sequence[Tuple[str, ...]]) -> List[int]:
    """Return the width of each column's longest heading or cell line."""
    table = (tuple(headings), *rows)
    return [
        max(len(line) for cells in table for line in cells[i].split(CELL_LINE_BREAK))
        for i in range(len(headings))
    ]


def _table(
    headings: Sequence[str],
    rows: Sequence[Tuple[str, ...]],
    widths: Sequence[int],
    numeric: Sequence[int],
) -> List[str]:
    """Return the lines of a table: headings, a rule, then each row wrapped to ``widths``."""
    rule = tuple("─" * w for w in widths)
    lines = _row_lines(headings, widths, numeric) + _row_lines(rule, widths, numeric)
    for row in rows:
        lines.extend(_row_lines(row, widths, numeric))
    return lines


def _row_lines(cells: Sequence[str], widths: Sequence[int], numeric: Sequence[int]) -> List[str]:
    """Return the table lines of one row, each line of each cell wrapped to its column."""
    wrapped = [
        [part for line in c.split(CELL_LINE_BREAK) for part in textwrap.wrap(line, w) or [""]]
        for c, w in zip(cells, widths)
    ]
    lines = []
    for i in range(max(len(w) for w in wrapped)):
        parts = []
        for col, (cell_lines, w) in enumerate(zip(wrapped, widths)):
            part = cell_lines[i] if i < len(cell_lines) else ""
            parts.append(part.rjust(w) if col in numeric else part.ljust(w))
        lines.append((_INDENT + _GAP.join(parts)).rstrip())
    return lines

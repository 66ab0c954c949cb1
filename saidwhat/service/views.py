"""What the pages draw beside articles: a speaker's quotes per week as bars of an inline
SVG chart, and an occurrence's wording against the first appearance's, word by word."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable, List, Optional, Tuple

#: The chart's size in SVG units (it scales to the page's width).
CHART_WIDTH, CHART_HEIGHT = 600, 120
#: The widest a bar is drawn, however few the weeks.
MAX_BAR = 48
#: Space under the bars for the first and last week's dates.
AXIS_HEIGHT = 18


@dataclass
class Bar:
    """One week's bar: its x, width, y and height in the chart, the week's Monday and count."""

    x: float
    width: float
    y: float
    height: float
    week: dt.date
    count: int


@dataclass
class Timeline:
    """The chart of quotes per week: its bars, the first and last weeks, the most in a week."""

    bars: List[Bar]
    first: dt.date
    last: dt.date
    most: int
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    axis: int = AXIS_HEIGHT


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def timeline(dates: Iterable[Optional[dt.date]]) -> Optional[Timeline]:
    """The chart of how many of ``dates`` fall in each week from the first to the last
    (weeks without any get no bar but keep their place); None without a date."""
    weeks: dict = {}
    for day in dates:
        if day is not None:
            weeks[week_of(day)] = weeks.get(week_of(day), 0) + 1
    if not weeks:
        return None
    first, last = min(weeks), max(weeks)
    slots = (last - first).days // 7 + 1
    step = CHART_WIDTH / slots
    most = max(weeks.values())
    plot = CHART_HEIGHT - AXIS_HEIGHT
    bars = []
    for week, count in sorted(weeks.items()):
        height = max(2.0, plot * count / most)
        x = (week - first).days // 7 * step
        width = min(step * 0.8, MAX_BAR)
        bars.append(Bar(round(x + (step - width) / 2, 1), round(width, 1), round(plot - height, 1), round(height, 1),
                        week, count))
    return Timeline(bars, first, last, most)


def word_diff(before: str, after: str) -> List[Tuple[str, str]]:
    """``after``'s words against ``before``'s, in order, as ``(op, words)`` pairs: ``same``,
    ``added`` (in ``after`` only) and ``dropped`` (in ``before`` only); case and the
    punctuation around a word do not make it differ."""
    old, new = before.split(), after.split()
    matcher = SequenceMatcher(None, [_folded(w) for w in old], [_folded(w) for w in new], autojunk=False)
    out: List[Tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            out.append(("dropped", " ".join(old[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(new[j1:j2])))
    return out


def _folded(word: str) -> str:
    """A word without its case and the punctuation around it."""
    return "".join(c for c in word.casefold() if c.isalnum()) or word

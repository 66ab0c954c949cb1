"""Spans of an article, each with what it belongs to, indexed to find those around a
span or inside one without a look at every span: a paragraph of a thousand quotes
then costs a thousand look-ups, not a million pairs."""
from __future__ import annotations

import bisect
import itertools
from typing import Generic, Iterable, Iterator, List, Optional, Tuple, TypeVar

from ..schema import Offsets

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """``(span, owner)`` pairs sorted by start; ``reach[k]`` is the furthest end of the
    first ``k + 1``, so a search backwards stops where no earlier span reaches."""

    def __init__(self, pairs: Iterable[Tuple[Offsets, T]]):
        self.pairs = sorted(pairs, key=lambda pair: tuple(pair[0]))
        self.starts = [span[0] for span, _ in self.pairs]
        self.reach: List[int] = list(itertools.accumulate((span[1] for span, _ in self.pairs), max))

    def covering(self, span: Optional[Offsets]) -> Iterator[T]:
        """The owners of the spans that hold ``span`` whole, latest start first."""
        if span is None:
            return
        k = bisect.bisect_right(self.starts, span[0]) - 1
        while k >= 0 and self.reach[k] >= span[1]:
            (_, end), owner = self.pairs[k]
            if end >= span[1]:
                yield owner
            k -= 1

    def within(self, span: Offsets) -> Iterator[T]:
        """The owners of the spans that lie inside ``span``, by start."""
        k = bisect.bisect_left(self.starts, span[0])
        while k < len(self.pairs) and self.starts[k] < span[1]:
            (_, end), owner = self.pairs[k]
            if end <= span[1]:
                yield owner
            k += 1

"""One attribution as the rules and the model find it: :class:`Found`, character
offsets into ``doc.text``, with the measured confidence of the rule that made it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from ..schema import Offsets
from .quotes import QUOTE_MARKS, Quote

# A quote paragraph that continues the previous speaker's quote: the confidence of the
# attribution it continues, times this.
CONTINUED_FACTOR = 0.8

# Confidence of each rule: the share of its output that is who-said-what correct (matched
# to a gold attribution by content Dice >= 0.5, one-to-one as the reference scorer does,
# with the right source), measured on PolNeAR TRAIN (840 articles; dev was kept out) by
# running find_attributions on the pipeline's Docs, add-one smoothed:
# (correct + 1) / (predictions + 2). Number of train predictions in the comments.
# Reproduce with: benchmarks/accuracy.py ../shared/data/polnear/train --by-rule
RULE_CONFIDENCE: Dict[str, float] = {
    "quote-cue-after": 0.94,  # 2615
    "quote-according-to": 0.89,  # 25
    "clause-around-cue": 0.89,  # 155
    "quote-in-clause": 0.87,  # 52
    "according-to": 0.86,  # 378
    "quote-cue-before": 0.84,  # 510
    "speaker-turn": 0.83,  # 4
    "quote-dash": 0.80,  # 8
    "clause": 0.76,  # 6052
    "quote-colon-paragraph": 0.73,  # 20
    "clause-before-cue": 0.71,  # 36
    "quoted-complement": 0.70,  # 516
    "quote-colon": 0.64,  # 43
    "infinitive": 0.58,  # 788
    "nominal": 0.52,  # 81
    "clause-cut-off": 0.41,  # 15
    "quote-no-cue": 0.02,  # 92: the speaker is never known
}


@dataclass
class Found:
    """One attribution found in a Doc, as character offsets into ``doc.text``."""

    content: List[Offsets]
    cue: Optional[Offsets]
    source: Optional[Offsets]
    rule: str
    cue_token: Optional[int] = None
    quotes: List[Quote] = field(default_factory=list)
    parent: Optional["Found"] = None
    continues: Optional["Found"] = None

    @property
    def start(self) -> int:
        """Offset where the content starts."""
        return min(s for s, _ in self.content)

    def kind(self, text: str) -> str:
        """Return ``"direct"``, ``"mixed"`` or ``"indirect"`` for this content in ``text``.

        Direct: every fragment lies in a quotation; mixed: quotation marks inside
        reported speech; indirect: no marks.
        """
        frags = [frag for q in self.quotes for frag in q.fragments]
        if frags and all(any(qs <= s and e <= qe for qs, qe in frags) for s, e in self.content):
            return "direct"
        if any(ch in QUOTE_MARKS for s, e in self.content for ch in text[s:e]):
            return "mixed"
        return "indirect"

    @property
    def confidence(self) -> float:
        """How likely the attribution is right: for a quote that continues another, that
        one's confidence times :data:`CONTINUED_FACTOR`, else :attr:`own_confidence`."""
        if self.continues is not None:
            return self.continues.confidence * CONTINUED_FACTOR
        return self.own_confidence

    @property
    def own_confidence(self) -> float:
        """The rule's measured precision."""
        return RULE_CONFIDENCE[self.rule]

    def covers(self, span: Optional[Offsets]) -> bool:
        """True if ``span`` lies within one fragment of this content."""
        return span is not None and any(s <= span[0] and span[1] <= e for s, e in self.content)


def kept_with_parents(items: Sequence[Found], keep: Callable[[Found], bool]) -> List[Found]:
    """The items of ``items`` for which ``keep`` holds, a nested one only if its parent is
    among ``items`` and kept too."""
    present = {id(f) for f in items}
    decided: Dict[int, bool] = {}

    def kept(item: Found) -> bool:
        if id(item) not in decided:
            parent = item.parent
            decided[id(item)] = keep(item) and (parent is None or (id(parent) in present and kept(parent)))
        return decided[id(item)]

    return [f for f in items if kept(f)]

"""The model's attributions together with the rules'.

The best combination measured on PolNeAR dev (docs/model.md): every attribution the
model finds, plus each rule attribution whose content overlaps none of the model's by
more than :data:`MAX_SHARED` of its own characters; a model attribution found without a
source takes the source a rule gives the same content.
"""
from __future__ import annotations

from typing import List, Sequence

from ..extract.found import Found
from .decoding import content_chars

# The largest share of an added attribution's content characters that may lie in a kept content.
MAX_SHARED = 0.3


def merge(base: Sequence[Found], extra: Sequence[Found]) -> List[Found]:
    """Return ``base`` plus the items of ``extra`` whose content overlaps no base content
    by more than :data:`MAX_SHARED` of its own characters, ordered by content start."""
    out = list(base)
    taken = [content_chars(f) for f in base]
    for item in extra:
        chars = content_chars(item)
        if not any(len(chars & other) > MAX_SHARED * len(chars) for other in taken):
            out.append(item)
    out.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return out


# How alike a rule's content must be to a model attribution's for its source to fill one
# the model left empty (Dice over characters).
SAME_CONTENT_DICE = 0.5


def fill_sources(model: Sequence[Found], rules: Sequence[Found]) -> None:
    """Give each model attribution found without a source the source of the rule
    attribution with about the same content (Dice >= :data:`SAME_CONTENT_DICE`), if that
    source lies outside the content."""
    ruled = [(content_chars(r), r) for r in rules if r.source is not None]
    for item in model:
        if item.source is not None:
            continue
        chars = content_chars(item)
        for other, rule in ruled:
            start, end = rule.source
            if (2 * len(chars & other) >= SAME_CONTENT_DICE * (len(chars) + len(other))
                    and not any(start < e and s < end for s, e in item.content)):
                item.source = rule.source
                break


def combine(rules: Sequence[Found], model: Sequence[Found]) -> List[Found]:
    """Return the model's attributions, sources they lack filled from the rules', plus the
    rules' attributions that add new content."""
    fill_sources(model, rules)
    return merge(model, rules)

"""The model's attributions together with the rules'.

The best combination measured on PolNeAR dev (docs/model.md): every attribution the
model finds, plus each rule attribution whose content overlaps none of the model's by
more than :data:`MAX_SHARED` of its own characters.
"""
from __future__ import annotations

from typing import List, Sequence

from ..extractor import Found
from .tagger import content_chars

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


def combine(rules: Sequence[Found], model: Sequence[Found]) -> List[Found]:
    """Return the model's attributions plus the rules' that add new content."""
    return merge(model, rules)

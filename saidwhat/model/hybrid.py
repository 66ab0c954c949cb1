"""Rules first, then the CRF model for what the rules miss.

The best combination measured on PolNeAR dev: every attribution the rules find, plus
each CRF attribution whose content overlaps none of theirs by more than
:data:`MAX_SHARED` of its own characters.
"""
from __future__ import annotations

from typing import List, Sequence, Set

from spacy.tokens import Doc

from ..extractor import Found, find_attributions
from .crf import CRFModel

# The largest share of a CRF content's characters that may lie in a rule's content.
MAX_SHARED = 0.3


def _chars(found: Found) -> Set[int]:
    """Return the character positions the content of ``found`` covers."""
    return {c for start, end in found.content for c in range(start, end)}


def merge(base: Sequence[Found], extra: Sequence[Found], max_shared: float = MAX_SHARED) -> List[Found]:
    """Return ``base`` plus the items of ``extra`` whose content overlaps no base content
    by more than ``max_shared`` of its own characters, ordered by content start."""
    out = list(base)
    taken = [_chars(f) for f in base]
    for item in extra:
        chars = _chars(item)
        if not any(len(chars & other) > max_shared * len(chars) for other in taken):
            out.append(item)
    out.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return out


def find_hybrid(doc: Doc, model: CRFModel) -> List[Found]:
    """Return the rules' attributions of ``doc`` plus the CRF's that add new content."""
    return merge(find_attributions(doc), model.predict(doc))

"""Rules first, then the CRF model for what the rules miss.

The best combination measured on PolNeAR dev: every attribution the rules find, plus
each CRF attribution whose content overlaps none of theirs by more than
:data:`MAX_SHARED` of its own characters.
"""
from __future__ import annotations

from typing import List, Sequence

from spacy.tokens import Doc

from ..extractor import Found, find_attributions
from .crf import CRFModel, content_chars

# The largest share of a CRF content's characters that may lie in a rule's content.
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


def find_hybrid(doc: Doc, model: CRFModel) -> List[Found]:
    """Return the rules' attributions of ``doc`` plus the CRF's that add new content."""
    return merge(find_attributions(doc), model.predict(doc))

"""Whether an occurrence of a quote alters its words, and how.

:func:`alteration` compares an occurrence with the quote's first appearance word by word
(:func:`~saidwhat.store.words.quote_words`, :class:`difflib.SequenceMatcher`). What
normalisation folds is no alteration: case, punctuation, curly or straight quotes. Nor is
what an editor signals: words missing where the occurrence has an ellipsis or a bracket,
or words an occurrence restores where the original had one. Nor is an excerpt: words
missing or added at either end (quoting less or more of the same passage). Anything else
is: words ``added``, ``dropped`` or ``changed`` inside the quote, each listed with its
words.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

from .words import GAP, quote_words

Words = Union[str, Sequence[str]]

_OPS = {"insert": "added", "delete": "dropped", "replace": "changed"}


@dataclass(frozen=True)
class Change:
    """One difference: ``op`` is ``added``, ``dropped`` or ``changed``; ``before`` the
    original's words (empty when added), ``after`` the occurrence's (empty when dropped)."""

    op: str
    before: Tuple[str, ...]
    after: Tuple[str, ...]

    def __str__(self) -> str:
        if self.op == "added":
            return f"added '{' '.join(self.after)}'"
        if self.op == "dropped":
            return f"dropped '{' '.join(self.before)}'"
        return f"changed '{' '.join(self.before)}' to '{' '.join(self.after)}'"

    def to_dict(self) -> Dict[str, object]:
        """Return ``{"op", "before", "after"}`` with word lists."""
        return {"op": self.op, "before": list(self.before), "after": list(self.after)}


@dataclass(frozen=True)
class Alteration:
    """How an occurrence alters the words of the first appearance: its changes in text
    order; ``str()`` reads ``changed 'will' to 'would'; dropped 'very'``."""

    changes: Tuple[Change, ...]

    def __str__(self) -> str:
        return "; ".join(str(change) for change in self.changes)

    def to_dict(self) -> Dict[str, object]:
        """Return ``{"changes": [...], "text": str(self)}``."""
        return {"changes": [c.to_dict() for c in self.changes], "text": str(self)}


def _words_and_gaps(words: Words) -> Tuple[List[str], Set[int]]:
    """The words of a text or word sequence and the positions of its gaps: ``k`` when a
    gap stands just before word ``k``."""
    if isinstance(words, str):
        words = quote_words(words)
    plain: List[str] = []
    gaps: Set[int] = set()
    for word in words:
        if word == GAP:
            gaps.add(len(plain))
        else:
            plain.append(word)
    return plain, gaps


def _beside_gap(words: Sequence[str], start: int, end: int, at: int, gaps: Set[int]) -> bool:
    """True if the block ``words[start:end]``, missing from the other side at its
    position ``at``, stands beside one of the other side's ``gaps`` there or once slid
    over the words it repeats ("before the next flood, before the next fire" is the
    same block wherever a diff puts it)."""
    if at in gaps:
        return True
    for shift in range(1, start + 1):  # slide left while the block's end repeats
        if words[start - shift] != words[end - shift]:
            break
        if at - shift in gaps:
            return True
    for shift in range(1, len(words) - end + 1):  # slide right while its start repeats
        if words[start + shift - 1] != words[end + shift - 1]:
            break
        if at + shift in gaps:
            return True
    return False


def _excused(tag: str, span: Tuple[int, int, int, int], words: Tuple[List[str], List[str]],
             gaps: Tuple[Set[int], Set[int]]) -> bool:
    """True if one opcode of the diff is no alteration: an excerpt's end, or words an
    ellipsis or bracket signals (see the module)."""
    i1, i2, j1, j2 = span
    if tag == "replace":
        return False
    if (i1 == 0 and j1 == 0) or (i2 == len(words[0]) and j2 == len(words[1])):
        return True
    if tag == "delete":
        return _beside_gap(words[0], i1, i2, j1, gaps[1])
    return _beside_gap(words[1], j1, j2, i1, gaps[0])


def alteration(original: Words, other: Words) -> Optional[Alteration]:
    """Return how ``other`` alters the words of ``original`` (texts, or words from
    :func:`~saidwhat.store.words.quote_words`), None when it does not."""
    a, a_gaps = _words_and_gaps(original)
    b, b_gaps = _words_and_gaps(other)
    if a == b:
        return None
    changes = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or _excused(tag, (i1, i2, j1, j2), (a, b), (a_gaps, b_gaps)):
            continue
        changes.append(Change(_OPS[tag], tuple(a[i1:i2]), tuple(b[j1:j2])))
    return Alteration(tuple(changes)) if changes else None

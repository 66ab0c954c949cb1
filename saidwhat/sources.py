"""Finding sources: who, as written in the text, said or thinks the content.

The source of a cue verb is its subject (with appositions and relative clauses:
"Donna Brazile, the interim chairwoman of the DNC"), the agent of a passive cue
("was told by aides"), the subject it shares with a verb it is coordinated with
("stood up and said"), or the object of "according to".
"""
from __future__ import annotations

from typing import Optional, Tuple

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj",)
TRIM = frozenset(",;:-\u2014\u2013\"'\u201c\u201d")


def source_extent(cue: Token) -> Optional[Tuple[int, int]]:
    """Return ``(start, end)`` offsets of the source of cue verb ``cue``, or None."""
    head = _source_head(cue)
    if head is None:
        return None
    return phrase_extent(head)


def phrase_extent(head: Token) -> Tuple[int, int]:
    """Return ``(start, end)`` offsets of the phrase headed by ``head``, edge punctuation trimmed."""
    tokens = list(head.subtree)
    while len(tokens) > 1 and (tokens[-1].text in TRIM or tokens[-1].is_space):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].text in TRIM or tokens[0].is_space):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _source_head(cue: Token) -> Optional[Token]:
    seen = 0
    verb = cue
    while verb is not None and seen < 3:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        # "stood up and said": the subject sits on the first verb of the coordination;
        # "wants to say", "chimed in, saying": on the governing verb.
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None

"""Runs of tokens as character offsets: a clause between two offsets, a run's extent,
a run trimmed of the punctuation at its edges."""
from __future__ import annotations

from typing import List, Optional, Sequence

from spacy.tokens import Doc, Token

from ..schema import Offsets

# Tokens that end the clause a cue must sit in.
TERMINALS = frozenset((".", "?", "!"))
# Punctuation trimmed from the edges of a reported clause.
EDGE_PUNCT = frozenset(",;:-\u2014\u2013")


def clause_tokens(doc: Doc, start: int, end: int, backwards: bool = False) -> List[Token]:
    """Tokens between two offsets, cut at the first sentence end (the last when ``backwards``)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    tokens = [t for t in span if not t.is_space]
    if backwards:
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k].text in TERMINALS:
                return tokens[k + 1:]
        return tokens
    for k, t in enumerate(tokens):
        if t.text in TERMINALS:
            return tokens[:k]
    return tokens


def extent(tokens: Sequence[Token]) -> Offsets:
    """Offsets from the first to the last of ``tokens``."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trimmed(tokens: List[Token]) -> Optional[Offsets]:
    """Offsets of a token run with edge punctuation, spaces and final full stops removed."""
    while tokens and (tokens[-1].text in EDGE_PUNCT or tokens[-1].is_space or tokens[-1].text == "."):
        tokens = tokens[:-1]
    while tokens and (tokens[0].text in EDGE_PUNCT or tokens[0].is_space):
        tokens = tokens[1:]
    if not tokens or not any(t.is_alpha for t in tokens):
        return None
    return extent(tokens)

"""Cheap reads of a parsed Doc: its text, read once, and the few tokens worth a look.

spaCy builds ``Doc.text`` by joining every token each time it is read, which costs a
few milliseconds per article; the rules, the model, nesting and speakers all need it.
:func:`doc_text` keeps it beside the Doc (weakly: it goes with the Doc, and nothing is
added to what the Doc serialises) while the Doc's tokens still end where the text ends.

Walking a Doc makes a Python object of every token. The rules and speakers look for
words of a lexicon ("said", "father", "statement"); :func:`token_indices` finds them
from the Doc's arrays instead, each distinct word looked up once.
"""
from __future__ import annotations

import weakref
from typing import AbstractSet, List

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, built once per Doc."""
    text = _TEXTS.get(doc)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:
        text = _TEXTS[doc] = doc.text
    return text


def token_indices(doc: Doc, lemmas: AbstractSet[str] = frozenset(), lowers: AbstractSet[str] = frozenset()) -> List[int]:
    """Return, in order, the indices of the tokens of ``doc`` whose lower-cased lemma is in
    ``lemmas`` or whose lower-cased form is in ``lowers``."""
    if not len(doc) or not (lemmas or lowers):
        return []
    keys = doc.to_array([LEMMA, LOWER])
    strings = doc.vocab.strings
    hit = numpy.zeros(len(doc), dtype=bool)
    for column, words in ((0, lemmas), (1, lowers)):
        if words:
            wanted = [k for k in numpy.unique(keys[:, column]).tolist() if k and strings[k].lower() in words]
            hit |= numpy.isin(keys[:, column], wanted)
    return numpy.flatnonzero(hit).tolist()


def line_breaks(doc: Doc) -> List[int]:
    """Return, in order, the indices of the tokens of ``doc`` that hold a line break."""
    if not len(doc):
        return []
    keys = doc.to_array(ORTH)
    strings = doc.vocab.strings
    wanted = [k for k in numpy.unique(keys).tolist() if "\n" in strings[k]]
    return numpy.flatnonzero(numpy.isin(keys, wanted)).tolist()

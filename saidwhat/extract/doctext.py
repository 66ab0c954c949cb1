"""Cheap reads of a parsed Doc: its text, read once, and the few tokens worth a look.

spaCy builds ``Doc.text`` by joining every token each time it is read, which costs a
few milliseconds per article; the rules, the model, nesting and speakers all need it.
:func:`doc_text` keeps it beside the Doc (weakly: it goes with the Doc, and nothing is
added to what the Doc serialises) while the Doc's tokens still end where the text ends.

Walking a Doc makes a Python object of every token. The rules and speakers look for
words of a lexicon ("said", "father", "statement"); :func:`token_indices` finds them
from the Doc's arrays instead, through :func:`key_strings`, which looks each distinct
word up once.
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


def key_strings(doc: Doc, keys: numpy.ndarray, value=None) -> List:
    """Return, per token, the string of its spaCy string key in ``keys`` (a column of
    ``Doc.to_array``), or ``value`` of it; each distinct key is looked up once."""
    unique, inverse = numpy.unique(keys, return_inverse=True)
    strings = doc.vocab.strings
    values = [strings[k] if k else "" for k in unique.tolist()]
    if value is not None:
        values = [value(v) for v in values]
    return [values[k] for k in inverse.reshape(-1).tolist()]


def token_indices(doc: Doc, lemmas: AbstractSet[str] = frozenset(), lowers: AbstractSet[str] = frozenset()) -> List[int]:
    """Return, in order, the indices of the tokens of ``doc`` whose lower-cased lemma is in
    ``lemmas`` or whose lower-cased form is in ``lowers``."""
    if not len(doc) or not (lemmas or lowers):
        return []
    keys = doc.to_array([LEMMA, LOWER])
    hit = numpy.zeros(len(doc), dtype=bool)
    if lemmas:
        hit |= numpy.array(key_strings(doc, keys[:, 0], lambda lemma: lemma.lower() in lemmas), dtype=bool)
    if lowers:
        hit |= numpy.array(key_strings(doc, keys[:, 1], lambda lower: lower in lowers), dtype=bool)
    return numpy.flatnonzero(hit).tolist()


def line_breaks(doc: Doc) -> List[int]:
    """Return, in order, the indices of the tokens of ``doc`` that hold a line break."""
    if not len(doc):
        return []
    breaks = key_strings(doc, doc.to_array(ORTH), lambda text: "\n" in text)
    return numpy.flatnonzero(numpy.array(breaks, dtype=bool)).tolist()

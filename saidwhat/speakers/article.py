"""One parsed article as speaker resolution reads it (:class:`Article`), and a place
where an entity is mentioned (:class:`Event`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ..extract.doctext import doc_text
from ..extract.quotes import paragraphs
from .entities import Entity, NameMention
from .names import mention_index, name_chains
from .prose import QuoteIndex


@dataclass
class Event:
    """A place where an entity is mentioned, for ranking antecedents."""

    token: int
    entity: Entity
    subject: bool
    speaker: bool


class Article:
    """One parsed article: its Doc and text, its name chains, and the sentence and
    paragraph of each token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.names: List[NameMention] = name_chains(doc)
        self.by_token = mention_index(self.names)
        self.sentence = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sentence[i] = k
        self.text = doc_text(doc)
        self.quotes = QuoteIndex(self.text)
        self.paragraph_spans = paragraphs(self.text)
        starts = [s for s, _ in self.paragraph_spans]
        offsets = doc.to_array([IDX]).reshape(-1).astype(numpy.int64)
        self.paragraph = numpy.maximum(numpy.searchsorted(starts, offsets, side="right") - 1, 0).tolist()

    def dateline(self, token: Token) -> bool:
        """Whether ``token`` is a dateline's place in capitals ("MARLOW BAY —", "WASHINGTON
        (AP) —"): upper case, in the first words of its line, before a dash, comma or "("."""
        if not token.is_upper:
            return False
        doc = self.doc
        end = token.i + 1
        while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        return (end < len(doc) and doc[end].text in ("(", ",", "\u2014", "\u2013", "-", "--")
                and token.idx - self.quotes.line_start(token.idx) < 40)

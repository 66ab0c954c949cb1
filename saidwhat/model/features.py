"""What the model reads of a parsed Doc beside its words: structure and cue relations.

:class:`DocFeatures` computes once per Doc the sentence and paragraph of each token
and the quotation each token lies in, with per-token context (quotations beside it,
paragraph edges). The functions below say how a token stands to a cue: the window
stage 2 reads (:func:`window`), the parse relation (:func:`relation`), the quotations
beside the cue (:func:`adjacent_quotes`).
"""
from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import numpy
from spacy.tokens import Doc, Token

from ..cues import INTENDING, NOMINAL, QUOTING, REPORTING, SPEECH, reporting_kind
from ..quotes import Quote, find_quotes

Features = List[str]
# A categorical column over a token range: its distinct labels and, per token, a label's index.
Column = Tuple[List[str], numpy.ndarray]
# How many tokens may stand between a cue and a quotation it introduces or follows.
ADJACENT_QUOTE_GAP = 8
# Token distances to the cue are put in these buckets (upper bounds).
DISTANCE_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20, 35, 60)


def shape(text: str) -> str:
    """Return a short word shape: ``Xx``, ``x``, ``X``, ``d``, ``p`` or a mix."""
    classes = []
    for ch in text[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "p"
        if not classes or classes[-1] != c:
            classes.append(c)
    return "".join(classes)


# The distance labels, signed: "+0" ... "+60", "+>60", then "-0" ... "-60", "->60".
_BOUNDS = numpy.array(DISTANCE_BUCKETS)
_BUCKET_LABELS = [f"{sign}{b}" for sign in "+-" for b in list(DISTANCE_BUCKETS) + [f">{DISTANCE_BUCKETS[-1]}"]]


def bucket_column(distances: numpy.ndarray) -> Column:
    """Return the signed bucket labels of an array of token distances as a column: each
    distance goes to the smallest bound of :data:`DISTANCE_BUCKETS` at or above it
    (``-3``, ``+8``, ``+>60``)."""
    codes = numpy.searchsorted(_BOUNDS, numpy.abs(distances), side="left")
    codes = codes + numpy.where(distances < 0, len(DISTANCE_BUCKETS) + 1, 0)
    return _BUCKET_LABELS, codes


def lexicon_flags(token: Token) -> Features:
    """Return the cue-lexicon flags of ``token`` (from :mod:`saidwhat.cues`)."""
    lemma = token.lemma_.lower()
    flags = []
    for name, lexicon in (("speech", SPEECH), ("report", REPORTING), ("intend", INTENDING),
                          ("quoting", QUOTING), ("nominal", NOMINAL)):
        if lemma in lexicon:
            flags.append("lex=" + name)
    kind = reporting_kind(token)
    if kind:
        flags.append("rkind=" + kind)
    return flags


class DocFeatures:
    """What both stages need to know about the tokens of one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        self.sent = [0] * n
        self.sents = list(doc.sents)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent[i] = k
        self.para = [0] * n
        self.para_first = [0]  # the first token of each paragraph
        para = 0
        for token in doc:
            self.para[token.i] = para
            if "\n" in token.text:
                para += 1
                self.para_first.append(token.i + 1)
        self.quotations = find_quotes(doc.text)
        self.quote = self._quote_ids(doc, self.quotations)
        self.heads = [t.head.i for t in doc]
        self.deps = [t.dep_ for t in doc]
        # Whether a token is white space, and whether it holds a line break.
        self.space = [t.is_space for t in doc]
        self.newline = [t.is_space and "\n" in t.text for t in doc]
        self.children: List[List[int]] = [[] for _ in range(n)]
        for i, head in enumerate(self.heads):
            if head != i:
                self.children[head].append(i)
        # The same as arrays, for the per-cue columns of stage 2.
        self.sent_array = numpy.array(self.sent, dtype=numpy.int64)
        self.para_array = numpy.array(self.para, dtype=numpy.int64)
        self.quote_array = numpy.array(self.quote, dtype=numpy.int64)

    @staticmethod
    def _quote_ids(doc: Doc, quotations: List[Quote]) -> List[int]:
        """Return, per token, the index of the quotation it lies in, or -1."""
        ids = [-1] * len(doc)
        for k, quote in enumerate(quotations):
            for start, end in quote.fragments:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        ids[i] = k
        return ids

    def in_quote(self, i: int) -> bool:
        """Return whether token ``i`` lies in a quotation (marks included)."""
        return self.quote[i] >= 0

    def paragraph_edge(self, i: int) -> Features:
        """Features for tokens that end their paragraph (``he said:``) or follow a quote
        at its start (``"..." ― Name``)."""
        n, space, newline = len(self.doc), self.space, self.newline
        feats = []
        j = i + 1
        while j < n and space[j] and not newline[j]:
            j += 1
        if j >= n or newline[j]:
            feats.append("para_end")
            k = j + 1
            if k < n and self.quote[k] >= 0:
                feats.append("para_end|next_quote")
        first = self.para_first[self.para[i]]
        if self.quote[first] >= 0 and self.quote[first] != self.quote[i]:
            feats.append("para_opens_with_quote")
        return feats

    def quote_context(self, i: int) -> Features:
        """Features saying whether a quotation closes just before or opens just after ``i``."""
        n = len(self.doc)
        feats = []
        for direction, name in ((-1, "qbefore"), (1, "qafter")):
            j = i + direction
            for steps in range(1, 4):
                if not 0 <= j < n or (direction < 0 and self.sent[j] != self.sent[i]):
                    break
                if self.quote[j] >= 0 and self.quote[j] != self.quote[i]:
                    feats.append(f"{name}={steps}")
                    break
                j += direction
        return feats


def cue_head(doc: Doc, cue: Sequence[int]) -> Token:
    """Return the token of ``cue`` whose head lies outside it (the first such), else its first."""
    members = set(cue)
    for i in cue:
        if doc[i].head.i not in members or doc[i].head.i == i:
            return doc[i]
    return doc[cue[0]]


def window(feats: DocFeatures, cue: Sequence[int]) -> range:
    """Return the token range stage 2 tags for ``cue``: its paragraph and the ones
    before and after it."""
    para = feats.para[cue[0]]
    lo, hi = para - 1, para + 1
    para_of = feats.para
    start = cue[0]
    while start > 0 and para_of[start - 1] >= lo:
        start -= 1
    end = cue[-1] + 1
    while end < len(para_of) and para_of[end] <= hi:
        end += 1
    return range(start, end)


def relations(feats: "DocFeatures", head: int, span: range) -> Column:
    """Return how each token of ``span`` stands to cue head ``head`` in the parse, as a column.

    ``self``: the head; ``sub:<dep>``: in the subtree of the child of ``head`` attached
    by ``dep``; ``anc:<k>``: an ancestor of ``head`` ``k`` steps up (at most 3);
    ``hsub:<dep>``: in the subtree of a sibling of ``head`` attached by ``dep``;
    ``none`` otherwise. Walks the Doc's head indices down from the head and its parent,
    not Token objects: it runs for every cue.
    """
    labels = ["none"]
    index = {"none": 0}
    codes = numpy.zeros(len(span), dtype=numpy.int64)
    start, stop = span.start, span.stop
    heads, deps, children = feats.heads, feats.deps, feats.children

    def code_of(label: str) -> int:
        if label not in index:
            index[label] = len(labels)
            labels.append(label)
        return index[label]

    def mark(token: int, label: str) -> None:
        code = code_of(label)
        stack = [token]
        while stack:
            node = stack.pop()
            if start <= node < stop:
                codes[node - start] = code
            stack.extend(children[node])

    parent = heads[head]
    if parent != head:
        for sibling in children[parent]:
            if sibling != head:
                mark(sibling, "hsub:" + deps[sibling])
    up = head
    for k in range(1, 4):
        if heads[up] == up:
            break
        up = heads[up]
        if start <= up < stop:
            codes[up - start] = code_of(f"anc:{k}")
    for child in children[head]:
        mark(child, "sub:" + deps[child])
    if start <= head < stop:
        codes[head - start] = code_of("self")
    return labels, codes


def adjacent_quotes(feats: DocFeatures, cue: Sequence[int]) -> Dict[int, str]:
    """Return ``{quote id: "before"|"after"}`` for quotations standing right beside the
    cue (at most :data:`ADJACENT_QUOTE_GAP` tokens away; the quote after a cue that ends
    its paragraph with a colon may open the next paragraph)."""
    doc, quote = feats.doc, feats.quote
    out: Dict[int, str] = {}
    j = cue[0] - 1
    while j >= 0 and cue[0] - j <= ADJACENT_QUOTE_GAP + 1 and feats.para[j] == feats.para[cue[0]]:
        if quote[j] >= 0:
            out[quote[j]] = "before"
            break
        j -= 1
    j = cue[-1] + 1
    while j < len(doc) and j - cue[-1] <= ADJACENT_QUOTE_GAP + 2:
        if quote[j] >= 0 and quote[j] not in out:
            out[quote[j]] = "after"
            break
        if feats.para[j] > feats.para[cue[-1]] + 1:
            break
        j += 1
    return out


def ends_with_colon(feats: DocFeatures, cue: Sequence[int]) -> bool:
    """Return whether the cue's paragraph ends with a colon."""
    para = feats.para[cue[-1]]
    j = cue[-1] + 1
    last = None
    while j < len(feats.para) and feats.para[j] == para:
        if not feats.space[j]:
            last = j
        j += 1
    return last is not None and feats.doc[last].text == ":"

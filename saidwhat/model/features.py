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
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, ORTH, POS, SENT_START
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from ..extract.doctext import doc_text, key_strings
from ..extract.cues import INTENDING, NOMINAL, QUOTING, REPORTING, SPEECH, reporting_kind_of
from ..extract.quotes import Quote, find_quotes

# A categorical column over a token range: its distinct labels and, per token, a label's index.
Column = Tuple[List[str], numpy.ndarray]
# How many tokens may stand between a cue and a quotation it introduces or follows.
ADJACENT_QUOTE_GAP = 8
# Token distances to the cue are put in these buckets (upper bounds).
DISTANCE_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20, 35, 60)


# Stage 2 tags at most this many tokens each side of a cue: more than any window of a
# PolNeAR train cue reaches (563 at most), so training and the shipped weights are as
# they were, and dev's output is the same byte for byte.
MAX_WINDOW_SIDE = 600

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


LEXICONS = (("speech", SPEECH), ("report", REPORTING), ("intend", INTENDING), ("quoting", QUOTING),
            ("nominal", NOMINAL))


class DocFeatures:
    """What both stages need to know about the tokens of one Doc, read off its arrays
    (no Token objects: it runs for every Doc)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        columns = doc.to_array([HEAD, DEP, ORTH, LEMMA, POS, IS_SPACE, SENT_START]).reshape(n, 7)
        self.heads: List[int] = (numpy.arange(n) + columns[:, 0].view(numpy.int64)).tolist()
        self.deps: List[str] = key_strings(doc, columns[:, 1])
        self.texts: List[str] = key_strings(doc, columns[:, 2])
        self.lemmas: List[str] = key_strings(doc, columns[:, 3], str.lower)  # lower-cased
        self.verb = columns[:, 4] == VERB
        starts = columns[:, 6].view(numpy.int64) == 1
        if n:
            starts[0] = True
        self.sent_start: List[bool] = starts.tolist()
        self.sent_starts: List[int] = numpy.flatnonzero(starts).tolist()  # the first token of each sentence
        self.sent = (numpy.cumsum(starts) - 1).tolist()
        breaks = numpy.array(["\n" in t for t in self.texts], dtype=bool)
        self.para = (numpy.cumsum(breaks) - breaks).tolist()
        self.para_first = [0] + (numpy.flatnonzero(breaks) + 1).tolist()  # the first token of each paragraph
        self.quotations = find_quotes(doc_text(doc))
        self.quote = self._quote_ids(doc, self.quotations)
        # Whether a token is white space, and whether it holds a line break.
        space = columns[:, 5] == 1
        self.space: List[bool] = space.tolist()
        self.newline: List[bool] = (space & breaks).tolist()
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

    def token_flags(self) -> Dict[str, numpy.ndarray]:
        """Return the per-token binary flags of stage 1 that the Doc alone gives, as
        boolean columns by name:

        ``lex=<lexicon>``, ``head_lex=<lexicon>``: the lemma of the token / of its head
        is in a cue lexicon of :mod:`saidwhat.extract.cues`; ``rkind``: a verb reporting through
        a clause or an infinitive (:func:`~saidwhat.extract.cues.reporting_kind`); ``inq``: in a quotation (marks
        included); ``qbefore`` / ``qafter``: another quotation closes at most 3 tokens
        before it in its sentence / opens at most 3 tokens after it; ``para_end``: only
        white space follows it in its paragraph, ``para_end|next_quote`` with a
        quotation opening the next; ``para_opens_with_quote``: its paragraph opens with
        another quotation (``"..." ― Name``); ``ccomp+nsubj``: it has a clausal
        complement and a subject; ``that_clause``: a clause with a marker hangs on it;
        ``upper``, ``title``, ``sent_start``.
        """
        n = len(self.doc)
        out: Dict[str, numpy.ndarray] = {}
        heads = numpy.array(self.heads, dtype=numpy.int64)
        for name, lexicon in LEXICONS:
            out["lex=" + name] = numpy.array([lemma in lexicon for lemma in self.lemmas], dtype=bool)
            out["head_lex=" + name] = out["lex=" + name][heads]
        dep = numpy.array(self.deps, dtype=object)
        attached = heads != numpy.arange(n)

        def has_child(*names: str) -> numpy.ndarray:
            column = numpy.zeros(n, dtype=bool)
            column[heads[attached & numpy.isin(dep, names)]] = True
            return column

        rkind = numpy.zeros(n, dtype=bool)
        for i in numpy.flatnonzero(self.verb & (has_child("ccomp") | has_child("xcomp"))).tolist():
            rkind[i] = reporting_kind_of(self.lemmas[i], {self.deps[c] for c in self.children[i]}) is not None
        out["rkind"] = rkind
        quote, sent = self.quote_array, self.sent_array
        out["inq"] = quote >= 0
        before, after = numpy.zeros(n, dtype=bool), numpy.zeros(n, dtype=bool)
        for steps in range(1, 4):
            other = (quote[:-steps] >= 0) & (quote[:-steps] != quote[steps:])  # token i - steps for i >= steps
            before[steps:] |= other & (sent[:-steps] == sent[steps:])
            other = (quote[steps:] >= 0) & (quote[steps:] != quote[:-steps])  # token i + steps for i < n - steps
            after[:-steps] |= other
        out["qbefore"], out["qafter"] = before, after
        out["para_end"], out["para_end|next_quote"] = self._paragraph_ends()
        first = numpy.array(self.para_first[:-1] if self.para_first[-1] >= n else self.para_first, dtype=numpy.int64)
        opening = quote[first][self.para_array] if n else quote
        out["para_opens_with_quote"] = (opening >= 0) & (opening != quote)
        out["ccomp+nsubj"] = has_child("ccomp") & has_child("nsubj")
        clause = numpy.zeros(n, dtype=bool)
        clause[heads[attached & has_child("mark") & numpy.isin(dep, ("acl", "ccomp"))]] = True
        out["that_clause"] = clause
        out["upper"] = numpy.array([t.isupper() for t in self.texts], dtype=bool)
        out["title"] = numpy.array([t[:1].isupper() for t in self.texts], dtype=bool)
        out["sent_start"] = numpy.array(self.sent_start, dtype=bool)
        return out

    def _paragraph_ends(self) -> Tuple[numpy.ndarray, numpy.ndarray]:
        """Return, per token, whether only white space follows it in its paragraph, and
        whether a quotation then opens the next paragraph."""
        n, space, newline, quote = len(self.doc), self.space, self.newline, self.quote
        ends, next_quote = numpy.zeros(n, dtype=bool), numpy.zeros(n, dtype=bool)
        following = n  # the next token after i that is not white space within a line
        for i in range(n - 1, -1, -1):
            if following >= n or newline[following]:
                ends[i] = True
                k = following + 1
                next_quote[i] = k < n and quote[k] >= 0
            if not (space[i] and not newline[i]):
                following = i
        return ends, next_quote


def cue_head(doc: Doc, cue: Sequence[int]) -> Token:
    """Return the token of ``cue`` whose head lies outside it (the first such), else its first."""
    members = set(cue)
    for i in cue:
        if doc[i].head.i not in members or doc[i].head.i == i:
            return doc[i]
    return doc[cue[0]]


def window(feats: DocFeatures, cue: Sequence[int], before: int = 1) -> range:
    """Return the token range stage 2 tags for ``cue``: its paragraph, the ``before``
    paragraphs before it and the one after it, but at most :data:`MAX_WINDOW_SIDE`
    tokens each side of the cue, so that a paragraph of hundreds of quotes costs time in
    proportion to its length, not to its length squared."""
    para, first = feats.para[cue[0]], feats.para_first
    start = max(min(cue[0], first[max(para - before, 0)]), cue[0] - MAX_WINDOW_SIDE)
    end = first[para + 2] if para + 2 < len(first) else len(feats.para)
    return range(start, max(min(end, cue[-1] + 1 + MAX_WINDOW_SIDE), cue[-1] + 1))


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

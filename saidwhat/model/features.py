"""Token features for the two CRF stages, as lists of ``name=value`` strings.

:class:`DocFeatures` computes once per Doc what both stages share: sentence and
paragraph of each token, the quotation each token lies in, and stage 1's per-token
features (:meth:`DocFeatures.cue_features`). :func:`span_features` gives stage 2's
features for the tokens of a window, conditioned on one cue.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set

from spacy.tokens import Doc, Token

from ..cues import INTENDING, NOMINAL, QUOTING, REPORTING, SPEECH, reporting_kind
from ..quotes import find_quotes

Features = List[str]
# How many tokens may stand between a cue and a quotation it introduces or follows.
ADJACENT_QUOTE_GAP = 8
# Dependents that carry what a cue reports (for lemma conjunctions).
CLAUSE_DEPS = frozenset(("ccomp", "xcomp", "acl", "advcl", "dobj", "prep", "nsubj", "parataxis"))
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


def bucket(distance: int) -> str:
    """Return a signed bucket label for a token distance (``-3``, ``+8``, ``+>60``)."""
    sign = "-" if distance < 0 else "+"
    d = abs(distance)
    for bound in DISTANCE_BUCKETS:
        if d <= bound:
            return f"{sign}{bound}"
    return f"{sign}>{DISTANCE_BUCKETS[-1]}"


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
        self.quote = self._quote_ids(doc)
        self.base = [self._base(t) for t in doc]
        self._cue_features: Optional[List[Features]] = None

    @staticmethod
    def _quote_ids(doc: Doc) -> List[int]:
        """Return, per token, the index of the quotation it lies in, or -1."""
        ids = [-1] * len(doc)
        for k, quote in enumerate(find_quotes(doc.text)):
            for start, end in quote.fragments:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        ids[i] = k
        return ids

    @staticmethod
    def _base(token: Token) -> Features:
        """Return the context-free features of ``token``."""
        return [
            "w=" + token.lower_,
            "lem=" + token.lemma_.lower(),
            "pos=" + token.pos_,
            "tag=" + token.tag_,
            "dep=" + token.dep_,
            "shape=" + shape(token.text),
            "ent=" + (token.ent_type_ or "-"),
        ]

    def in_quote(self, i: int) -> bool:
        """Return whether token ``i`` lies in a quotation (marks included)."""
        return self.quote[i] >= 0

    def cue_features(self) -> List[Features]:
        """Return stage 1's features for every token (computed once)."""
        if self._cue_features is None:
            self._cue_features = [self._cue_token_features(t) for t in self.doc]
        return self._cue_features

    def _cue_token_features(self, token: Token) -> Features:
        """Return stage 1's features of one token: itself, its parse, quotes, neighbours."""
        doc, i = self.doc, token.i
        feats = ["bias"] + self.base[i] + lexicon_flags(token)
        head = token.head
        feats += ["hlem=" + head.lemma_.lower(), "hpos=" + head.pos_,
                  "dep|hpos=" + token.dep_ + "|" + head.pos_]
        feats += ["head_" + f for f in lexicon_flags(head)]
        child_deps = {c.dep_ for c in token.children}
        lemma = token.lemma_.lower()
        feats += ["cdep=" + d for d in sorted(child_deps)]
        feats += ["lem|cdep=" + lemma + "|" + d for d in sorted(child_deps & CLAUSE_DEPS)]
        feats += ["lem|hdep=" + lemma + "|" + token.dep_, "lem|inq=%s|%d" % (lemma, self.in_quote(i))]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            feats.append("subj=" + (subjects[0].ent_type_ or subjects[0].pos_))
        feats += self._paragraph_edge(i)
        if "ccomp" in child_deps and "nsubj" in child_deps:
            feats.append("ccomp+nsubj")
        if any(c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children)
               for c in token.children):
            feats.append("that_clause")
        feats.append("inq=%d" % self.in_quote(i))
        feats += self._quote_context(i)
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(doc) and self.sent[j] == self.sent[i]:
                other = doc[j]
                feats += [f"{offset}w=" + other.lower_, f"{offset}pos=" + other.pos_]
                if abs(offset) == 1:
                    feats += [f"{offset}lem=" + other.lemma_.lower(), f"{offset}dep=" + other.dep_]
            else:
                feats.append(f"{offset}:edge")
        return feats

    def _paragraph_edge(self, i: int) -> Features:
        """Features for tokens that end their paragraph (``he said:``) or follow a quote
        at its start (``"..." ― Name``)."""
        doc = self.doc
        feats = []
        j = i + 1
        while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
            j += 1
        if j >= len(doc) or "\n" in doc[j].text:
            feats.append("para_end")
            k = j + 1
            if k < len(doc) and self.quote[k] >= 0:
                feats.append("para_end|next_quote")
        first = self.para_first[self.para[i]]
        if self.quote[first] >= 0 and self.quote[first] != self.quote[i]:
            feats.append("para_opens_with_quote")
        return feats

    def _quote_context(self, i: int) -> Features:
        """Features saying whether a quotation closes just before or opens just after ``i``."""
        doc = self.doc
        feats = []
        for direction, name in ((-1, "qbefore"), (1, "qafter")):
            j = i + direction
            for steps in range(1, 4):
                if not 0 <= j < len(doc) or (direction < 0 and self.sent[j] != self.sent[i]):
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


def _relation(token: Token, head: Token) -> str:
    """Return how ``token`` stands to cue head ``head`` in the parse.

    ``sub:<dep>``: in the subtree of the child of ``head`` attached by ``dep``;
    ``anc:<k>``: an ancestor of ``head`` ``k`` steps up; ``hsub:<dep>``: in the subtree
    of a sibling of ``head`` attached by ``dep``; ``none`` otherwise.
    """
    if token.i == head.i:
        return "self"
    node, below = token, None
    steps = 0
    while node.head.i != node.i and steps < 40:
        below, node = node, node.head
        steps += 1
        if node.i == head.i:
            return "sub:" + below.dep_
    up = head
    for k in range(1, 4):
        if up.head.i == up.i:
            break
        up = up.head
        if up.i == token.i:
            return f"anc:{k}"
    parent = head.head
    if parent.i != head.i:
        node, below = token, None
        steps = 0
        while node.head.i != node.i and steps < 40:
            below, node = node, node.head
            steps += 1
            if node.i == parent.i and below is not None and below.i != head.i:
                return "hsub:" + below.dep_
    return "none"


def _adjacent_quotes(feats: DocFeatures, cue: Sequence[int]) -> Dict[int, str]:
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


def span_features(feats: DocFeatures, cue: Sequence[int], span: range,
                  other_cues: Set[int]) -> List[Features]:
    """Return stage 2's features for the tokens of ``span`` with respect to ``cue``.

    ``other_cues`` holds the tokens of the Doc's other cues.
    """
    doc = feats.doc
    head = cue_head(doc, cue)
    cue_set = set(cue)
    cue_lemma = head.lemma_.lower()
    cue_sent, cue_para = feats.sent[head.i], feats.para[head.i]
    adjacent = _adjacent_quotes(feats, cue)
    colon_end = _ends_with_colon(feats, cue)
    relations = {i: _relation(doc[i], head) for i in span}
    out = []
    for i in span:
        token = doc[i]
        rel = relations[i]
        side = "L" if i < cue[0] else "R" if i > cue[-1] else "C"
        sent_d = max(-2, min(2, feats.sent[i] - cue_sent))
        para_d = max(-1, min(1, feats.para[i] - cue_para))
        f = ["bias"] + feats.base[i]
        f += [
            "rel=" + rel,
            "rel|side=" + rel + "|" + side,
            "rel|cl=" + rel + "|" + cue_lemma,
            "cl|side=" + cue_lemma + "|" + side,
            "cpos|side=" + head.pos_ + "|" + side,
            "dist=" + bucket(i - head.i),
            "sentd=%d" % sent_d,
            "parad=%d" % para_d,
            "sent|side=%d|%s" % (sent_d, side),
        ]
        if i in cue_set:
            f.append("is_cue")
        elif i in other_cues:
            f.append("other_cue")
        q = feats.quote[i]
        if q >= 0:
            f.append("q=" + adjacent.get(q, "other"))
            f.append("q|parad=%s|%d" % (adjacent.get(q, "other"), para_d))
        if colon_end and para_d == 1:
            f.append("after_colon_para")
        f.append("dep|rel=" + token.dep_ + "|" + rel)
        for offset in (-1, 1):
            j = i + offset
            if j in relations:
                f.append(f"{offset}rel=" + relations[j])
                f.append(f"{offset}pos=" + doc[j].pos_)
                f.append(f"{offset}w=" + doc[j].lower_)
            else:
                f.append(f"{offset}:edge")
        out.append(f)
    return out


def _ends_with_colon(feats: DocFeatures, cue: Sequence[int]) -> bool:
    """Return whether the cue's paragraph ends with a colon."""
    doc = feats.doc
    para = feats.para[cue[-1]]
    j = cue[-1] + 1
    last = None
    while j < len(doc) and feats.para[j] == para:
        if not doc[j].is_space:
            last = doc[j]
        j += 1
    return last is not None and last.text == ":"

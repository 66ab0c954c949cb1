"""What the network reads of one Doc, computed once (:class:`DocInputs`): per token,
spaCy's word, shape, tags, parse label and entity type as indices in the model's
vocabulary (:class:`Vocab`), binary flags (cue lexicons, quotation context, paragraph
edges, the rules' decisions) and, for the accurate model, MiniLM vectors; per cue, how
each token of its window stands to it (parse relation, distance, sentence and
paragraph, adjacent quotation, the rules' content for this cue)."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

from ..extract.doctext import doc_text, key_strings
from ..extract.found import Found
from .features import (Column, DocFeatures, adjacent_quotes, bucket_column, cue_head, ends_with_colon, relations,
                       shape)


# Stage 1 categorical fields and their embedding sizes.
FIELDS = {"word": 64, "shape": 8, "pos": 8, "tag": 16, "dep": 16, "ent": 8, "hword": 32, "hdep": 8}
# Stage 2 categorical fields (how a token stands to the cue) and their embedding sizes.
CUE_FIELDS = {"rel": 16, "dist": 8, "sentd": 4, "parad": 4, "side": 4, "cueflag": 4,
              "quote": 4, "rule": 4, "colon": 2, "clemma": 16}
LEXICONS = ("speech", "report", "intend", "quoting", "nominal")
FLAGS = (
    [f"lex={x}" for x in LEXICONS] + ["rkind"] + [f"head_lex={x}" for x in LEXICONS]
    + ["inq", "qbefore", "qafter", "para_end", "para_end|next_quote", "para_opens_with_quote",
       "that_clause", "ccomp+nsubj", "rule_cue", "rule_source", "rule_content", "rule_direct",
       "upper", "title", "sent_start"]
)
# The BiLSTM reads paragraphs of at most this many tokens (longer ones are cut).
MAX_SEGMENT = 160
UNKNOWN = 0  # index of unknown values in every vocabulary (padding too)
# Vocabulary entries seen fewer times than this in training are unknown.
MIN_COUNT = 2


class Vocab:
    """String-to-index tables for the categorical fields, built from training Docs."""

    # A field's cache of spaCy string keys is emptied past this many entries (the words
    # of millions of articles would otherwise pile up).
    CACHE_LIMIT = 500_000

    def __init__(self, tables: Dict[str, Dict[str, int]]):
        self.tables = tables
        self._key_cache: Dict[str, Dict[int, int]] = {name: {} for name in tables}

    @classmethod
    def build(cls, counts: Dict[str, Dict[str, int]]) -> "Vocab":
        """Return the vocabulary of the values counted at least :data:`MIN_COUNT` times."""
        tables = {}
        for name, counter in counts.items():
            kept = sorted((v for v, n in counter.items() if n >= MIN_COUNT), key=lambda v: (-counter[v], v))
            tables[name] = {v: k + 1 for k, v in enumerate(kept)}
        return cls(tables)

    def size(self, name: str) -> int:
        """Return the number of indices of field ``name`` (unknown included)."""
        return len(self.tables[name]) + 1

    def index(self, name: str, value: str) -> int:
        """Return the index of ``value`` in field ``name`` (:data:`UNKNOWN` if unseen)."""
        return self.tables[name].get(value, UNKNOWN)

    def key_indices(self, name: str, keys: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
        """Return the indices in field ``name`` of spaCy string keys ``keys`` (an array of
        ``Doc.to_array`` values), each key's string made a value by the field's
        :data:`KEY_VALUES` function; what a key gives is cached."""
        unique, inverse = numpy.unique(keys, return_inverse=True)
        cache = self._key_cache[name]
        if len(cache) > self.CACHE_LIMIT:
            cache.clear()
        table, value_of = self.tables[name], KEY_VALUES[name]
        out = numpy.empty(len(unique), dtype=numpy.int64)
        for k, key in enumerate(unique.tolist()):
            index = cache.get(key)
            if index is None:
                index = cache[key] = table.get(value_of(strings[key] if key else ""), UNKNOWN)
            out[k] = index
        return out[inverse.reshape(-1)]


def _same(value: str) -> str:
    return value


# Per stage-1 field: the spaCy attribute whose string it reads, the function that makes
# that string the field's value, and whether it is read off the token's head.
KEY_ATTRS = {"word": LOWER, "shape": ORTH, "pos": POS, "tag": TAG, "dep": DEP, "ent": ENT_TYPE,
             "hword": LEMMA, "hdep": DEP}
KEY_VALUES = {"word": _same, "shape": shape, "pos": _same, "tag": _same, "dep": _same,
              "ent": lambda v: v or "-", "hword": str.lower, "hdep": _same}
OF_HEAD = ("hword", "hdep")


def _field_keys(doc: Doc) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """Return the spaCy string keys ``(tokens, fields)`` of the stage-1 fields of
    ``doc`` (:data:`KEY_ATTRS`, each token's own) and each token's head index."""
    n = len(doc)
    keys = doc.to_array([KEY_ATTRS[name] for name in FIELDS] + [HEAD]).reshape(n, len(FIELDS) + 1)
    return keys[:, :-1], numpy.arange(n) + keys[:, -1].view(numpy.int64)


def token_values(doc: Doc) -> Dict[str, List[str]]:
    """Return the stage-1 categorical values of every token of ``doc``, by field (the
    vocabulary is built from them; :meth:`DocInputs.ids` reads the same values as indices)."""
    keys, heads = _field_keys(doc)
    out: Dict[str, List[str]] = {}
    for k, name in enumerate(FIELDS):
        column = key_strings(doc, keys[:, k], KEY_VALUES[name])
        out[name] = [column[h] for h in heads.tolist()] if name in OF_HEAD else column
    return out


class DocInputs:
    """Everything the network reads of one Doc, computed once: its text, stage-1 field
    indices and flags, the rules' attributions ``rules`` (:func:`~saidwhat.extract.rules.find_attributions`
    of ``doc``, found once by the caller) and (for the accurate model) encoder ``vectors``."""

    def __init__(self, doc: Doc, rules: Sequence[Found], vectors: Optional[numpy.ndarray] = None):
        self.doc = doc
        self.text = doc_text(doc)
        self.feats = DocFeatures(doc)
        self.rules = list(rules)
        self.rule_tokens = [self._tokens(f) for f in self.rules]
        self.flags = self._flags()
        self.vectors = vectors
        self.segments = segments(doc, self.feats)
        self._ids: Optional[numpy.ndarray] = None
        self._cue_ids: Dict[Tuple[Tuple[int, ...], int, int], numpy.ndarray] = {}

    def ids(self, vocab: Vocab) -> numpy.ndarray:
        """Return the ``(tokens, fields)`` stage-1 indices in ``vocab`` (computed once):
        the values of :func:`token_values`, read through spaCy's string keys."""
        if self._ids is None:
            doc = self.doc
            keys, heads = _field_keys(doc)
            ids = numpy.empty((len(doc), len(FIELDS)), dtype=numpy.int64)
            for k, name in enumerate(FIELDS):
                column = vocab.key_indices(name, keys[:, k], doc.vocab.strings)
                ids[:, k] = column[heads] if name in OF_HEAD else column
            self._ids = ids
        return self._ids

    def cue_ids(self, vocab: Vocab, cue: Sequence[int], span: range, other_cues: set) -> numpy.ndarray:
        """Return the ``(window tokens, fields)`` stage-2 indices of ``cue`` over ``span``
        (cached per cue and span)."""
        key = (tuple(cue), span.start, span.stop)
        if key not in self._cue_ids:
            columns = self.cue_columns(cue, span, other_cues)
            ids = numpy.empty((len(span), len(CUE_FIELDS)), dtype=numpy.int64)
            for k, name in enumerate(CUE_FIELDS):
                labels, codes = columns[name]
                ids[:, k] = numpy.array([vocab.index(name, v) for v in labels], dtype=numpy.int64)[codes]
            self._cue_ids[key] = ids
        return self._cue_ids[key]

    def _tokens(self, found: Found) -> Dict[str, set]:
        """Return the token sets of a rule attribution's cue, source and content."""
        out = {}
        for role, spans in (("cue", [found.cue] if found.cue else []),
                            ("source", [found.source] if found.source else []),
                            ("content", found.content)):
            tokens = set()
            for start, end in spans:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    tokens.update(range(span.start, span.end))
            out[role] = tokens
        return out

    def _flags(self) -> numpy.ndarray:
        """Return the binary flags of every token (columns :data:`FLAGS`)."""
        doc, feats = self.doc, self.feats
        column = {name: k for k, name in enumerate(FLAGS)}
        flags = numpy.zeros((len(doc), len(FLAGS)), dtype=numpy.float32)
        for name, values in feats.token_flags().items():
            flags[values, column[name]] = 1.0
        text = self.text
        for found, tokens in zip(self.rules, self.rule_tokens):
            for role in ("cue", "source", "content"):
                flags[list(tokens[role]), column["rule_" + role]] = 1.0
            if found.kind(text) == "direct":
                flags[list(tokens["content"]), column["rule_direct"]] = 1.0
        return flags

    def cue_values(self, cue: Sequence[int], span: range, other_cues: set) -> Dict[str, List[str]]:
        """Return stage 2's categorical values over ``span`` for ``cue``, by field."""
        return {name: [labels[c] for c in codes]
                for name, (labels, codes) in self.cue_columns(cue, span, other_cues).items()}

    def cue_columns(self, cue: Sequence[int], span: range, other_cues: set) -> Dict[str, Column]:
        """Return stage 2's categorical columns over ``span`` for ``cue``, by field: how
        each token stands to the cue (parse relation, distance, sentence and paragraph
        offset, side), whether it is in another cue, a quotation beside the cue or the
        rules' source or content for it, the colon ending the cue's paragraph, the cue's lemma."""
        doc, feats = self.doc, self.feats
        head = cue_head(doc, cue)
        positions = numpy.arange(span.start, span.stop)
        n = len(positions)
        para = numpy.clip(feats.para_array[span.start:span.stop] - feats.para[head.i], -1, 1)
        sent = numpy.clip(feats.sent_array[span.start:span.stop] - feats.sent[head.i], -2, 2)
        side = numpy.where(positions < cue[0], 0, numpy.where(positions > cue[-1], 1, 2))
        flag = numpy.zeros(n, dtype=numpy.int64)
        _mark(flag, span, other_cues, 1)
        _mark(flag, span, cue, 2)
        adjacent = adjacent_quotes(feats, cue)
        quote_ids = feats.quote_array[span.start:span.stop]
        quote_labels = ["-", "other"] + sorted(set(adjacent.values()))
        quote = numpy.where(quote_ids >= 0, 1, 0)
        for q, where in adjacent.items():
            quote[quote_ids == q] = quote_labels.index(where)
        rule = self._rule_for(set(cue))
        role = numpy.zeros(n, dtype=numpy.int64)
        if rule is not None:
            _mark(role, span, rule["content"], 2)
            _mark(role, span, rule["source"], 1)
        colon = (para == 1).astype(numpy.int64) if ends_with_colon(feats, cue) else numpy.zeros(n, dtype=numpy.int64)
        return {
            "rel": relations(feats, head.i, span),
            "dist": bucket_column(positions - head.i),
            "sentd": (["-2", "-1", "0", "1", "2"], sent + 2),
            "parad": (["-1", "0", "1"], para + 1),
            "side": (["L", "R", "C"], side),
            "cueflag": (["-", "other", "cue"], flag),
            "quote": (quote_labels, quote),
            "rule": (["-", "source", "content"], role),
            "colon": (["0", "1"], colon),
            "clemma": ([head.lemma_.lower()], numpy.zeros(n, dtype=numpy.int64)),
        }

    def _rule_for(self, cue: set) -> Optional[Dict[str, set]]:
        """Return the token sets of the rule attribution whose cue overlaps ``cue``, if any."""
        for tokens in self.rule_tokens:
            if tokens["cue"] & cue:
                return tokens
        return None


def _mark(column: numpy.ndarray, span: range, tokens, code: int) -> None:
    """Set ``column`` (over ``span``) to ``code`` at the ``tokens`` that lie in ``span``."""
    at = [i - span.start for i in tokens if span.start <= i < span.stop]
    if at:
        column[at] = code



def segments(doc: Doc, feats: DocFeatures) -> List[Tuple[int, int]]:
    """Cut ``doc`` into the token ranges the BiLSTM reads: its paragraphs, a paragraph
    longer than :data:`MAX_SEGMENT` tokens cut between sentences (a sentence that is
    itself too long, anywhere)."""
    out: List[Tuple[int, int]] = []
    starts = feats.sent_starts
    bounds = feats.para_first + [len(doc)]
    for start, end in zip(bounds, bounds[1:]):
        cut = last = start
        for point in [p for p in starts if start < p < end] + [end]:
            if point - cut > MAX_SEGMENT and last > cut:
                out.append((cut, last))
                cut = last
            while point - cut > MAX_SEGMENT:
                out.append((cut, cut + MAX_SEGMENT))
                cut += MAX_SEGMENT
            last = point
        if end > cut:
            out.append((cut, end))
    return out

"""Reported speech: a reporting verb with a clause (``told reporters that ...``), an
intention verb with an infinitive (``plans to ...``), a verb with quoted complements
(``called X a "..."``), a reporting noun with a that-clause (``her assertion that``),
"according to X", and a speech verb set after the clause it reports (``The talks
failed, officials said``) or inside it between commas (``The talks, he said, failed``)."""
from __future__ import annotations

import bisect
from typing import Iterable, List, Optional, Sequence, Set

from spacy.tokens import Doc, Token

from ..schema import Offsets
from .cues import (QUOTING, REPORTING, according_to, candidate_cues, cue_extent, is_candidate_cue, is_speech_verb,
                   nominal_clause, reporting_kind)
from .found import Found
from .sources import phrase_extent, source_extent
from .tokens import TERMINALS, trimmed


def reports_within(doc: Doc, spans: Sequence[Offsets], candidates: Sequence[Token],
                   starts: Sequence[int]) -> List[Found]:
    """Return the reported speech whose cue and content lie within ``spans`` of ``doc``
    (``Trump said Kim had offered ...`` inside a quote), by the reported-speech rules;
    ``candidates`` are the tokens of :func:`candidate_cues` of ``doc``, in text order,
    and ``starts`` their offsets (a caller asks for several spans of one Doc)."""
    tokens = [t for s, e in spans for t in candidates[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
              if t.idx + len(t) <= e]
    return [item for item in reported(doc, set(), tokens)
            if all(any(s <= cs and ce <= e for s, e in spans) for cs, ce in item.content)]


def reported(doc: Doc, used_cues: Set[int], tokens: Optional[Iterable[Token]] = None) -> Iterable[Found]:
    """The reported speech of ``doc`` (or of ``tokens`` in it) whose cue is not in ``used_cues``."""
    if tokens is None:
        tokens = (doc[i] for i in candidate_cues(doc))
    else:
        tokens = [t for t in tokens if is_candidate_cue(t)]
    for token in tokens:
        if token.i in used_cues:
            continue
        obj = according_to(token)
        if obj is not None:
            content = _clause_without(token.head, token)
            if content:
                yield Found(content, cue_extent(token), phrase_extent(obj), "according-to", token.i)
            continue
        clause = nominal_clause(token)
        if clause is not None:
            content = trimmed(_clause_body(clause))
            if content:
                yield Found([content], cue_extent(token), _nominal_source(token), "nominal", token.i)
            continue
        kind = reporting_kind(token)
        if kind is not None:
            dep = "ccomp" if kind == "clause" else "xcomp"
            clause = next(c for c in token.children if c.dep_ == dep)
            content = trimmed(_clause_body(clause))
            if content:
                rule = "clause" if kind == "clause" else "infinitive"
                yield Found([content], cue_extent(token), source_extent(token), rule, token.i)
            continue
        if token.lemma_.lower() in QUOTING and token.pos_ == "VERB":
            content = _quoted_complement(token)
            if content:
                yield Found([content], cue_extent(token), source_extent(token), "quoted-complement", token.i)
                continue
        if token.lemma_.lower() in REPORTING and token.pos_ == "VERB":
            content = _clause_cut_off(token)
            if content:
                yield Found([content], cue_extent(token), source_extent(token), "clause-cut-off", token.i)
                continue
        if token.dep_ == "parataxis" and is_speech_verb(token) and (token.i > token.head.i or _parenthetical(token)):
            content = _clause_without(token.head, token)
            if content:
                rule = "clause-before-cue" if token.i > token.head.i else "clause-around-cue"
                yield Found(content, cue_extent(token), source_extent(token), rule, token.i)


def _parenthetical(cue: Token) -> bool:
    """True for a cue set off by commas inside the clause it reports
    (``South Carolina, he said, was ...``)."""
    doc = cue.doc
    words = [t.i for t in cue.subtree if not t.is_punct]
    left, right = words[0] - 1, words[-1] + 1
    return left >= 0 and right < len(doc) and doc[left].text == "," and doc[right].text == ","


def _clause_body(clause: Token) -> List[Token]:
    """The tokens of a reported clause, less what the parser hung on it but belongs to the
    sentence around it: a second report of the same speaker (``said it was opposed and
    warned ...``) and a trailing participle (``wondered whether ..., engaging in ...``)."""
    cut = set()
    for child in clause.children:
        second_report = child.dep_ == "conj" and child.lemma_.lower() in REPORTING and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in child.children
        )
        participle = child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > clause.i and child.nbor(-1).text == ","
        if second_report or participle:
            cut.update(t.i for t in child.subtree)
    return [t for t in clause.subtree if t.i not in cut]


def _nominal_source(noun: Token) -> Optional[Offsets]:
    """Who holds a reporting noun: its possessor (``Trump's claim``), else the subject of
    the verb it is the object of (``made the assertion``)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return phrase_extent(child)
    if noun.dep_ == "dobj":
        return source_extent(noun.head)
    return None


def _quoted_complement(cue: Token) -> Optional[Offsets]:
    """What a verb says in quoted words after it: ``called Clinton a "champion" for ...``.

    Returns the offsets of the verb's complements when they quote something. The object
    of ``accused X of "..."``, ``likened X to "..."`` or ``told X that "..."`` belongs to the
    cue, as does an object after ``described as "..."``; so do the words before ``that "..."``."""
    right = [c for c in cue.children if c.i > cue.i and c.dep_ not in ("punct", "cc", "conj", "advcl", "prt")]
    quoting = next((c for c in right if any(t.tag_ == "``" for t in c.subtree)), None)
    if quoting is None:
        return None  # no quotation opens among the complements
    if quoting.dep_ in ("ccomp", "advcl") or (quoting.dep_ == "prep" and quoting.lower_ in ("of", "to")):
        right = [c for c in right if c.i >= quoting.i]
    elif quoting.dep_ == "prep" and quoting.lower_ == "as":
        right = [c for c in right if c.i <= quoting.i or c.dep_ != "dobj"]
    tokens = sorted((t for c in right for t in c.subtree), key=lambda t: t.i)
    that = next((k for k, t in enumerate(tokens[:-1]) if t.lower_ == "that" and tokens[k + 1].tag_ == "``"), 0)
    return trimmed(tokens[that:])


def _clause_cut_off(cue: Token) -> Optional[Offsets]:
    """The clause a parse error cut off from its cue: ``told the Times she's ...`` parsed
    as two sentences. Returns the next sentence's offsets when it starts right after the
    cue's phrase with no sentence end between them."""
    doc = cue.doc
    nxt = cue.right_edge.i + 1
    if nxt >= len(doc) or not doc[nxt].is_sent_start or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    before = doc[nxt - 1]
    if before.text in TERMINALS or before.text == ":" or "\n" in before.text or before.is_punct:
        return None
    return trimmed(list(doc[nxt].sent))


def _clause_without(head: Token, cut: Token) -> List[Offsets]:
    """The clause of ``head`` less the phrase of ``cut``, as one or two fragments."""
    removed = {t.i for t in cut.subtree}
    tokens = [t for t in head.subtree if t.i not in removed]
    before = trimmed([t for t in tokens if t.i < cut.i])
    after = trimmed([t for t in tokens if t.i > cut.i])
    return [frag for frag in (before, after) if frag]

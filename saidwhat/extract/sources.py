"""Finding sources: who, as written in the text, said or thinks the content.

The source of a cue verb is its subject (with appositions and relative clauses:
"Donna Brazile, the interim chairwoman of the DNC"), the agent of a passive cue
("was told by aides"), the subject of the verb it depends on ("stood up and said",
"chimed in, saying", "after saying"), the noun a participle describes ("protesters
chanting"), or the object of "according to". A subject inside the quote a cue reports
is a parse error and is passed over.
"""
from __future__ import annotations

from typing import Optional, Tuple

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj",)
TRIM = frozenset(",;:-\u2014\u2013\"'\u201c\u201d")


def source_extent(cue: Token, outside: Optional[Tuple[int, int]] = None) -> Optional[Tuple[int, int]]:
    """Return ``(start, end)`` offsets of the source of cue verb ``cue``, or None.

    A subject within the ``outside`` offsets (the quote a cue reports, which a parse
    error may have given the cue as subject) is passed over."""
    head = _source_head(cue, outside)
    if head is None:
        return None
    return phrase_extent(head, cue)


def phrase_extent(head: Token, cue: Optional[Token] = None) -> Tuple[int, int]:
    """Return ``(start, end)`` offsets of the phrase headed by ``head``, edge punctuation
    trimmed; a participle clause of the phrase holding ``cue`` (``protesters chanting``) is left out."""
    tokens = list(head.subtree)
    if cue is not None and head.is_ancestor(cue):
        tokens = [t for t in tokens if t.i < cue.left_edge.i] or [head]
    while len(tokens) > 1 and (tokens[-1].text in TRIM or tokens[-1].is_space):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].text in TRIM or tokens[0].is_space):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _source_head(cue: Token, outside: Optional[Tuple[int, int]]) -> Optional[Token]:
    """The head of the source of ``cue``: its subject or agent, else that of the verb it
    depends on (``stood up and said``, ``chimed in, saying``, ``after saying ...``), or
    the noun a participle describes (``protesters chanting``), or the subject of the verb
    whose object that noun is (``issued a statement calling``)."""
    verb = cue
    for seen in range(4):
        subjects = [c for c in verb.children if _is_subject(c, seen) and not (outside and outside[0] <= c.idx < outside[1])]
        if subjects:
            # a parse may give a verb a stray second subject: prefer a name or pronoun
            # before the verb, then the nearest one
            return max(subjects, key=lambda c: (c.i < verb.i, c.pos_ in ("PROPN", "PRON"), c.i if c.i < verb.i else -c.i))
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if verb.dep_ == "compound" and verb.head.pos_ == "PROPN":
            return verb.head  # "Said Ellis:" parsed as a name
        governor = _governing_verb(verb)
        if governor is None:
            noun = _described_noun(verb)
            if noun is None or noun.dep_ != "dobj":
                return noun
            governor = noun.head  # "issued a statement calling ...": the issuer
        verb = governor
    return None


def _is_subject(child: Token, seen: int) -> bool:
    """True for the subject of a verb; a passive subject counts on a governing verb only
    (``she was whisked off after saying``, but not ``she was told``)."""
    return child.dep_ in SUBJECT_DEPS or (seen > 0 and child.dep_ == "nsubjpass")


def _governing_verb(verb: Token) -> Optional[Token]:
    """The verb whose subject ``verb`` shares: the head of a coordinated, open-complement or
    adverbial clause, or of the preposition a gerund hangs from (``by announcing``)."""
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ in ("conj", "xcomp", "advcl"):
        return head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _described_noun(verb: Token) -> Optional[Token]:
    """For a participle describing a noun (``protesters chanting``), that noun."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None



def implied_source(cue: Token, taken: Tuple[Tuple[int, int], ...] = ()) -> Optional[Tuple[int, int]]:
    """Return the source the parse implies for a cue that was found without one, or None.

    Only two forms are trusted: a participle or infinitive cue that shares the subject
    of the verb it hangs from ("Trump stood up, *saying* ..."), and a cue noun with a
    possessor ("*Trump's* claim that ..."). A source overlapping the ``taken`` offsets
    (the attribution's content) is refused."""
    if cue.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in cue.children if c.dep_ == "poss"]
        extent = phrase_extent(owners[0]) if owners else None
    elif cue.pos_ in ("VERB", "AUX") and cue.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl"):
        extent = source_extent(cue)
    else:
        extent = None
    if extent is None or any(s < extent[1] and extent[0] < e for s, e in taken):
        return None
    return extent

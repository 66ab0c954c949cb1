"""The titles an article gives a name: the role words before it ("Secretary of State"
Mike Pompeo) or in an apposition beside it ("Jean Lee, a Korea expert"), and their
lowercased words, by which "the governor" finds "Gov. Mike Pence"."""
from typing import Iterable, List, Set

from spacy.tokens import Span, Token

from ..extract.lexicon import COURTESY, HONORIFICS

# A possessive ending, written apart by the tokenizer ("Trump 's", "Fox News '").
POSSESSIVE = frozenset(("'s", "\u2019s", "'", "\u2019"))
# Abbreviated titles, written out so that "Gov. Mike Pence" is "the governor".
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "sec": "secretary",
                       "gen": "general", "lt": "lieutenant", "atty": "attorney", "del": "delegate",
                       "amb": "ambassador", "pres": "president", "supt": "superintendent", "cmdr": "commander",
                       "prof": "professor", "dr": "doctor"}


def title_words(tokens: Iterable[Token]) -> Set[str]:
    """The lowercased lemmas of the nouns, proper nouns and adjectives of ``tokens``, with
    abbreviated titles written out ("Gov." -> "governor")."""
    words = set()
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            word = token.lemma_.lower().rstrip(".")
            words.add(TITLE_ABBREVIATIONS.get(word, word))
    return words


def title_before(span: Span) -> List[Token]:
    """The role words before a name in its own noun phrase ("Secretary of State" Mike
    Pompeo, "North Korean dictator" Kim Jong Un), less determiners and possessives."""
    head = span.root
    start = head.left_edge.i
    if start >= span.start:
        return _honorifics_before(span)
    tokens = [t for t in span.doc[start:span.start]]
    while tokens and (tokens[0].pos_ in ("DET", "PRON") or tokens[0].dep_ == "poss" or tokens[0].is_punct
                      or tokens[0].text in POSSESSIVE or any(a.dep_ == "poss" for a in tokens[0].ancestors if a.i < span.start)):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_.rstrip(".") in COURTESY):
        tokens.pop()
    if not any(t.pos_ in ("NOUN", "PROPN") and t.ent_type_ == "" for t in tokens):
        return []
    return tokens


def _honorifics_before(span: Span) -> List[Token]:
    """The titles written just before a name that the parse put outside its phrase
    ("Democratic *Sen.* Luis Ortega"), with a party or nationality adjective before them."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS - COURTESY:
        start -= 1
    if start == span.start:
        return []
    if start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].ent_type_ == "NORP":
        start -= 1
    return list(doc[start:span.start])


def title_beside(head: Token) -> List[Token]:
    """The apposition that describes a name ("Jean Lee, *a Korea expert at the Wilson
    Center*,") or that a name describes ("*the paper's editor*, Jo Park")."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ not in ("PERSON",) and child.pos_ == "NOUN":
            return _phrase(child)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.ent_type_ == "":
        return [t for t in _phrase(head.head) if not (head.left_edge.i <= t.i <= head.right_edge.i)]
    return []


def _phrase(head: Token) -> List[Token]:
    tokens = list(head.subtree)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens

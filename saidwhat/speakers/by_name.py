"""Named sources: a name in the source ("Secretary of State Mike Pompeo", "Trump"),
named beside its head ("a spokesman, Tomas Reyes"), joined to a role ("his wife and
nominee Hillary Clinton"), or a proper noun the recogniser missed ("Ham said")."""
from __future__ import annotations

from typing import List, Optional, Tuple

from spacy.tokens import Span, Token

from ..extract.lexicon import DOCUMENT_NOUNS, FEMALE, HONORIFICS, MALE, MEDIA_NOUNS, MEDIA_WORDS, ORGANISATION_NOUNS
from .gender import first_name_gender, gender_of_words
from .matching import is_acronym, name_word
from .entities import Entity
from .names import name_tokens
from .state import State
from .titles import title_words
from .words import is_person_noun


def named(state: State, head: Token) -> Optional[Entity]:
    """The entity named by ``head``, by a compound name it heads, or beside it."""
    by_token = state.article.by_token
    mention = by_token.get(head.i)
    if mention is not None:
        return mention.entity
    for child in head.children:
        if child.dep_ == "appos" and child.i in by_token:
            return by_token[child.i].entity
    if head.dep_ == "appos" and head.head.i in by_token and head.pos_ == "NOUN" and not (
            head.lemma_.lower() in MEDIA_NOUNS and by_token[head.head.i].label in ("GPE", "LOC")):
        return by_token[head.head.i].entity  # "Dana Whitfield, *a nurse* who said ..."; not a place's newspaper
    if head.pos_ == "PROPN":
        for child in head.children:
            if child.dep_ == "compound" and child.i in by_token and by_token[child.i].label == "PERSON":
                return by_token[child.i].entity
        return _unlisted_name(state, head)
    return None


def named_in_role(state: State, head: Token, span: Span) -> Optional[Entity]:
    """The person named inside a role phrase, joined to its head by appositions or
    coordination, not as a modifier, an owner or through a preposition ("his wife and
    current nominee *Hillary Clinton*", "Trump's running mate, Gov. *Mike Pence*"; not
    "Clinton aides" or "a spokeswoman for Hillary Clinton"), or None."""
    if not is_person_noun(head):
        return None
    for token in span:
        mention = state.article.by_token.get(token.i)
        if mention is None or mention.label != "PERSON" or mention.entity.name is None:
            continue
        node = mention.head
        while node.i != head.i and node.head.i != node.i and (
                node.dep_ in ("appos", "conj") or (node.dep_ == "compound" and node.head.pos_ == "PROPN")):
            node = node.head  # through the rest of a split name ('Lucia "Lu"' of 'Lucia "Lu" Ferro')
        if node.i == head.i and mention.head.i != head.i:
            return mention.entity
        if _beside_owner_name(state, mention.head, head):
            return mention.entity
    return None


def _beside_owner_name(state: State, node: Token, head: Token) -> bool:
    """Whether ``node``, the top of a person's name, stands in apposition to another
    person named in the role's "for"/"to" phrase, which the parser attaches it to ("An
    attorney for Kerr, *Mark Lindqvist*": two names are not one person)."""
    if node.dep_ != "appos" or node.head.dep_ != "pobj" or node.head.head.head.i != head.i:
        return False
    other = state.article.by_token.get(node.head.i)
    mine = state.article.by_token.get(node.i)
    return (other is not None and other.label == "PERSON" and mine is not None
            and other.entity is not mine.entity)


def _unlisted_name(state: State, head: Token) -> Optional[Entity]:
    """A proper noun the entity recogniser missed ("Ham said", an @handle): the person
    or organisation whose name ends in it, else a new named entity."""
    handle = head.text.startswith("@") and len(head.text) > 1  # "one Twitter user @nycsouthpaw"
    if not head.is_title and not head.is_upper and not handle:
        return None
    lemma = head.lemma_.lower().rstrip(".")
    if lemma in HONORIFICS or lemma in DOCUMENT_NOUNS or lemma in FEMALE or lemma in MALE or is_person_noun(head):
        return None  # a capitalised common noun, as in a headline ("Retired General Says", "Widow")
    doc = state.article.doc
    start = _phrase_start(doc, head)
    if start == head.i and (lemma in MEDIA_NOUNS or lemma in ORGANISATION_NOUNS):
        return None  # a headline's "Newspaper", "Network" alone, not "Farmers Coalition"
    written = list(doc[start:head.i + 1])
    tokens = name_tokens(written, person=head.ent_type_ in ("", "PERSON")) or [head]
    words = tuple(name_word(t) for t in tokens)
    known = _earlier_name(state, words, head)
    if known is not None:
        return known
    key = ("name",) + words
    if key not in state.entities.by_key:
        titles = [t for t in written if t.i < tokens[0].i and not t.is_punct and t.pos_ != "DET"]
        state.entities.by_key[key] = _new_name(state, head, doc[tokens[0].i:head.i + 1].text, words, titles)
    return state.entities.by_key[key]


def _phrase_start(doc, head: Token) -> int:
    """Where the capitalised words of a name before ``head`` in its phrase begin ("Megyn
    Kelly", "Our Principles PAC", "The Central and Northern Farmers Coalition")."""
    start = head.i
    while start > head.left_edge.i:
        prev = doc[start - 1]
        capital = (prev.is_title or prev.is_upper) and prev.is_alpha
        joiner = prev.lower_ in ("and", "of", "&") and start - 2 >= head.left_edge.i and doc[start - 2].is_title
        if not (capital or joiner):
            break
        start -= 1
    return start


def _earlier_name(state: State, words: Tuple[str, ...], head: Token) -> Optional[Entity]:
    """The named entity before whose name ends in ``words`` (a person before others: "Hill"
    is Anita Hill, not Capitol Hill), or whose initials a word in capitals is ("the S.E.C."
    after "the Securities and Exchange Commission"), or None."""
    names = state.article.names
    if len(words) == 1 and head.is_upper:
        for mention in reversed(names):
            if mention.entity.type in ("organization", "media") and is_acronym(words[0], mention.words):
                return mention.entity
    ending = [m for m in reversed(names) if m.words[-len(words):] == words and m.entity.name is not None]
    people = [m for m in ending if m.entity.type == "person"]
    return (people or ending)[0].entity if ending else None


def _new_name(state: State, head: Token, text: str, words: Tuple[str, ...], titles: List[Token]) -> Entity:
    """A new entity named ``text`` (an outlet, person or organisation by its words and the
    recogniser's label), with the ``titles`` written before it."""
    if any(w in MEDIA_WORDS for w in words):
        kind = "media"
    else:
        kind = "person" if head.ent_type_ in ("", "PERSON") or first_name_gender(words[0]) else "organization"
    entity = state.entities.new(kind, text)
    if titles:
        entity.title = state.article.doc[titles[0].i:titles[-1].i + 1].text
        entity.titles.update(title_words(titles))
    if kind == "person":
        entity.gender = gender_of_words(t.lower_.rstrip(".") for t in titles) or first_name_gender(words[0])
    return entity

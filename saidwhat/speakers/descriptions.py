"""Description sources: "the newspaper", "the authority", "the nominee" refer back to
the outlet, organisation or person the article described so; "a former party chairman"
may introduce the person named right after it."""
from __future__ import annotations

from typing import Callable, Optional, Set

from spacy.tokens import Span, Token

from ..extract.lexicon import ANONYMOUS_NOUNS, MEDIA_NOUNS, ORGANISATION_NOUNS, PARTY_WORDS, PERSON_NOUNS
from .gender import gender_of_words
from .places import (CITY_NOUNS, COUNTRY_NOUNS, GOVERNMENT_NOUNS, STATE_NOUNS, country_named, country_of_capital,
                     is_city, is_us_state)
from .by_name import named
from .entities import Entity
from .ranking import DESCRIPTION_WINDOW, antecedent, entities_before, events_after, events_before, latest
from .state import State
from .titles import title_words
from .words import DEFINITE, FIRST_PERSON, INDEFINITE, SUBJECT_DEPS, is_person_noun

# Organisation nouns that may refer back to an organisation without the word in its name
# ("the company" for "Exxon Mobil", "the agency" for "FBI").
FITTING_NOUNS = frozenset(("company", "firm", "organization", "organisation", "agency", "union"))
# Sentences after a description in which the person it introduces is named ("A former
# party chairman says ... ¶ "...," said Don Fowler").
INTRODUCTION_WINDOW = 2


def description(state: State, head: Token, lemma: str, span: Span, determiner: Optional[str]) -> Optional[Entity]:
    """The entity a singular description refers to, or None.

    A definite one ("the newspaper", "the authority", "the nominee") refers back; a
    person's role without an article, as in headlines ("Senator from Texas"), may
    refer back or ahead; an indefinite one ("a former party chairman") or one with an
    owner ("his attorney", "the state's tax commissioner") refers back only to a
    person who holds that title, else ahead, to the person named right after it; "my
    father" refers to nobody the resolver can name."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    definite = determiner in DEFINITE and not owners
    if definite and _outlet_noun(head, lemma):
        return last_outlet(state, head)
    if determiner in INDEFINITE and lemma in MEDIA_NOUNS:
        return outlet_after(state, head)  # "a Baton Rouge newspaper ... The Advocate"
    if definite and lemma in ORGANISATION_NOUNS:
        found = place_description(state, head, lemma) if lemma in GOVERNMENT_NOUNS else None
        found = found or latest(state, head.i, lambda e: e.type in ("organization", "media") and e.name is not None
                                and (lemma in e.name.lower().split() or lemma in e.titles))
        if found is None and lemma in CITY_NOUNS:
            found = place_description(state, head, lemma)
        return found or _fitting_organisation(state, head, lemma)
    if lemma in COUNTRY_NOUNS and (definite or determiner is None) or lemma in STATE_NOUNS and definite:
        return place_description(state, head, lemma)
    if not is_person_noun(head) or any(o.lower_ in FIRST_PERSON for o in owners):
        return None
    gender = gender_of_words([lemma])
    words = title_words(t for t in span if t.i <= head.i)  # "the Indiana governor"
    with_of = any(_defining(c, state) for c in head.children)  # "the head of Sony" defines a new one
    if determiner in INDEFINITE:
        found = _titled_after(state, head, words)
    else:
        found = _titled(state, head, words)
    if found is None and definite and not with_of:  # "the senator": the salient person
        found = antecedent(state, head.i, ("person",), gender, window=DESCRIPTION_WINDOW, named_only=True,
                           reject=lambda entity: _other_party(words, entity))
    # ahead, for a role that introduces someone: one without "the", one defined by an
    # "of" phrase, or any in a headline or lede; "a source close to him" stays unnamed
    defining = with_of or state.article.paragraph[head.i] <= 1
    if (found is None and lemma not in ANONYMOUS_NOUNS
            and (owners or determiner in INDEFINITE or determiner is None or (definite and defining))):
        found = _introduced_after(state, head, gender)
    if found is None and definite:  # "a senior official said ... The official added": one speaker
        found = _same_unnamed(state, head, lemma)
    return found


def _outlet_noun(head: Token, lemma: str) -> bool:
    """Whether a noun names a news outlet: "the newspaper", "the news service", "the news
    agency"; not "the agency" alone, an organisation."""
    news = any(c.dep_ == "compound" and c.lower_ in ("news", "wire") for c in head.children)
    return news or (lemma in MEDIA_NOUNS and lemma not in ORGANISATION_NOUNS)


def _fitting_organisation(state: State, head: Token, lemma: str) -> Optional[Entity]:
    """For "the company", "the agency", "the union" where no organisation has that word
    in its name: the nearest organisation named in the DESCRIPTION_WINDOW sentences
    before, not an outlet, a place or a person's, or None."""
    if lemma not in FITTING_NOUNS:
        return None
    article = state.article
    here = article.sentence[head.i]
    for event in events_before(state, head.i):
        if here - article.sentence[event.token] > DESCRIPTION_WINDOW:
            return None
        entity = event.entity
        if entity.type == "organization" and entity.name is not None and not entity.place:
            return entity
    return None


def last_outlet(state: State, head: Token) -> Optional[Entity]:
    """The outlet named last before ``head`` ("the newspaper"), else one written with
    "the" that the recogniser missed (:func:`_outlet_before`), or None."""
    return latest(state, head.i, lambda e: e.type == "media") or _outlet_before(state, head)


def _outlet_before(state: State, head: Token) -> Optional[Entity]:
    """For "the newspaper" where no outlet is named before: the last name written with
    "the" that is no place nor a person of known gender ("The Advocate"), made an
    outlet; or None."""
    text = state.article.text

    def called_the(entity: Entity) -> bool:
        return (entity.name is not None and not entity.place and entity.gender is None
                and entity.type in ("person", "organization")
                and any(text[max(0, s - 4):s + 4].lower().startswith("the ") or text[s:s + 4].lower() == "the "
                        for s, _ in entity.mentions))

    found = latest(state, head.i, called_the)
    if found is not None:
        found.type = "media"
    return found


def outlet_after(state: State, head: Token) -> Optional[Entity]:
    """The outlet an indefinite description introduces ("a Baton Rouge newspaper, The
    Advocate", "a local newspaper said ... ¶ The Advocate had ..."): the first name of
    an organisation first named after it, beside it or as a subject, in its own or the
    next sentence, made an outlet; or None."""
    article = state.article
    last = article.sentence[head.i] + 1
    for token in article.doc[head.i + 1:]:
        if article.sentence[token.i] > last:
            return None
        if not (token.dep_ == "appos" and token.head.i == head.i or token.dep_ in SUBJECT_DEPS):
            continue
        mention = article.by_token.get(token.i)
        if mention is not None:
            entity = mention.entity
            if mention.label == "GPE" or entity.type not in ("organization", "media", "person"):
                continue
            if state.mentions.first_named.get(entity.id, token.i) < head.i or entity.gender is not None:
                continue  # named before, or a person
        elif token.pos_ == "PROPN" and token.is_title:
            entity = named(state, token)  # a name the recogniser missed ("The Advocate")
            if entity is None or entity.gender is not None:
                continue
            state.mentions.add(token.i, entity, subject=token.dep_ in SUBJECT_DEPS, speaker=False)
        else:
            continue
        entity.type = "media"
        return entity
    return None


def place_description(state: State, head: Token, lemma: str) -> Optional[Entity]:
    """The place a description of one refers to: "the kingdom", "the nation" the
    country and "the state" the US state named last; "the town", "the city" the city
    (not a country or a state) mentioned most; "the government in Riyadh" or "of
    France" the country, or None."""
    if lemma in COUNTRY_NOUNS:
        return latest(state, head.i, is_country)
    if lemma in STATE_NOUNS:
        return latest(state, head.i, lambda e: e.place and e.name is not None and is_us_state(e.name.split()))
    if lemma in CITY_NOUNS:
        return _most_mentioned(state, head, lambda e: e.place and e.name is not None and is_city(e.name.split()))
    if lemma not in GOVERNMENT_NOUNS:
        return None
    by_token = state.article.by_token
    for place in (g for c in head.children if c.lower_ in ("in", "of") for g in c.children if g.i in by_token):
        entity = by_token[place.i].entity
        country = country_of_capital(by_token[place.i].words)
        if country is not None:
            return next((m.entity for m in state.article.names if is_country(m.entity)
                         and country_named(m.entity.name.split()) == country), None)
        return entity if entity.place else None
    return None


def _most_mentioned(state: State, head: Token, accept: Callable[[Entity], bool]) -> Optional[Entity]:
    """The entity that ``accept`` takes mentioned most often before ``head``, the
    nearest of equals ("The town" is the town the article is about), or None."""
    best, best_count = None, 0
    for event in events_before(state, head.i):
        count = state.mentions.counts.get(event.entity.id, 0)
        if count > best_count and accept(event.entity):
            best, best_count = event.entity, count
    return best


def is_country(entity: Entity) -> bool:
    """Whether ``entity`` is a country named as a place."""
    return entity.place and entity.name is not None and country_named(entity.name.split()) is not None


def _defining(child: Token, state: State) -> bool:
    """Whether a phrase on a role defines whose role it is ("the head of Sony", "of the
    company"), not one that is part of the title ("secretary of State")."""
    if child.dep_ != "prep":
        return False
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return not (child.lower_ == "of" and objects and objects[0].is_title and objects[0].i not in state.article.by_token
                and not any(c.dep_ == "det" for c in objects[0].children))


def _same_unnamed(state: State, head: Token, lemma: str) -> Optional[Entity]:
    """The unnamed speaker of a recent source with the same head noun ("a senior
    official" for "the official"), within DESCRIPTION_WINDOW sentences, or None."""
    article = state.article
    here = article.sentence[head.i]
    for event in events_before(state, head.i):
        if here - article.sentence[event.token] > DESCRIPTION_WINDOW:
            return None
        if event.speaker and event.entity.name is None and article.doc[event.token].lemma_.lower() == lemma:
            return event.entity
    return None


def _titled(state: State, head: Token, words: Set[str]) -> Optional[Entity]:
    """The named person before ``head`` whose titles hold the description's head noun
    and most of its other title ``words`` ("the Indiana governor" -> "Republican Indiana
    Gov. Mike Pence"); ties go to the one mentioned more often, then the nearest; else
    :func:`_titled_after`."""
    noun = next(iter(title_words([head])), None)
    best: Optional[Entity] = None
    best_key = None
    for entity, token in entities_before(state, head.i):
        if (entity.type != "person" or entity.name is None or noun not in entity.titles
                or _other_party(words, entity)):
            continue
        key = (len(words & entity.titles), state.mentions.counts.get(entity.id, 0), token)
        if best_key is None or key > best_key:
            best, best_key = entity, key
    if best is None:
        best = _titled_after(state, head, words)
    return best


def _titled_after(state: State, head: Token, words: Set[str]) -> Optional[Entity]:
    """The named person right after a description that carries all its title words
    ("The state attorney general said ... Attorney General Eric Schneiderman"),
    in the same or the next sentence, or None."""
    noun = next(iter(title_words([head])), None)
    roles = {w for w in words if w in PERSON_NOUNS} | {noun}
    for event in events_after(state, head.i, 1):
        entity = event.entity
        if entity.type == "person" and entity.name is not None and roles <= entity.titles:
            return entity
    return None


def _introduced_after(state: State, head: Token, gender: Optional[str]) -> Optional[Entity]:
    """The person a description introduces before naming: the first named person
    mentioned for the first time after ``head``, as a subject, in the
    INTRODUCTION_WINDOW sentences after its own ("Connecticut's tax commissioner says
    ... ¶ Kevin Sullivan says ..."), who agrees in gender, or None."""
    article = state.article
    here = article.sentence[head.i]
    for event in events_after(state, head.i, INTRODUCTION_WINDOW):
        entity = event.entity
        token = article.doc[event.token]
        if article.sentence[event.token] == here:
            continue  # in its own sentence, a person named after the role is another one
        if (entity.type != "person" or entity.name is None or not event.subject or event.speaker
                or article.dateline(token) or any(s <= token.idx < e for s, e in state.contents)):
            continue  # not a person spoken of in a content, nor a dateline ("MARLOW BAY —")
        if state.mentions.first_named.get(entity.id, event.token) < head.i:
            continue  # named before: the description did not introduce them
        if gender is None or entity.gender in (None, gender):
            return entity
    return None


def _other_party(words: Set[str], entity: Entity) -> bool:
    """Whether a description's party ("the Democratic nominee") is not the party in the
    titles of ``entity`` ("Republican presidential nominee Donald Trump")."""
    party = {PARTY_WORDS[w] for w in words if w in PARTY_WORDS}
    theirs = {PARTY_WORDS[w] for w in entity.titles if w in PARTY_WORDS}
    return bool(party and theirs and not party & theirs)

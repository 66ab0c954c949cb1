"""Group sources: several names ("Trump and Clinton") or two people spoken of together
("the two men", "both candidates", "the pair") make one group speaker."""
from __future__ import annotations

from typing import List, Optional

from spacy.tokens import Token

from ..extract.lexicon import HONORIFICS
from .by_name import named
from .entities import Entity
from .ranking import DESCRIPTION_WINDOW, events_before
from .state import State
from .titles import title_words
from .words import is_person_noun

# Two people spoken of as one ("the two men", "both candidates", "the pair").
PAIR_WORDS = frozenset(("two", "both"))
PAIR_NOUNS = frozenset(("pair", "duo"))


def named_group(state: State, head: Token) -> Optional[Entity]:
    """One group speaker for coordinated or listed names ("Trump and Clinton", "Obama,
    Biden"), or None."""
    heads = [head]
    for member in heads:
        heads.extend(c for c in member.children if c.dep_ == "conj" or _listed_person(state, member, c))
    if len(heads) < 2:
        return None
    members = [named(state, h) for h in heads]
    if any(m is None or m.name is None for m in members):
        return None
    return state.entities.once(tuple(m.id for m in members), "group", " and ".join(m.name for m in members))


def _listed_person(state: State, head: Token, child: Token) -> bool:
    """Whether ``child`` is a person's name listed right after the person named by
    ``head`` and a comma ("Obama, Biden", "Ted Cruz, Chris Christie"), which the parse
    takes for an apposition."""
    by_token = state.article.by_token
    if child.dep_ != "appos" or head.i not in by_token or child.i not in by_token:
        return False
    first, second = by_token[head.i], by_token[child.i]
    titles = head.doc[first.span.end + 1:second.span.start]  # "Sen.", "Governor"
    return (first.label == second.label == "PERSON" and first.entity is not second.entity
            and first.span.end < second.span.start and head.doc[first.span.end].text == ","
            and len(titles) <= 2 and all(t.is_title and t.lower_.rstrip(".") in HONORIFICS for t in titles))


def pair(state: State, head: Token, lemma: str) -> Optional[Entity]:
    """Two people spoken of together ("the two men", "both candidates", "the two", "the pair"):
    the group of two named people that spoke last in the DESCRIPTION_WINDOW sentences
    before ``head``, else one group of the two named people mentioned last, or None."""
    counted = (head.lower_ in PAIR_WORDS  # "the two", "both" on their own
               or is_person_noun(head) and any(c.lower_ in PAIR_WORDS for c in head.children))
    if lemma not in PAIR_NOUNS and not counted:
        return titled_group(state, head, lemma)
    sentence = state.article.sentence
    here = sentence[head.i]
    for event in events_before(state, head.i):
        if here - sentence[event.token] > DESCRIPTION_WINDOW:
            break
        if event.speaker and event.entity.type == "group" and (event.entity.name or "").count(" and ") == 1:
            return event.entity  # "Goodlatte and Gowdy sent a letter ... Comey said ... The two lawmakers argue"
    people: List[Entity] = []
    for event in events_before(state, head.i):
        if here - sentence[event.token] > DESCRIPTION_WINDOW:
            break
        entity = event.entity
        if (entity.type == "person" and entity.name is not None and entity not in people
                and (lemma not in HONORIFICS or not entity.titles or lemma in entity.titles)):
            # "both senators" are not a nominee and a senator
            people.append(entity)
            if len(people) == 2:
                break
    if len(people) < 2:
        return None
    people.sort(key=lambda e: min(e.mentions, default=(0, 0)))
    return state.entities.once(tuple(e.id for e in people), "group", " and ".join(e.name for e in people))


def titled_group(state: State, head: Token, lemma: str) -> Optional[Entity]:
    """A definite plural role ("the committee chairmen", "the senators"): one group of
    the named people before ``head`` whose titles
    hold the role and the description's other title words, if there are two or more;
    else None."""
    if not is_person_noun(head) or not any(c.dep_ == "det" and c.lower_ in ("the", "these") for c in head.children):
        return None
    words = {w for w in title_words(t for t in head.subtree if t.i <= head.i) if w != "former"}
    words.add(lemma)
    people: List[Entity] = []
    for event in events_before(state, head.i):
        entity = event.entity
        if (entity.type == "person" and entity.name is not None and entity not in people
                and words <= entity.titles):
            people.append(entity)
    if len(people) < 2:
        return None
    people.sort(key=lambda e: min(e.mentions, default=(0, 0)))
    return state.entities.once(tuple(e.id for e in people), "group", " and ".join(e.name for e in people))

"""Ranking antecedents: which entity mentioned before a pronoun or description is the
one it refers to, by salience (nearer sentences, subjects and the previous speaker
weigh most, mentions inside quotation marks least)."""
from __future__ import annotations

import bisect
from typing import Callable, Dict, Iterator, Optional, Tuple

from .entities import Entity
from .article import Event
from .state import State
from .words import FIRST_AND_SECOND_PERSON

# How many sentences back a pronoun or description may find its antecedent.
WINDOW_SENTENCES = 6
# How far back "the senator" may find a named person who does not carry that title, and
# "the two men" the people it speaks of.
DESCRIPTION_WINDOW = 4
# How much each clue weighs when ranking antecedents (a sentence further back costs 1).
SUBJECT_WEIGHT = 1.0
SAME_SENTENCE_SUBJECT_WEIGHT = 1.0
PREVIOUS_SPEAKER_WEIGHT = 1.5
SAME_PARAGRAPH_WEIGHT = 0.5
GENDER_KNOWN_WEIGHT = 0.3
FREQUENCY_WEIGHT = 0.05
QUOTED_WEIGHT = -1.0  # a mention inside quotation marks ("... Trump is such a liar ..." ¶ He concluded)


def antecedent(state: State, token: int, types: Tuple[str, ...], gender: Optional[str],
               window: int = WINDOW_SENTENCES, named_only: bool = False,
               reject: Optional[Callable[[Entity], bool]] = None) -> Optional[Entity]:
    """The best-ranked entity mentioned before ``token`` within ``window`` sentences,
    of one of ``types``, agreeing with ``gender``, that ``reject`` does not refuse."""
    article = state.article
    here = article.sentence[token]
    paragraph = article.paragraph[token]
    previous = previous_speaker(state, token)
    best: Optional[Entity] = None
    best_score = float("-inf")
    for event in events_before(state, token):
        distance = here - article.sentence[event.token]
        if distance > window:
            break
        entity = event.entity
        if (entity.type not in types or (named_only and entity.name is None)
                or entity.id in state.entities.first_and_second):
            continue
        if gender is not None and entity.gender is not None and entity.gender != gender:
            continue
        if (reject is not None and reject(entity)) or article.doc[event.token].lower_ in FIRST_AND_SECOND_PERSON:
            continue  # the writer called "I" is not "she", though the byline names her
        score = -distance
        score += SUBJECT_WEIGHT if event.subject else 0.0
        score += SAME_SENTENCE_SUBJECT_WEIGHT if event.subject and distance == 0 else 0.0
        score += PREVIOUS_SPEAKER_WEIGHT if entity is previous else 0.0
        score += SAME_PARAGRAPH_WEIGHT if article.paragraph[event.token] == paragraph else 0.0
        score += GENDER_KNOWN_WEIGHT if gender is not None and entity.gender == gender else 0.0
        score += FREQUENCY_WEIGHT * min(state.mentions.counts.get(entity.id, 0), 10)
        score += QUOTED_WEIGHT if not event.speaker and article.quotes.quoted(article.doc[event.token].idx) else 0.0
        if score > best_score:
            best, best_score = entity, score
    return best


def main_person(state: State, token: int, gender: Optional[str]) -> Optional[Entity]:
    """The named person mentioned most often before ``token`` who agrees with ``gender``."""
    counts: Dict[int, int] = {}
    people: Dict[int, Entity] = {}
    for event in events_before(state, token):
        entity = event.entity
        if entity.type == "person" and entity.name is not None and entity.gender in (None, gender):
            counts[entity.id] = counts.get(entity.id, 0) + 1
            people[entity.id] = entity
    if not counts:
        return None
    return people[max(counts, key=counts.get)]


def events_before(state: State, token: int) -> Iterator[Event]:
    """The mentions before ``token``, nearest first, less those inside the content of
    the attribution being resolved."""
    excluded = state.excluded
    doc = state.article.doc
    events = state.mentions.events
    for position in range(bisect.bisect_left(state.mentions.tokens, token) - 1, -1, -1):
        event = events[position]
        if excluded:
            at = doc[event.token].idx
            if any(s <= at < e for s, e in excluded):
                continue
        yield event


def entities_before(state: State, token: int) -> Iterator[Tuple[Entity, int]]:
    """Each entity mentioned before ``token`` with its nearest mention there, less those
    inside the content of the attribution being resolved (what :func:`events_before`
    gives, one entity at a time: a look per entity, not per mention)."""
    excluded = state.excluded
    doc = state.article.doc
    for entity, tokens in state.mentions.by_entity.values():
        for k in range(bisect.bisect_left(tokens, token) - 1, -1, -1):
            at = doc[tokens[k]].idx
            if not any(s <= at < e for s, e in excluded):
                yield entity, tokens[k]
                break


def events_after(state: State, token: int, sentences: int) -> Iterator[Event]:
    """The mentions after ``token``, nearest first, up to ``sentences`` sentences
    after its own."""
    sentence = state.article.sentence
    last = sentence[token] + sentences
    mentions = state.mentions
    for event in mentions.events[bisect.bisect_right(mentions.tokens, token):]:
        if sentence[event.token] > last:
            return
        yield event


def previous_speaker(state: State, token: int) -> Optional[Entity]:
    """The speaker of the last source before ``token`` in this or the previous paragraph."""
    paragraph = state.article.paragraph
    here = paragraph[token]
    for event in events_before(state, token):
        if paragraph[event.token] < here - 1:
            return None
        if event.speaker:
            return event.entity
    return None


def latest(state: State, token: int, accept: Callable[[Entity], bool]) -> Optional[Entity]:
    """The entity of the nearest mention before ``token`` that ``accept`` takes."""
    for event in events_before(state, token):
        if accept(event.entity):
            return event.entity
    return None

"""Learned mention ranking: which of the entities mentioned around a pronoun or a
description ("he", "they", "the newspaper", "the senator") it refers to, or none.

A :class:`Query` is one such source; its candidates are the entities mentioned in the
WINDOW_SENTENCES sentences before it (and, for a description, the people named in the
two sentences after it), each described by a feature vector (:func:`features`): how far
back it was last mentioned, whether as a subject, the previous speaker, agreement in
gender, its type against the kind of query, the title words it shares with a
description, how often it is mentioned, the rules' own choice. A further candidate,
*none*, stands for a speaker the article does not name. A :class:`Ranker` scores each
candidate by a linear model trained on hand-resolved PolNeAR train articles
(:mod:`saidwhat.training.speakers`) and takes the best.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set

import numpy

from ..errors import PipelineError
from ..extract.lexicon import DOCUMENT_NOUNS, MEDIA_NOUNS, ORGANISATION_NOUNS
from .article import Event
from .descriptions import INTRODUCTION_WINDOW
from .entities import Entity
from .ranking import WINDOW_SENTENCES, events_after, events_before, previous_speaker
from .state import State
from .words import FIRST_AND_SECOND_PERSON, INDEFINITE

DEFAULT_WEIGHTS = Path(__file__).with_name("weights") / "ranker.json"
RANKINGS = ("learned", "rules")
DEFAULT_RANKING = "learned"
KINDS = ("he", "she", "they", "it", "person description", "organization description",
         "media description", "document description", "other description")
TYPES = ("person", "organization", "media", "group", "unknown")
DISTANCES = ("distance 0", "distance 1", "distance 2", "distance 3-4", "distance 5+", "after")
BASE = DISTANCES + (
    "subject", "subject same sentence", "previous speaker", "same paragraph", "gender agrees",
    "gender unknown", "gender disagrees", "frequency", "window mentions", "quoted", "was speaker",
    "rule choice", "named", "title noun", "title words", "word in name", "most mentioned", "headline",
    "token distance", "rule none", "nearest fitting", "subject previous sentence", "speaker same paragraph")
CROSSES = tuple(f"{kind} x {kind_}" for kind in KINDS for kind_ in TYPES)
NULLS = tuple(f"none x {kind}" for kind in KINDS) + ("none x indefinite", "none x owner", "none x rule none")
FEATURES = BASE + CROSSES + NULLS
INDEX = {name: k for k, name in enumerate(FEATURES)}


@dataclass
class Query:
    """A source to resolve: its head token, kind, gender, the words of a description,
    whether it is indefinite or owned ("his attorney"), what the rules chose, and whether
    it is a named source put as a pronoun for training (:func:`.learned.record_as_pronoun`)."""

    token: int
    kind: str
    gender: Optional[str] = None
    lemma: str = ""
    words: Set[str] = field(default_factory=set)
    indefinite: bool = False
    owner: bool = False
    rule: Optional[Entity] = None
    synthetic: bool = False


@dataclass
class Candidate:
    """An entity a query may refer to (None for *none*) and its features."""

    entity: Optional[Entity]
    vector: numpy.ndarray


class Ranker:
    """A linear scorer over :data:`FEATURES`, read from a JSON file of named weights."""

    def __init__(self, weights: Dict[str, float]):
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise PipelineError(f"speaker ranking weights name unknown features: {', '.join(unknown[:5])}")
        self.weights = numpy.array([weights.get(name, 0.0) for name in FEATURES])

    @classmethod
    def load(cls, path=DEFAULT_WEIGHTS) -> "Ranker":
        """Read weights written by ``saidwhat train-speakers``."""
        try:
            with open(path, encoding="utf-8") as f:
                return cls(json.load(f)["weights"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise PipelineError(f"{path}: cannot read speaker ranking weights ({err})") from err

    def best(self, candidates: Sequence[Candidate]) -> Candidate:
        """The highest-scoring candidate (the first on ties)."""
        scores = numpy.stack([c.vector for c in candidates]) @ self.weights
        return candidates[int(numpy.argmax(scores))]


def load_ranker(ranking: str) -> Optional[Ranker]:
    """The Ranker of ``ranking`` (``learned``: the shipped weights; ``rules``: None, the
    rules alone), or a weights file written by ``saidwhat train-speakers``."""
    if ranking == "rules":
        return None
    return Ranker.load(DEFAULT_WEIGHTS if ranking == "learned" else ranking)


def candidates(state: State, query: Query) -> List[Candidate]:
    """The *none* candidate, then every entity the query may refer to, with features."""
    nearest: Dict[int, Event] = {}
    in_window: Dict[int, int] = {}
    article = state.article
    here = article.sentence[query.token]
    for event in events_before(state, query.token):
        if here - article.sentence[event.token] > WINDOW_SENTENCES:
            break
        if _excluded(state, event):
            continue
        nearest.setdefault(event.entity.id, event)
        in_window[event.entity.id] = in_window.get(event.entity.id, 0) + 1
    after: Dict[int, Event] = {}
    if query.kind.endswith("description"):
        for event in events_after(state, query.token, INTRODUCTION_WINDOW):
            if event.entity.id not in nearest and not _excluded(state, event):
                after.setdefault(event.entity.id, event)
    context = _Context(state, query, in_window, _nearest_fitting(query, nearest.values()))
    out = [Candidate(None, _none_vector(query))]
    out += [Candidate(e.entity, context.vector(e, False)) for e in nearest.values()]
    out += [Candidate(e.entity, context.vector(e, True)) for e in after.values()]
    return out


def _excluded(state: State, event: Event) -> bool:
    """Whether a mention cannot be what a third-person source refers to: "I", "you" or
    "we", or an entity only known so."""
    return (event.entity.id in state.entities.first_and_second
            or state.article.doc[event.token].lower_ in FIRST_AND_SECOND_PERSON)


def _none_vector(query: Query) -> numpy.ndarray:
    vector = numpy.zeros(len(FEATURES))
    vector[INDEX[f"none x {query.kind}"]] = 1.0
    vector[INDEX["none x indefinite"]] = float(query.indefinite)
    vector[INDEX["none x owner"]] = float(query.owner)
    vector[INDEX["none x rule none"]] = float(query.rule is None or query.rule.name is None)
    return vector


class _Context:
    """What the features of one query's candidates are computed from."""

    def __init__(self, state: State, query: Query, in_window: Dict[int, int], fitting: Optional[int]):
        self.state, self.query, self.in_window, self.fitting = state, query, in_window, fitting
        self.previous = previous_speaker(state, query.token)
        counts = state.mentions.counts
        people = [e for e in in_window if counts.get(e, 0)]
        self.most = max(people, key=lambda e: counts.get(e, 0)) if people else None
        self.spoken: Set[int] = {entity for entity, token in state.mentions.first_spoke.items()
                                 if token < query.token}

    def vector(self, event: Event, after: bool) -> numpy.ndarray:
        """The features of the entity of ``event``, its nearest mention."""
        state, query, entity = self.state, self.query, event.entity
        article = state.article
        vector = numpy.zeros(len(FEATURES))
        distance = abs(article.sentence[query.token] - article.sentence[event.token])
        vector[INDEX[_distance_name(distance, after)]] = 1.0
        values = {
            "subject": event.subject, "subject same sentence": event.subject and distance == 0,
            "previous speaker": entity is self.previous,
            "same paragraph": article.paragraph[event.token] == article.paragraph[query.token],
            "frequency": math.log1p(state.mentions.counts.get(entity.id, 0)),
            "window mentions": math.log1p(self.in_window.get(entity.id, 0)),
            "quoted": not event.speaker and article.quotes.quoted(article.doc[event.token].idx),
            "was speaker": entity.id in self.spoken, "rule choice": entity is query.rule,
            "named": entity.name is not None, "most mentioned": entity.id == self.most,
            "headline": article.paragraph[event.token] == 0,
            "token distance": math.log1p(abs(query.token - event.token)) / 5.0,
            "rule none": query.rule is None or query.rule.name is None,
            "nearest fitting": entity.id == self.fitting,
            "subject previous sentence": event.subject and distance == 1 and not after,
            "speaker same paragraph": event.speaker and article.paragraph[event.token] == article.paragraph[query.token],
        }
        values.update(_gender_values(query.gender, entity.gender))
        values.update(_description_values(query, entity))
        for name, value in values.items():
            vector[INDEX[name]] = float(value)
        vector[INDEX[f"{query.kind} x {entity.type if entity.type in TYPES else 'unknown'}"]] = 1.0
        return vector


# The entity types each kind of query can refer to.
FITTING = {"he": ("person",), "she": ("person",), "they": ("group", "organization", "media"),
           "it": ("organization", "media"), "person description": ("person",),
           "organization description": ("organization",), "media description": ("media",)}


def _nearest_fitting(query: Query, events) -> Optional[int]:
    """The id of the nearest entity of a type the query can refer to, agreeing in gender."""
    types = FITTING.get(query.kind, TYPES)
    for event in events:
        entity = event.entity
        if entity.type in types and (query.gender is None or entity.gender in (None, query.gender)):
            return entity.id
    return None


def _distance_name(distance: int, after: bool) -> str:
    if after:
        return "after"
    if distance <= 2:
        return DISTANCES[distance]
    return "distance 3-4" if distance <= 4 else "distance 5+"


def _gender_values(wanted: Optional[str], theirs: Optional[str]) -> Dict[str, bool]:
    if wanted is None:
        return {}
    return {"gender agrees": theirs == wanted, "gender unknown": theirs is None,
            "gender disagrees": theirs is not None and theirs != wanted}


def _description_values(query: Query, entity: Entity) -> Dict[str, float]:
    """How much a description's words fit ``entity``: its head noun among the entity's
    titles, the share of its title words there, a word of it in the entity's name."""
    if not query.kind.endswith("description"):
        return {}
    name_words = set(entity.name.lower().split()) if entity.name else set()
    return {"title noun": query.lemma in entity.titles,
            "title words": len(query.words & entity.titles) / len(query.words) if query.words else 0.0,
            "word in name": bool(query.lemma and query.lemma in name_words)}


def description_kind(lemma: str, is_person: bool) -> str:
    """The kind of query a description with head ``lemma`` is."""
    if lemma in MEDIA_NOUNS:
        return "media description"
    if lemma in ORGANISATION_NOUNS:
        return "organization description"
    if lemma in DOCUMENT_NOUNS:
        return "document description"
    return "person description" if is_person else "other description"


def is_indefinite(determiner: Optional[str]) -> bool:
    """Whether a description's determiner makes it indefinite ("a spokesman")."""
    return determiner in INDEFINITE

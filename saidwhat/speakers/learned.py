"""Where the learned ranking (:mod:`.mention_ranking`) decides instead of the rules:
for "he"/"she", "they", "it" and singular descriptions ("the newspaper", "the
senator", "a spokesman"). The rules still run first, and their choice is one of the
ranking's features; names, appositions, relative pronouns, documents and relatives
stay with the rules, which are exact there.

While training (:mod:`saidwhat.training.speakers`), the state's ``recorder`` is given
every query and its candidates, and the rules' choice is kept; a named source is also
recorded as the pronoun that could have stood in its place ("Ms. Reyes said" as "she
said"), so that the ranking learns to recover names from the article itself.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .entities import Entity
from .gender import gender_of_words
from .mention_ranking import Query, candidates, description_kind, is_indefinite
from .ranking import antecedent, main_person
from .state import State
from .titles import title_words
from .words import GENDERED, NEUTER_PRONOUNS, PLURAL_PRONOUNS, is_person_noun

_PRONOUN_KINDS = {"male": "he", "female": "she"}


def ranked(state: State, head: Token, span: Span, found: Optional[Entity]) -> Optional[Entity]:
    """The entity the learned ranking gives the source ``span`` headed by ``head``, where
    it decides; else ``found``, the rules' choice."""
    if state.ranker is None and state.recorder is None:
        return found
    query = _query(head, span, found)
    if query is None:
        return found
    # the rules named a description: too few were resolved by hand to overrule them
    rules_decide = query.kind.endswith("description") and found is not None and found.name is not None
    if rules_decide and state.recorder is None:
        return found
    options = candidates(state, query)
    if state.recorder is not None:
        state.recorder(query, options)
    if state.ranker is None or len(options) == 1 or rules_decide:
        return found
    best = state.ranker.best(options).entity
    if best is None:  # a speaker the article does not name
        return found if found is not None and found.name is None else _unnamed(state, head, span, query)
    if query.gender is not None and best.gender is None and best.type == "person":
        best.gender = query.gender
    return best


def _unnamed(state: State, head: Token, span: Span, query: Query) -> Entity:
    """A new speaker the article does not name, of the query's kind."""
    if query.kind.endswith("description"):
        return state.entities.unnamed(span, head)
    kind = {"they": "group", "it": "unknown"}.get(query.kind, "person")
    entity = state.entities.unnamed(span, head, kind=kind)
    entity.gender = query.gender
    return entity


def record_as_pronoun(state: State, head: Token, found: Entity) -> None:
    """Give the recorder a named source as the pronoun that could stand in its place."""
    if state.recorder is None or found.name is None:
        return
    if found.type == "person" and found.gender in _PRONOUN_KINDS:
        kind, gender = _PRONOUN_KINDS[found.gender], found.gender
        rule = antecedent(state, head.i, ("person",), gender) or main_person(state, head.i, gender)
    elif found.type in ("organization", "media"):
        kind, gender = "it", None
        rule = antecedent(state, head.i, ("organization", "media"), None)
    else:
        return
    query = Query(head.i, kind, gender=gender, rule=rule, synthetic=True)
    state.recorder(query, candidates(state, query))


def _query(head: Token, span: Span, found: Optional[Entity]) -> Optional[Query]:
    """The query a source is, or None where the rules decide alone."""
    lower = head.lower_
    if lower in GENDERED:
        return Query(head.i, _PRONOUN_KINDS[GENDERED[lower]], gender=GENDERED[lower], rule=found)
    if lower in PLURAL_PRONOUNS:
        return Query(head.i, "they", rule=found)
    if lower in NEUTER_PRONOUNS:
        return Query(head.i, "it", rule=found)
    if head.pos_ == "PRON" or head.tag_ not in ("NN", "NNP"):
        return None
    lemma = head.lemma_.lower()
    person = is_person_noun(head)
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
    return Query(head.i, description_kind(lemma, person), gender=gender_of_words([lemma]) if person else None,
                 lemma=lemma, words=title_words(t for t in span if t.i <= head.i),
                 indefinite=is_indefinite(determiner), owner=any(c.dep_ == "poss" for c in head.children),
                 rule=found)

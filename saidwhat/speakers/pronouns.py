"""Pronoun sources: "he"/"she" is the most salient person before it that agrees in
gender; "they" the previous speaker when that is a group or organisation; "it" the
nearest organisation; "I" outside quotation marks the writer."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .documents import author
from .interviews import interviewee
from .entities import Entity
from .ranking import antecedent, main_person, previous_speaker
from .state import State
from .words import GENDERED, NEUTER_PRONOUNS, PLURAL_PRONOUNS, SECOND_PERSON, SINGULAR_FIRST_PERSON


def is_pronoun(head: Token) -> bool:
    """Whether a source's head is a pronoun (spaCy's or one of the personal ones)."""
    lower = head.lower_
    return head.pos_ == "PRON" or lower in GENDERED or lower in PLURAL_PRONOUNS


def pronoun(state: State, head: Token, span: Span) -> Entity:
    """The entity a pronoun source refers to, else a new unnamed one."""
    lower = head.lower_
    if lower in GENDERED:
        return _gendered(state, head, span, GENDERED[lower])
    if lower in PLURAL_PRONOUNS:
        return _plural(state, head, span)
    if lower in SINGULAR_FIRST_PERSON or lower in SECOND_PERSON:
        found = interviewee(state, head.i, lower)  # "A: I think ...", "Q: You said ..."
        if found is not None:
            return found
    if lower in SINGULAR_FIRST_PERSON and not state.article.quotes.quoted(head.idx):
        writer = author(state, head.i)
        if writer is not None:
            return writer
    if lower in NEUTER_PRONOUNS:
        found = antecedent(state, head.i, ("organization", "media"), None)
        return found if found is not None else state.entities.unnamed(span, head, kind="unknown")
    kind = "group" if lower in ("we", "us", "our", "ourselves") else "person"
    entity = state.entities.unnamed(span, head, kind=kind)
    state.entities.first_and_second.add(entity.id)
    return entity


def _gendered(state: State, head: Token, span: Span, gender: str) -> Entity:
    """"he" or "she": the best-ranked person who agrees, else the person named most."""
    found = antecedent(state, head.i, ("person",), gender) or main_person(state, head.i, gender)
    if found is not None:
        if found.gender is None and found.type == "person":
            found.gender = gender
        return found
    entity = state.entities.unnamed(span, head, kind="person")
    entity.gender = gender
    return entity


def _plural(state: State, head: Token, span: Span) -> Entity:
    """"they": the previous speaker if a group or organisation, else an organisation
    named in the sentence before or this one."""
    previous = previous_speaker(state, head.i)
    if previous is not None and previous.type == "person" and _one_word_unknown(previous):
        previous.type = "organization"  # "Politifact ... they published": an outlet the recogniser took for a person
    if previous is not None and previous.type in ("organization", "media", "group"):
        return previous
    found = antecedent(state, head.i, ("organization", "media", "person"), None, window=1, named_only=True,
                       reject=lambda e: e.type == "person" and not _one_word_unknown(e))
    if found is not None and found.type == "person":
        found.type = "organization"
    return found if found is not None else state.entities.unnamed(span, head, kind="group")


def _one_word_unknown(entity: Entity) -> bool:
    """Whether a "person" is only a one-word name with no gender and no title, as a brand
    or outlet is when the recogniser takes it for a person ("Politifact")."""
    return (entity.name is not None and " " not in entity.name and entity.gender is None
            and not entity.titles and not entity.title)

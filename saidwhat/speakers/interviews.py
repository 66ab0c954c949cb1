"""Interviews written as questions and answers: in an answer ("A: I think ...") "I" is
the person interviewed, and so is "you" in a question ("Q: You backed the plan. Why?"),
not the writer the byline names."""
from __future__ import annotations

import re
from typing import Dict, Optional

from .entities import Entity
from .state import State

ANSWER = re.compile(r"A\s*[:.\u2014\u2013-]\s")
QUESTION = re.compile(r"Q(?:\s*[:.\u2014\u2013-]\s*|(?=[A-Z]))")


def interviewee(state: State, token: int, lower: str) -> Optional[Entity]:
    """The person interviewed, for "I"/"me"/"my" in an answer paragraph or "you"/"your"
    in a question paragraph of a question-and-answer interview, else None."""
    article = state.article
    start, _ = article.paragraph_spans[article.paragraph[token]]
    text = article.text
    if lower in ("you", "your", "yourself"):
        if not QUESTION.match(text, start):
            return None
    elif not ANSWER.match(text, start):
        return None
    return _interviewed(state)


def _interviewed(state: State) -> Optional[Entity]:
    """The named person mentioned most often before the first question or answer,
    bylines left out."""
    article = state.article
    first = next((s for s, _ in article.paragraph_spans if ANSWER.match(article.text, s)
                  or QUESTION.match(article.text, s)), None)
    if first is None:
        return None
    counts: Dict[int, int] = {}
    people: Dict[int, Entity] = {}
    for mention in article.names:
        if mention.span.start_char >= first:
            break
        entity = mention.entity
        line = article.quotes.line_start(mention.span.start_char)
        if article.text.startswith(("By ", "by "), line):
            continue  # the writer's byline
        if entity.type == "person" and entity.name is not None:
            counts[entity.id] = counts.get(entity.id, 0) + 1
            people[entity.id] = entity
    return people[max(counts, key=counts.get)] if counts else None

"""The records name chains are made of: an :class:`Entity` (one person, organisation
or group, with every mention of it) and a :class:`NameMention` (one named mention)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Set, Tuple

from spacy.tokens import Span, Token


@dataclass
class Entity:
    """One speaker candidate: a chain of mentions of the same person or organisation.

    ``name`` is ``None`` for an entity the article never names ("a spokeswoman");
    ``names`` holds the word tuples of its name mentions, for matching; ``variants`` the
    names as written in plain prose and ``written`` every name as written, for naming;
    ``titles`` the lowercased words of its titles, for descriptions ("the nominee");
    ``mentions`` the ``(start, end)`` offsets that refer to it; ``place`` whether it is
    named as a place.
    """

    id: int
    type: str
    name: Optional[str] = None
    title: Optional[str] = None
    gender: Optional[str] = None
    names: List[Tuple[str, ...]] = field(default_factory=list)
    variants: List[str] = field(default_factory=list)
    written: List[str] = field(default_factory=list)
    titles: Set[str] = field(default_factory=set)
    mentions: List[Tuple[int, int]] = field(default_factory=list)
    place: bool = False  # named as a place (a country, state or city)

    def add_mention(self, start: int, end: int) -> None:
        """Record that ``text[start:end]`` refers to this entity (once)."""
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))


@dataclass
class NameMention:
    """A named mention: its words as written (titles and "the" left out) and its entity."""

    span: Span
    words: Tuple[str, ...]
    text: str
    label: str
    entity: Entity

    @property
    def head(self) -> Token:
        """The syntactic head of the mention."""
        return self.span.root

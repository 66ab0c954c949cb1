"""What resolving one article's sources works with: the article as parsed, the mentions
of each entity so far, the entities made along the way."""
from __future__ import annotations

import bisect
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Span, Token

from .article import Article, Event
from .entities import Entity, NameMention
from .gender import gender_of_words
from .relatives import Relatives
from .words import SUBJECT_DEPS, type_of



class Mentions:
    """Every mention of an entity so far, in text order (names, named relatives, resolved
    sources), and how often each entity is mentioned."""

    def __init__(self, names: Sequence[NameMention], relatives: Sequence[Event]):
        self.events: List[Event] = sorted(
            [Event(m.head.i, m.entity, _subject(m.head), False) for m in names] + list(relatives),
            key=lambda e: e.token)
        self.tokens = [e.token for e in self.events]
        self.counts: Dict[int, int] = {}
        self.first_named: Dict[int, int] = {}  # entity id -> the token of its first name mention
        # entity id -> the entity and the tokens of its mentions, in text order
        self.by_entity: Dict[int, Tuple[Entity, List[int]]] = {}
        self.first_spoke: Dict[int, int] = {}  # entity id -> the token of its first mention as a source
        for event in self.events:
            self.by_entity.setdefault(event.entity.id, (event.entity, []))[1].append(event.token)
            if event.speaker:
                self.first_spoke.setdefault(event.entity.id, event.token)
        for m in names:
            self.counts[m.entity.id] = self.counts.get(m.entity.id, 0) + 1
            self.first_named.setdefault(m.entity.id, m.head.i)

    def add(self, token: int, entity: Entity, subject: bool, speaker: bool) -> None:
        """Record a mention of ``entity`` at ``token``."""
        position = bisect.bisect_right(self.tokens, token)
        self.events.insert(position, Event(token, entity, subject, speaker))
        self.tokens.insert(position, token)
        self.counts[entity.id] = self.counts.get(entity.id, 0) + 1
        tokens = self.by_entity.setdefault(entity.id, (entity, []))[1]
        tokens.insert(bisect.bisect_right(tokens, token), token)
        if speaker:
            self.first_spoke[entity.id] = min(token, self.first_spoke.get(entity.id, token))


class Entities:
    """The entities made while resolving, numbered after the named ones; one made for a
    key (a group's members, a name the recogniser missed) is made once."""

    def __init__(self, first_id: int):
        self.next_id = first_id
        self.by_key: Dict[Tuple, Entity] = {}
        # Unnamed speakers known only as "I", "you" or "we": no "he" or "the senator" is them.
        self.first_and_second: Set[int] = set()

    def new(self, kind: str, name: Optional[str]) -> Entity:
        """A new entity of type ``kind``."""
        entity = Entity(id=self.next_id, type=kind, name=name)
        self.next_id += 1
        return entity

    def once(self, key: Tuple, kind: str, name: Optional[str]) -> Entity:
        """The entity made for ``key``, a new one the first time."""
        if key not in self.by_key:
            self.by_key[key] = self.new(kind, name)
        return self.by_key[key]

    def unnamed(self, span: Span, head: Token, kind: Optional[str] = None) -> Entity:
        """A new speaker the article does not name ("officials", "a spokeswoman"), its
        title the source's words unless it is a pronoun."""
        entity = self.new(kind or type_of(head), None)
        if head.pos_ != "PRON":
            entity.title = _trimmed_text(span)
            entity.gender = gender_of_words([head.lower_])
        return entity


class State:
    """The state of resolving one article: the article, the mentions so far, the
    entities made, its named relatives and documents, and its attributions' contents."""

    def __init__(self, article: Article, relatives: Relatives):
        self.article = article
        self.relatives = relatives
        self.mentions = Mentions(article.names, relatives.mentions())
        self.entities = Entities(1 + max((m.entity.id for m in article.names), default=0))
        # (token, family, maker) of every document with a named maker: documents.made_documents
        self.documents: List[Tuple[int, str, Entity]] = []
        self.contents: List[Tuple[int, int]] = []  # every attribution's content, in text order
        self.excluded: Tuple[Tuple[int, int], ...] = ()  # the content of the attribution being resolved
        self.ranker = None  # the learned ranking of antecedents (mention_ranking.Ranker), if used
        self.recorder: Optional[Callable] = None  # given every ranking query while training


def _subject(head: Token) -> bool:
    """Whether a name is its clause's subject, or in apposition to it ("One delegate,
    party chair *Nancy Worley*, pledged ...")."""
    return head.dep_ in SUBJECT_DEPS or (head.dep_ == "appos" and head.head.dep_ in SUBJECT_DEPS)


def _trimmed_text(span: Span) -> Optional[str]:
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    return span.doc[tokens[0].i:tokens[-1].i + 1].text

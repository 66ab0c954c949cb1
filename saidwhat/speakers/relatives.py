"""Relatives as sources: "my father" is the relative the article names as such ("my
father, James Meehan")."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from spacy.tokens import Token

from ..extract.doctext import token_indices
from ..extract.lexicon import KIN, KIN_PAIRS
from .entities import Entity
from .article import Article, Event
from .words import SUBJECT_DEPS


class Relatives:
    """The relatives an article names beside the word for them: "my father, James
    Meehan", "Jo Park, my sister", "my parents, James and Olive Meehan" (father and
    mother by gender)."""

    def __init__(self, article: Article):
        self.article = article
        self.named: Dict[Tuple[object, str], Entity] = self._named()  # {(owner, relation): entity}

    def of(self, token: Token) -> Optional[Entity]:
        """The named relative a possessed kin word stands for ("my father"), or None."""
        lemma = token.lemma_.lower()
        if lemma not in KIN or not self.named:
            return None
        owner = self._owner(token)
        return None if owner is None else self.named.get((owner, KIN[lemma]))

    def mentions(self) -> List[Event]:
        """Every kin word that stands for a named relative, as a mention of them ("My
        father spent ... He also bought ...")."""
        doc = self.article.doc
        kin = token_indices(doc, KIN.keys()) if self.named else []
        found = []
        for token in (doc[i] for i in kin):
            relative = self.of(token)
            if relative is not None:
                found.append(Event(token.i, relative, token.dep_ in SUBJECT_DEPS, False))
        return found

    def _owner(self, token: Token) -> Optional[object]:
        """Whose relative ``token`` is: ``"i"`` for "my", a named owner's entity id
        ("Trump's daughter"), else None."""
        for child in token.children:
            if child.dep_ == "poss":
                if child.lower_ == "my":
                    return "i"
                mention = self.article.by_token.get(child.i)
                return mention.entity.id if mention is not None else None
        return None

    def _named(self) -> Dict[Tuple[object, str], Entity]:
        found: Dict[Tuple[object, str], Entity] = {}
        doc = self.article.doc
        for token in (doc[i] for i in token_indices(doc, KIN.keys() | KIN_PAIRS.keys())):
            lemma = token.lemma_.lower()
            owner = self._owner(token)
            if owner is None:
                continue
            entities = self._beside(token)
            if lemma in KIN_PAIRS and len(entities) == 2:
                known = [e for e in entities if e.gender in KIN_PAIRS[lemma]]
                if len(known) == 1:  # "Walter and Ingrid": the one not known is of the other gender
                    other = next(e for e in entities if e is not known[0])
                    other.gender = other.gender or ("female" if known[0].gender == "male" else "male")
                for entity in entities:
                    relation = KIN_PAIRS[lemma].get(entity.gender or "")
                    if relation is not None:
                        found.setdefault((owner, relation), entity)
            elif len(entities) == 1 and lemma in KIN:  # "my parents, James Meehan": which one is not said
                found.setdefault((owner, KIN[lemma]), entities[0])
        return found

    def _beside(self, token: Token) -> List[Entity]:
        """The people named in apposition to a kin word, and those joined to them by "and"."""
        by_token = self.article.by_token
        heads = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            heads.append(token.head)
        people = []
        for named in heads:
            people.extend(n for n in [named] + [c for c in named.children if c.dep_ == "conj"]
                          if n.i in by_token and by_token[n.i].label == "PERSON")
        return [by_token[n.i].entity for n in people]

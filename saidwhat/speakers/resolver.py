"""Speakers: who each attribution's source refers to, named as fully as the article names it.

``nlp.add_pipe("saidwhat_speakers")`` after the ``saidwhat`` component resolves every
source of ``doc._.attributions`` to a :class:`~saidwhat.schema.Speaker`, sets it on the
attribution and lists the article's speakers on ``doc._.speakers``. Like spaCy's own
components, :class:`SpeakerResolver` finds in ``__call__`` / :meth:`~SpeakerResolver.resolve`
and sets in :meth:`~SpeakerResolver.set_annotations`.

How a source is resolved (:class:`_Resolution`), in order:

1. a relative pronoun ("a woman *who* claims") stands for the noun its clause describes,
   the subject when that noun is a predicate ("Kaine is a lawyer *who* ..."), or the
   name right before it;
2. a name in the source ("Secretary of State Mike Pompeo", "Trump"), named beside its
   head ("a spokesman, Tomas Reyes") or joined to a role ("his wife and nominee Hillary
   Clinton") is that name's entity (:mod:`saidwhat.names`); several names ("Trump and
   Clinton") make one group speaker;
3. "he"/"she" is the most salient person before it that agrees in gender: nearer
   sentences, subjects and the previous attribution's speaker ("she added") weigh most,
   mentions inside quotation marks least; "they" is the previous speaker when that is a
   group or organisation; "it" the nearest organisation;
4. "my father" is the relative the article names as such ("my father, James Meehan");
5. a document ("a Quinnipiac University poll") speaks for the name that made it, named
   in it, before it or a few paragraphs after it;
6. a description refers back: "the newspaper" to the last news outlet, "the authority"
   to the organisation with that word in its name, "the nominee" to the person the
   article gave that title (not of another party), else to the salient person; or
   ahead, to the person it introduces ("A former party chairman says ... ¶ ... said Don
   Fowler"); "the two men" to the last two people named;
7. anything else ("officials", "a spokeswoman") is a speaker the article does not name.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from ..extract.doctext import doc_text, token_indices
from ..extract.lexicon import (ANONYMOUS_NOUNS, DOCUMENT_KINDS, DOCUMENT_NOUNS, HONORIFICS, KIN, KIN_PAIRS, MEDIA_NOUNS,
                      MEDIA_WORDS, ORGANISATION_NOUNS, PARTY_WORDS, PERSON_NOUNS)
from .names import (Entity, NameMention, QuoteIndex, first_name_gender, gender_of_words, is_acronym,
                    mention_index, name_chains, name_tokens, name_word, title_words)
from ..extract.quotes import paragraphs
from ..schema import Attribution, Speaker, TextSpan

EXTENSION = "speakers"
DEFAULT_BATCH = 64
GENDERED = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
PLURAL_PRONOUNS = frozenset(("they", "them", "their", "themselves"))
NEUTER_PRONOUNS = frozenset(("it", "its", "itself"))
FIRST_PERSON = frozenset(("i", "me", "my", "myself", "we", "us", "our", "ourselves"))
SINGULAR_FIRST_PERSON = frozenset(("i", "me", "my", "myself"))
FIRST_AND_SECOND_PERSON = FIRST_PERSON | frozenset(("you", "your", "yourself", "yourselves"))
# Documents of one family: "the survey" refers back to "a Gallup poll".
DOCUMENT_FAMILY = {"survey": "poll", "polls": "poll", "study": "report", "analysis": "report",
                   "findings": "report", "research": "report", "advertisement": "ad", "video": "ad",
                   "clip": "ad", "documentary": "film"}
# Documents that hold findings, in which a subject figures without having made them
# ("Trump leads in the poll").
FINDINGS = frozenset(("poll", "report"))
RELATIVE_PRONOUNS = frozenset(("who", "whom", "whose", "which", "that"))
DEFINITE = frozenset(("the", "this", "that"))
INDEFINITE = frozenset(("a", "an", "one", "another"))
# Two people spoken of as one ("the two men", "both candidates", "the pair").
PAIR_WORDS = frozenset(("two", "both"))
PAIR_NOUNS = frozenset(("pair", "duo"))
# How many sentences back a pronoun or description may find its antecedent.
WINDOW_SENTENCES = 6
# How far back "the senator" may find a named person who does not carry that title.
DESCRIPTION_WINDOW = 4
# Sentences after a description in which the person it introduces is named ("A former
# party chairman says ... ¶ "...," said Don Fowler").
INTRODUCTION_WINDOW = 2
# Paragraphs after a document whose maker is not named yet in which a document of its kind
# names it (a headline's "New poll shows ..." ¶ ... ¶ "The latest Reuters poll ...").
DOCUMENT_AHEAD = 3
# How much each clue weighs when ranking antecedents (a sentence further back costs 1).
SUBJECT_WEIGHT = 1.0
SAME_SENTENCE_SUBJECT_WEIGHT = 1.0
PREVIOUS_SPEAKER_WEIGHT = 1.5
SAME_PARAGRAPH_WEIGHT = 0.5
GENDER_KNOWN_WEIGHT = 0.3
FREQUENCY_WEIGHT = 0.05
QUOTED_WEIGHT = -1.0  # a mention inside quotation marks ("... Trump is such a liar ..." ¶ He concluded)


@Language.factory("saidwhat_speakers", default_config={})
def make_speaker_resolver(nlp: Language, name: str) -> "SpeakerResolver":
    """Build the ``saidwhat_speakers`` component (it has no settings)."""
    return SpeakerResolver(nlp, name)


class SpeakerResolver:
    """Resolve the sources of ``doc._.attributions`` to speakers; list them on ``doc._.speakers``.

    Needs the ``saidwhat`` component (and spaCy's parser and NER) before it.
    """

    def __init__(self, nlp: Optional[Language] = None, name: str = "saidwhat_speakers"):
        self.name = name
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Resolve the speakers of ``doc``'s attributions, set them and return ``doc``."""
        self.set_annotations(doc, self.resolve(doc, doc._.attributions or []))
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = DEFAULT_BATCH) -> Iterator[Doc]:
        """Resolve and set the speakers of each Doc of ``stream``."""
        for batch in minibatch(stream, size=batch_size):
            for doc in batch:
                yield self(doc)

    def resolve(self, doc: Doc, attributions: Sequence[Attribution]) -> List[Optional[Entity]]:
        """Return, per attribution, the entity its source refers to (None without a source)."""
        return _Resolution(doc).resolve(attributions)

    def set_annotations(self, doc: Doc, entities: Sequence[Optional[Entity]]) -> None:
        """Set each attribution's ``speaker`` and ``doc._.speakers`` from resolved ``entities``."""
        doc._.set(EXTENSION, assign_speakers(doc_text(doc), doc._.attributions or [], entities))


def assign_speakers(text: str, attributions: Sequence[Attribution],
                    entities: Sequence[Optional[Entity]]) -> List[Speaker]:
    """Turn resolved entities into Speakers numbered in order of first attribution, set
    each attribution's ``speaker`` and return the speakers with their attribution counts."""
    speakers: Dict[int, Speaker] = {}
    for attribution, entity in zip(attributions, entities):
        if entity is None:
            attribution.speaker = None
            continue
        speaker = speakers.get(entity.id)
        if speaker is None:
            mentions = [TextSpan.from_offsets(text, [m]) for m in sorted(entity.mentions)]
            speaker = Speaker(id=len(speakers) + 1, name=entity.name, type=entity.type,
                              title=entity.title, mentions=mentions)
            speakers[entity.id] = speaker
        speaker.attributions += 1
        attribution.speaker = speaker
    return list(speakers.values())


@dataclass
class _Event:
    """A place where an entity is mentioned, for ranking antecedents."""

    token: int
    entity: Entity
    subject: bool
    speaker: bool


class _Resolution:
    """The state of resolving one Doc: its names, mentions seen so far, speakers so far."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.names: List[NameMention] = name_chains(doc)
        self.by_token = mention_index(self.names)
        self.next_id = 1 + max((m.entity.id for m in self.names), default=0)
        self.sentence = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sentence[i] = k
        self.text = doc_text(doc)
        self.quotes = QuoteIndex(self.text)
        self.paragraph_spans = paragraphs(self.text)
        starts = [s for s, _ in self.paragraph_spans]
        offsets = doc.to_array([IDX]).reshape(-1).astype(numpy.int64)
        self.paragraph = numpy.maximum(numpy.searchsorted(starts, offsets, side="right") - 1, 0).tolist()
        self.events: List[_Event] = [
            _Event(m.head.i, m.entity, m.head.dep_ in ("nsubj", "nsubjpass"), False) for m in self.names
        ]
        self.relatives: Dict[Tuple[object, str], Entity] = self._relatives()
        kin = token_indices(doc, KIN.keys()) if self.relatives else []
        for token in (doc[i] for i in kin):  # "My father spent ... He also bought ...": every mention of a named relative
            relative = self._relative(token)
            if relative is not None:
                self.events.append(_Event(token.i, relative, token.dep_ in ("nsubj", "nsubjpass"), False))
        self.events.sort(key=lambda e: e.token)
        self.event_tokens = [e.token for e in self.events]
        self.counts: Dict[int, int] = {}
        self.first_named: Dict[int, int] = {}  # entity id -> the token of its first name mention
        for m in self.names:
            self.counts[m.entity.id] = self.counts.get(m.entity.id, 0) + 1
            self.first_named.setdefault(m.entity.id, m.head.i)
        self.groups: Dict[Tuple, Entity] = {}
        self.by_offsets: Dict[Tuple[Tuple[int, int], ...], Entity] = {}
        self.documents: List[Tuple[int, str, Entity]] = self._documents()
        self.excluded: Tuple[Tuple[int, int], ...] = ()
        self.contents: List[Tuple[int, int]] = []  # every attribution's content, in text order
        # Unnamed speakers known only as "I", "you" or "we": no "he" or "the senator" is them.
        self.first_and_second: Set[int] = set()

    # --- the walk over the attributions ----------------------------------------------

    def resolve(self, attributions: Sequence[Attribution]) -> List[Optional[Entity]]:
        """Resolve the sources in text order, so each can lean on the speakers before it."""
        result: List[Optional[Entity]] = [None] * len(attributions)
        order = sorted((a.source.start, k) for k, a in enumerate(attributions) if a.source is not None)
        self.contents = sorted(span for a in attributions for span in a.content.spans)
        for _, k in order:
            source = attributions[k].source
            key = source.spans
            entity = self.by_offsets.get(key)
            if entity is None:
                # a speaker is not one of the people the content speaks of
                self.excluded = attributions[k].content.spans
                span = self.doc.char_span(source.start, source.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                entity = self.source_entity(span)
                for start, end in source.spans:
                    entity.add_mention(start, end)
                self.by_offsets[key] = entity
                self._add_event(span.root.i, entity, subject=True, speaker=True)
            result[k] = entity
        return result

    def _add_event(self, token: int, entity: Entity, subject: bool, speaker: bool) -> None:
        position = bisect.bisect_right(self.event_tokens, token)
        self.events.insert(position, _Event(token, entity, subject, speaker))
        self.event_tokens.insert(position, token)
        self.counts[entity.id] = self.counts.get(entity.id, 0) + 1

    # --- one source ------------------------------------------------------------------

    def source_entity(self, span: Span) -> Entity:
        """Return the entity the source ``span`` refers to (a new unnamed one if none)."""
        head = _head(span, self.by_token)
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.head.i:
            described = head.head.head
            if described.dep_ == "attr":  # "Kaine is a former lawyer *who* ...": Kaine
                subjects = [c for c in described.head.children if c.dep_ == "nsubj"]
                if subjects:
                    return self.head_entity(subjects[0], _noun_phrase(subjects[0]))
            return self.head_entity(described, _noun_phrase(described))
        if head.lower_ in RELATIVE_PRONOUNS and head.i > 0 and head.i - 1 in self.by_token:
            return self.by_token[head.i - 1].entity  # "the Chicago Police Department *which* reported"
        return self.head_entity(head, span)

    def head_entity(self, head: Token, span: Span) -> Entity:
        """Return the entity of the phrase ``span`` headed by ``head``."""
        group = self._named_group(head)
        if group is not None:
            return group
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        if head.ent_type_ == "NORP" and head.tag_ == "NNP" and determiner in DEFINITE:
            # "the Republican", "the Democrat": one member, a description of a person
            found = self._description(head, head.lemma_.lower(), span, determiner)
            if found is not None:
                return found
        named = self._named(head) or self._named_in_role(head, span)
        if named is not None:
            return named
        lower = head.lower_
        if head.pos_ == "PRON" or lower in GENDERED or lower in PLURAL_PRONOUNS:
            return self._pronoun(head, span)
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            family = DOCUMENT_FAMILY.get(lemma, lemma)
            maker = self._named_inside(span, head)
            if maker is not None:
                return maker
            generic = head.tag_ in ("NNS", "NNPS") and determiner not in DEFINITE  # "exit polls", "polls show"
            if not generic and not any(c.dep_ == "poss" for c in head.children):
                made = self._document_maker(head.i, family)  # "the poll" after "a Gallup poll"
                if made is not None:
                    return made
        relative = self._relative(head)
        if relative is not None:
            return relative
        if head.tag_ in ("NNS", "NNPS") or lemma in PAIR_NOUNS:
            found = self._pair(head, lemma)
        elif head.tag_ in ("NN", "NNP"):
            found = self._description(head, lemma, span, determiner)
        else:
            found = None
        return found if found is not None else self._unnamed(span, head)

    def _named(self, head: Token) -> Optional[Entity]:
        """The entity named by ``head``, by a compound name it heads, or beside it."""
        mention = self.by_token.get(head.i)
        if mention is not None:
            return mention.entity
        for child in head.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i].entity
        if head.dep_ == "appos" and head.head.i in self.by_token and head.pos_ == "NOUN":
            return self.by_token[head.head.i].entity  # "Dana Whitfield, *a nurse* who said ..."
        if head.pos_ == "PROPN":
            for child in head.children:
                if child.dep_ == "compound" and child.i in self.by_token and self.by_token[child.i].label == "PERSON":
                    return self.by_token[child.i].entity
            return self._unlisted_name(head)
        return None

    def _named_in_role(self, head: Token, span: Span) -> Optional[Entity]:
        """The person named inside a role phrase, joined to its head by appositions or
        coordination, not as a modifier, an owner or through a preposition ("his wife and
        current nominee *Hillary Clinton*", "Trump's running mate, Gov. *Mike Pence*"; not
        "Clinton aides" or "a spokeswoman for Hillary Clinton"), or None."""
        if not _is_person_noun(head):
            return None
        for token in span:
            mention = self.by_token.get(token.i)
            if mention is None or mention.label != "PERSON" or mention.entity.name is None:
                continue
            node = mention.head
            while node.i != head.i and node.dep_ in ("appos", "conj") and node.head.i != node.i:
                node = node.head
            if node.i == head.i and mention.head.i != head.i:
                return mention.entity
        return None

    def _unlisted_name(self, head: Token) -> Optional[Entity]:
        """A proper noun the entity recogniser missed ("Ham said", an @handle): the person
        or organisation whose name ends in it, else a new named entity."""
        handle = head.text.startswith("@") and len(head.text) > 1  # "one Twitter user @nycsouthpaw"
        if not head.is_title and not head.is_upper and not handle:
            return None
        lemma = head.lemma_.lower().rstrip(".")
        if lemma in HONORIFICS or lemma in DOCUMENT_NOUNS or _is_person_noun(head):
            return None  # a capitalised common noun, as in a headline ("Retired General Says")
        start = head.i  # the run of proper-noun compounds right before the head ("Megyn Kelly")
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].pos_ == "PROPN":
            start -= 1
        written = list(self.doc[start:head.i + 1])
        tokens = name_tokens(written) or [head]
        titles = [t for t in written if t.i < tokens[0].i and not t.is_punct]
        words = tuple(name_word(t) for t in tokens)
        if len(words) == 1 and head.is_upper:  # "the S.E.C." after "the Securities and Exchange Commission"
            for mention in reversed(self.names):
                if mention.entity.type in ("organization", "media") and is_acronym(words[0], mention.words):
                    return mention.entity
        for mention in reversed(self.names):
            if mention.words[-len(words):] == words and mention.entity.name is not None:
                return mention.entity
        key = ("name",) + words
        if key not in self.groups:
            text = self.doc[tokens[0].i:head.i + 1].text
            if any(w in MEDIA_WORDS for w in words):
                kind = "media"
            else:
                kind = ("person" if head.ent_type_ in ("", "PERSON") or first_name_gender(words[0])
                        else "organization")
            entity = self._new_entity(kind, text)
            if titles:
                entity.title = self.doc[titles[0].i:titles[-1].i + 1].text
                entity.titles.update(title_words(titles))
            if kind == "person":
                entity.gender = gender_of_words(t.lower_.rstrip(".") for t in titles) or first_name_gender(words[0])
            self.groups[key] = entity
        return self.groups[key]

    def _named_group(self, head: Token) -> Optional[Entity]:
        """One group speaker for coordinated names ("Trump and Clinton"), or None."""
        heads = [head]
        for member in heads:
            heads.extend(c for c in member.children if c.dep_ == "conj")
        if len(heads) < 2:
            return None
        members = [self._named(h) for h in heads]
        if any(m is None or m.name is None for m in members):
            return None
        key = tuple(m.id for m in members)
        if key not in self.groups:
            self.groups[key] = self._new_entity("group", " and ".join(m.name for m in members))
        return self.groups[key]

    def _named_inside(self, span: Span, head: Token) -> Optional[Entity]:
        """The named maker of a document: a name in its phrase ("a Gallup poll", "a study by Jo Park")."""
        for token in span:
            maker = self._maker(token)
            if maker is not None and maker.name is not None and token.i != head.i:
                return maker
        return None

    def _maker(self, token: Token) -> Optional[Entity]:
        """The entity named at ``token`` if it can make a document: not a place ("an Iowa
        poll" is a poll of Iowa), a kind of poll ("Exit polls") or a dateline."""
        mention = self.by_token.get(token.i)
        if mention is None or mention.label == "GPE" or token.lower_ in DOCUMENT_KINDS or self._dateline(token):
            return None
        return mention.entity

    def _pronoun(self, head: Token, span: Span) -> Entity:
        lower = head.lower_
        if lower in GENDERED:
            found = self._antecedent(head.i, ("person",), GENDERED[lower]) or self._main_person(head.i, GENDERED[lower])
            if found is not None:
                if found.gender is None and found.type == "person":
                    found.gender = GENDERED[lower]
                return found
            entity = self._unnamed(span, head, kind="person")
            entity.gender = GENDERED[lower]
            return entity
        if lower in PLURAL_PRONOUNS:
            previous = self._previous_speaker(head.i)
            if previous is not None and previous.type == "person" and _one_word_unknown(previous):
                previous.type = "organization"  # "Politifact ... they published": an outlet the recogniser took for a person
            if previous is not None and previous.type in ("organization", "media", "group"):
                return previous
            found = self._antecedent(head.i, ("organization", "media", "person"), None, window=1, named_only=True,
                                     reject=lambda e: e.type == "person" and not _one_word_unknown(e))
            if found is not None and found.type == "person":
                found.type = "organization"
            return found if found is not None else self._unnamed(span, head, kind="group")
        if lower in SINGULAR_FIRST_PERSON and not self.quotes.quoted(head.idx):
            author = self._author(head.i)
            if author is not None:
                return author
        if lower in NEUTER_PRONOUNS:
            found = self._antecedent(head.i, ("organization", "media"), None)
            return found if found is not None else self._unnamed(span, head, kind="unknown")
        kind = "group" if lower in ("we", "us", "our", "ourselves") else "person"
        entity = self._unnamed(span, head, kind=kind)
        self.first_and_second.add(entity.id)
        return entity

    def _description(self, head: Token, lemma: str, span: Span, determiner: Optional[str]) -> Optional[Entity]:
        """The entity a singular description refers to, or None.

        A definite one ("the newspaper", "the authority", "the nominee") refers back; a
        person's role without an article, as in headlines ("Senator from Texas"), may
        refer back or ahead; an indefinite one ("a former party chairman") or one with an
        owner ("his attorney", "the state's tax commissioner") refers back only to a
        person who holds that title, else ahead, to the person named right after it; "my
        father" refers to nobody the resolver can name."""
        owners = [c for c in head.children if c.dep_ == "poss"]
        definite = determiner in DEFINITE and not owners
        if definite and lemma in MEDIA_NOUNS:
            return self._latest(head.i, lambda e: e.type == "media")
        if definite and lemma in ORGANISATION_NOUNS:
            return self._latest(head.i, lambda e: e.type in ("organization", "media") and e.name is not None
                                and lemma in e.name.lower().split())
        if not _is_person_noun(head) or any(o.lower_ in FIRST_PERSON for o in owners):
            return None
        gender = gender_of_words([lemma])
        words = title_words(t for t in span if t.i <= head.i)  # "the Indiana governor"
        with_of = any(c.dep_ == "prep" for c in head.children)  # "the head of Sony" defines a new one
        if determiner in INDEFINITE:
            found = self._titled_after(head, words)
        else:
            found = self._titled(head, words)
        if found is None and definite and not with_of:  # "the senator": the salient person
            found = self._antecedent(head.i, ("person",), gender, window=DESCRIPTION_WINDOW, named_only=True,
                                     reject=lambda entity: _other_party(words, entity))
        # ahead, for a role that introduces someone: one without "the", one defined by an
        # "of" phrase, or any in a headline or lede; "a source close to him" stays unnamed
        defining = with_of or self.paragraph[head.i] <= 1
        if (found is None and lemma not in ANONYMOUS_NOUNS
                and (owners or determiner in INDEFINITE or determiner is None or (definite and defining))):
            found = self._introduced_after(head, gender)
        return found

    def _pair(self, head: Token, lemma: str) -> Optional[Entity]:
        """Two people spoken of together ("the two men", "both candidates", "the pair"):
        one group of the two named people mentioned last before ``head``, or None."""
        counted = _is_person_noun(head) and any(c.lower_ in PAIR_WORDS for c in head.children)
        if lemma not in PAIR_NOUNS and not counted:
            return None
        here = self.sentence[head.i]
        people: List[Entity] = []
        for event in self._events_before(head.i):
            if here - self.sentence[event.token] > DESCRIPTION_WINDOW:
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
        key = tuple(e.id for e in people)
        if key not in self.groups:
            self.groups[key] = self._new_entity("group", " and ".join(e.name for e in people))
        return self.groups[key]

    def _introduced_after(self, head: Token, gender: Optional[str]) -> Optional[Entity]:
        """The person a description introduces before naming: the first named person
        mentioned for the first time after ``head``, as a subject, in the
        INTRODUCTION_WINDOW sentences after its own ("Connecticut's tax commissioner says
        ... ¶ Kevin Sullivan says ..."), who agrees in gender, or None."""
        here = self.sentence[head.i]
        for event in self._events_after(head.i, INTRODUCTION_WINDOW):
            entity = event.entity
            token = self.doc[event.token]
            if self.sentence[event.token] == here:
                continue  # in its own sentence, a person named after the role is another one
            if (entity.type != "person" or entity.name is None or not event.subject or event.speaker
                    or self._dateline(token) or any(s <= token.idx < e for s, e in self.contents)):
                continue  # not a person spoken of in a content, nor a dateline ("MARLOW BAY —")
            if self.first_named.get(entity.id, event.token) < head.i:
                continue  # named before: the description did not introduce them
            if gender is None or entity.gender in (None, gender):
                return entity
        return None

    def _documents(self) -> List[Tuple[int, str, Entity]]:
        """Every document of the article with a named maker, as ``(token, family, maker)``
        in text order: "a Gallup poll", "a study by Jo Park", "the council issued a statement"."""
        found = []
        for token in (self.doc[i] for i in token_indices(self.doc, DOCUMENT_NOUNS)):
            if token.pos_ != "NOUN":
                continue
            lemma = token.lemma_.lower()
            maker = None
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod"):
                    maker = self._maker(child) or maker
                elif child.dep_ == "prep" and child.lower_ == "by":
                    agents = [g for g in child.children if g.dep_ == "pobj" and g.i in self.by_token]
                    maker = (self._named_group(agents[0]) or self.by_token[agents[0].i].entity) if agents else maker
            verb = None
            if token.dep_ == "dobj":
                verb = token.head  # "the council issued a statement"
            elif (token.dep_ == "pobj" and token.head.lower_ in ("in", "through") and token.head.head.pos_ == "VERB"
                  and DOCUMENT_FAMILY.get(lemma, lemma) not in FINDINGS):
                verb = token.head.head  # "in a statement, the union called ..."
            if maker is None and verb is not None:
                subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in self.by_token]
                maker = self.by_token[subjects[0].i].entity if subjects else None
            if maker is not None and maker.name is not None:
                found.append((token.i, DOCUMENT_FAMILY.get(lemma, lemma), maker))
        return found

    def _document_maker(self, token: int, family: str) -> Optional[Entity]:
        """The maker of the document at ``token``, else of the latest document of
        ``family`` before it, else of any document in the sentence before ("a Reuters
        survey ... The study found"), else, in a headline or lede, of the first of
        ``family`` in the DOCUMENT_AHEAD paragraphs after it ("New poll shows ..."), or None."""
        here = self.sentence[token]
        for at, kind, maker in reversed(self.documents):
            if at <= token and kind == family:
                return maker
        for at, kind, maker in reversed(self.documents):
            if at < token and here - self.sentence[at] <= 1:
                return maker
        paragraph = self.paragraph[token]
        if paragraph > 1:
            return None  # only a headline or lede names a document's maker later
        for at, kind, maker in self.documents:
            if at > token and kind == family and self.paragraph[at] - paragraph <= DOCUMENT_AHEAD:
                return maker
        return None

    def _titled(self, head: Token, words: Set[str]) -> Optional[Entity]:
        """The named person before ``head`` whose titles hold the description's head noun
        and most of its other title ``words`` ("the Indiana governor" -> "Republican Indiana
        Gov. Mike Pence"); ties go to the one mentioned more often, then the nearest; else
        :meth:`_titled_after`."""
        noun = next(iter(title_words([head])), None)
        best: Optional[Entity] = None
        best_key = None
        for rank, event in enumerate(self._events_before(head.i)):
            entity = event.entity
            if (entity.type != "person" or entity.name is None or noun not in entity.titles
                    or _other_party(words, entity)):
                continue
            key = (len(words & entity.titles), self.counts.get(entity.id, 0), -rank)
            if best_key is None or key > best_key:
                best, best_key = entity, key
        if best is None:
            best = self._titled_after(head, words)
        return best

    def _titled_after(self, head: Token, words: Set[str]) -> Optional[Entity]:
        """The named person right after a description that carries all its title words
        ("The state attorney general said ... Attorney General Eric Schneiderman"),
        in the same or the next sentence, or None."""
        noun = next(iter(title_words([head])), None)
        roles = {w for w in words if w in PERSON_NOUNS} | {noun}
        for event in self._events_after(head.i, 1):
            entity = event.entity
            if entity.type == "person" and entity.name is not None and roles <= entity.titles:
                return entity
        return None

    def _author(self, token: int) -> Optional[Entity]:
        """The writer an "I" outside quotation marks stands for: the name signing the letter
        below it (a paragraph that is a name or @handle alone), else a closing line about the
        author ("Jo Park is a ..."), else the byline ("By Jo Park")."""
        here = self.paragraph[token]
        for start, end in self.paragraph_spans[here + 1:]:
            signed = self._signature(start, end)
            if signed is not None:
                return signed
        last = len(self.paragraph_spans)
        for start, end in self.paragraph_spans[max(0, last - 3):]:
            mention = self._person_at(start)
            if mention is not None and mention.span.end < len(self.doc) and self.doc[mention.span.end].lemma_ == "be":
                return mention.entity
        for start, end in self.paragraph_spans[:3]:
            if self.text.startswith(("By ", "by "), start):
                mention = self._person_at(start + 3)
                if mention is not None:
                    return mention.entity
        return None

    def _signature(self, start: int, end: int) -> Optional[Entity]:
        """The writer named by a paragraph that is a name or @handle alone, or None."""
        text = self.text[start:end].strip().rstrip(".").strip()
        if text.startswith("@") and len(text) > 1 and " " not in text:
            key = ("handle", text.lower())
            if key not in self.groups:
                self.groups[key] = self._new_entity("person", text)
            return self.groups[key]
        mention = self._person_at(start)
        if mention is not None and mention.span.end_char >= start + len(text) and len(text.split()) <= 5:
            return mention.entity
        return None

    def _person_at(self, offset: int) -> Optional[NameMention]:
        """The named person mention that starts at character ``offset``, or None."""
        for mention in self.names:
            if mention.span.start_char == offset and mention.label == "PERSON" and mention.entity.name:
                return mention
            if mention.span.start_char > offset:
                break
        return None

    def _dateline(self, token: Token) -> bool:
        """Whether ``token`` is a dateline's place in capitals ("MARLOW BAY —", "WASHINGTON
        (AP) —"): upper case, in the first words of its line, before a dash, comma or "("."""
        if not token.is_upper:
            return False
        doc = self.doc
        end = token.i + 1
        while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        return (end < len(doc) and doc[end].text in ("(", ",", "\u2014", "\u2013", "-", "--")
                and token.idx - self.quotes.line_start(token.idx) < 40)

    # --- relatives ---------------------------------------------------------------------

    def _owner(self, token: Token) -> Optional[object]:
        """Whose relative ``token`` is: ``"i"`` for "my", a named owner's entity id
        ("Trump's daughter"), else None."""
        for child in token.children:
            if child.dep_ == "poss":
                if child.lower_ == "my":
                    return "i"
                mention = self.by_token.get(child.i)
                return mention.entity.id if mention is not None else None
        return None

    def _relatives(self) -> Dict[Tuple[object, str], Entity]:
        """The relatives the article names beside the word for them: "my father, James
        Meehan", "Jo Park, my sister", "my parents, James and Olive Meehan" (father and
        mother by gender), as ``{(owner, relation): entity}``."""
        found: Dict[Tuple[object, str], Entity] = {}
        for token in (self.doc[i] for i in token_indices(self.doc, KIN.keys() | KIN_PAIRS.keys())):
            lemma = token.lemma_.lower()
            owner = self._owner(token)
            if owner is None:
                continue
            heads = [c for c in token.children if c.dep_ == "appos"]
            if token.dep_ == "appos":
                heads.append(token.head)
            people = []
            for named in heads:
                people.extend(n for n in [named] + [c for c in named.children if c.dep_ == "conj"]
                              if n.i in self.by_token and self.by_token[n.i].label == "PERSON")
            entities = [self.by_token[n.i].entity for n in people]
            if lemma in KIN_PAIRS and len(entities) == 2:
                known = [e for e in entities if e.gender in KIN_PAIRS[lemma]]
                if len(known) == 1:  # "Walter and Ingrid": the one not known is of the other gender
                    other = next(e for e in entities if e is not known[0])
                    other.gender = other.gender or ("female" if known[0].gender == "male" else "male")
                for entity in entities:
                    relation = KIN_PAIRS[lemma].get(entity.gender or "")
                    if relation is not None:
                        found.setdefault((owner, relation), entity)
            elif len(entities) == 1:
                found.setdefault((owner, KIN[lemma]), entities[0])
        return found

    def _relative(self, token: Token) -> Optional[Entity]:
        """The named relative a possessed kin word stands for ("my father"), or None."""
        lemma = token.lemma_.lower()
        if lemma not in KIN or not self.relatives:
            return None
        owner = self._owner(token)
        return None if owner is None else self.relatives.get((owner, KIN[lemma]))

    # --- ranking antecedents -----------------------------------------------------------

    def _antecedent(self, token: int, types: Tuple[str, ...], gender: Optional[str],
                    window: int = WINDOW_SENTENCES, named_only: bool = False,
                    reject: Optional[Callable[[Entity], bool]] = None) -> Optional[Entity]:
        """The best-ranked entity mentioned before ``token`` within ``window`` sentences,
        of one of ``types``, agreeing with ``gender``, that ``reject`` does not refuse."""
        here = self.sentence[token]
        paragraph = self.paragraph[token]
        previous = self._previous_speaker(token)
        best: Optional[Entity] = None
        best_score = float("-inf")
        for event in self._events_before(token):
            distance = here - self.sentence[event.token]
            if distance > window:
                break
            entity = event.entity
            if entity.type not in types or (named_only and entity.name is None) or entity.id in self.first_and_second:
                continue
            if gender is not None and entity.gender is not None and entity.gender != gender:
                continue
            if (reject is not None and reject(entity)) or self.doc[event.token].lower_ in FIRST_AND_SECOND_PERSON:
                continue  # the writer called "I" is not "she", though the byline names her
            score = -distance
            score += SUBJECT_WEIGHT if event.subject else 0.0
            score += SAME_SENTENCE_SUBJECT_WEIGHT if event.subject and distance == 0 else 0.0
            score += PREVIOUS_SPEAKER_WEIGHT if entity is previous else 0.0
            score += SAME_PARAGRAPH_WEIGHT if self.paragraph[event.token] == paragraph else 0.0
            score += GENDER_KNOWN_WEIGHT if gender is not None and entity.gender == gender else 0.0
            score += FREQUENCY_WEIGHT * min(self.counts.get(entity.id, 0), 10)
            score += QUOTED_WEIGHT if not event.speaker and self.quotes.quoted(self.doc[event.token].idx) else 0.0
            if score > best_score:
                best, best_score = entity, score
        return best

    def _main_person(self, token: int, gender: Optional[str]) -> Optional[Entity]:
        """The named person mentioned most often before ``token`` who agrees with ``gender``."""
        counts: Dict[int, int] = {}
        people: Dict[int, Entity] = {}
        for event in self._events_before(token):
            entity = event.entity
            if entity.type == "person" and entity.name is not None and entity.gender in (None, gender):
                counts[entity.id] = counts.get(entity.id, 0) + 1
                people[entity.id] = entity
        if not counts:
            return None
        return people[max(counts, key=counts.get)]

    def _events_before(self, token: int) -> Iterator[_Event]:
        """The mentions before ``token``, nearest first, less those inside the content of
        the attribution being resolved."""
        excluded = self.excluded
        for position in range(bisect.bisect_left(self.event_tokens, token) - 1, -1, -1):
            event = self.events[position]
            if excluded:
                at = self.doc[event.token].idx
                if any(s <= at < e for s, e in excluded):
                    continue
            yield event

    def _events_after(self, token: int, sentences: int) -> Iterator[_Event]:
        """The mentions after ``token``, nearest first, up to ``sentences`` sentences
        after its own."""
        last = self.sentence[token] + sentences
        for event in self.events[bisect.bisect_right(self.event_tokens, token):]:
            if self.sentence[event.token] > last:
                return
            yield event

    def _previous_speaker(self, token: int) -> Optional[Entity]:
        """The speaker of the last source before ``token`` in this or the previous paragraph."""
        paragraph = self.paragraph[token]
        for event in self._events_before(token):
            if self.paragraph[event.token] < paragraph - 1:
                return None
            if event.speaker:
                return event.entity
        return None

    def _latest(self, token: int, accept) -> Optional[Entity]:
        """The entity of the nearest mention before ``token`` that ``accept`` takes."""
        for event in self._events_before(token):
            if accept(event.entity):
                return event.entity
        return None

    # --- speakers the article does not name --------------------------------------------

    def _unnamed(self, span: Span, head: Token, kind: Optional[str] = None) -> Entity:
        entity = self._new_entity(kind or _type_of(head), None)
        if head.pos_ != "PRON":
            entity.title = _trimmed_text(span)
            entity.gender = gender_of_words([head.lower_])
        return entity

    def _new_entity(self, kind: str, name: Optional[str]) -> Entity:
        entity = Entity(id=self.next_id, type=kind, name=name)
        self.next_id += 1
        return entity


NOMINAL_POS = frozenset(("NOUN", "PROPN", "PRON", "NUM"))
# A source of this many tokens, opening with a name, around a noun that names no speaker
# is the extractor running past the name ("Trump demands accountability and ...").
RUN_ON_SOURCE = 5


def _head(span: Span, names: Dict[int, NameMention]) -> Token:
    """The head of a source span: its root, unless the extractor's span runs past its
    noun phrase ("Trump demands accountability ..., yet", "that Trump"), when it is the
    root's subject in the span, else the first name in it. Dashes and other marks at
    the span's edges are left out ("― Trump")."""
    words = [t for t in span if any(ch.isalnum() for ch in t.text)]  # not a dash taken for a noun
    if words and (words[0].i, words[-1].i + 1) != (span.start, span.end):
        span = span.doc[words[0].i:words[-1].i + 1]
    root = span.root
    if len(span) == 1 or root.pos_ == "PROPN" or (root.pos_ == "PRON" and root.lower_ not in RELATIVE_PRONOUNS):
        return root
    if root.pos_ == "NOUN" and (_is_speaker_noun(root) or len(span) < RUN_ON_SOURCE or span[0].i not in names):
        return root  # "DNC rules", "observers in Virginia": no speaker named in them
    for token in span:
        if token.head.i == root.i and token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in NOMINAL_POS:
            return token
    for token in span:
        if token.i in names:
            return names[token.i].head
    return root


def _noun_phrase(noun: Token) -> Span:
    """The noun's phrase without the relative clause that hangs on it."""
    doc = noun.doc
    start = noun.left_edge.i
    end = noun.i + 1
    for child in noun.children:
        if child.i > noun.i and child.dep_ in ("compound", "appos", "prep") and child.right_edge.i + 1 > end:
            end = child.right_edge.i + 1
    return doc[start:end]


def _other_party(words: Set[str], entity: Entity) -> bool:
    """Whether a description's party ("the Democratic nominee") is not the party in the
    titles of ``entity`` ("Republican presidential nominee Donald Trump")."""
    party = {PARTY_WORDS[w] for w in words if w in PARTY_WORDS}
    theirs = {PARTY_WORDS[w] for w in entity.titles if w in PARTY_WORDS}
    return bool(party and theirs and not party & theirs)


def _one_word_unknown(entity: Entity) -> bool:
    """Whether a "person" is only a one-word name with no gender and no title, as a brand
    or outlet is when the recogniser takes it for a person ("Politifact")."""
    return (entity.name is not None and " " not in entity.name and entity.gender is None
            and not entity.titles and not entity.title)


def _is_speaker_noun(token: Token) -> bool:
    """Whether a common noun can name a speaker: a person, organisation, outlet or document."""
    lemma = token.lemma_.lower()
    return _is_person_noun(token) or lemma in ORGANISATION_NOUNS or lemma in MEDIA_NOUNS or lemma in DOCUMENT_NOUNS


def _is_person_noun(token: Token) -> bool:
    """Whether a common noun names a person: a listed one or one with a person's ending
    ("congressman", "economist", "legislator", "assessor", "politician")."""
    lemma = token.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma.endswith(("man", "woman", "person", "ist", "ator", "ssor", "ician"))


def _type_of(head: Token) -> str:
    """The speaker type of an unnamed source from its head noun."""
    lemma = head.lemma_.lower()
    if lemma in MEDIA_NOUNS:
        return "media"
    if lemma in ORGANISATION_NOUNS:
        return "organization"
    if head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP":
        return "group"
    if _is_person_noun(head):
        return "person"
    return "unknown"


def _trimmed_text(span: Span) -> Optional[str]:
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    return span.doc[tokens[0].i:tokens[-1].i + 1].text

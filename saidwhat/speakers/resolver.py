"""Speakers: who each attribution's source refers to, named as fully as the article names it.

:func:`resolve_speakers` resolves the sources of an article's attributions in text
order, so that each can lean on the speakers before it, and turns what they refer to
into :class:`~saidwhat.schema.Speaker` objects (:mod:`.assign`). The article's names
and what is known so far live in a :class:`~.state.State`.

How a source is resolved (:func:`head_entity`), in order:

1. a relative pronoun ("a woman *who* claims") stands for the noun its clause describes,
   the subject when that noun is a predicate ("Kaine is a lawyer *who* ..."), or the
   name right before it (:func:`source_entity`);
2. a name in the source ("Secretary of State Mike Pompeo", "Trump"), named beside its
   head ("a spokesman, Tomas Reyes") or joined to a role ("his wife and nominee Hillary
   Clinton") is that name's entity (:mod:`.by_name`, over the chains of :mod:`.names`);
   several names ("Trump and Clinton") make one group speaker (:mod:`.groups`);
3. "he"/"she" is the most salient person before it that agrees in gender: nearer
   sentences, subjects and the previous attribution's speaker ("she added") weigh most,
   mentions inside quotation marks least (:mod:`.ranking`); "they" is the previous
   speaker when that is a group or organisation; "it" the nearest organisation
   (:mod:`.pronouns`);
4. "my father" is the relative the article names as such ("my father, James Meehan")
   (:mod:`.relatives`);
5. a document ("a Quinnipiac University poll") speaks for the name that made it, named
   in it, before it or a few paragraphs after it (:mod:`.documents`);
6. a description refers back: "the newspaper" to the last news outlet, "the authority"
   to the organisation with that word in its name, "the nominee" to the person the
   article gave that title (not of another party), else to the salient person; or
   ahead, to the person it introduces ("A former party chairman says ... ¶ ... said Don
   Fowler") (:mod:`.descriptions`); "the two men" to the last two people named
   (:mod:`.groups`);
7. anything else ("officials", "a spokeswoman") is a speaker the article does not name.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from ..extract.doctext import doc_text
from ..extract.lexicon import DOCUMENT_NOUNS
from ..schema import Attribution, Speaker
from .assign import assign_speakers
from .by_name import named, named_in_role
from .descriptions import description
from .documents import document_source, made_documents
from .groups import PAIR_NOUNS, PAIR_WORDS, named_group, pair
from .learned import ranked, record_as_pronoun
from .mention_ranking import Ranker
from .entities import Entity, NameMention
from .pronouns import is_pronoun, pronoun
from .relatives import Relatives
from .article import Article
from .state import State
from .words import DEFINITE, RELATIVE_PRONOUNS, SUBJECT_DEPS, is_person_noun, is_speaker_noun

NOMINAL_POS = frozenset(("NOUN", "PROPN", "PRON", "NUM"))
# A source of this many tokens, opening with a name, around a noun that names no speaker
# is the extractor running past the name ("Trump demands accountability and ...").
RUN_ON_SOURCE = 5


def resolve_speakers(doc: Doc, attributions: Sequence[Attribution], ranker: Optional[Ranker] = None) -> List[Speaker]:
    """Resolve the source of each of ``attributions`` (found in ``doc``), set each one's
    ``speaker`` and return the article's speakers, numbered from 1 in order of first
    attribution. ``ranker``, if given, decides pronouns and descriptions (:mod:`.learned`)."""
    return assign_speakers(doc_text(doc), attributions, resolve_entities(doc, attributions, ranker))


def resolve_entities(doc: Doc, attributions: Sequence[Attribution], ranker: Optional[Ranker] = None,
                     recorder: Optional[Callable] = None) -> List[Optional[Entity]]:
    """Return, per attribution, the entity its source refers to (None without a source);
    ``recorder``, while training, is given every query of the learned ranking."""
    state = _start(doc)
    state.ranker, state.recorder = ranker, recorder
    result: List[Optional[Entity]] = [None] * len(attributions)
    order = sorted((a.source.start, k) for k, a in enumerate(attributions) if a.source is not None)
    state.contents = sorted(span for a in attributions for span in a.content.spans)
    by_offsets: Dict[tuple, Entity] = {}  # one entity for sources at the same offsets
    for _, k in order:
        source = attributions[k].source
        key = source.spans
        entity = by_offsets.get(key)
        if entity is None:
            # a speaker is not one of the people the content speaks of
            state.excluded = attributions[k].content.spans
            span = doc.char_span(source.start, source.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            entity = source_entity(state, span)
            for start, end in source.spans:
                entity.add_mention(start, end)
            by_offsets[key] = entity
            state.mentions.add(span.root.i, entity, subject=True, speaker=True)
        result[k] = entity
    return result


def _start(doc: Doc) -> State:
    """The state of resolving ``doc`` before its first source."""
    article = Article(doc)
    state = State(article, Relatives(article))
    state.documents = made_documents(state)
    return state


def source_entity(state: State, span: Span) -> Entity:
    """Return the entity the source ``span`` refers to (a new unnamed one if none)."""
    by_token = state.article.by_token
    head = _head(span, by_token)
    described = _described(head, by_token) if head.lower_ in RELATIVE_PRONOUNS else None
    if described is not None:
        if described.dep_ == "attr" and described.pos_ != "PROPN":  # "Kaine is a former lawyer *who* ...": Kaine
            subjects = [c for c in described.head.children if c.dep_ == "nsubj"]
            if subjects:
                return head_entity(state, subjects[0], _noun_phrase(subjects[0]))
        return head_entity(state, described, _noun_phrase(described))
    if head.lower_ in RELATIVE_PRONOUNS and head.i > 0 and head.i - 1 in by_token:
        return by_token[head.i - 1].entity  # "the Chicago Police Department *which* reported"
    return head_entity(state, head, span)


def head_entity(state: State, head: Token, span: Span) -> Entity:
    """Return the entity of the phrase ``span`` headed by ``head``."""
    group = named_group(state, head)
    if group is not None:
        return group
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
    if head.ent_type_ == "NORP" and head.tag_ == "NNP" and determiner in DEFINITE:
        # "the Republican", "the Democrat": one member, a description of a person
        found = description(state, head, head.lemma_.lower(), span, determiner)
        if found is not None:
            return found
    found = named(state, head) or named_in_role(state, head, span)
    if found is not None:
        record_as_pronoun(state, head, found)
        return found
    if is_pronoun(head):
        return ranked(state, head, span, pronoun(state, head, span))
    found = document_source(state, head, span, determiner)
    if head.lemma_.lower() in DOCUMENT_NOUNS and head.tag_ in ("NN", "NNP"):
        found = ranked(state, head, span, found)  # "the report", "the editorial"
    found = found or state.relatives.of(head)
    if found is not None:
        return found
    lemma = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS") or lemma in PAIR_NOUNS or lemma in PAIR_WORDS:
        found = pair(state, head, lemma)
    elif head.tag_ in ("NN", "NNP"):
        found = ranked(state, head, span, description(state, head, lemma, span, determiner))
    return found if found is not None else state.entities.unnamed(span, head)


def _described(pronoun: Token, names: Dict[int, NameMention]) -> Optional[Token]:
    """The noun a relative pronoun's clause describes, or None: also through a clause
    joined to another or to the noun ("Tomas Reyes, whom ..., and *who* is now"), and
    from a place, or a thing for "who", in an "of"/"with" phrase to the person it
    belongs to ("Senator Bernie Sanders of Vermont, *who*", "a consultant with the former
    party *who*")."""
    verb = pronoun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.pos_ not in ("NOUN", "PROPN"):
        verb = verb.head
    if verb.pos_ in ("NOUN", "PROPN") and verb.i != pronoun.head.i:
        return verb  # the clause is joined to the noun itself
    if verb.dep_ not in ("relcl", "acl") or verb.head.i == verb.i:
        return None
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        owner = noun.head.head
        mention = names.get(noun.i)
        place = mention is not None and mention.label in ("GPE", "LOC", "NORP")
        thing = pronoun.lower_ in ("who", "whom", "whose") and not _personal(noun, names)
        if (place or thing) and _personal(owner, names):
            return owner
    return noun


def _personal(token: Token, names: Dict[int, NameMention]) -> bool:
    """Whether a noun is a person: a person noun or a person's name."""
    mention = names.get(token.i)
    return is_person_noun(token) or (mention is not None and mention.label == "PERSON")


def _head(span: Span, names: Dict[int, NameMention]) -> Token:
    """The head of a source span: its root, unless the extractor's span runs past its
    noun phrase ("Trump demands accountability ..., yet", "that Trump"), when it is the
    root's subject in the span, else the first name in it, or the thing said is a named
    owner's ("Mr. Trump's returns"). Dashes and other marks at
    the span's edges are left out ("― Trump")."""
    words = [t for t in span if any(ch.isalnum() for ch in t.text)]  # not a dash taken for a noun
    if words and (words[0].i, words[-1].i + 1) != (span.start, span.end):
        span = span.doc[words[0].i:words[-1].i + 1]
    root = span.root
    if root.pos_ == "DET" and root.head.i != root.i and span.start <= root.head.i < span.end:
        root = root.head  # a determiner the parser made the head ("the two", "the editorial")
    elif root.pos_ == "DET":
        nouns = [t for t in span if t.pos_ in NOMINAL_POS and t.i > root.i]
        root = nouns[-1] if nouns else root
    if len(span) == 1 or root.pos_ == "PROPN" or (root.pos_ == "PRON" and root.lower_ not in RELATIVE_PRONOUNS):
        return root
    owner = next((c for c in root.children if c.dep_ == "poss" and c.i in names), None)
    if root.pos_ == "NOUN" and owner is not None and not is_speaker_noun(root):
        return names[owner.i].head  # "Mr. Trump's returns", "Davis' commentary": the owner speaks
    if root.pos_ == "NOUN" and (is_speaker_noun(root) or len(span) < RUN_ON_SOURCE or span[0].i not in names):
        return root  # "DNC rules", "observers in Virginia": no speaker named in them
    for token in span:
        if token.head.i == root.i and token.dep_ in SUBJECT_DEPS and token.pos_ in NOMINAL_POS:
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

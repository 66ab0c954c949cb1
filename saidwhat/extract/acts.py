"""What kind of saying an attribution is (its ``act``): ``speech`` (said, told, added,
argued, according to a person, in a statement), ``writing`` (wrote, tweeted, a report or
letter says, said on Twitter, a judge ruled), ``thought`` (believes, thinks, worries, is
convinced), ``intention`` (wants, plans, vows, would vote for) or ``document`` (a poll,
study or the data show; an agency forecasts).

Decided in this order, each step by the word lists of :mod:`.act_words`:

1. the source: findings ("a Gallup poll", "according to the data") are documents, what
   a court or judge says is writing;
2. the cue's telling word: its head, or past a light verb the word it governs in the cue
   ("made clear", "is convinced", "seems to feel", "have no idea"); negation and modals
   leave it as it is, but for a choice said with "would" ("would vote for": intention);
   thought and intention words decide here;
3. findings by something that is no person ("the IMF predicted", "the study found") and
   evidence shown by something that is no agent ("the video shows") are documents;
4. the means, a phrase on the cue: "on Twitter", "in a letter", "in her book" make
   writing, "in a statement", "in an interview", "at a rally" speech;
5. a writing cue or a written thing as source ("the report says") make writing;
   everything else is speech.
"""
from __future__ import annotations

from typing import List, Optional

from spacy.tokens import Doc, Token

from ..schema import Offsets
from .act_words import (COURTS, DELIVERY_VERBS, EVIDENCE_CUES, FINDING_CUES, FINDING_UNLESS_TO,
                        FINDINGS, INTENTION_CUES, INTENTION_WITH_TO, LIGHT_ACTS, LIGHT_VERBS,
                        MEANS_PREPOSITIONS, ORGANISATION_NOUNS, PHRASAL, SPOKEN, THOUGHT_CUES,
                        WOULD_CHOICES, WRITING_CUES, WRITTEN)
from .found import Found
from .lexicon import PERSON_NOUNS

ACTS = ("speech", "writing", "thought", "intention", "document")
SPEECH, WRITING, THOUGHT, INTENTION, DOCUMENT = ACTS
# Pronouns that stand for people (not "it", "this", "that").
PERSON_PRONOUNS = frozenset("""
i you he she we they me him her us them who whom one everyone everybody someone somebody
anyone anybody nobody many some few most others all both each either neither
""".split())
# Dependencies of the words of a cue that are not its head ("also", "not", "has").
MINOR = ("advmod", "neg", "aux", "auxpass", "det", "cc", "prt", "npadvmod")
# Dependencies by which a light verb governs the word that tells the act.
GOVERNED = ("acomp", "attr", "dobj", "xcomp", "oprd", "ccomp", "pobj", "prep", "advcl")


def act_of(doc: Doc, found: Found) -> str:
    """Return the act of ``found`` in ``doc``: by its source, cue, means and source again."""
    source = _antecedent(_head(doc, found.source))
    named = _words(source)
    if named & FINDINGS:
        return DOCUMENT
    if source is not None and source.lemma_.lower() in COURTS:
        return WRITING
    cue = _cue_head(doc, found)
    word = _telling(doc, found, cue) if cue is not None else None
    act = _by_cue(cue, word, source)
    if act is not None:
        return act
    own = _means(_own_words(doc, found, cue, word))
    if (_words(word) & WRITING_CUES or _charged(word)) and own != SPEECH:
        return WRITING
    act = own or _means(_governing(cue))
    if act is not None:
        return act
    return WRITING if named & WRITTEN and source.pos_ != "PROPN" else SPEECH


def _by_cue(cue: Optional[Token], word: Optional[Token], source: Optional[Token]) -> Optional[str]:
    """The act the cue's telling word ``word`` gives: intention, thought or document
    (findings by no person, evidence by no agent); None when it gives none of those."""
    if word is None:
        return None
    lemma = word.lemma_.lower()
    cue_words = _words(word)
    for particle in (c.lower_ for c in word.children if c.dep_ == "prt"):
        if f"{lemma} {particle}" in PHRASAL:
            return PHRASAL[f"{lemma} {particle}"]
    if cue_words & WOULD_CHOICES and _has_would(cue, word):
        return INTENTION
    to_do = any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in word.children)
    if lemma in FINDING_UNLESS_TO and not to_do:
        cue_words = {"find"}
    elif cue_words & INTENTION_CUES or (lemma in INTENTION_WITH_TO and to_do):
        return INTENTION
    if cue_words & THOUGHT_CUES:
        return THOUGHT
    if lemma in LIGHT_ACTS:
        return LIGHT_ACTS[lemma]
    if (cue_words & FINDING_CUES and not _personal(source)) or (cue_words & EVIDENCE_CUES and not _agent(source)):
        return DOCUMENT
    return None


def _charged(word: Optional[Token]) -> bool:
    """Whether ``word`` charges someone with a crime ("charged them with fraud"): a
    filing, unlike a charge that something is so."""
    return word is not None and word.lemma_.lower() == "charge" and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in word.children)


def _cue_head(doc: Doc, found: Found) -> Optional[Token]:
    """The head word of the cue: the first of its words that hangs from none of the
    others, leaving out adverbs, negation and auxiliaries ("also determined to warn"),
    and a light verb when another word of the cue is a head too ("came away convinced")."""
    inside = _inside(doc, found.cue) if found.cue is not None else set()
    words = [doc[i] for i in sorted(inside) if doc[i].dep_ not in MINOR and not doc[i].is_punct]
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    if heads:
        return min(heads, key=lambda t: t.lemma_.lower() in LIGHT_VERBS)
    return doc[found.cue_token] if found.cue_token is not None else _head(doc, found.cue)


def _telling(doc: Doc, found: Found, cue: Token) -> Token:
    """The word of the cue that tells its act: ``cue``, or past light verbs ("made",
    "is", "seems to") the word they govern inside the cue ("clear", "convinced", "feel");
    a light verb with an act of its own ("seems", "tries") is kept when it governs none."""
    inside = _inside(doc, found.cue)
    word = cue
    for _ in range(4):
        if word.lemma_.lower() not in LIGHT_VERBS:
            return word
        governed = [c for c in word.children if c.dep_ in GOVERNED and c.i in inside and not c.is_punct]
        if not governed:
            return word
        nxt = governed[0]
        if nxt.dep_ == "prep":
            objects = [c for c in nxt.children if c.dep_ == "pobj" and c.i in inside]
            if not objects:
                return word
            nxt = objects[0]
        word = nxt
    return word


def _inside(doc: Doc, offsets: Optional[Offsets]) -> set:
    """Indices of the tokens at ``offsets``; every index when there are none."""
    if offsets is None:
        return set(range(len(doc)))
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def _has_would(cue: Optional[Token], word: Token) -> bool:
    """Whether the cue's verb is said with "would" ("would back her")."""
    heads = [t for t in (cue, word) if t is not None]
    return any(c.dep_ == "aux" and c.lower_ in ("would", "'d", "’d") for t in heads for c in t.children)


def _means(words: List[Token]) -> Optional[str]:
    """Writing or speech by the means a phrase on ``words`` names ("on Twitter", "in a
    statement", "in her 2003 book") or their object does ("filed a motion", "released a
    statement", of a verb of :data:`DELIVERY_VERBS`); None when none names one."""
    for word in words:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in MEANS_PREPOSITIONS:
                means = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "dobj" and word.lemma_.lower() in DELIVERY_VERBS:
                means = [child]
            else:
                continue
            for obj in means:
                if _words(obj) & WRITTEN:
                    return WRITING
                if _words(obj) & SPOKEN:
                    return SPEECH
    return None


def _own_words(doc: Doc, found: Found, cue: Optional[Token], word: Optional[Token]) -> List[Token]:
    """The cue's words, its head and its telling word."""
    words = [doc[i] for i in sorted(_inside(doc, found.cue))] if found.cue else []
    return words + [t for t in (cue, word) if t is not None]


def _governing(cue: Optional[Token]) -> List[Token]:
    """The verb a participle cue hangs from ("chimed in on Twitter, saying"), if any."""
    if cue is not None and cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.pos_ == "VERB":
        return [cue.head]
    return []


def _head(doc: Doc, offsets: Optional[Offsets]) -> Optional[Token]:
    """The syntactic head of the tokens at ``offsets``, if any."""
    if offsets is None:
        return None
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _antecedent(token: Optional[Token]) -> Optional[Token]:
    """``token``, or for a relative pronoun ("the study, which found") the noun it stands for."""
    if token is not None and token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _personal(token: Optional[Token]) -> bool:
    """Whether ``token`` (a source's head) is a person or people: a pronoun for people,
    a name the recogniser takes for a person or for nothing else, or a person noun
    ("officials")."""
    if token is None:
        return False
    if token.pos_ == "PRON":
        return token.lower_ in PERSON_PRONOUNS
    if token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON"):
        return True
    return token.ent_type_ in ("PERSON", "NORP") or token.lemma_.lower() in PERSON_NOUNS


def _agent(token: Optional[Token]) -> bool:
    """Whether ``token`` is a person or an organisation ("the agency", "the IMF")."""
    if token is None:
        return False
    return _personal(token) or token.ent_type_ in ("ORG", "GPE") or token.lemma_.lower() in ORGANISATION_NOUNS


def _words(token: Optional[Token]) -> set:
    """The lowercased form and lemma of ``token`` (none for None)."""
    return {token.lower_, token.lemma_.lower()} if token is not None else set()

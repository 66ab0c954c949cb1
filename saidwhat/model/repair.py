"""Parse checks on the network's attributions, applied as it decodes them.

The network tags tokens; a few of its mistakes are plain from the parse and are put right
here: the person a cue is addressed to is not its content ("Kim told *an American
journalist* ... that he was willing"), and a passive participle hanging on a noun with no
agent ("a reporter *believed* to be the first") is a hedge of the writer's, not anyone's
attribution; a short paragraph ending in a colon is a heading that introduces what
follows ("Experts worry about next steps:"), not a report of its own; the passive
subject of a speech verb is the one spoken of or to ("*He* has been criticized for"),
not its source; and a content that ends on a word leading into a clause ("he was right
*when*") was cut where a report nested in it begins and runs on to the clause's end.
"""
from __future__ import annotations

from typing import List, Optional, Set

from spacy.tokens import Doc, Token

from ..extract.cues import QUOTING
from ..extract.lexicon import PERSON_NOUNS
from .features import DocFeatures

# A paragraph of at most this many words that ends in a colon is a heading or lead-in.
HEADING_WORDS = 10
# Cues whose direct object is the person told, not what was said.
TELLING = frozenset("tell inform assure warn remind notify brief reassure promise".split())


def is_hedge(cue: Token) -> bool:
    """True for a passive participle describing a noun without a "by" agent ("a man
    believed to be ...", "a deal said to be close"), also where the tagger took the
    participle for a past tense with no subject (", believed to be the first ...")."""
    if any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in cue.children):
        return False
    if cue.tag_ == "VBN" and cue.dep_ == "acl":
        return True
    following = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    return (cue.tag_ in ("VBN", "VBD") and cue.dep_ in ("acl", "advcl") and following is not None
            and following.lower_ == "to" and cue.i > 0 and cue.doc[cue.i - 1].text == ",")


def is_passive_target(cue: Token, source: List[int]) -> bool:
    """True when ``source`` (token indices) holds the passive subject of ``cue``, a verb
    of speech or report with no "by" agent: the person criticized, accused or asked
    ("*Quiros* was accused of", "Asked about it, *Clinton* said"), where PolNeAR gives no
    source. A subject raised into a report of its own ("*he* is reported to have said",
    "was quoted as saying") is the speaker, and feelings ("protesters were
    frustrated") are not verbs of speech."""
    if cue.lemma_.lower() not in QUOTING or cue.tag_ != "VBN":
        return False
    for child in cue.children:
        if child.dep_ in ("agent", "xcomp", "nsubj") or (
                child.dep_ == "prep" and child.lower_ == "as" and any(c.tag_ == "VBG" for c in child.children)):
            return False
    subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    shared = cue.dep_ == "advcl" or (cue.dep_ == "conj" and any(c.dep_ == "auxpass" for c in cue.children))
    if not subjects and shared:  # "Asked about it, Clinton said"; "He is ... and has been mentioned as"
        subjects = [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(cue.doc[i] in subjects for i in source)


def repair_content(doc: Doc, cue: Token, content: List[int]) -> Optional[List[int]]:
    """Return the content tokens of ``cue``'s attribution, put right: when the network took
    the person told for the content, the that-clause after that person instead (None when
    there is none); otherwise ``content`` unchanged."""
    if cue.lemma_.lower() not in TELLING or not content:
        return content
    for told in cue.children:
        if told.dep_ not in ("dobj", "dative") or not _is_person(told):
            continue
        phrase = set(range(told.left_edge.i, told.right_edge.i + 1))
        if not set(content) <= phrase:
            continue
        clause = _that_clause(doc, told)
        return list(clause) if clause else None
    return content


def _is_person(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return (token.ent_type_ in ("PERSON", "NORP") or token.pos_ == "PRON" or lemma in PERSON_NOUNS
            or lemma.endswith(("man", "woman", "ist", "er", "or")))


def _that_clause(doc: Doc, told: Token) -> Optional[range]:
    """The first "that"-clause of the sentence after the phrase of ``told``, as a token
    range from "that" to the end of its clause."""
    sent_end = told.sent.end
    for i in range(told.right_edge.i + 1, sent_end):
        token = doc[i]
        if token.lower_ == "that" and token.dep_ == "mark":
            end = token.head.right_edge.i + 1
            while end > i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return range(i, end)
    return None


def in_heading(feats: DocFeatures, content: List[int]) -> bool:
    """True when every token of ``content`` lies in one paragraph of at most
    :data:`HEADING_WORDS` words that ends in a colon ("Experts worry about next steps:")."""
    para = feats.para[content[0]]
    if any(feats.para[i] != para for i in content):
        return False
    start = feats.para_first[para]
    end = feats.para_first[para + 1] if para + 1 < len(feats.para_first) else len(feats.para)
    words = [i for i in range(start, end) if not feats.space[i]]
    return bool(words) and len(words) <= HEADING_WORDS and feats.doc[words[-1]].text == ":"


def phrase_end(token: Token) -> Optional[int]:
    """Return the index just past the phrase of the word ``token`` hangs on, when that
    word comes after ``token`` in its sentence ("*the* pier", "*when* he said ..."); else None."""
    head = token.head
    if head.i <= token.i or head.sent.start != token.sent.start:
        return None
    return head.right_edge.i + 1


# The dependents that lead into a clause after them: its subject, auxiliaries and
# negation, subordinator, a fronted adverb, object or preposition. A content that ends on
# one was cut where its clause goes on.
CLAUSE_OPENERS = frozenset("nsubj nsubjpass csubj expl aux auxpass neg mark advmod dobj prep cc".split())


def complete_clause(doc: Doc, content: List[int], others: Set[int]) -> List[int]:
    """Return ``content`` (sorted token indices) run on to the end of the clause its last
    word leads into (:data:`CLAUSE_OPENERS`), when that clause lies after it in the
    sentence and takes in no token of ``others`` (the cue and source): the network cut
    the content where a report nested in it begins ("Trump was right *when* | he said
    ...", "the reasons they *should* | get excited about ..."). Otherwise ``content``
    unchanged."""
    last = doc[content[-1]]
    end = phrase_end(last) if last.dep_ in CLAUSE_OPENERS else None
    if end is None:
        return content
    while end > last.i + 1 and (doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)):
        end -= 1
    more = range(last.i + 1, end)
    if others.intersection(more):
        return content
    return content + list(more)

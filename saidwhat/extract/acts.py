"""What kind of saying an attribution is (its ``act``): ``speech`` (said, told, added,
argued, according to a person), ``writing`` (wrote, tweeted, a report or letter says),
``thought`` (believes, thinks, worries), ``intention`` (wants, plans, vows) or
``document`` (a poll, study or the data show). Read off the cue's lemma and the head of
the source: findings ("a Gallup poll", "the data") are documents whatever the verb; a
written thing as source ("the report", "her letter") makes writing of a speech verb.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ..schema import Offsets
from .found import Found
from .lexicon import PERSON_NOUNS

ACTS = ("speech", "writing", "thought", "intention", "document")
SPEECH, WRITING, THOUGHT, INTENTION, DOCUMENT = ACTS
# Cue lemmas, verbs and nouns, by act; every other cue is speech.
WRITING_CUES = frozenset("""
write tweet retweet post email e-mail text publish blog pen sign caption editorialize
report cite file title label type profile document list specify
""".split())
THOUGHT_CUES = frozenset("""
believe think know feel worry fear hope expect suspect doubt consider assume understand
realize realise wonder imagine reckon view convince sure confident concerned afraid
aware certain belief concern suspicion feeling sense impression assumption
expectation opinion support oppose favor favour prefer recognize recognise judge
comprehend frustrated betrayed
""".split())
INTENTION_CUES = frozenset("""
want plan intend vow promise pledge threaten aim seek wish try decide determine mean
propose plot aspire prepare refuse intention threat goal bid effort proposal
""".split())
# Verbs by which something that is no person shows findings ("the figures show").
FINDINGS_CUES = frozenset("""
show find suggest indicate estimate reveal conclude project
""".split())
# Sources whose findings are reported ("a new poll shows", "according to the data").
FINDINGS = frozenset("""
poll polls survey surveys study studies data research analysis analyses statistics
figures numbers results findings estimate estimates count tally projection projections
model models forecast index census
""".split())
# Written things as sources ("the report says", "in a letter").
WRITTEN = frozenset("""
report reports letter letters memo memos filing filings email emails tweet tweets post
posts article articles editorial column op-ed book document documents complaint lawsuit
indictment brief record records transcript release website page ad advertisement
""".split())


def act_of(doc: Doc, found: Found) -> str:
    """Return the act of ``found`` in ``doc``: by the head of its source, then its cue."""
    source = _words(_head(doc, found.source))
    if source & FINDINGS:
        return DOCUMENT
    cue = doc[found.cue_token] if found.cue_token is not None else _head(doc, found.cue)
    lemma = cue.lemma_.lower() if cue is not None else ""
    if lemma in FINDINGS_CUES and not _personal(doc, found):
        return DOCUMENT
    if lemma in INTENTION_CUES:
        return INTENTION
    if lemma in THOUGHT_CUES:
        return THOUGHT
    if lemma in WRITING_CUES or source & WRITTEN:
        return WRITING
    return SPEECH


def _head(doc: Doc, offsets: Optional[Offsets]) -> Optional[Token]:
    """The syntactic head of the tokens at ``offsets``, if any."""
    if offsets is None:
        return None
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _personal(doc: Doc, found: Found) -> bool:
    """Whether the source of ``found`` is a person or people: a pronoun, a name the
    recogniser takes for a person, or a person noun ("officials")."""
    head = _head(doc, found.source)
    if head is None:
        return False
    return head.pos_ == "PRON" or head.ent_type_ in ("PERSON", "NORP") or head.lemma_.lower() in PERSON_NOUNS


def _words(token: Optional[Token]) -> set:
    """The lowercased form and lemma of ``token`` (none for None)."""
    return {token.lower_, token.lemma_.lower()} if token is not None else set()

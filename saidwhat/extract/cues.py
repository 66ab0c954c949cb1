"""Finding cues: the words that introduce what someone said, believed or intends.

A cue is a verb of saying ("said", "told", "warned"), of belief or knowledge
("believes", "found") or of intention ("plans to"), a noun of saying with a clause
("her assertion that"), or the phrase "according to".
The lexicons below were chosen from PolNeAR's training articles: a lemma is listed
when, heading a clause of the kind it takes, it is annotated as a cue in most of its
uses there.
"""
from __future__ import annotations

from typing import List, Optional, Set, Tuple

from spacy.tokens import Doc, Token

from .doctext import token_indices

# Verbs that introduce a direct quote ("...," she added).
SPEECH = frozenset("""
say add tell ask write explain continue note argue insist declare warn recall reply
respond answer admit acknowledge quip joke observe remark conclude state announce claim
tweet post report shout yell cry whisper complain predict promise vow boast concede
confirm deny suggest agree urge plead muse recount testify emphasize stress counter
retort caution describe wonder mention reiterate repeat assert contend maintain allege
charge lament proclaim scoff chime interject offer summarize sum put
read point demand chant sing exclaim scold quote bark react riff accuse
""".split())

# Verbs with a particle that introduce a direct quote ("...," he went on).
SPEECH_PHRASAL = frozenset((("go", "on"), ("shoot", "back"), ("fire", "back"), ("write", "back"), ("hit", "back")))

# Verbs that introduce reported speech or thought through a clause ("said that ...").
REPORTING = SPEECH | frozenset("""
believe think know feel hope fear worry expect find show indicate reveal learn understand
realize recognize assume suppose guess figure estimate doubt question imply hint signal
decide determine hear notice discover prove demonstrate comment forecast project
anticipate imagine wish insist acknowledge pledge swear threaten guarantee assure
reassure inform notify remind advise recommend propose speculate acknowledge predict
conclude disclose brag grumble concede suspect bet agree claim argue
""".split())

# Verbs that report an intention or a request through an infinitive ("plans to ...").
INTENDING = frozenset("""
want plan intend hope promise vow pledge seek refuse decline threaten aim urge expect
vow wish
""".split())

# Verbs that attribute words they quote to their subject ("called him a \"nasty guy\"").
# From PolNeAR train: a lemma is listed when, with a quotation opening among its
# complements, it is annotated as a cue in most such uses; the reporting verbs that are
# cues in under 30% of such uses (n >= 3) are left out.
QUOTING = (REPORTING | frozenset("""
call describe brand label dub term accuse praise condemn denounce decry blast slam
criticize exhort encourage tout hail dismiss mock ridicule deride refer characterize
sing chant vow demand cite talk blame portray express email credit echo rail name title
""".split())) - frozenset("feel think add hear find agree".split())

# Nouns that report what someone says or thinks through a that-clause ("her assertion that
# ..."). From PolNeAR train: nouns heading a that-clause that are annotated as cues in
# most such uses (n >= 3).
NOMINAL = frozenset("""
suggestion statement assertion doubt hope confidence complaint assumption admission rumor
remark insistence point agreement speculation
""".split())

# Children of a cue verb that belong to the cue span ("has said", "did not say", "pointed out").
CUE_CHILD_DEPS = frozenset(("aux", "auxpass", "neg", "prt"))


# Lower-cased lemmas of every word a reported-speech rule can start from, and the one
# word matched by its form instead.
ACCORDING = frozenset(("according",))
REPORTED_LEMMAS = NOMINAL | REPORTING | INTENDING | QUOTING | SPEECH | frozenset(lemma for lemma, _ in SPEECH_PHRASAL)


def candidate_cues(doc: Doc) -> List[int]:
    """Return, in order, the indices of the tokens of ``doc`` that a reported-speech rule
    may start from: a lemma in :data:`REPORTED_LEMMAS`, or the word "according"."""
    return token_indices(doc, REPORTED_LEMMAS, ACCORDING)


def is_candidate_cue(token: Token) -> bool:
    """Return True if ``token`` is one :func:`candidate_cues` returns: the test for a few
    tokens (a quotation's), where reading the whole Doc's arrays would cost more."""
    return token.lemma_.lower() in REPORTED_LEMMAS or token.lower_ in ACCORDING


def is_speech_verb(token: Token) -> bool:
    """Return True if ``token`` is a verb that can introduce a direct quote, on its own
    (``said``) or with its particle (``went on``, ``shot back``)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    return lemma in SPEECH or any(
        (lemma, child.lower_) in SPEECH_PHRASAL for child in token.children if child.dep_ == "prt"
    )


def reporting_kind(token: Token) -> Optional[str]:
    """Return ``"clause"`` or ``"infinitive"`` when ``token`` reports speech, thought or
    intention through a clause or an infinitive it governs, else None."""
    if token.pos_ != "VERB":
        return None
    return reporting_kind_of(token.lemma_.lower(), {child.dep_ for child in token.children})


def reporting_kind_of(lemma: str, child_deps: Set[str]) -> Optional[str]:
    """Return :func:`reporting_kind` of a verb with lower-cased ``lemma`` whose children
    are attached by ``child_deps``."""
    if lemma in REPORTING and "ccomp" in child_deps:
        return "clause"
    if lemma in INTENDING and "xcomp" in child_deps:
        return "infinitive"
    return None


def nominal_clause(token: Token) -> Optional[Token]:
    """If ``token`` is a reporting noun with a that-clause (``the claim that ...``), return
    the head of that clause, else None."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOMINAL:
        return None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            return child
    return None


def cue_extent(token: Token) -> Tuple[int, int]:
    """Return the ``(start, end)`` character offsets of the cue headed by ``token``.

    The span takes in auxiliaries, negation and particles that stand next to the verb
    ("has said", "did not say", "pointed out"); "according" takes its "to".
    """
    doc = token.doc
    left = right = token.i
    for child in token.children:
        if child.dep_ in CUE_CHILD_DEPS and abs(child.i - token.i) <= 3:
            left, right = min(left, child.i), max(right, child.i)
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        right = token.i + 1
    start = doc[left].idx
    end = doc[right].idx + len(doc[right].text)
    return start, end


def according_to(token: Token) -> Optional[Token]:
    """If ``token`` is the "according" of "according to X", return X's head token."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None

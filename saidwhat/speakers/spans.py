"""Where an article's names are: spaCy's entities, mended where the recogniser cuts a
name short or runs it on.

:func:`name_spans` gives the spans :func:`.names.name_chains` links. Beside the
recogniser's entities it finds names with a quoted nickname and a place's government,
police or ministry ("the *Mexican government*"); it gives back what the recogniser cut
off a name (a partner joined by a slash, a first name, particles and the name before
them: "Sophie in 't Veld", an owning place: "Britain's Treasury", a mission's place:
"the Russian Embassy in London") and takes away what is not one (the verb of a
headline: "Trump Says He Never", what follows a person's name: "of Human Rights
Watch", "(", a poll after its maker: "Washington Post-ABC News Poll").
"""
from __future__ import annotations

import re
from typing import Iterable, List, Optional

from spacy.tokens import Doc, Span, Token

from ..extract.cues import REPORTING
from ..extract.doctext import token_indices
from ..extract.lexicon import (FEMALE, GENERIC_ORG_WORDS, HONORIFICS, MALE, MEDIA_WORDS, ORGANISATION_NOUNS,
                               PERSON_NOUNS)
from .gender import first_name_gender
from .prose import Prose
from .titles import POSSESSIVE
from .words import is_person_noun

# spaCy entity labels whose mentions can name a speaker, and the speaker type they give.
NAME_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "organization",
               "FAC": "organization", "NORP": "group"}
# Words that make a place's name the name of its government ("the city of Phoenix").
GOVERNMENT_NOUNS = frozenset(("city", "town", "county", "state", "village", "borough", "province", "commonwealth"))
# Bodies a place has, named by the place and the noun ("the Mexican government", "China's
# foreign ministry", "the Cleveland police"): an organisation.
PLACE_BODIES = frozenset(("government", "police", "legislature", "ministry", "parliament", "embassy", "consulate",
                          "military", "army", "navy", "regime", "cabinet"))
# Bodies of a state that keep the place owning them in their name ("Britain's Treasury";
# not "Cleveland's Plain Dealer").
STATE_BODIES = PLACE_BODIES | frozenset(("treasury", "department", "office", "senate", "assembly", "court"))
# Missions named by where they are ("the Russian Embassy in London").
MISSIONS = frozenset(("embassy", "consulate", "mission"))
# Particles inside a person's name ("Sophie in 't Veld", "Ludwig van Beethoven"); the weak
# ones only beside another ("in 't").
PARTICLES = frozenset(("'t", "van", "von", "der", "den", "ter", "ten", "de", "del", "della", "di", "da", "du",
                       "dos", "das", "bin", "ibn", "al", "el", "le", "la"))
WEAK_PARTICLES = frozenset(("in", "op"))
# Documents a maker's name can run on into ("the latest Washington Post-ABC News Poll").
POLL_WORDS = frozenset(("poll", "survey"))
# Tags of verbs, which end a name in a headline ("Ted Cruz Apologizes To ...").
VERB_TAGS = frozenset(("VBZ", "VBD", "VBP", "MD"))
# A name with a nickname in quotation marks: Robert C. "Bobby" Scott, Marcia "Cia" Price.
_NICKNAMED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)*\s+[\"\u201c][A-Z][a-z]+[\"\u201d]\s+[A-Z][\w'\u2019-]*[a-z]")


def name_spans(doc: Doc, prose: Prose) -> List[Span]:
    """The spans of ``doc`` that can name a speaker, in text order and not overlapping
    (of two that overlap the longer is kept)."""
    nicknamed = []
    for match in _NICKNAMED.finditer(prose.text):
        span = doc.char_span(match.start(), match.end(), label="PERSON", alignment_mode="expand")
        if span is not None:
            nicknamed.append(span)
    spans = [_mended(_without_spaces(e), prose) for e in doc.ents if e.label_ in NAME_LABELS
             and not any(n.start < e.end and e.start < n.end for n in nicknamed)]
    return _without_overlaps([s for s in spans if s is not None] + nicknamed + _place_bodies(doc))


def _without_spaces(ent: Span) -> Span:
    """``ent`` without the line breaks the recogniser took in at its edges ("Jo Park\\n")."""
    start, end = ent.start, ent.end
    while end > start + 1 and ent.doc[end - 1].is_space:
        end -= 1
    while start < end - 1 and ent.doc[start].is_space:
        start += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)


def _without_overlaps(spans: Iterable[Span]) -> List[Span]:
    kept: List[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.start - s.end)):
        if kept and span.start < kept[-1].end:
            if len(span) > len(kept[-1]):
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def _mended(ent: Span, prose: Prose) -> Optional[Span]:
    """``ent`` with what the recogniser cut off given back and what is not its name taken
    away, or None when nothing of it is a name."""
    ent = _government(_joined(ent))
    if prose.headline(ent[0]):
        return _headline_cut(ent)
    if ent.label_ == "PERSON":
        return _person_extent(ent)
    if ent.label_ == "ORG":
        if _person_like(ent):
            return _person_extent(Span(ent.doc, ent.start, ent.end, label="PERSON"))
        return _organisation_extent(ent)
    return ent


def _person_like(ent: Span) -> bool:
    """Whether a name the recogniser took for an organisation is a person's: two or three
    capitalised words, none an organisation's or outlet's, joined to a person ("Novak
    Djokovic and Andy Murray")."""
    if not 2 <= len(ent) <= 3 or not all(t.is_title and t.pos_ == "PROPN" for t in ent):
        return False
    if any(t.lower_ in ORGANISATION_NOUNS | GENERIC_ORG_WORDS | MEDIA_WORDS for t in ent):
        return False
    root = ent.root
    joined = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(t.ent_type_ == "PERSON" for t in joined)


def _government(ent: Span) -> Span:
    """A place named as its government ("the *city of Phoenix* says"): an organisation
    span from the noun, else ``ent`` as it is."""
    doc = ent.doc
    start = ent.start
    if (ent.label_ in ("GPE", "ORG", "LOC") and start >= 2 and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in GOVERNMENT_NOUNS and doc[start - 1].head.i == start - 2):
        return Span(doc, start - 2, ent.end, label="ORG")
    return ent


def _joined(ent: Span) -> Span:
    """``ent`` with the partner a slash joins to it, as in a joint poll's maker
    ("Reuters/Ipsos", "CNN/WMUR", where the recogniser tags the first alone)."""
    doc = ent.doc
    end = ent.end
    if end + 1 < len(doc) and doc[end].text == "/" and _capitalised_name(doc[end + 1]):
        end += 1
        while end < len(doc) and _capitalised_name(doc[end]):
            end += 1
        return Span(doc, ent.start, end, label=ent.label_)
    return ent


def _capitalised_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and (token.is_title or token.is_upper)


def _headline_cut(ent: Span) -> Optional[Span]:
    """A name in a headline cut before its first verb or pronoun ("Trump Says He Never";
    "Wisconsin Elects", "..., Trump Said": the headline's root, tagged a plural name or
    shaped as a verb of saying, not a name alone on its line; "Ted Cruz Apologizes": a
    plural in a person's name), or None."""
    for token in ent:
        root = token.dep_ == "ROOT" and token.i > ent.start
        if (token.pos_ in ("VERB", "AUX", "PRON") or token.tag_ in VERB_TAGS
                or (token.tag_ == "NNPS" and (root or ent.label_ == "PERSON")) or (root and _saying_form(token.lower_))):
            if token.i == ent.start:
                return None
            return Span(ent.doc, ent.start, token.i, label=ent.label_)
    return ent


def _saying_form(word: str) -> bool:
    """Whether ``word`` is a form of a verb of saying or thinking ("said", "warns", "claimed")."""
    if word in ("said", "told", "thought", "knew", "felt", "found", "wrote"):
        return True
    stems = (word[:-1], word[:-2]) if word.endswith(("s", "d")) else ()
    return any(stem in REPORTING for stem in stems)


def _is_role(token: Token) -> bool:
    """Whether a capitalised word before a name may be a title or role ("Chair", "Gov.")."""
    lower = token.lower_.rstrip(".")
    return lower in HONORIFICS or lower in FEMALE or lower in MALE or is_person_noun(token)


def is_role_before(token: Token, following: Token) -> bool:
    """Whether ``token``, before ``following`` in a person's name, is a title or role, not
    a name: a listed one ("Widow", "Gov."), or a person noun by its ending before a known
    first name ("Alderman William"; "Freeman Dyson" keeps its first name)."""
    lower = token.lower_.rstrip(".")
    if lower in HONORIFICS or lower in FEMALE or lower in MALE or lower in PERSON_NOUNS:
        return True
    return is_person_noun(token) and first_name_gender(following.lower_) is not None


def _person_extent(ent: Span) -> Span:
    """A person's name cut before "of", a comma or a bracket ("Meenakshi Ganguly *of
    Human Rights Watch*", "George (W. Bush"), given back its particles and the names before
    them ("Sophie in 't Veld"), first names the recogniser left out ("Tennis great *Billie*
    Jean King", "Chair *Debbie* Wasserman Schultz") and a surname it left out."""
    doc = ent.doc
    end = next((t.i for t in ent[1:] if t.lower_ == "of" or t.text in ("(", ",")), ent.end)
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if _particle(doc, start - 1):
            run = start - 1
            while run > 0 and _particle(doc, run - 1):
                run -= 1
            if run > 0 and doc[run - 1].is_title and doc[run - 1].pos_ == "PROPN":
                start = run - 1  # "Sophie in 't Veld"
            elif doc[run].is_title:
                start = run  # "In 't Veld said", "Van Buren"
            break
        if (before.pos_ == "PROPN" and before.is_title and before.is_alpha and before.dep_ == "compound"
                and start <= before.head.i < end
                and before.ent_type_ == "" and not _is_role(before) and _first_name_before(before)):
            start -= 1  # a first name the recogniser left out
            continue
        break
    last = doc[end - 1]
    if (end == ent.end and end < len(doc) and last.dep_ == "compound" and last.head.i == end
            and doc[end].text[:1].isupper() and doc[end].ent_type_ not in NAME_LABELS and not _is_role(doc[end])
            and doc[end].lower_ not in ORGANISATION_NOUNS | GENERIC_ORG_WORDS | MEDIA_WORDS):
        end += 1  # a surname the recogniser did not take for a name ("Arturo *Sarukhán*")
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="PERSON")


def _first_name_before(token: Token) -> bool:
    """Whether ``token``, a capitalised word right before a person's name, is a first name:
    a known one ("Debbie"), or one capitalised word alone, after a lowercase word ("Tennis
    great *Billie* Jean King"; not "Minority *Whip* Richard Durbin", "*Rival* Jo Park")."""
    if first_name_gender(token.lower_):
        return True
    if token.is_sent_start or token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return not (previous.is_title or previous.is_upper)


def _particle(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a particle of a person's name ("van", "'t" written as "'" and
    "t", "in" before another)."""
    token = doc[i]
    following = doc[i + 1] if i + 1 < len(doc) else None
    if token.text in ("'", "\u2019"):
        return following is not None and following.lower_ == "t" and not token.whitespace_
    if token.lower_ == "t":
        return i > 0 and doc[i - 1].text in ("'", "\u2019")
    if not token.is_alpha:
        return False  # "Del." is a title
    return token.lower_ in PARTICLES or (token.lower_ in WEAK_PARTICLES and following is not None
                                         and _particle(doc, i + 1))


def _organisation_extent(ent: Span) -> Span:
    """An organisation's name with the place that owns it ("Britain's Treasury"), where a
    mission is ("the Russian Embassy in London") and a capitalised word of its phrase the
    recogniser left out ("from *Our* Principles PAC"), without a poll after its maker's
    name ("the Washington Post-ABC News Poll")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if len(ent) > 1 and ent[-1].lower_ in POLL_WORDS:
        end -= 1
    if (start >= 2 and doc[start - 1].text in POSSESSIVE and doc[start - 2].ent_type_ == "GPE"
            and doc[start - 1].ent_type_ in ("", "GPE") and ent[-1].lower_ in STATE_BODIES):
        start = _entity_start(doc[start - 2])
    if (ent[-1].lower_ in MISSIONS and end + 1 < len(doc) and doc[end].lower_ == "in"
            and doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B"):
        end += 2
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    while (start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start
           and doc[start - 1].ent_type_ == "" and start <= doc[start - 1].head.i < end):
        start -= 1  # "from *Our* Rivers Fund"
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="ORG")


def _entity_start(token: Token) -> int:
    """The first token of the recogniser's entity that holds ``token``."""
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _place_bodies(doc: Doc) -> List[Span]:
    """Organisation spans for a body of a place named by the place and a lowercase noun:
    "the *Mexican government*", "*China's foreign ministry*", "the *Cleveland police*",
    "the *Oklahoma legislature*"."""
    spans = []
    for token in (doc[i] for i in token_indices(doc, lowers=PLACE_BODIES)):
        if token.pos_ not in ("NOUN", "PROPN") or not token.is_lower or token.ent_type_:
            continue
        places = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "poss", "nmod")
                  and c.ent_type_ in ("GPE", "NORP")]
        if not places:
            continue
        start = _entity_start(doc[min(p.left_edge.i for p in places)])
        between = doc[start:token.i]
        if all(t.ent_type_ in ("GPE", "NORP") or t.text in POSSESSIVE or (t.is_lower and t.pos_ in ("ADJ", "NOUN", "PROPN"))
               for t in between):
            spans.append(Span(doc, start, token.i + 1, label="ORG"))
    return spans

"""Whether two names name the same person or organisation: "Trump" and "Donald J.
Trump", "FBI" and "the Federal Bureau of Investigation", "the Times" and "The New York
Times"; but not "Bill Clinton" and the "Clinton" who was "Hillary Clinton"."""
from __future__ import annotations

import functools
import re
from typing import List, Optional, Sequence, Tuple

from spacy.tokens import Token

from ..extract.lexicon import GENERIC_ORG_WORDS, NAME_STOP
from .entities import Entity, NameMention
from .gender import first_name_gender


# Initials with full stops ("U.N.", "S.E.C."): an organisation, never a person's name
# ("U.N." is not Kim Jong *Un*).
DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


def name_word(token: Token) -> str:
    """A name token as names are matched: lowercased, full stops left out ("Jr." ->
    "jr"), but kept in initials ("U.N." -> "u.n."), which only an acronym match links."""
    text = token.text.lower().replace("\u2019", "'")
    return text if DOTTED_INITIALS.fullmatch(text) else text.replace(".", "")


def match_entity(words: Tuple[str, ...], label: str, seen: Sequence[NameMention]) -> Optional[Entity]:
    """The entity of the most recent earlier mention that ``words`` names too, or None.
    A surname alone that two people of the article share ("Clinton" after "Bill Clinton"
    and "his wife Hillary Clinton") is the one named more often so far."""
    if len(words) == 1 and label == "PERSON":
        namesakes: List[Entity] = []
        for other in reversed(seen):
            if (other.label == "PERSON" and other.entity not in namesakes and _same_person(words, other.words)
                    and first_names_agree(words, other.entity)):
                namesakes.append(other.entity)
        if len(namesakes) > 1:
            return max(namesakes, key=lambda e: (len(e.names), -namesakes.index(e)))
    first_name_match = by_last_word = None
    for other in reversed(seen):
        if other.label == "PERSON":
            if _same_person(words, other.words) and first_names_agree(words, other.entity):
                return other.entity
            if (first_name_match is None and len(words) == 1 and len(other.words) > 1
                    and words[0] == other.words[0] and label == "PERSON"):
                first_name_match = other.entity
        elif label != "PERSON" and _same_organisation(words, other.words, label == other.label == "ORG"):
            if len(words) > 1 or words == other.words or is_acronym(words[0], other.words):
                return other.entity
            by_last_word = by_last_word or other.entity  # "Hill" is Anita Hill before Capitol Hill
        elif (label == "PERSON" and other.label == "ORG" and len(other.words) < len(words)
              and words[-len(other.words):] == other.words):
            return other.entity  # a headline's "De Blasio" taken for an organisation, then "Bill de Blasio"
    return by_last_word or first_name_match


def first_names_agree(words: Tuple[str, ...], entity: Entity) -> bool:
    """False when ``words`` start with a common first name and another name of ``entity``
    with another one: "Bill Clinton" does not join the "Clinton" who was "Hillary
    Clinton" before, nor "Melania Trump" the "Trump" who was "Donald Trump". A nickname
    written in the other name agrees (Robert C. "Bobby" Scott and Bobby Scott)."""
    first = words[0] if len(words) > 1 else None
    if first is None or not first_name_gender(first):
        return True
    for name in entity.names:
        other = name[0]
        if (len(name) > 1 and name[-1] == words[-1] and other != first and first not in name
                and other not in words and first_name_gender(other)):
            return False
    return True


@functools.lru_cache(maxsize=1 << 16)
def _same_person(a: Tuple[str, ...], b: Tuple[str, ...]) -> bool:
    """True if two person names can be the same person: "Trump" / "Donald J. Trump"
    (each pair worked out once: an article's names are compared with all names before them)."""
    a_core = [w for w in a if len(w) > 1 and w not in NAME_STOP]
    b_core = [w for w in b if len(w) > 1 and w not in NAME_STOP]
    if not a_core or not b_core or a_core[-1] != b_core[-1]:
        return False
    short, long_ = sorted((a_core, b_core), key=len)
    return set(short) <= set(long_)


def is_acronym(word: str, words: Sequence[str]) -> bool:
    """True if ``word`` is the initials of the several ``words``: "fbi" or "s.e.c." of
    "securities and exchange commission" (function words left out)."""
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&"))
    return word.replace(".", "") == initials


@functools.lru_cache(maxsize=1 << 16)
def _same_organisation(a: Tuple[str, ...], b: Tuple[str, ...], by_last_words: bool = True) -> bool:
    """True if two organisation names can be the same: equal, an acronym of the other
    ("FBI"), the words before its "for" or "of" phrase ("the Brennan Center" of "the
    Brennan Center for Justice"), or, with ``by_last_words`` (two organisations, not places: "Korea" is not
    "North Korea"), the other's last words ("the Times" of "The New York Times", "the
    Security Council" of "the United Nations Security Council"; one generic word alone,
    "the Committee", is not enough). A company's suffix is left out ("Microsoft Corp."
    is "Microsoft")."""
    a, b = _without_suffix(a), _without_suffix(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) > 1 and _before_phrase(long_) == short:
        return True  # "the Brennan Center" of "the Brennan Center for Justice"
    if len(short) == 1 and is_acronym(short[0], long_):
        return True
    return (by_last_words and len(short) < len(long_) and long_[-len(short):] == short
            and (len(short) > 1 or short[-1] not in GENERIC_ORG_WORDS))


# A company's suffix, left out when names are matched ("Microsoft Corp." is "Microsoft").
CORPORATE_SUFFIXES = frozenset(("corp", "inc", "co", "ltd", "llc", "plc", "group", "corporation", "incorporated"))


def _without_suffix(words: Tuple[str, ...]) -> Tuple[str, ...]:
    if len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        return words[:-1]
    return words


def _before_phrase(words: Tuple[str, ...]) -> Tuple[str, ...]:
    """The words of a name before its first "for" or "of" ("brennan center" of "brennan
    center for justice"), or ``()`` without one."""
    for k, word in enumerate(words):
        if word in ("for", "of") and k > 0:
            return words[:k]
    return ()

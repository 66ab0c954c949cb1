"""One speaker across articles: the identity key of a speaker and the rules that match
an article's speaker to a speaker of the collection.

The pipeline already merges "President Donald Trump", "Trump" and "he" into one
:class:`~saidwhat.schema.Speaker` per article, named by the fullest name the article
gives. This module says when two such speakers of different articles are the same one.
It is pure: the store fills a :class:`SpeakerDirectory` from its speakers table, asks it
for each new article speaker and applies the user's :class:`Corrections` on top.

The key (:func:`speaker_key`) is ``"<type>:<normalised name>"``; the type is one of
:data:`~saidwhat.schema.SPEAKER_TYPES` (anything else reads as ``unknown``), so a person
and an organisation of the same name are two speakers. The name is normalised so:

- Unicode compatibility forms and accents are folded and the name casefolded
  ("José" = "Jose"); apostrophes and dots inside a word are dropped ("O'Rourke" =
  "ORourke", "U.S." = "US"), every other punctuation mark separates words ("Coca-Cola" =
  "Coca Cola").
- Persons: leading honorifics and titles are dropped, only at the start and never the
  last word ("President Donald Trump", "Sen. Elizabeth Warren", "Secretary of State Rex
  Tillerson": a title, then "of" and one word); "Pope", "King", "Queen" and "Prince" stay,
  being how such people are named, and "Major" stays (Major Garrett; "Maj." goes).
  Middle initials are dropped, dotted or not ("Donald J. Trump", "George H.W. Bush" =
  "George Bush", at the cost of making George W. and George H.W. Bush one key, which
  no split can part); a first initial stays ("J. Edgar Hoover"). Generational suffixes are
  kept, always as ``jr``, ``sr``, ``ii``, ``iii`` or ``iv`` at the end ("Donald Trump,
  Jr." = "Donald Trump Jr" ≠ "Donald Trump"): a son is not his father.
- Organisations and media: a leading "the" goes ("The New Yorker" = "New Yorker", as
  the hand-resolved PolNeAR speakers name it both ways), and so do trailing legal
  suffixes: Corp, Corporation, Inc, Incorporated, Co, Company, Ltd, Limited, LLC, LLP,
  LP, plc, AG, SA, NV, GmbH ("Microsoft Corp" = "Microsoft", "Ford Motor Company" =
  "Ford Motor Co"), never the only word. "Group" is kept: of the 203 organisation and
  media names of the hand-resolved PolNeAR speakers two end in "Group" ("Rhodium Group",
  "SITE Intelligence Group") and neither is also named without it, while dropping it
  would make "Environmental Working Group" "Environmental Working".
- Groups and unknown speakers: a leading "the" goes; nothing else.

A name that leaves no word ("—") has the key ``"<type>:"``; :meth:`SpeakerDirectory.match`
never matches it, so the store keeps nameless speakers per article.

Matching (:meth:`SpeakerDirectory.match`), for a new article speaker ``(name, type)``:

1. A surname-only person ("Obama": one word once titles and suffixes are dropped; the
   article never gave more) is the one known full-named person with that surname; when
   several are known, the one quoted at least :data:`DOMINANCE` (5) times as often as
   the next ("Trump" is Donald Trump, not Donald Trump Jr.); else it stays its own
   surname-only speaker (its exact key if the store has it, else None), never a new
   full person and never a guess between comparable people ("Obama" when Barack and
   Michelle Obama are quoted alike).
2. Otherwise the exact key, when the store has it.
3. Otherwise a person's alias, first name and surname (and suffix) without the middle
   names: "Hillary Clinton" is "Hillary Rodham Clinton" and the reverse, when exactly one
   known person has that alias.
4. Otherwise None: a new speaker, whose key is :func:`speaker_key`. A full name never
   matches a different full name with the same surname ("Michelle Obama" is not "Barack
   Obama"); nicknames ("Bill" for "William"), acronyms ("FBI") and misspellings across
   articles are left to the user's merges.

:class:`Corrections` holds the user's ``speakers merge A B`` and ``split`` as plain data,
which the store keeps and applies after matching, at every ingest and re-ingest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, NamedTuple, Optional, Set, Tuple

from ..schema import SPEAKER_TYPES
from .words import fold

#: A surname-only person goes to the most quoted person of that surname when that one
#: has at least this many times the quotes of the next.
DOMINANCE = 5

HONORIFICS = frozenset("""
mr mrs ms miss mx dr sir dame madam president sen senator rep representative congressman
congresswoman gov governor lt secretary gen general adm admiral col colonel sgt sergeant
capt captain maj cmdr commander prof professor rev reverend judge justice mayor speaker
chancellor premier prime minister ambassador attorney chief vice first lady deputy acting
former state us elect the
""".split())
SUFFIXES = frozenset("jr sr ii iii iv".split())
LEGAL_SUFFIXES = frozenset("""
corp corporation inc incorporated co company ltd limited llc llp lp plc ag sa nv gmbh
""".split())
ORGANISATION_TYPES = frozenset(("organization", "media"))

_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?|[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")


class PersonName(NamedTuple):
    """A person's normalised name: its words without titles or suffix, and the suffix."""

    words: Tuple[str, ...]
    suffix: str

    @property
    def surname(self) -> Optional[str]:
        """The last word, None for an empty name."""
        return self.words[-1] if self.words else None

    def text(self) -> str:
        """The words and suffix as the key spells them."""
        return " ".join(self.words + ((self.suffix,) if self.suffix else ()))


def _raw_words(name: str) -> List[Tuple[str, bool]]:
    """Return the words of ``name`` as ``(word, is_initial)``, punctuation dropped."""
    out = []
    for match in _WORD.finditer(fold(name or "")):
        raw = match.group()
        word = re.sub(r"['’.]", "", raw)
        if word:
            out.append((word, bool(_INITIALS.fullmatch(raw))))
    return out


def person_name(name: str) -> PersonName:
    """Return the normalised words and suffix of a person's ``name`` (see the module)."""
    words = _raw_words(name)
    start = 0
    while start < len(words) - 1 and words[start][0] in HONORIFICS:
        start += 1
        if words[start][0] == "of" and start < len(words) - 2:
            start += 2  # "Secretary of State Rex Tillerson"
    words = words[start:]
    suffix = ""
    if len(words) > 1 and words[-1][0] in SUFFIXES:
        suffix = words.pop()[0]
    core = [w for k, (w, initial) in enumerate(words)
            if not (initial and 0 < k < len(words) - 1)]
    return PersonName(tuple(core), suffix)


def _organisation_words(name: str, legal: bool) -> List[str]:
    """Return the normalised words of a non-person name: a leading "the" and, with
    ``legal``, trailing legal suffixes dropped, never the last word."""
    words = [w for w, _ in _raw_words(name)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while legal and len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return words


def _speaker_type(type: str) -> str:
    return type if type in SPEAKER_TYPES else "unknown"


def speaker_key(name: str, type: str) -> str:
    """Return the identity key ``"<type>:<normalised name>"`` of a speaker (module doc)."""
    type = _speaker_type(type)
    if type == "person":
        return f"person:{person_name(name).text()}"
    return f"{type}:{' '.join(_organisation_words(name, type in ORGANISATION_TYPES))}"


def surname_of(name: str) -> Optional[str]:
    """Return the normalised surname of a person's ``name`` ("Donald J. Trump Jr." ->
    "trump"), None when it has no word."""
    return person_name(name).surname


def is_surname_only(name: str, type: str) -> bool:
    """True if ``name`` is a person named by one word once titles and suffix are dropped
    ("Obama", "President Trump", "Mrs. Clinton")."""
    return _speaker_type(type) == "person" and len(person_name(name).words) == 1


def _alias(person: PersonName) -> Optional[Tuple[str, str, str]]:
    """First name, surname and suffix of a full name; None for fewer than two words."""
    if len(person.words) < 2:
        return None
    return person.words[0], person.words[-1], person.suffix


@dataclass
class _Known:
    """What the directory knows of one collection speaker."""

    name: str
    type: str
    count: int = 0


class SpeakerDirectory:
    """An in-memory index of the collection's speakers, answering which collection
    speaker a new article speaker is (the rules are the module's)."""

    def __init__(self) -> None:
        self._known: Dict[str, _Known] = {}
        self._by_surname: Dict[str, Set[str]] = {}
        self._by_alias: Dict[Tuple[str, str, str], Set[str]] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._known

    def __len__(self) -> int:
        return len(self._known)

    def count(self, key: str) -> int:
        """The quotes counted for ``key`` so far (0 when unknown)."""
        known = self._known.get(key)
        return known.count if known else 0

    def add(self, key: str, name: str, type: str, count: int = 0) -> None:
        """Record the collection speaker ``key`` named ``name``; ``count`` adds to its
        number of quotes, so the store may add a speaker once with its total or once per
        article with that article's count."""
        known = self._known.get(key)
        if known is not None:
            known.count += count
            return
        self._known[key] = _Known(name, _speaker_type(type), count)
        if _speaker_type(type) != "person":
            return
        person = person_name(name)
        alias = _alias(person)
        if alias is not None:
            self._by_surname.setdefault(alias[1], set()).add(key)
            self._by_alias.setdefault(alias, set()).add(key)

    def match(self, name: str, type: str) -> Optional[str]:
        """Return the key of the collection speaker that the article speaker ``(name,
        type)`` is, or None when it is a new speaker (its key is then
        :func:`speaker_key`)."""
        key = speaker_key(name, type)
        if key.endswith(":"):
            return None
        if _speaker_type(type) != "person":
            return key if key in self._known else None
        person = person_name(name)
        if len(person.words) == 1:
            chosen = self._by_surname_only(person.words[0])
            return chosen or (key if key in self._known else None)
        if key in self._known:
            return key
        same = self._by_alias.get(_alias(person), set())  # type: ignore[arg-type]
        return next(iter(same)) if len(same) == 1 else None

    def _by_surname_only(self, surname: str) -> Optional[str]:
        """The full-named person a bare ``surname`` is, by rule 1 of the module."""
        keys = self._by_surname.get(surname)
        if not keys:
            return None
        if len(keys) == 1:
            return next(iter(keys))
        ranked = sorted(keys, key=lambda k: (-self._known[k].count, k))
        top, second = self._known[ranked[0]].count, self._known[ranked[1]].count
        return ranked[0] if top > 0 and top >= DOMINANCE * second else None


@dataclass
class Corrections:
    """The user's corrections of speaker identity, as plain data the store persists.

    ``merges[a] = b``: speaker ``a`` is ``b`` (``speakers merge A B``); chains are
    followed. ``splits`` holds ``(collection_key, own_key)`` pairs: article speakers
    whose own key is ``own_key`` are never matched into ``collection_key``
    (``speakers split``), so "Obama" stays "obama" when the user says that one was not
    Barack Obama.
    """

    merges: Dict[str, str] = field(default_factory=dict)
    splits: Set[Tuple[str, str]] = field(default_factory=set)

    def apply(self, key: str) -> str:
        """Return the speaker ``key`` is after the user's merges."""
        seen = {key}
        while key in self.merges and self.merges[key] not in seen:
            key = self.merges[key]
            seen.add(key)
        return key

    def merge(self, key: str, into: str) -> None:
        """Record that ``key`` is ``into``; undoes a split between them."""
        self.splits.discard((self.apply(into), key))
        self.splits.discard((self.apply(key), into))
        if self.apply(key) != self.apply(into):
            self.merges[key] = into

    def split(self, key: str, own_key: str) -> None:
        """Record that article speakers whose own key is ``own_key`` are not ``key``;
        undoes a merge of ``own_key`` into it."""
        if own_key in self.merges and self.apply(own_key) == self.apply(key):
            del self.merges[own_key]
        self.splits.add((self.apply(key), own_key))

    def resolve(self, own_key: str, matched: Optional[str]) -> str:
        """Return the collection speaker of an article speaker whose own key
        (:func:`speaker_key`) is ``own_key`` and whom :meth:`SpeakerDirectory.match`
        matched to ``matched`` (None: nobody). A user's merge of ``own_key`` wins over
        the match, and a split keeps it apart from what it was split from."""
        if own_key in self.merges or matched is None:
            return self.apply(own_key)
        target = self.apply(matched)
        if (target, own_key) in self.splits or (matched, own_key) in self.splits:
            return self.apply(own_key)
        return target

"""Where a quote came from: one quote carried by many outlets, matched across articles.

Two quote contents of the same speaker are the same quote when their words are nearly
the same: an ellipsis, an editor's bracket, other punctuation, case or a few changed
words do not make another quote. Matching is not quadratic: each content gets a MinHash
signature over its word shingles, cut into bands (locality-sensitive hashing); two
contents are candidates only when they share a band hash and a speaker, and a candidate
is then verified by :func:`similarity`. The band hashes are plain int64 values
(:func:`band_keys`) that the store keeps in an indexed table, so the index persists;
:class:`QuoteGrouper` does the same in memory for batch work and the benchmark, and
both decide through :func:`choose_group`. Whether an occurrence alters the words of
the first appearance is :mod:`.diffs`'.

Words are :func:`~saidwhat.store.words.quote_words`': case, accents and punctuation
folded, an ellipsis or an editor's bracket a gap (:data:`GAP`), bracketed words dropped.

Shingles: word 2-grams that do not cross a gap; a stretch between gaps shorter than two
words is one shingle. :func:`similarity` is the share of the shorter content's shingles
found in the other (containment), so an excerpt is the same quote as the whole it was
cut from, but the shorter one counts at least ``min(MIN_SHINGLES, longer's)`` shingles:
a fragment of a few words ("a disaster") is not every long quote that contains it.

A content joins the most similar group over :data:`SAME_QUOTE_THRESHOLD`; groups are
never merged afterwards. A group's first appearance is its earliest-dated occurrence,
ties by the smallest id, undated ones last.

Measured (``benchmarks/provenance.py``; the tables are in ``docs/store.md``, "Where a
quote came from"): on the 61 labelled pairs of ``tests/data/store/quote-pairs.jsonl``,
2-word shingles, 20 bands x 3 rows and 0.55 match with precision 0.95 and recall 0.98
(the false matches are one- or two-word variants of a short sentence, which read as
alterations); on 100,000 synthetic copies of PolNeAR contents pairwise precision
0.9966, recall 0.9453; 1,000,000 group in 224 s on the 2-core machine (4,461 quotes/s).
3-word shingles lost a tenth of the synthetic recall, 16 x 4 bands 3 points of it;
30 or 40 x 3 gain half a point for half as many rows again in the store.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Dict, Hashable, Iterable, List, Optional, Sequence, Set, Tuple, TypeVar

import numpy as np

from .diffs import Alteration, alteration
from .words import GAP, plain_words, quote_words

__all__ = [
    "GAP", "plain_words", "quote_words", "shingle_hashes", "band_hash_array", "signature", "band_keys",
    "similarity", "choose_group", "QuoteGroup", "QuoteGrouper", "Alteration", "alteration",
    "SHINGLE_SIZE", "BANDS", "ROWS", "NUM_PERM", "SAME_QUOTE_THRESHOLD", "MIN_SHINGLES", "SIGNATURE_SCHEME",
]

#: Words a shingle spans.
SHINGLE_SIZE = 2
#: LSH bands and rows per band; the signature has BANDS * ROWS hash values.
BANDS = 20
ROWS = 3
NUM_PERM = BANDS * ROWS
#: Two contents of one speaker are one quote from this :func:`similarity` on.
SAME_QUOTE_THRESHOLD = 0.55
#: The shorter content counts at least this many shingles (or the longer's count).
MIN_SHINGLES = 8
#: Names the signature scheme: band hashes made with another scheme are not comparable.
SIGNATURE_SCHEME = f"minhash-w{SHINGLE_SIZE}-p{NUM_PERM}-b{BANDS}x{ROWS}-v1"

_PRIME = 4294967311  # the first prime above 2**32: a * x + b stays under 2**64
_MASK32 = 0xFFFFFFFF
_FNV = 0x01000193
G = TypeVar("G", bound=Hashable)


@functools.lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    """A 32-bit hash of ``word`` that is the same in every process."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")


def _segments(words: Sequence[str]) -> List[List[int]]:
    """The word hashes of each stretch of ``words`` between gaps."""
    segments: List[List[int]] = [[]]
    for word in words:
        if word == GAP:
            segments.append([])
        else:
            segments[-1].append(_word_hash(word))
    return [s for s in segments if s]


def shingle_hashes(words: Sequence[str], size: int = SHINGLE_SIZE) -> Set[int]:
    """Return the 32-bit hashes of the word shingles of ``words`` (see the module)."""
    out: Set[int] = set()
    for segment in _segments(words):
        for start in range(max(1, len(segment) - size + 1)):
            h = 0x811C9DC5
            for word_hash in segment[start:start + size]:
                h = ((h ^ word_hash) * _FNV) & _MASK32
            out.add(h)
    return out


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int) -> Tuple[np.ndarray, np.ndarray]:
    """The fixed ``a`` and ``b`` of the hash functions ``(a * x + b) mod p``, as columns."""
    rng = np.random.default_rng(20240601)
    a = rng.integers(1, 1 << 32, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint64)
    return a[:, None], b[:, None]


@functools.lru_cache(maxsize=8)
def _row_weights(rows: int) -> np.ndarray:
    """Fixed odd 64-bit weights that fold a band's rows into one hash."""
    rng = np.random.default_rng(20240602)
    return rng.integers(0, 1 << 63, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def band_hash_array(words: Sequence[str], num_perm: int = NUM_PERM, bands: int = BANDS,
                    rows: int = ROWS, size: int = SHINGLE_SIZE) -> np.ndarray:
    """Return the ``bands`` band hashes of ``words`` as an int64 array (empty when
    ``words`` has none): a MinHash of its shingles with ``num_perm`` hash functions, the
    first ``bands * rows`` of them folded ``rows`` at a time into one hash a band."""
    if bands * rows > num_perm:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} hash functions, not {num_perm}")
    hashes = shingle_hashes(words, size)
    if not hashes:
        return np.zeros(0, dtype=np.int64)
    x = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    a, b = _permutations(num_perm)
    minima = ((a[:bands * rows] * x + b[:bands * rows]) % np.uint64(_PRIME)).min(axis=1)
    with np.errstate(over="ignore"):
        folded = (minima.reshape(bands, rows) * _row_weights(rows)).sum(axis=1, dtype=np.uint64)
        folded ^= folded >> np.uint64(29)
        folded *= np.uint64(0xBF58476D1CE4E5B9)
        folded ^= folded >> np.uint64(32)
    return folded.view(np.int64)


def signature(words: Sequence[str], num_perm: int = NUM_PERM, bands: int = BANDS,
              rows: int = ROWS, size: int = SHINGLE_SIZE) -> List[int]:
    """Return the band hashes of a content's ``words``: one signed 64-bit int a band,
    what the store keeps to find candidates (``[]`` for a content without words)."""
    return band_hash_array(words, num_perm, bands, rows, size).tolist()


def band_keys(band_hashes: Sequence[int]) -> List[Tuple[int, int]]:
    """Return the ``(band, hash)`` rows the store keeps for a content's band hashes; two
    contents of one speaker are candidates when they share one."""
    return list(enumerate(band_hashes))


def _similarity_of_sets(a: Set[int], b: Set[int]) -> float:
    """:func:`similarity` over shingle hash sets."""
    if not a or not b:
        return 0.0
    short, long_ = sorted((len(a), len(b)))
    return len(a & b) / max(short, min(long_, MIN_SHINGLES))


def similarity(words_a: Sequence[str], words_b: Sequence[str]) -> float:
    """Return how much two contents' words are the same quote, in [0, 1]: the share of
    the shorter one's shingles in the other, counting at least ``MIN_SHINGLES`` (or all
    the longer one's) for the shorter."""
    return _similarity_of_sets(shingle_hashes(words_a), shingle_hashes(words_b))


def choose_group(candidates: Iterable[Tuple[G, Sequence[str]]], words: Sequence[str]) -> Optional[G]:
    """Return the group a content with ``words`` joins: of the ``(group_id, words)``
    candidates (a group may come with several of its contents), the most similar at
    :data:`SAME_QUOTE_THRESHOLD` or more, the first given on a tie; None for a new quote.
    Both the store and :class:`QuoteGrouper` decide here."""
    mine = shingle_hashes(words)
    best, best_score = None, SAME_QUOTE_THRESHOLD
    for group, other in candidates:
        score = _similarity_of_sets(mine, shingle_hashes(other))
        if score > best_score or (best is None and score >= best_score):
            best, best_score = group, score
    return best


#: A group verifies a new content against at most this many of its distinct wordings,
#: and indexes their band hashes; later wordings join through them.
MAX_INDEXED_WORDINGS = 8
_SPEAKER_MIX = 0x9E3779B97F4A7C15
_BAND_MIX = np.arange(1, 1 + 4096, dtype=np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)


def _first_key(date: Any, quote_id: Any) -> Tuple[bool, Any, Any]:
    """Sort key of an appearance: by date, undated last, ties by id."""
    return (date is None, date if date is not None else 0, quote_id)


@dataclass
class QuoteGroup:
    """One quote and its occurrences: ``members`` in the order added, ``first_id`` and
    ``first_date`` its first appearance (earliest date, ties by smallest id, undated
    last), ``wordings`` the distinct word sequences of its members."""

    id: int
    speaker: str
    first_id: Any
    first_date: Any
    members: List[Any] = field(default_factory=list)
    wordings: List[Tuple[str, ...]] = field(default_factory=list)
    first_wording: int = 0
    _wording_index: Dict[Tuple[str, ...], int] = field(default_factory=dict, repr=False)

    def add(self, quote_id: Any, date: Any, words: Tuple[str, ...]) -> int:
        """Add an occurrence; return the index of its wording in :attr:`wordings`."""
        wording = self._wording_index.get(words)
        if wording is None:
            wording = self._wording_index[words] = len(self.wordings)
            self.wordings.append(words)
        self.members.append(quote_id)
        if len(self.members) == 1 or _first_key(date, quote_id) < _first_key(self.first_date, self.first_id):
            self.first_id, self.first_date, self.first_wording = quote_id, date, wording
        return wording


class QuoteGrouper:
    """Groups quote contents into quotes in memory, as the store does with its tables:
    LSH candidates of the same speaker, verified by :func:`choose_group`."""

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, rows: int = ROWS) -> None:
        self.num_perm, self.bands, self.rows = num_perm, bands, rows
        self.groups: List[QuoteGroup] = []
        self._speakers: Dict[str, int] = {}
        self._index: Dict[int, Any] = {}
        self._quotes: Dict[Any, Tuple[int, int]] = {}

    def add(self, quote_id: Any, speaker_key: str, text: str, date: Any = None) -> int:
        """Add the content ``text`` of ``speaker_key`` seen on ``date`` (any comparable
        value, None when unknown); return the id of the group it joins or starts."""
        words = tuple(quote_words(text))
        speaker = self._speakers.setdefault(speaker_key, len(self._speakers))
        keys = self._keys(words, speaker)
        found: Set[int] = set()
        for key in keys:
            hit = self._index.get(key)
            if isinstance(hit, list):
                found.update(hit)
            elif hit is not None:
                found.add(hit)
        candidates = ((g, wording) for g in sorted(found)
                      for wording in self.groups[g].wordings[:MAX_INDEXED_WORDINGS])
        group_id = choose_group(candidates, words)
        if group_id is None:
            group_id = len(self.groups)
            self.groups.append(QuoteGroup(group_id, speaker_key, quote_id, date))
        wording = self.groups[group_id].add(quote_id, date, words)
        self._quotes[quote_id] = (group_id, wording)
        if wording < MAX_INDEXED_WORDINGS and wording == len(self.groups[group_id].wordings) - 1:
            self._index_keys(keys, group_id)
        return group_id

    def _keys(self, words: Sequence[str], speaker: int) -> List[int]:
        """The index keys of ``words``: band hashes mixed with the band and speaker."""
        hashes = band_hash_array(words, self.num_perm, self.bands, self.rows).view(np.uint64)
        with np.errstate(over="ignore"):
            mixed = hashes ^ _BAND_MIX[:len(hashes)] ^ (np.uint64(speaker) * np.uint64(_SPEAKER_MIX))
        return mixed.tolist()

    def _index_keys(self, keys: Iterable[int], group_id: int) -> None:
        """Point each key at ``group_id`` as well."""
        index = self._index
        for key in keys:
            hit = index.get(key)
            if hit is None:
                index[key] = group_id
            elif isinstance(hit, list):
                if group_id not in hit:
                    hit.append(group_id)
            elif hit != group_id:
                index[key] = [hit, group_id]

    def group_of(self, quote_id: Any) -> QuoteGroup:
        """The group of an added quote."""
        return self.groups[self._quotes[quote_id][0]]

    def alteration(self, quote_id: Any) -> Optional[Alteration]:
        """How an added quote alters the words of its group's first appearance, None
        when it does not."""
        group_id, wording = self._quotes[quote_id]
        group = self.groups[group_id]
        if wording == group.first_wording:
            return None
        return alteration(group.wordings[group.first_wording], group.wordings[wording])

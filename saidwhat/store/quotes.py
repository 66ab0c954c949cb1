"""Quote groups at ingest: the same words of the same speaker, wherever they were carried,
are one quote.

A quote's MinHash signature is cut into bands (:func:`.provenance.signature`, one
64-bit hash a band); ``quote_bands`` indexes ``(hash, band, speaker)`` to the groups
that have it, so the candidates of an article's quotes are the groups of their speakers
that share a band with them, found by one indexed query an article, never by comparing
a quote with every quote stored. :func:`.provenance.choose_group` then picks the
candidate whose words are close enough, or none: the quote starts a group of its own.
A quote whose speaker the article never names is a group of its own.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from . import tables as t
from .provenance import choose_group, quote_words, signature

_INT64 = 1 << 64
Band = Tuple[int, int, int]  # speaker, band, hash


class QuoteGroups:
    """Finds or makes the quote group of each quote written."""

    def assign(self, connection: Connection, speaker_id: Optional[int], content: str) -> int:
        """The group of one quote (see :meth:`assign_all`)."""
        return self.assign_all(connection, [(speaker_id, content)])[0]

    def assign_all(self, connection: Connection, quotes: Sequence[Tuple[Optional[int], str]]) -> List[int]:
        """The id of the group of each ``(speaker_id, content)``: a stored group of the same
        speaker with about the same words, one made for an earlier quote of ``quotes``, or
        a new one."""
        words = [quote_words(content) for _, content in quotes]
        bands = [[(speaker, band, _signed(value)) for band, value in enumerate(signature(w))] if speaker else []
                 for (speaker, _), w in zip(quotes, words)]
        index = _candidates(connection, {b for found in bands for b in found})
        groups: List[int] = []
        made: Dict[int, List[str]] = {}
        for (speaker, _), mine, my_bands in zip(quotes, words, bands):
            ids = sorted({group for band in my_bands for group in index["bands"].get(band, ())})
            group = choose_group(((g, index["words"].get(g) or made[g]) for g in ids), mine) if ids else None
            if group is None:
                group = connection.scalar(insert(t.quote_groups).values(speaker_id=speaker, words=" ".join(mine))
                                          .returning(t.quote_groups.c.id))
                made[group] = mine
            groups.append(group)
            for band in my_bands:
                index["bands"].setdefault(band, set()).add(group)
        rows = {(s, b, h, g) for found, g in zip(bands, groups) for s, b, h in found}
        if rows:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            connection.execute(dialect.insert(t.quote_bands).on_conflict_do_nothing(),
                               [{"speaker_id": s, "band": b, "hash": h, "quote_id": g} for s, b, h, g in sorted(rows)])
        return groups


def _candidates(connection: Connection, bands: Set[Band]) -> dict:
    """The stored groups that share a band with ``bands`` (``"bands"``: band to groups)
    and their words (``"words"``: group to words)."""
    found: Dict[Band, Set[int]] = {}
    if not bands:
        return {"bands": found, "words": {}}
    b = t.quote_bands.c
    hashes, speakers = sorted({h for _, _, h in bands}), sorted({s for s, _, _ in bands})
    rows = connection.execute(select(b.speaker_id, b.band, b.hash, b.quote_id)
                              .where(b.hash.in_(hashes), b.speaker_id.in_(speakers)))
    for row in rows:
        key = (row.speaker_id, row.band, row.hash)
        if key in bands:
            found.setdefault(key, set()).add(row.quote_id)
    ids = sorted({g for groups in found.values() for g in groups})
    words = {}
    if ids:
        rows = connection.execute(select(t.quote_groups.c.id, t.quote_groups.c.words).where(t.quote_groups.c.id.in_(ids)))
        words = {row.id: row.words.split(" ") for row in rows}
    return {"bands": found, "words": words}


def _signed(value: int) -> int:
    """``value`` as a signed 64-bit integer, as the databases' BIGINT holds it."""
    value %= _INT64
    return value - _INT64 if value >= 1 << 63 else value

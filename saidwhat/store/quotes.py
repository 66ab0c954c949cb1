"""Quote groups at ingest: the same words of the same speaker, wherever they were carried,
are one quote.

A quote's MinHash signature is cut into bands (:func:`.provenance.signature`, one
64-bit hash a band); ``quote_bands`` indexes ``(speaker, band, hash)`` to the groups
that have it, so a new quote's candidates are the groups of its speaker that share a
band with it, found by one indexed query, not by comparing it with every quote
stored. :func:`.provenance.choose_group` then picks the candidate whose words are
close enough, or none: the quote starts a group of its own. A quote whose speaker
the article never names is a group of its own.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from sqlalchemy import insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from . import tables as t
from .provenance import choose_group, quote_words, signature

_INT64 = 1 << 64


class QuoteGroups:
    """Finds or makes the quote group of each quote written."""

    def assign(self, connection: Connection, speaker_id: Optional[int], content: str) -> int:
        """The id of the group of ``content`` said by ``speaker_id``: a stored group of the
        same speaker with about the same words, or a new one."""
        words = quote_words(content)
        if speaker_id is None or not words:
            return self._new(connection, speaker_id, words)
        bands = [(band, _signed(value)) for band, value in enumerate(signature(words))]
        candidates = self._candidates(connection, speaker_id, bands)
        group = choose_group(candidates.items(), words) if candidates else None
        if group is None:
            group = self._new(connection, speaker_id, words)
        rows = [{"speaker_id": speaker_id, "band": band, "hash": value, "quote_id": group} for band, value in bands]
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(dialect.insert(t.quote_bands).on_conflict_do_nothing(), rows)
        return group

    @staticmethod
    def _candidates(connection: Connection, speaker_id: int, bands: List[tuple]) -> Dict[int, List[str]]:
        """The groups of ``speaker_id`` that share a band with ``bands``, with their words."""
        b = t.quote_bands.c
        ids = select(b.quote_id).where(b.speaker_id == speaker_id, tuple_(b.band, b.hash).in_(bands)).distinct()
        found = connection.execute(select(t.quote_groups.c.id, t.quote_groups.c.words)
                                   .where(t.quote_groups.c.id.in_(ids)).order_by(t.quote_groups.c.id))
        return {row.id: row.words.split(" ") for row in found}

    @staticmethod
    def _new(connection: Connection, speaker_id: Optional[int], words: List[str]) -> int:
        """Make a group for a quote seen for the first time."""
        return connection.scalar(insert(t.quote_groups).values(speaker_id=speaker_id, words=" ".join(words))
                                 .returning(t.quote_groups.c.id))


def _signed(value: int) -> int:
    """``value`` as a signed 64-bit integer, as the databases' BIGINT holds it."""
    value %= _INT64
    return value - _INT64 if value >= 1 << 63 else value

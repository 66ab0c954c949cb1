"""Corrections of speaker identity made by hand, applied to what is stored and kept, so
that every later ingest applies them too (:class:`.identity.Corrections`).

``merge A B``: speaker A is B; A's attributions, names and quote groups become B's.
``split A NAME``: the article speakers named NAME (by identity key) that were taken for
A are a speaker of their own; their quotes are grouped again under it.
"""
from __future__ import annotations

import datetime as dt
from typing import Tuple

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.engine import Connection

from ..errors import StoreError
from . import tables as t
from .identity import speaker_key
from .ingest import drop_empty_groups
from .quotes import QuoteGroups
from .reports import one_speaker


def _record(connection: Connection, action: str, key: str, other: str) -> None:
    connection.execute(insert(t.speaker_corrections).values(action=action, key=key, other=other,
                                                            made_at=dt.datetime.now(dt.timezone.utc)))


def merge(connection: Connection, name: str, into: str) -> Tuple[int, int]:
    """Merge the speaker ``name`` into the speaker ``into``; return their ids (gone, kept)."""
    gone, kept = one_speaker(connection, name), one_speaker(connection, into)
    if gone == kept:
        raise StoreError(f"{name!r} and {into!r} are already one speaker (id {kept})")
    s = t.speakers.c
    keys = dict(connection.execute(select(s.id, s.key).where(s.id.in_([gone, kept]))).all())
    _record(connection, "merge", keys[gone], keys[kept])
    for table in (t.attributions, t.article_speakers, t.quote_groups, t.quote_bands):
        connection.execute(update(table).where(table.c.speaker_id == gone).values(speaker_id=kept))
    connection.execute(delete(t.speakers).where(s.id == gone))
    return gone, kept


def split(connection: Connection, name: str, alias: str) -> Tuple[int, int]:
    """Make the article speakers of ``name`` whose own name is ``alias`` a speaker of their
    own; return the ids (``name``'s, the new one's)."""
    ident = one_speaker(connection, name)
    row = connection.execute(select(t.speakers).where(t.speakers.c.id == ident)).one()
    own = speaker_key(alias, row.type)
    asp = t.article_speakers.c
    moved = [(r.article_pk, r.local_id) for r in connection.execute(
        select(asp.article_pk, asp.local_id, asp.name).where(asp.speaker_id == ident))
        if speaker_key(r.name or "", row.type) == own]
    if own == row.key or not moved:
        raise StoreError(f"none of {row.name}'s articles names them {alias!r} apart from their own name: "
                         f"nothing to split (saidwhat speakers show {ident} lists the names)")
    _record(connection, "split", row.key, own)
    target = connection.scalar(select(t.speakers.c.id).where(t.speakers.c.key == own))
    if target is None:
        target = connection.scalar(insert(t.speakers).values(key=own, name=alias, type=row.type)
                                   .returning(t.speakers.c.id))
    connection.execute(update(t.article_speakers).where(tuple_(asp.article_pk, asp.local_id).in_(moved))
                       .values(speaker_id=target))
    _regroup(connection, moved, target)
    return ident, target


def _regroup(connection: Connection, moved: list, target: int) -> None:
    """Give the attributions of the ``moved`` article speakers to ``target`` and put their
    quotes in ``target``'s groups."""
    a = t.attributions.c
    rows = connection.execute(select(a.id, a.content, a.quote_id).where(
        tuple_(a.article_pk, a.article_speaker).in_(moved), a.speaker_id.isnot(None))).all()
    groups = QuoteGroups()
    for r in rows:
        connection.execute(update(t.attributions).where(a.id == r.id)
                           .values(speaker_id=target, quote_id=groups.assign(connection, target, r.content)))
    drop_empty_groups(connection, {r.quote_id for r in rows})

"""One speaker across articles, at ingest: each article's named speaker is tied to one
row of ``speakers``: the one :class:`.identity.SpeakerDirectory` matches it to ("Trump",
in an article that never gives the full name, is the one known person of that
surname), else a new one under its own key (:func:`.identity.speaker_key`), after the
corrections made by hand (``saidwhat speakers merge`` and ``split``).
A speaker the article never names ("officials") is tied to no one.
"""
from __future__ import annotations

from typing import Dict, Optional

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from ..schema import Speaker
from . import tables as t
from .identity import Corrections, SpeakerDirectory, speaker_key


class SpeakerIds:
    """The store's speakers by key, kept in step with what this ingest writes."""

    def __init__(self) -> None:
        self.ids: Dict[str, int] = {}
        self.directory = SpeakerDirectory()
        self.corrections = Corrections()
        self.loaded = False

    def load(self, connection: Connection, again: bool = False) -> None:
        """Read the stored speakers, their attribution counts and the corrections (once,
        or ``again`` after a write was rolled back)."""
        if self.loaded and not again:
            return
        self.__init__()
        counts = (select(t.attributions.c.speaker_id, func.count().label("n"))
                  .group_by(t.attributions.c.speaker_id).subquery())
        rows = connection.execute(select(t.speakers, func.coalesce(counts.c.n, 0).label("n"))
                                  .outerjoin(counts, counts.c.speaker_id == t.speakers.c.id))
        for row in rows:
            self.ids[row.key] = row.id
            self.directory.add(row.key, row.name, row.type, row.n)
        self.corrections = load_corrections(connection)
        self.loaded = True

    def key(self, speaker: Speaker) -> Optional[str]:
        """The key of the collection speaker an article's speaker is, corrections applied;
        None when the article never names it."""
        own = speaker_key(speaker.name or "", speaker.type)
        if own.endswith(":"):
            return None
        return self.corrections.resolve(own, self.directory.match(speaker.name, speaker.type))

    def resolve(self, connection: Connection, speaker: Speaker) -> Optional[int]:
        """The store's id of an article's speaker, adding the speaker when new; None when unnamed."""
        key = self.key(speaker)
        if key is None:
            return None
        found = self.ids.get(key)
        if found is None:
            found = connection.scalar(insert(t.speakers).values(key=key, name=speaker.name, type=speaker.type)
                                      .returning(t.speakers.c.id))
            self.ids[key] = found
        self.directory.add(key, speaker.name, speaker.type, max(1, speaker.attributions))
        return found


def load_corrections(connection: Connection) -> Corrections:
    """The corrections made by hand, in the order they were made."""
    corrections = Corrections()
    c = t.speaker_corrections.c
    for row in connection.execute(select(c.action, c.key, c.other).order_by(c.id)):
        getattr(corrections, row.action)(row.key, row.other)
    return corrections

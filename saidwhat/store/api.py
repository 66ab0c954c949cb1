"""The store from Python: :class:`Store`.

    from saidwhat import Store, extract_file

    store = Store()                                   # saidwhat.db here, or $SAIDWHAT_DB
    store = Store("postgresql://me@localhost/news")   # or a PostgreSQL database
    store.ingest(extract_file("news/"))               # extracted Articles, stored once
    hits = store.search("wage deal", speaker="Hale", since="2024-03-01")
    hits.to_pandas()                                  # a DataFrame, a row per hit
    store.speakers(top=10)                            # who is quoted most, by kind
    store.quote(hits[0].quote_id)                     # where the quote came from
    for article in store.export(outlet="Marlow Courier"):   # Articles as extract gave them
        ...

Opening a store brings its schema up to date (Alembic migrations), so a store written
by an earlier version opens in this one.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator, Optional, Sequence, Union

from ..errors import StoreError
from ..schema import ATTRIBUTION_KINDS, Article
from . import corrections
from .database import open_engine, resolve_url, safe_url, upgrade
from .ingest import Ingest, Stored, text_hash
from .reports import export_articles, export_hits, quote_history, speaker_profile, speaker_summaries
from .results import Hits, QuoteHistory, SpeakerProfile, SpeakerSummaries
from .search import DEFAULT_LIMIT, Filters, search

DateLike = Union[str, dt.date, None]


def as_date(value: DateLike, name: str = "date") -> Optional[dt.date]:
    """``value`` as a date: a date, ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the first day
    of that month or year), or None; a StoreError saying what to give otherwise."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    padded = text + {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        raise StoreError(f"{name} {text!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY") from None


def make_filters(query: Optional[str] = None, speaker: Optional[str] = None, outlet: Optional[str] = None,
                 since: DateLike = None, until: DateLike = None,
                 kind: Union[str, Sequence[str], None] = None) -> Filters:
    """The :class:`~.search.Filters` of the Python arguments (``kind``: one or several)."""
    kinds = [kind] if isinstance(kind, str) else list(kind) if kind else None
    if query is not None and not re.search(r"\w", query):
        query = None  # nothing to match: every attribution the other filters pick
    unknown = [k for k in kinds or [] if k not in ATTRIBUTION_KINDS]
    if unknown:
        raise StoreError(f"kind {unknown[0]!r}: give one of {', '.join(ATTRIBUTION_KINDS)}")
    return Filters(query, speaker, outlet, as_date(since, "since"), as_date(until, "until"), kinds)


class Store:
    """A database of extracted articles: ``Store(url)`` opens it (creating it if new);
    ``url`` is a SQLAlchemy URL or a SQLite file path, by default ``$SAIDWHAT_DB`` or
    ``saidwhat.db`` in the working directory."""

    def __init__(self, url: Optional[str] = None):
        self.url = resolve_url(url)
        self.engine = open_engine(self.url)
        upgrade(self.engine)
        self._ingest = Ingest(self.engine)

    def __repr__(self) -> str:
        return f"Store({safe_url(self.engine)!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def is_stored(self, article: Article) -> bool:
        """Whether ``article`` is stored with this very text (ingesting it changes nothing)."""
        return self._ingest.stored_hash(article.id) == text_hash(article.text or "")

    def ingest_stream(self, articles: Iterable[Article]) -> Iterator[Stored]:
        """Store each extracted article, streaming; yield what became of each (added,
        replaced, unchanged, failed) once it is committed."""
        return self._ingest.run(articles)

    def ingest(self, articles: Iterable[Article]) -> dict:
        """Store extracted articles; return how many were added, replaced, unchanged and
        failed (``"errors"`` lists why each failure happened)."""
        counts: dict = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0, "errors": []}
        for stored in self.ingest_stream(articles):
            counts[stored.status] += 1
            if stored.error:
                counts["errors"].append(stored.error)
        return counts

    def search(self, query: Optional[str] = None, speaker: Optional[str] = None, outlet: Optional[str] = None,
               since: DateLike = None, until: DateLike = None, kind: Union[str, Sequence[str], None] = None,
               limit: Optional[int] = DEFAULT_LIMIT) -> Hits:
        """Attributions whose content has the ``query`` words (best first; newest first
        without words), of the ``speaker``, ``outlet``, dates and ``kind`` given."""
        filters = make_filters(query, speaker, outlet, since, until, kind)
        with self.engine.connect() as connection:
            return Hits(search(connection, filters, limit))

    def speakers(self, top: Optional[int] = None, since: DateLike = None, until: DateLike = None) -> SpeakerSummaries:
        """Who is quoted most (in articles dated from ``since`` to ``until``), by kind."""
        with self.engine.connect() as connection:
            return speaker_summaries(connection, top, as_date(since, "since"), as_date(until, "until"))

    def speaker(self, name: str) -> SpeakerProfile:
        """One speaker (a name as an article gives it, or its id): names, titles, articles."""
        with self.engine.connect() as connection:
            return speaker_profile(connection, name)

    def quote(self, quote_id: int) -> QuoteHistory:
        """One quote's occurrences in date order, its first appearance and the alterations."""
        with self.engine.connect() as connection:
            return quote_history(connection, int(quote_id))

    def export(self, query: Optional[str] = None, speaker: Optional[str] = None, outlet: Optional[str] = None,
               since: DateLike = None, until: DateLike = None,
               kind: Union[str, Sequence[str], None] = None) -> Iterator[Article]:
        """The stored articles (those holding an attribution the filters pick, when
        given) as extract gave them, streaming."""
        filters = make_filters(query, speaker, outlet, since, until, kind)
        with self.engine.connect() as connection:
            yield from export_articles(connection, filters)

    def export_hits(self, filters: Filters) -> Iterator:
        """Every attribution of the articles :meth:`export` gives for ``filters``, as hits."""
        with self.engine.connect() as connection:
            yield from export_hits(connection, filters)

    def merge_speakers(self, name: str, into: str) -> tuple:
        """Make the speaker ``name`` one with ``into``, now and at every later ingest."""
        with self.engine.begin() as connection:
            result = corrections.merge(connection, name, into)
        self._ingest.speakers.loaded = False
        return result

    def split_speaker(self, name: str, alias: str) -> tuple:
        """Make the article speakers of ``name`` called ``alias`` a speaker of their own,
        now and at every later ingest."""
        with self.engine.begin() as connection:
            result = corrections.split(connection, name, alias)
        self._ingest.speakers.loaded = False
        return result

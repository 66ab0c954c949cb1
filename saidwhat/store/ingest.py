"""Writing articles into the store, idempotently.

An article is keyed by its id and the SHA-256 of its text: one already stored with the
same text is left as it is, one stored with another text is replaced (its attributions,
speakers and the quote groups left empty go with it). Each article is written inside a
savepoint, and the savepoints of a batch of articles are committed together (every
:data:`COMMIT_EVERY` articles or :data:`COMMIT_SECONDS`), so a killed ingest loses at
most the batch in hand, never part of an article, and a run again picks up where the
last commit left off.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import time
from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Set, Tuple
from urllib.parse import urlsplit

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..schema import Article, Attribution
from . import tables as t
from .quotes import QuoteGroups
from .speaker_ids import SpeakerIds

logger = logging.getLogger(__name__)

COMMIT_EVERY = 64
COMMIT_SECONDS = 2.0
#: Fields of an article's ``meta`` that name its outlet, in order of preference.
OUTLET_FIELDS = ("outlet", "source", "sitename", "publisher")
# The end of a sentence: . ! or ? (closing quotes or brackets after it) before a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
SENTENCE_REACH = 400
ABBREVIATIONS = frozenset("Mr Mrs Ms Dr St Jr Sr Gov Sen Rep Gen Lt Col Capt Prof Rev Sgt Maj Adm Cmdr No vs".split())


def text_hash(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), in hex: what says that a stored article changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_fields(article: Article) -> Dict[str, Any]:
    """The article's columns beside its record: title, outlet, author, date and URL, from
    its ``meta`` (the outlet named there, else the URL's host; the date's ``YYYY-MM-DD``)."""
    meta = article.meta or {}
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    outlet = next((meta[f] for f in OUTLET_FIELDS if isinstance(meta.get(f), str) and meta[f].strip()), None)
    if outlet is None and url:
        host = urlsplit(url).hostname or ""
        outlet = host[4:] if host.startswith("www.") else (host or None)
    author = meta.get("author")
    return {"title": article.title, "outlet": outlet, "author": author if isinstance(author, str) else None,
            "published": parse_date(meta.get("date")), "url": url}


def parse_date(value: Any) -> Optional[dt.date]:
    """The date at the start of ``value`` (``2018-11-04``, ``2018-11-04T09:30:00Z``), or None."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def sentence_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    """The offsets of the sentences around ``text[start:end]``: from the end of the
    sentence before it to the end of the one it ends in (at most :data:`SENTENCE_REACH`
    characters further each way)."""
    low = max(0, start - SENTENCE_REACH)
    before = [m.end() for m in _sentence_ends(text, low, start)]
    left = before[-1] if before else low
    after = next(_sentence_ends(text, max(start, end - 1), min(len(text), end + SENTENCE_REACH)), None)
    right = after.end() if after else min(len(text), end + SENTENCE_REACH)
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match]:
    """The sentence ends in ``text[start:end]``; a full stop after an initial ("Margaret
    T. Holloway") or an abbreviated title ("Dr.", "Sen.") ends none."""
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"(\w+)\.$", text[max(0, match.start() - 12):match.start() + 1])
        if word and (len(word.group(1)) == 1 and word.group(1).isupper() or word.group(1) in ABBREVIATIONS):
            continue
        yield match


class Stored(NamedTuple):
    """What became of one article given to the store: ``"added"``, ``"replaced"``,
    ``"unchanged"`` (stored before with the same text) or ``"failed"`` (``error`` says why)."""

    article: Article
    status: str
    error: Optional[str] = None


class Ingest:
    """Writes articles into the store on ``engine`` in batched transactions."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.speakers = SpeakerIds()
        self.quotes = QuoteGroups()

    def stored_hash(self, article_id: str) -> Optional[str]:
        """The text hash stored for ``article_id``, or None if it is not stored."""
        with self.engine.connect() as connection:
            return connection.scalar(select(t.articles.c.text_hash).where(t.articles.c.article_id == article_id))

    def run(self, articles: Iterable[Article]) -> Iterator[Stored]:
        """Store each of ``articles``; yield what happened to it once its batch is committed."""
        items = iter(articles)
        while True:
            done: List[Stored] = []
            with self.engine.begin() as connection:
                self.speakers.load(connection)
                started = time.monotonic()
                for article in items:
                    done.append(self._write_one(connection, article))
                    if len(done) >= COMMIT_EVERY or time.monotonic() - started > COMMIT_SECONDS:
                        break
            yield from done
            if not done:
                return

    def _write_one(self, connection: Connection, article: Article) -> Stored:
        """Write one article in a savepoint; a database error rolls back that article alone."""
        try:
            with connection.begin_nested():
                return Stored(article, self.write(connection, article))
        except (SQLAlchemyError, ValueError) as err:
            self.speakers.load(connection, again=True)
            reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
            logger.debug("article %s not stored", article.id, exc_info=True)
            return Stored(article, "failed", f"{article.id}: not stored: {reason}")

    def write(self, connection: Connection, article: Article) -> str:
        """Store one article on ``connection`` (inside the caller's transaction)."""
        text = article.text or ""
        digest = text_hash(text)
        old = connection.execute(select(t.articles.c.id, t.articles.c.text_hash)
                                 .where(t.articles.c.article_id == article.id)).first()
        if old is not None and old.text_hash == digest:
            return "unchanged"
        if old is not None:
            remove_article(connection, old.id)
        record = article.to_dict(include_text=False)
        article_pk = connection.scalar(insert(t.articles).values(
            article_id=article.id, text_hash=digest, text=article.text, ingested_at=dt.datetime.now(dt.timezone.utc),
            record=json.dumps(record, ensure_ascii=False), **article_fields(article)).returning(t.articles.c.id))
        speaker_ids = self._write_speakers(connection, article_pk, article)
        self._write_attributions(connection, article_pk, article, speaker_ids)
        return "replaced" if old is not None else "added"

    def _write_speakers(self, connection: Connection, article_pk: int, article: Article) -> Dict[int, Optional[int]]:
        """Insert the article's speakers; return the store's speaker id of each (by the article's id)."""
        found = {s.id: self.speakers.resolve(connection, s) for s in article.speakers}
        rows = [{"article_pk": article_pk, "local_id": s.id, "speaker_id": found[s.id], "name": s.name, "type": s.type,
                 "title": s.title, "mentions": json.dumps([m.to_dict() for m in s.mentions], ensure_ascii=False),
                 "attributions": s.attributions} for s in article.speakers]
        if rows:
            connection.execute(insert(t.article_speakers), rows)
        return found

    def _write_attributions(self, connection: Connection, article_pk: int, article: Article,
                            speaker_ids: Dict[int, Optional[int]]) -> None:
        """Insert the article's attributions, each in its quote group, then their parents."""
        if not article.attributions:
            return
        speakers = [speaker_ids.get(a.speaker.id) if a.speaker is not None else None for a in article.attributions]
        groups = self.quotes.assign_all(connection, [(s, a.content.text) for s, a in zip(speakers, article.attributions)])
        rows = [dict(attribution_row(article.text or "", a), article_pk=article_pk, speaker_id=s, quote_id=g)
                for a, s, g in zip(article.attributions, speakers, groups)]
        result = connection.execute(insert(t.attributions).returning(t.attributions.c.id, sort_by_parameter_order=True),
                                    rows)
        pks = {a.id: pk for a, pk in zip(article.attributions, result.scalars())}
        parents = [{"pk": pks[a.id], "parent": pks[a.parent]} for a in article.attributions if a.parent in pks]
        if parents:
            connection.execute(update(t.attributions).where(t.attributions.c.id == bindparam("pk"))
                               .values(parent_id=bindparam("parent")), parents)


def attribution_row(text: str, attribution: Attribution) -> Dict[str, Any]:
    """The columns of one attribution's ``attributions`` row that come from the article alone."""
    content = attribution.content
    start, end = sentence_bounds(text, content.start, content.end) if content.spans else (0, 0)
    roles = {role: getattr(attribution, role) for role in ("cue", "source", "to", "where", "how")}
    spans = {"content": [list(s) for s in content.spans]}
    spans.update({role: span.to_dict() if span else None for role, span in roles.items()})
    return {"local_id": attribution.id, "kind": attribution.kind, "act": attribution.act, "content": content.text,
            "cue": roles["cue"].text if roles["cue"] else None, "source": roles["source"].text if roles["source"] else None,
            "spans": json.dumps(spans, ensure_ascii=False), "confidence": round(float(attribution.confidence), 4),
            "continued": attribution.continued, "article_speaker": attribution.speaker.id if attribution.speaker else None,
            "sentence_start": start, "sentence_end": end}


def remove_article(connection: Connection, article_pk: int) -> None:
    """Delete a stored article with its attributions and speakers, and the quote groups
    that only it held."""
    groups = set(connection.scalars(select(t.attributions.c.quote_id).where(t.attributions.c.article_pk == article_pk)))
    connection.execute(delete(t.attributions).where(t.attributions.c.article_pk == article_pk))
    connection.execute(delete(t.article_speakers).where(t.article_speakers.c.article_pk == article_pk))
    connection.execute(delete(t.articles).where(t.articles.c.id == article_pk))
    drop_empty_groups(connection, groups)


def drop_empty_groups(connection: Connection, groups: Set[int]) -> None:
    """Delete those of the quote ``groups`` that no attribution is in any more, with their bands."""
    held = select(t.attributions.c.quote_id).where(t.attributions.c.quote_id.in_(groups)).distinct()
    empty = set(groups) - set(connection.scalars(held))
    if empty:
        connection.execute(delete(t.quote_bands).where(t.quote_bands.c.quote_id.in_(empty)))
        connection.execute(delete(t.quote_groups).where(t.quote_groups.c.id.in_(empty)))

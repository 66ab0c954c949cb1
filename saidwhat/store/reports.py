"""Reports over the store: who is quoted most, one speaker's profile, one quote's
history, and the articles of an export."""
from __future__ import annotations

import datetime as dt
import json
from typing import Iterator, List, Optional

from sqlalchemy import case, distinct, func, select
from sqlalchemy.engine import Connection

from ..errors import StoreError
from ..schema import Article
from . import tables as t
from .provenance import alteration
from .results import Hits, QuoteHistory, SpeakerProfile, SpeakerSummaries, SpeakerSummary
from .search import Filters, hit_from_row, hits_select, restrict, speaker_ids

EXPORT_BATCH = 200


def speaker_summaries(connection: Connection, top: Optional[int] = None, since: Optional[dt.date] = None,
                      until: Optional[dt.date] = None, ids: Optional[List[int]] = None) -> SpeakerSummaries:
    """The speakers with their attributions counted by kind (only those of articles
    dated from ``since`` to ``until`` when given), most quoted first, the ``top`` first."""
    a, ar, s = t.attributions.c, t.articles.c, t.speakers.c
    by_kind = [func.sum(case((a.kind == kind, 1), else_=0)).label(kind) for kind in ("direct", "mixed", "indirect")]
    statement = (select(a.speaker_id, func.count().label("n"), *by_kind, func.count(distinct(a.article_pk)).label("articles"),
                        func.min(ar.published).label("first"), func.max(ar.published).label("last"),
                        s.name, s.type, s.key)
                 .join(t.articles, t.articles.c.id == a.article_pk).join(t.speakers, s.id == a.speaker_id)
                 .group_by(a.speaker_id, s.name, s.type, s.key).order_by(func.count().desc(), a.speaker_id))
    if since:
        statement = statement.where(ar.published >= since)
    if until:
        statement = statement.where(ar.published <= until)
    if ids is not None:
        statement = statement.where(a.speaker_id.in_(ids))
    if top is not None:
        statement = statement.limit(top)
    return SpeakerSummaries(
        SpeakerSummary(id=r.speaker_id, name=r.name, type=r.type, key=r.key, attributions=r.n, direct=r.direct or 0,
                       mixed=r.mixed or 0, indirect=r.indirect or 0, articles=r.articles, first=r.first, last=r.last)
        for r in connection.execute(statement))


def one_speaker(connection: Connection, name: str) -> int:
    """The id of the one speaker ``name`` means; a StoreError when none or several."""
    found = speaker_ids(connection, name)
    if len(found) == 1:
        return found[0]
    if not found:
        raise StoreError(f"no speaker {name!r} in the store (saidwhat speakers lists them)")
    names = connection.execute(select(t.speakers.c.id, t.speakers.c.name).where(t.speakers.c.id.in_(found[:10])))
    listed = ", ".join(f"{r.name} (id {r.id})" for r in names)
    raise StoreError(f"{name!r} names {len(found)} speakers: {listed}; give the id")


def speaker_profile(connection: Connection, name: str) -> SpeakerProfile:
    """Everything the store knows of the speaker ``name`` (a name or an id)."""
    ident = one_speaker(connection, name)
    summaries = speaker_summaries(connection, ids=[ident])
    if not summaries:
        row = connection.execute(select(t.speakers).where(t.speakers.c.id == ident)).one()
        summaries = [SpeakerSummary(ident, row.name, row.type, row.key, 0, 0, 0, 0, 0)]
    asp, ar = t.article_speakers.c, t.articles.c
    names = connection.execute(select(asp.name, func.count()).where(asp.speaker_id == ident)
                               .group_by(asp.name).order_by(func.count().desc(), asp.name))
    seen = (select(asp.title, ar.published, ar.article_id).join(t.articles, ar.id == asp.article_pk)
            .where(asp.speaker_id == ident).order_by(ar.published.nulls_last(), ar.id))
    rows = connection.execute(seen).all()
    return SpeakerProfile(summaries[0], names=[(n, c) for n, c in names],
                          titles=[(r.title, r.published, r.article_id) for r in rows if r.title],
                          articles=list(dict.fromkeys(r.article_id for r in rows)))


def quote_history(connection: Connection, quote_id: int) -> QuoteHistory:
    """Every occurrence of the quote ``quote_id`` in date order, each that alters the
    first's words with the difference."""
    a, ar = t.attributions.c, t.articles.c
    statement = hits_select().where(a.quote_id == quote_id).order_by(ar.published.nulls_last(), ar.id, a.local_id)
    hits = Hits(hit_from_row(row) for row in connection.execute(statement))
    if not hits:
        raise StoreError(f"no quote {quote_id} in the store (saidwhat search gives each hit's quote id)")
    first = hits[0].attribution.content.text
    changes = {hit.id: alteration(first, hit.attribution.content.text) for hit in hits[1:]}
    return QuoteHistory(quote_id, hits[0].speaker, hits, {k: v for k, v in changes.items() if v is not None})


def export_articles(connection: Connection, filters: Filters) -> Iterator[Article]:
    """The stored articles that ``filters`` pick (those holding an attribution they pick,
    when they pick attributions), as extract gave them, in the order they were stored."""
    ar = t.articles.c
    statement = select(ar.text, ar.record).order_by(ar.id)
    if filters.of_attributions:
        picked = restrict(connection, select(t.attributions.c.article_pk)
                          .join(t.articles, ar.id == t.attributions.c.article_pk), filters)
        statement = statement.where(ar.id.in_(picked))
    else:
        statement = restrict(connection, statement, filters)
    for row in connection.execution_options(yield_per=EXPORT_BATCH).execute(statement):
        article = Article.from_dict(json.loads(row.record))
        article.text = row.text
        yield article


def export_hits(connection: Connection, filters: Filters) -> Iterator:
    """Every attribution of the articles :func:`export_articles` gives, as hits."""
    ar, a = t.articles.c, t.attributions.c
    picked = select(a.article_pk).join(t.articles, ar.id == a.article_pk)
    picked = restrict(connection, picked if filters.of_attributions else select(ar.id), filters)
    statement = hits_select().where(a.article_pk.in_(picked)).order_by(ar.id, a.local_id)
    for row in connection.execution_options(yield_per=EXPORT_BATCH).execute(statement):
        yield hit_from_row(row)

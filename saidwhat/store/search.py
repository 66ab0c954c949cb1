"""Search: attributions by the words of their content (ranked), speaker, outlet, date
and kind, and the articles that hold them.

The words are matched by SQLite's FTS5 (porter-stemmed, ranked by BM25) or by
PostgreSQL's ``tsvector`` (English configuration, ranked by ``ts_rank``). A query is
words that must all appear ("wage deal"), with ``"a phrase"`` in double quotes and
``OR`` between alternatives. Without words, hits come newest first.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence

from sqlalchemy import column, false, func, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import Select

from ..schema import SPEAKER_TYPES, Attribution, Speaker, TextSpan
from . import tables as t
from .identity import is_surname_only, speaker_key, surname_of
from .results import Hit

DEFAULT_LIMIT = 20
_FTS = table("attributions_fts", column("rowid"), column("rank"))
_TOKENS = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Filters:
    """What a search or an export keeps: the ``query`` words, the ``speaker`` (a name as
    any article gives it, or the store's speaker id), the ``outlet``, the dates ``since``
    and ``until`` (both included) and the ``kinds`` of attribution."""

    query: Optional[str] = None
    speaker: Optional[str] = None
    outlet: Optional[str] = None
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    kinds: Optional[Sequence[str]] = None

    @property
    def of_attributions(self) -> bool:
        """Whether the filters pick attributions, not only articles."""
        return bool(self.query and self.query.strip()) or self.speaker is not None or bool(self.kinds)


def fts5_query(query: str) -> str:
    """The FTS5 query of a search: each word or ``"phrase"`` quoted (so no character of it
    is read as FTS5 syntax), all required, ``OR`` kept between alternatives."""
    parts = []
    for phrase, word in _TOKENS.findall(query):
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        words = re.findall(r"\w+", phrase if phrase else word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def speaker_ids(connection: Connection, name: str) -> List[int]:
    """The store's speakers a ``--speaker`` value names: its id, the speakers of its
    identity key (of any type), every person of its surname when it is one word, else
    those whose name contains it (case ignored)."""
    s = t.speakers.c
    if name.strip().isdigit():
        return list(connection.scalars(select(s.id).where(s.id == int(name))))
    keys = {speaker_key(name, kind) for kind in SPEAKER_TYPES}
    conditions = [s.key.in_(keys)]
    if is_surname_only(name, "person"):
        conditions.append(s.key.like(f"person:% {surname_of(name)}"))
    found = list(connection.scalars(select(s.id).where(or_(*conditions)).order_by(s.id)))
    if found:
        return found
    pattern = "%" + re.sub(r"([%_\\])", r"\\\1", name.strip().lower()) + "%"
    return list(connection.scalars(select(s.id).where(func.lower(s.name).like(pattern, escape="\\")).order_by(s.id)))


def hits_select() -> Select:
    """Every attribution as a hit's row: with its article, its speakers and its sentence."""
    a, ar, asp = t.attributions, t.articles, t.article_speakers
    parent = t.attributions.alias("parent")
    sentence = func.substr(ar.c.text, a.c.sentence_start + 1, a.c.sentence_end - a.c.sentence_start)
    return (select(a.c.id, a.c.quote_id, a.c.local_id, a.c.kind, a.c.act, a.c.content, a.c.spans, a.c.confidence,
                   a.c.continued, a.c.speaker_id, parent.c.local_id.label("parent"), ar.c.article_id, ar.c.title,
                   ar.c.outlet, ar.c.published, t.speakers.c.name.label("speaker"),
                   asp.c.local_id.label("sp_id"), asp.c.name.label("sp_name"), asp.c.type.label("sp_type"),
                   asp.c.title.label("sp_title"), sentence.label("sentence"))
            .join(ar, ar.c.id == a.c.article_pk)
            .outerjoin(parent, parent.c.id == a.c.parent_id)
            .outerjoin(t.speakers, t.speakers.c.id == a.c.speaker_id)
            .outerjoin(asp, (asp.c.article_pk == a.c.article_pk) & (asp.c.local_id == a.c.article_speaker)))


def restrict(connection: Connection, statement: Select, filters: Filters, with_query: bool = True) -> Select:
    """``statement`` (over attributions and articles) kept to what ``filters`` pick; the
    query words as a condition when ``with_query`` (a search ranks them instead)."""
    a, ar = t.attributions.c, t.articles.c
    if filters.speaker is not None:
        ids = speaker_ids(connection, filters.speaker)
        statement = statement.where(a.speaker_id.in_(ids) if ids else false())
    if filters.outlet:
        statement = statement.where(func.lower(ar.outlet) == filters.outlet.strip().lower())
    if filters.since:
        statement = statement.where(ar.published >= filters.since)
    if filters.until:
        statement = statement.where(ar.published <= filters.until)
    if filters.kinds:
        statement = statement.where(a.kind.in_(list(filters.kinds)))
    if with_query and filters.query and filters.query.strip():
        statement = statement.where(a.id.in_(_matching_ids(connection, filters.query)))
    return statement


def _matching_ids(connection: Connection, query: str) -> Select:
    """The ids of the attributions whose content matches ``query``."""
    if connection.dialect.name == "sqlite":
        return select(_FTS.c.rowid).where(text("attributions_fts MATCH :fts").bindparams(fts=fts5_query(query)))
    tsquery = func.websearch_to_tsquery("english", query)
    return select(t.attributions.c.id).where(literal_column("attributions.search").op("@@")(tsquery))


def search(connection: Connection, filters: Filters, limit: Optional[int] = DEFAULT_LIMIT) -> List[Hit]:
    """The hits of ``filters``: best match first, or newest first without query words."""
    statement = restrict(connection, hits_select(), filters, with_query=False)
    a, ar = t.attributions.c, t.articles.c
    query = (filters.query or "").strip()
    if not query:
        statement = statement.add_columns(literal_column("NULL").label("score"))
        statement = statement.order_by(ar.published.desc().nulls_last(), a.id)
    elif connection.dialect.name == "sqlite":
        statement = statement.join(_FTS, _FTS.c.rowid == a.id).add_columns((-_FTS.c.rank).label("score"))
        statement = statement.where(text("attributions_fts MATCH :fts").bindparams(fts=fts5_query(query)))
        statement = statement.order_by(_FTS.c.rank, a.id)
    else:
        tsquery = func.websearch_to_tsquery("english", query)
        vector = literal_column("attributions.search")
        score = func.ts_rank(vector, tsquery, 1)  # divided by 1 + the log of the length, as BM25 favours the short
        statement = statement.where(vector.op("@@")(tsquery)).add_columns(score.label("score"))
        statement = statement.order_by(score.desc(), a.id)
    if limit is not None:
        statement = statement.limit(limit)
    return [hit_from_row(row) for row in connection.execute(statement)]


def hit_from_row(row: Row) -> Hit:
    """A hit from a row of :func:`hits_select`: its attribution rebuilt as extract gave it."""
    spans = json.loads(row.spans)
    speaker = None
    if row.sp_id is not None:
        speaker = Speaker(id=row.sp_id, name=row.sp_name, type=row.sp_type, title=row.sp_title)
    attribution = Attribution(
        id=row.local_id, kind=row.kind, act=row.act, content=TextSpan(tuple(map(tuple, spans["content"])), row.content),
        cue=TextSpan.from_dict(spans["cue"]), source=TextSpan.from_dict(spans["source"]),
        confidence=row.confidence, speaker=speaker, parent=row.parent, continued=bool(row.continued),
        to=TextSpan.from_dict(spans["to"]), where=TextSpan.from_dict(spans["where"]),
        how=TextSpan.from_dict(spans["how"]))
    score: Any = getattr(row, "score", None)
    return Hit(id=row.id, quote_id=row.quote_id, article_id=row.article_id, title=row.title, outlet=row.outlet,
               date=row.published, speaker=row.speaker, speaker_id=row.speaker_id,
               sentence=" ".join((row.sentence or "").split()), attribution=attribution,
               score=round(float(score), 4) if score is not None else None)

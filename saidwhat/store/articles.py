"""The stored articles one at a time: a page of them with their columns (title, outlet,
date, URL, number of attributions), and one article by its id, as extract gave it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import StoreError
from ..schema import Article
from . import tables as t


@dataclass
class StoredArticle:
    """An article as the store has it: its columns beside the article extract gave."""

    article_id: str
    title: Optional[str]
    outlet: Optional[str]
    date: Optional[str]
    url: Optional[str]
    attributions: int
    article: Optional[Article] = None

    def record(self) -> Dict[str, Any]:
        """The columns as a flat record (without the article itself)."""
        return {"id": self.article_id, "title": self.title, "outlet": self.outlet, "date": self.date,
                "url": self.url, "attributions": self.attributions}


def _counted():
    """The articles' columns with their number of attributions, in the order stored."""
    ar, a = t.articles.c, t.attributions.c
    counts = (select(a.article_pk, func.count().label("n")).group_by(a.article_pk).subquery())
    return (select(ar.id, ar.article_id, ar.title, ar.outlet, ar.published, ar.url,
                   func.coalesce(counts.c.n, 0).label("n"))
            .outerjoin(counts, counts.c.article_pk == ar.id))


def _stored(row) -> StoredArticle:
    """A StoredArticle of a row of :func:`_counted`."""
    return StoredArticle(row.article_id, row.title, row.outlet,
                         row.published.isoformat() if row.published else None, row.url, int(row.n))


def article_page(connection: Connection, offset: int = 0, limit: int = 20) -> Tuple[int, List[StoredArticle]]:
    """How many articles the store holds, and ``limit`` of them from ``offset``, newest
    first (undated ones last)."""
    total = connection.execute(select(func.count()).select_from(t.articles)).scalar_one()
    ar = t.articles.c
    statement = _counted().order_by(ar.published.desc().nulls_last(), ar.id.desc()).offset(offset).limit(limit)
    return int(total), [_stored(row) for row in connection.execute(statement)]


def stored_article(connection: Connection, article_id: str) -> StoredArticle:
    """The article ``article_id`` with its columns; a StoreError when the store has none."""
    ar = t.articles.c
    row = connection.execute(_counted().add_columns(ar.text, ar.record).where(ar.article_id == article_id)).first()
    if row is None:
        raise StoreError(f"no article {article_id!r} in the store")
    found = _stored(row)
    found.article = Article.from_dict(json.loads(row.record))
    found.article.text = row.text
    return found

"""The JSON API, in the one schema: an extracted or stored article is
:meth:`~saidwhat.schema.Article.to_dict`, a search hit, a speaker or a quote's
occurrence the store's record (what ``saidwhat search --format json`` prints).

Lists are paged: ``offset`` and ``limit`` (at most :data:`MAX_PAGE`) in, ``total``
(where the store counts it), ``offset``, ``limit`` and ``items`` out.
"""
from __future__ import annotations

from typing import Any, Dict, Literal, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..schema import Article
from ..store.api import Store
from ..store.articles import article_page, stored_article
from .extraction import Extraction, request_article
from .security import token_matches

#: The most items a page of a list holds.
MAX_PAGE = 100

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    """An article to read: its text (plain text or an HTML page), an id and title, the
    format (``auto`` takes text starting with a tag for HTML) and fields to keep in
    ``meta`` (``outlet``, ``date``, ``url``, ``author``... which the store indexes)."""

    text: str = Field(description="the article's text, or its HTML page")
    id: str = Field("article", min_length=1, description="the article's id")
    title: Optional[str] = Field(None, description="its title (an HTML page's own by default)")
    format: Literal["auto", "text", "html"] = Field("auto", description="how to read text")
    meta: Dict[str, Any] = Field(default_factory=dict, description="kept as given, under the article's meta")


def extraction(request: Request) -> Extraction:
    """The app's extraction (the pipeline, loaded once)."""
    return request.app.state.extraction


def store(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store


def page(offset: int = Query(0, ge=0), limit: int = Query(20, ge=1, le=MAX_PAGE)) -> Dict[str, int]:
    """The page a list request asks for."""
    return {"offset": offset, "limit": limit}


async def extract_article(body: ArticleIn, extraction: Extraction) -> Article:
    """The article of ``body`` with its attributions."""
    article = request_article(body.text, body.id, body.title, body.format, body.meta)
    return await extraction.extract(article)


@router.post("/extract", summary="Find who said what in one article")
async def extract(body: ArticleIn, extraction: Extraction = Depends(extraction)) -> Dict[str, Any]:
    """The article with its attributions and speakers (``Article.to_dict``); nothing is stored."""
    return (await extract_article(body, extraction)).to_dict()


@router.post("/ingest", summary="Extract one article and store it (needs the token when one is set)")
async def ingest(request: Request, body: ArticleIn, authorization: Optional[str] = Header(None),
                 extraction: Extraction = Depends(extraction), store: Store = Depends(store)) -> Dict[str, Any]:
    """Store the article with its attributions; say whether it was added, replaced or unchanged."""
    if not token_matches(authorization, request.app.state.settings.token):
        raise HTTPException(401, "ingest needs the token: send Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    article = await extract_article(body, extraction)
    counts = await run_in_threadpool(store.ingest, [article])
    status = next(s for s in ("added", "replaced", "unchanged", "failed") if counts[s])
    if status == "failed":
        raise HTTPException(422, "; ".join(counts["errors"]) or "the store refused the article")
    return {"status": status, "article": article.to_dict()}


@router.get("/articles", summary="The stored articles, newest first")
async def articles(paging: Dict[str, int] = Depends(page), store: Store = Depends(store)) -> Dict[str, Any]:
    """A page of the stored articles' columns: id, title, outlet, date, URL, attributions."""
    def read():
        with store.engine.connect() as connection:
            return article_page(connection, paging["offset"], paging["limit"])
    total, found = await run_in_threadpool(read)
    return {"total": total, **paging, "items": [a.record() for a in found]}


@router.get("/articles/{article_id}", summary="One stored article, as extract gave it")
async def article(article_id: str, store: Store = Depends(store)) -> Dict[str, Any]:
    """The stored article (``Article.to_dict``, its text included)."""
    def read():
        with store.engine.connect() as connection:
            return stored_article(connection, article_id)
    return (await run_in_threadpool(read)).article.to_dict()


@router.get("/quotes", summary="Search the stored quotes")
async def quotes(q: Optional[str] = None, speaker: Optional[str] = None, outlet: Optional[str] = None,
                 kind: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                 paging: Dict[str, int] = Depends(page), store: Store = Depends(store)) -> Dict[str, Any]:
    """The hits of the store's search (words best first, else newest first), a page of them."""
    kinds = [k.strip() for k in kind.split(",") if k.strip()] if kind else None
    hits = await run_in_threadpool(store.search, q, speaker, outlet, since, until, kinds,
                                   paging["offset"] + paging["limit"])
    return {**paging, "items": hits.records()[paging["offset"]:]}


@router.get("/quotes/{quote_id}", summary="Where a quote came from")
async def quote(quote_id: int, store: Store = Depends(store)) -> Dict[str, Any]:
    """Its occurrences in date order (the first appearance marked ``first``), and the
    alterations of its words, by occurrence id."""
    history = await run_in_threadpool(store.quote, quote_id)
    return {"id": history.id, "speaker": history.speaker, "occurrences": history.records(),
            "alterations": {str(k): v.to_dict() for k, v in history.alterations.items()}}


@router.get("/speakers", summary="Who is quoted most")
async def speakers(since: Optional[str] = None, until: Optional[str] = None,
                   paging: Dict[str, int] = Depends(page), store: Store = Depends(store)) -> Dict[str, Any]:
    """The speakers with their attributions by kind, most quoted first, a page of them."""
    found = await run_in_threadpool(store.speakers, paging["offset"] + paging["limit"], since, until)
    return {**paging, "items": found.records()[paging["offset"]:]}


@router.get("/speakers/{speaker}", summary="One speaker: names, titles, articles")
async def speaker(speaker: str, store: Store = Depends(store)) -> Dict[str, Any]:
    """The speaker (its id, or a name as an article gives it) as the store knows it."""
    return (await run_in_threadpool(store.speaker, speaker)).record()

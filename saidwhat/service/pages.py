"""The pages: paste or upload an article and read it highlighted, and browse the store
(articles, speakers, search, where a quote came from). Server-rendered from the
templates in ``templates/`` and the article templates the ``html`` format shares."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..errors import ServiceError
from ..io.formats.rendering import article_view, environment
from ..schema import ATTRIBUTION_KINDS
from ..store.articles import article_page, stored_article
from .extraction import request_article
from .views import timeline, word_diff

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def speaker_link(name: str) -> str:
    """The URL of a speaker's page in the collection (its name or id)."""
    return f"/speakers/{quote(str(name), safe='')}"


_env = environment(Path(__file__).resolve().parent / "templates")
_env.globals.update(speaker_link=speaker_link, kinds=ATTRIBUTION_KINDS, word_diff=word_diff,
                    urlencode=urlencode, quote_url=lambda value: quote(str(value), safe=""))


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page of ``template`` drawn with ``context``."""
    return HTMLResponse(_env.get_template(template).render(**context), status_code=status)


def error_page(request: Request, status: int, reason: str) -> HTMLResponse:
    """A page saying what went wrong (never a traceback)."""
    return render("error.html", status, title=f"{status}", code=status, reason=reason)


@router.get("/", response_class=HTMLResponse)
async def paste() -> HTMLResponse:
    """The page to paste or upload an article on."""
    return render("paste.html", title="Who said what", text="", view=None, fmt="auto")


@router.post("/", response_class=HTMLResponse)
async def pasted(request: Request, text: str = Form(""), fmt: str = Form("auto", alias="format"),
                 upload: Optional[UploadFile] = File(None)) -> HTMLResponse:
    """The pasted (or uploaded) article, highlighted, under the form holding its text."""
    article_id = "pasted"
    text = text.replace("\r\n", "\n")  # a form sends a textarea's line breaks as CRLF
    if upload is not None and upload.filename:
        data = await upload.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ServiceError(f"{upload.filename} is not UTF-8 text or HTML") from None
        article_id = Path(upload.filename).stem or article_id
        if fmt == "auto" and Path(upload.filename).suffix.lower() in (".html", ".htm"):
            fmt = "html"
    try:
        article = await request.app.state.extraction.extract(request_article(text, article_id, None, fmt))
    except ServiceError as err:
        return render("paste.html", 422, title="Who said what", text=text, view=None, fmt=fmt, error=str(err))
    return render("paste.html", title=f"Who said what: {article.title or 'pasted article'}", text=text,
                  view=article_view(article), fmt=fmt)


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, offset: int = 0) -> HTMLResponse:
    """The stored articles, newest first, a page at a time."""
    offset = max(0, offset)

    def read():
        with request.app.state.store.engine.connect() as connection:
            return article_page(connection, offset, PAGE_SIZE)
    total, found = await run_in_threadpool(read)
    return render("articles.html", title="Articles", total=total, items=found, offset=offset, size=PAGE_SIZE)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> HTMLResponse:
    """One stored article: its title, outlet, date and URL, highlighted."""
    def read():
        with request.app.state.store.engine.connect() as connection:
            return stored_article(connection, article_id)
    found = await run_in_threadpool(read)
    return render("stored_article.html", title=found.title or found.article_id, stored=found,
                  view=article_view(found.article))


@router.get("/speakers", response_class=HTMLResponse)
async def speakers(request: Request) -> HTMLResponse:
    """Who is quoted most."""
    found = await run_in_threadpool(request.app.state.store.speakers, 200)
    return render("speakers.html", title="Speakers", items=found)


@router.get("/speakers/{name}", response_class=HTMLResponse)
async def speaker(request: Request, name: str) -> HTMLResponse:
    """One speaker: names, titles, every quote, and a chart of quotes per week."""
    store = request.app.state.store
    profile = await run_in_threadpool(store.speaker, name)
    hits = await run_in_threadpool(store.search, None, str(profile.summary.id), None, None, None, None, None)
    hits = sorted(hits, key=lambda h: (h.date is None, h.date, h.article_id, h.attribution.id))
    return render("speaker.html", title=profile.summary.name, profile=profile, hits=hits,
                  chart=timeline(h.date for h in hits))


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: str = "", speaker: str = "", outlet: str = "", kind: str = "",
                 since: str = "", until: str = "") -> HTMLResponse:
    """The store's search, with its filters."""
    asked: Dict[str, str] = {"q": q, "speaker": speaker, "outlet": outlet, "kind": kind, "since": since, "until": until}
    hits = None
    if any(asked.values()):
        hits = await run_in_threadpool(request.app.state.store.search, q or None, speaker or None, outlet or None,
                                       since or None, until or None, kind or None, 100)
    return render("search.html", title="Search", asked=asked, hits=hits)


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
async def quote_page(request: Request, quote_id: int) -> HTMLResponse:
    """Where a quote came from: its occurrences in date order, the first marked, and
    each altered wording as a word diff against the first's."""
    history = await run_in_threadpool(request.app.state.store.quote, quote_id)
    return render("quote.html", title=f"Quote {quote_id}", history=history)

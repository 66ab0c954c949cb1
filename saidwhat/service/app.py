"""The FastAPI application: the JSON API under ``/api``, the pages, their limits and
their errors.

Every failure answers with a status and a one-line reason, never a traceback: a body
over the size limit gets 413, bad JSON or a missing field 422, a text that cannot be
processed 422, an unknown article, speaker or quote 404, a bad filter 400, and
anything unforeseen 500 (logged here, with its traceback, for whoever runs it).
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import AsyncIterator, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ServiceError, StoreError
from ..pipeline import Extractor
from ..store.api import Store
from ..workers import PipelineSettings
from . import api, pages
from .extraction import Extraction
from .limits import BodyLimit

logger = logging.getLogger(__name__)

#: Request bodies over this many bytes get 413 unless the settings say otherwise.
DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass
class ServiceSettings:
    """What the service runs on: the store's URL (None: the default store), the
    pipeline, the largest request body in bytes, the token guarding writes (None: no
    token) and whether the pipeline loads at start rather than at the first request."""

    db: Optional[str] = None
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    max_body: int = DEFAULT_MAX_BODY
    token: Optional[str] = None
    preload: bool = False


def create_app(settings: ServiceSettings, extractor: Optional[Extractor] = None) -> FastAPI:
    """The application serving ``settings``; ``extractor`` stands in for loading the
    pipeline (a test's, already loaded)."""
    extraction = Extraction(settings.pipeline, extractor)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.preload:
            await extraction.load()
        yield
        extraction.close()
        app.state.store.close()

    app = FastAPI(title="saidwhat", summary="Who said what in news articles: extract, store, search.",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.extraction = extraction
    app.state.store = Store(settings.db)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    _add_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Answer every error with its status and reason as JSON (an HTML page for the pages)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        return _error(request, 422, "; ".join(_reason(e) for e in err.errors()) or "the request is not valid")

    @app.exception_handler(ServiceError)
    async def unprocessable(request: Request, err: ServiceError) -> Response:
        return _error(request, 422, str(err))

    @app.exception_handler(StoreError)
    async def not_found(request: Request, err: StoreError) -> Response:
        return _error(request, 404 if str(err).startswith("no ") else 400, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        return _error(request, err.status_code, str(err.detail), getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def crashed(request: Request, err: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path)
        return _error(request, 500, "internal error: the server could not answer this request (it is logged)")


def _reason(error: dict) -> str:
    """One validation error in words: where it is and what is wrong."""
    if error.get("type") == "json_invalid":
        return f"the body is not valid JSON ({(error.get('ctx') or {}).get('error', 'cannot be parsed')})"
    where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "body"
    return f"{where}: {error.get('msg')}"


def _error(request: Request, status: int, reason: str, headers: Optional[dict] = None) -> Response:
    """The answer to a failed request: JSON ``{"error": reason}`` under /api, a page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path in ("/openapi.json", "/docs"):
        return JSONResponse({"error": reason}, status_code=status, headers=headers)
    return pages.error_page(request, status, reason)

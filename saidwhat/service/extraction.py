"""Extraction for the service: the pipeline loaded once per process, run off the event loop.

A spaCy pipeline is not safe to run from several threads at once, so every extraction
runs on one worker thread (a single-thread executor) and the load and each run hold a
lock as well; the event loop stays free to answer other requests meanwhile, and
concurrent requests queue for the pipeline in the order they came.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

from ..errors import ServiceError
from ..io.reading import read_bytes
from ..pipeline import Extractor
from ..schema import Article
from ..workers import PipelineSettings

logger = logging.getLogger(__name__)

#: Input formats a request may name: "auto" sniffs HTML by its first character.
REQUEST_FORMATS = ("auto", "text", "html")


class Extraction:
    """The pipeline of ``settings`` (or the ``extractor`` given), loaded on first use."""

    def __init__(self, settings: PipelineSettings, extractor: Optional[Extractor] = None):
        self.settings = settings
        self._extractor = extractor
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="saidwhat-extract")

    def extractor(self) -> Extractor:
        """The Extractor, loaded now if it is not yet."""
        with self._lock:
            if self._extractor is None:
                logger.info("loading the pipeline (model %s)", self.settings.model)
                self._extractor = self.settings.load()
            return self._extractor

    async def load(self) -> None:
        """Load the pipeline on the worker thread, without holding up the event loop."""
        await asyncio.get_running_loop().run_in_executor(self._executor, self.extractor)

    async def extract(self, article: Article) -> Article:
        """``article`` with its attributions, extracted on the worker thread."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._extract, article)

    def _extract(self, article: Article) -> Article:
        """Run the pipeline over one article (on the worker thread)."""
        extractor = self.extractor()
        with self._lock:
            return next(extractor.extract_many([article]))

    def close(self) -> None:
        """Let the worker thread end once the extraction in hand is done."""
        self._executor.shutdown(wait=False, cancel_futures=True)


def request_article(text: str, article_id: str, title: Optional[str], fmt: str, meta: Optional[dict] = None) -> Article:
    """The article a request gives: ``text`` as plain text, or the main text, title and
    date of an HTML page; a ServiceError saying why it cannot be processed."""
    if fmt not in REQUEST_FORMATS:
        raise ServiceError(f"format {fmt!r}: give one of {', '.join(REQUEST_FORMATS)}")
    if not text.strip():
        raise ServiceError("the text is empty: give the article's text or HTML")
    if "\x00" in text:
        raise ServiceError("the text holds NUL characters: give UTF-8 text, not binary data")
    reading = {"auto": "auto", "text": "txt", "html": "html"}[fmt]
    item = read_bytes(text.encode("utf-8"), "the request", article_id, reading)
    if not isinstance(item, Article):
        raise ServiceError(item.reason)
    item.id = article_id
    item.title = title if title is not None else item.title
    item.meta = {**item.meta, **(meta or {})}
    return item

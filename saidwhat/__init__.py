"""saidwhat: who said what in news articles.

>>> import saidwhat
>>> article = saidwhat.extract('"We are done," the mayor said.')
>>> [(a.kind, a.source.text, a.cue.text) for a in article.attributions]
[('direct', 'the mayor', 'said')]

``extract``, ``extract_many`` and ``extract_file`` (a .txt, .html or .jsonl file or a
directory, read as ``saidwhat extract`` reads it) share one pipeline (the accurate
model), loaded on first use; build an :class:`Extractor` yourself to choose the spaCy
package, a confidence threshold or another model
(``Extractor(load_pipeline(model="fast"))``). In a spaCy pipeline of your own,
``nlp.add_pipe("saidwhat")`` gives the same (:mod:`saidwhat.component`).
``Store(url)`` keeps extracted articles in a database to search across
(:mod:`saidwhat.store.api`; imported on first use).
"""
from __future__ import annotations

import logging
import os
from typing import Iterable, Iterator, Optional, Union

from .errors import InputError, PipelineError, SaidwhatError
from .io.reading import read_inputs
from .pipeline import Extractor, check_text, load_pipeline
from .schema import Article, Attribution, TextSpan

__version__ = "0.1.0"
__all__ = [
    "Article", "Attribution", "TextSpan", "Extractor", "load_pipeline", "extract", "extract_many", "extract_file",
    "SaidwhatError", "InputError", "PipelineError", "Store", "__version__",
]

logger = logging.getLogger(__name__)

_default: Optional[Extractor] = None


def __getattr__(name: str):
    """``saidwhat.Store``, imported when first asked for (SQLAlchemy is slow to import)."""
    if name == "Store":
        from .store.api import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_extractor() -> Extractor:
    """Return the shared Extractor, loading the default pipeline the first time."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, id: Optional[str] = None) -> Article:
    """Return the Article for ``text`` with its attributions (``id`` defaults to "article");
    TypeError for anything but a str (bytes: decode them first)."""
    check_text(text)
    return default_extractor().extract(text, id=id)


def extract_many(articles: Iterable, batch_size: int = 16) -> Iterator[Article]:
    """Yield each of ``articles`` (Articles or strings) with its attributions, streaming;
    an item that is neither comes back in its place with its ``error`` set."""
    return default_extractor().extract_many(articles, batch_size=batch_size)


def extract_file(path: Union[str, os.PathLike], input_format: str = "auto", errors: str = "raise",
                 batch_size: int = 16) -> Iterator[Article]:
    """Yield each article of ``path`` with its attributions, streaming: a .txt file, an
    .html page (its main text, title, author and date), a .jsonl file of ``{"id", "text",
    ...}`` records, or a directory walked for those, as ``saidwhat extract`` reads it.

    An input that cannot be read (missing, binary, not UTF-8, a bad JSONL line) raises
    :class:`InputError` naming it when ``errors`` is ``"raise"`` (the default); with
    ``"skip"`` it is logged as a warning and the other articles still come.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    return extract_many(_readable(read_inputs([os.fspath(path)], input_format), errors), batch_size=batch_size)


def _readable(items: Iterable, errors: str) -> Iterator[Article]:
    """The Articles of ``items``; each InputError among them raised or logged by ``errors``."""
    for item in items:
        if isinstance(item, InputError):
            if errors == "raise":
                raise item
            logger.warning("skipped %s", item)
            continue
        yield item

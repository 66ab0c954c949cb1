"""saidwhat: who said what in news articles.

>>> import saidwhat
>>> article = saidwhat.extract('"We are done," the mayor said.')
>>> [(a.kind, a.source.text, a.cue.text) for a in article.attributions]
[('direct', 'the mayor', 'said')]

``extract`` and ``extract_many`` share one pipeline (the accurate model), loaded on
first use; build an :class:`Extractor` yourself to choose the spaCy package, a
confidence threshold or another model (``Extractor(load_pipeline(model="fast"))``).
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from .errors import InputError, PipelineError, SaidwhatError
from .pipeline import Extractor, load_pipeline
from .schema import Article, Attribution, TextSpan

__version__ = "0.1.0"
__all__ = [
    "Article", "Attribution", "TextSpan", "Extractor", "load_pipeline", "extract", "extract_many",
    "SaidwhatError", "InputError", "PipelineError", "__version__",
]

_default: Optional[Extractor] = None


def default_extractor() -> Extractor:
    """Return the shared Extractor, loading the default pipeline the first time."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, id: Optional[str] = None) -> Article:
    """Return the Article for ``text`` with its attributions (``id`` defaults to "article")."""
    return default_extractor().extract(text, id=id)


def extract_many(articles: Iterable, batch_size: int = 16) -> Iterator[Article]:
    """Yield each of ``articles`` (Articles or strings) with its attributions, streaming."""
    return default_extractor().extract_many(articles, batch_size=batch_size)

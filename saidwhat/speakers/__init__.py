"""Who each attribution's source refers to: :func:`resolve_speakers` (:mod:`.resolver`)
over the article's name chains (:mod:`.names`)."""
from .resolver import resolve_speakers

__all__ = ["resolve_speakers"]

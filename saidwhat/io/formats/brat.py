"""brat standoff output: a directory a brat installation can open.

Each article becomes ``<name>.txt`` (its text) and ``<name>.ann`` (its attributions in
PolNeAR's labels); ``annotation.conf`` is written when the writer is closed.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Set

from ..gold import annotation_conf, to_ann
from ...schema import Article
from .base import Writer

_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM_LENGTH = 120


def safe_file_stem(article_id: str) -> str:
    """Return a portable file name stem for ``article_id``, the same every time.

    Characters other than ASCII letters, digits, ``.``, ``_`` and ``-`` become ``_``;
    leading and trailing dots go, and the stem is cut to :data:`MAX_STEM_LENGTH`.
    """
    stem = _UNSAFE_CHARS.sub("_", article_id).strip(".")[:MAX_STEM_LENGTH]
    return stem or "article"


class BratWriter(Writer):
    """Write each article as ``<name>.txt`` and ``<name>.ann`` into ``directory``.

    The directory is created if needed. Names come from the article ids (see
    :func:`safe_file_stem`); when two ids give the same name (ignoring case, for
    case-insensitive file systems), later ones get ``-2``, ``-3``... The text is
    always written, since brat shows nothing without it, so ``include_text`` is
    ignored.
    """

    name = "brat"
    writes_directory = True

    def __init__(self, directory: Path, include_text: bool = True):
        super().__init__(stream=None, include_text=include_text)
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._claimed: Set[str] = set()

    def write(self, article: Article) -> None:
        """Write ``article``'s ``.txt`` and ``.ann``; raises ValueError if it has no text."""
        ann = to_ann(article)
        stem = self._claim_stem(article.id)
        for suffix, content in ((".txt", article.text), (".ann", ann)):
            path = self.directory / (stem + suffix)
            with path.open("w", encoding="utf-8", newline="") as f:
                f.write(content)

    def close(self) -> None:
        """Write ``annotation.conf`` so brat knows the entity and event types."""
        path = self.directory / "annotation.conf"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(annotation_conf())

    def _claim_stem(self, article_id: str) -> str:
        """Return a file stem for ``article_id`` that no earlier article of this writer has."""
        base = safe_file_stem(article_id)
        stem, n = base, 1
        while stem.casefold() in self._claimed:
            n += 1
            stem = f"{base}-{n}"
        self._claimed.add(stem.casefold())
        return stem

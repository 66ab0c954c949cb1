"""JSON output: ``jsonl`` (one record per line) and ``json`` (one array of records).

Both write the records of :meth:`saidwhat.schema.Article.to_dict`, the one
serialisation, so their output reads back with :meth:`Article.from_dict`.
"""
from __future__ import annotations

import json
import textwrap
from typing import Optional, TextIO

from ...schema import Article
from .base import Writer


def article_json(article: Article, include_text: bool, indent: Optional[int] = None) -> str:
    """Return the article's record as a JSON string (UTF-8 characters kept as is)."""
    return json.dumps(article.to_dict(include_text), ensure_ascii=False, indent=indent)


class JsonlWriter(Writer):
    """Write one compact JSON record per line."""

    name = "jsonl"

    def write(self, article: Article) -> None:
        """Write the article's record and a newline."""
        self.stream.write(article_json(article, self.include_text) + "\n")


class JsonWriter(Writer):
    """Write one JSON array of records, indented by 2, element by element.

    The output equals ``json.dumps(records, indent=2, ensure_ascii=False)`` plus a
    newline; an empty run gives ``[]``.
    """

    name = "json"

    def __init__(self, stream: TextIO, include_text: bool = True):
        super().__init__(stream, include_text)
        self._count = 0
        self.stream.write("[")

    def write(self, article: Article) -> None:
        """Write the article's record as the next array element."""
        record = article_json(article, self.include_text, indent=2)
        self.stream.write(("\n" if self._count == 0 else ",\n") + textwrap.indent(record, "  "))
        self._count += 1

    def close(self) -> None:
        """Close the array."""
        self.stream.write("\n]\n" if self._count else "]\n")

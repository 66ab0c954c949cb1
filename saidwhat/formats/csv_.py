"""``csv`` output: one row per attribution, for spreadsheets and data frames.

Offsets are written as ``start-end`` fragments joined by ``;``; a missing source
or cue leaves its two cells empty. Named ``csv_`` so it does not shadow :mod:`csv`.
"""
from __future__ import annotations

import csv
from typing import Any, Dict, Optional, TextIO

from ..schema import Article
from .base import Writer

#: The header row.
COLUMNS = (
    "article_id",
    "attribution_id",
    "kind",
    "confidence",
    "source_text",
    "source_spans",
    "cue_text",
    "cue_spans",
    "content_text",
    "content_spans",
)


def format_spans(span: Optional[Dict[str, Any]]) -> str:
    """Return a serialised span's offsets as ``"s-e;s-e"``; ``""`` for ``None``."""
    return ";".join(f"{s}-{e}" for s, e in span["spans"]) if span else ""


class CsvWriter(Writer):
    """Write a header row now, then a row per attribution of each article.

    Values come from :meth:`Article.to_dict`. The texts come from the spans, so
    ``include_text`` has no effect. Rows end in ``"\\n"``.
    """

    name = "csv"

    def __init__(self, stream: TextIO, include_text: bool = True):
        super().__init__(stream, include_text)
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(COLUMNS)

    def write(self, article: Article) -> None:
        """Write one row per attribution; nothing for an article without any."""
        record = article.to_dict(include_text=False)
        for attribution in record["attributions"]:
            row = [record["id"], attribution["id"], attribution["kind"], attribution["confidence"]]
            for role in ("source", "cue", "content"):
                span = attribution[role]
                row += [span["text"] if span else "", format_spans(span)]
            self._writer.writerow(row)

"""``csv`` output: one row per attribution, for spreadsheets and data frames.

Offsets are written as ``start-end`` fragments joined by ``;``; a missing source
or cue leaves its two cells empty. After the spans come the resolved speaker (id,
name, type, title: empty cells for none, and an empty name for a speaker the article
never names), the outer attribution's id for a report inside a report, whether the
quote continues its speaker's previous one (``true``/``false``), and the texts of
the addressee, setting and means (empty when the text gives none). Named ``csv_``
so it does not shadow :mod:`csv`.
"""
from __future__ import annotations

import csv
from typing import Any, Dict, Optional, TextIO

from ...schema import Article
from .base import Writer

#: The header row.
COLUMNS = (
    "article_id",
    "attribution_id",
    "kind",
    "act",
    "confidence",
    "source_text",
    "source_spans",
    "cue_text",
    "cue_spans",
    "content_text",
    "content_spans",
    "speaker_id",
    "speaker_name",
    "speaker_type",
    "speaker_title",
    "parent",
    "continued",
    "to",
    "where",
    "how",
)


def format_spans(span: Optional[Dict[str, Any]]) -> str:
    """Return a serialised span's offsets as ``"s-e;s-e"``; ``""`` for ``None``."""
    return ";".join(f"{s}-{e}" for s, e in span["spans"]) if span else ""


class CsvWriter(Writer):
    """Write a header row now, then a row per attribution of each article.

    Values come from :meth:`Attribution.to_dict`, one row for every attribution,
    reports inside reports included (their ``parent`` column set). The texts come from
    the spans, so ``include_text`` has no effect. Rows end in ``"\\n"``.
    """

    name = "csv"

    def __init__(self, stream: TextIO, include_text: bool = True):
        super().__init__(stream, include_text)
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(COLUMNS)

    def write(self, article: Article) -> None:
        """Write a row per attribution (see :data:`COLUMNS`); none for an article without any."""
        for attribution in (a.to_dict() for a in article.attributions):
            row = [article.id, attribution["id"], attribution["kind"], attribution["act"] or "", attribution["confidence"]]
            for role in ("source", "cue", "content"):
                span = attribution[role]
                row += [span["text"] if span else "", format_spans(span)]
            speaker = attribution["speaker"] or {}
            row += [_blank(speaker.get(key)) for key in ("id", "name", "type", "title")]
            row += [_blank(attribution["parent"]), "true" if attribution["continued"] else "false"]
            for role in ("to", "where", "how"):
                row.append(attribution[role]["text"] if attribution[role] else "")
            self._writer.writerow(row)


def _blank(value: Any) -> Any:
    """Return ``value`` for a cell, ``""`` for ``None``."""
    return "" if value is None else value

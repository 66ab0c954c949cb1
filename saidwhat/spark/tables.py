"""The tables a Spark run writes, made from :meth:`Article.to_dict` and read back into Articles.

Four Parquet tables, each a folder under the run's output:

- ``articles``: ``id``, ``title``, ``text``, ``meta`` (the article's meta as a JSON
  object, null when empty) and ``error``, one row per article;
- ``attributions``: ``article_id`` and the fields of an attribution's ``to_dict``, one
  row per attribution, reports inside reports included (their ``parent`` set) rather
  than nested under ``reports``; spans are ``{spans: [[start, end], ...], text}``;
- ``speakers``: ``article_id`` and the fields of a speaker's ``to_dict``;
- ``errors``: what could not be read or extracted: ``id`` (when known), ``source``
  (the file), ``line`` (of a JSONL file) and ``reason``.

:func:`article_rows` gives an article's rows; :func:`articles_from_rows` and
:func:`read_output` turn the tables back into the Articles they came from.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from pyspark.sql.types import (ArrayType, BooleanType, DataType, DoubleType, LongType, StringType, StructField,
                               StructType)

from ..errors import InputError
from ..schema import Article

Row = Dict[str, Any]


def _field(name: str, kind: DataType, nullable: bool = True) -> StructField:
    """A column ``name`` of type ``kind``."""
    return StructField(name, kind, nullable)


SPAN = StructType([_field("spans", ArrayType(ArrayType(LongType(), False), False), False),
                   _field("text", StringType(), False)])
SPEAKER_REFERENCE = StructType([_field("id", LongType(), False), _field("name", StringType()),
                                _field("type", StringType(), False), _field("title", StringType())])
ARTICLES = StructType([_field("id", StringType(), False), _field("title", StringType()),
                       _field("text", StringType()), _field("meta", StringType()), _field("error", StringType())])
ATTRIBUTIONS = StructType([
    _field("article_id", StringType(), False), _field("id", LongType(), False), _field("kind", StringType(), False),
    _field("act", StringType()), _field("content", SPAN, False), _field("cue", SPAN), _field("source", SPAN),
    _field("confidence", DoubleType(), False), _field("speaker", SPEAKER_REFERENCE), _field("parent", LongType()),
    _field("continued", BooleanType(), False), _field("to", SPAN), _field("where", SPAN), _field("how", SPAN),
])
SPEAKERS = StructType([
    _field("article_id", StringType(), False), _field("id", LongType(), False), _field("name", StringType()),
    _field("type", StringType(), False), _field("title", StringType()),
    _field("mentions", ArrayType(SPAN, False), False), _field("attributions", LongType(), False),
])
ERRORS = StructType([_field("id", StringType()), _field("source", StringType()), _field("line", LongType()),
                     _field("reason", StringType(), False)])
# The tables in the order they are written, by their folder's name.
TABLES = {"articles": ARTICLES, "attributions": ATTRIBUTIONS, "speakers": SPEAKERS, "errors": ERRORS}

TableRow = Tuple[str, Row]


def article_rows(article: Article) -> Iterator[TableRow]:
    """Yield ``(table, row)`` for an extracted article: its row, one per attribution
    (every level of the ``to_dict`` tree) and one per speaker."""
    data = article.to_dict()
    yield "articles", {"id": data["id"], "title": data.get("title"), "text": data.get("text"),
                       "meta": json.dumps(data["meta"], ensure_ascii=False, default=str) if "meta" in data else None,
                       "error": data.get("error")}
    for record in _flattened(data["attributions"]):
        yield "attributions", {"article_id": data["id"], **record}
    for speaker in data["speakers"]:
        yield "speakers", {"article_id": data["id"], **speaker}


def _flattened(records: List[Row]) -> Iterator[Row]:
    """Each attribution record of a ``to_dict`` tree without its ``reports``, then those under it."""
    for record in records:
        yield {key: value for key, value in record.items() if key != "reports"}
        yield from _flattened(record["reports"])


def error_row(error: InputError, ident: Optional[str] = None) -> Row:
    """The errors table's row for an input that could not be read or extracted (an
    InputError itself does not survive pickling between Spark's processes)."""
    return {"id": ident, "source": error.source, "line": error.line, "reason": error.reason}


def articles_from_rows(articles: Iterable[Row], attributions: Iterable[Row], speakers: Iterable[Row]) -> List[Article]:
    """The Articles the rows of the three tables were made from (as dicts, e.g.
    pyarrow's ``to_pylist()``), in the order of ``articles``."""
    records: Dict[str, List[Row]] = defaultdict(list)
    for row in attributions:
        records[row["article_id"]].append({k: v for k, v in row.items() if k != "article_id"})
    people: Dict[str, List[Row]] = defaultdict(list)
    for row in speakers:
        people[row["article_id"]].append({k: v for k, v in row.items() if k != "article_id"})
    out = []
    for row in articles:
        data: Row = {"id": row["id"], "attributions": records[row["id"]],
                     "speakers": sorted(people[row["id"]], key=lambda s: s["id"])}
        if row["meta"] is not None:
            data["meta"] = json.loads(row["meta"])
        data.update({k: row[k] for k in ("text", "title", "error") if row[k] is not None})
        out.append(Article.from_dict(data))
    return out


def read_output(output: str) -> Tuple[List[Article], List[Row]]:
    """The Articles (ordered by id) and the error rows of a run's local ``output`` folder."""
    import pyarrow.parquet as pq

    tables = {name: pq.read_table(Path(output) / name).to_pylist() for name in TABLES}
    articles = articles_from_rows(sorted(tables["articles"], key=lambda r: r["id"]),
                                  tables["attributions"], tables["speakers"])
    return articles, tables["errors"]

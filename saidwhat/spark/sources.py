"""Reading a Spark run's input into articles, with Spark's own readers.

``text`` and ``jsonl`` read every file below the input (names starting with ``.`` or
``_`` are skipped, as Spark does) as bytes, with Spark's ``binaryFile`` reader, and
decode them exactly as ``saidwhat extract`` does: a text file is one article, its id
the file name without the extension; a JSONL file gives one article a line. ``parquet``
reads tables with an ``id`` and a ``text`` column (a ``title`` and other columns are
kept, as a JSONL record's). Each file is read by one task, so it must fit in a task's
memory; the articles are spread over the partitions after.

The result is an RDD of ``(source, item)``: the file, and an Article or the errors
table's row for what could not be read (an undecodable file, a bad JSONL line, a row
without a string text), so that it is kept instead of failing the job.
"""
from __future__ import annotations

import io
from functools import partial
from pathlib import PurePosixPath
from typing import Any, Iterator, Tuple, Union

from pyspark import RDD
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

from ..errors import InputError, SparkJobError
from ..io.reading import STDIN, article_from_record, read_inputs, read_jsonl
from ..schema import Article
from .tables import Row, error_row

INPUT_FORMATS = ("text", "jsonl", "parquet")
PARQUET_COLUMNS = ("id", "text")

Item = Tuple[str, Union[Article, Row]]


def read_items(spark: SparkSession, path: str, input_format: str) -> RDD:
    """The ``(source, Article | error row)`` items of the files or tables at ``path``."""
    if input_format not in INPUT_FORMATS:
        raise SparkJobError(f"unknown input format {input_format!r}; choose from {', '.join(INPUT_FORMATS)}")
    if input_format == "parquet":
        table = _loaded(path, lambda: spark.read.parquet(path))
        _check_columns(table, path)
        records = table.select(F.struct(*[F.col(f"`{c}`") for c in table.columns]).alias("record"),
                               F.input_file_name().alias("source"))
        return records.rdd.map(_record_item)
    files = _loaded(path, lambda: spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path))
    return files.select("path", "content").rdd.flatMap(partial(_file_items, input_format))


def _loaded(path: str, load) -> DataFrame:
    """What ``load()`` reads; SparkJobError naming ``path`` when Spark cannot read it."""
    try:
        return load()
    except AnalysisException as err:
        reason = str(err).splitlines()[0] if str(err).strip() else type(err).__name__
        raise SparkJobError(f"cannot read {path}: {reason}") from err


def _check_columns(table: DataFrame, path: str) -> None:
    """SparkJobError unless ``table`` has an ``id`` column (strings or numbers, as in
    JSONL) and a ``text`` column of strings."""
    types = dict(table.dtypes)
    missing = [c for c in PARQUET_COLUMNS if c not in types]
    if missing:
        raise SparkJobError(f"{path}: the table has no {' and no '.join(repr(c) for c in missing)} column "
                            f"(its columns: {', '.join(table.columns) or 'none'})")
    if not isinstance(table.schema["text"].dataType, StringType):
        raise SparkJobError(f"{path}: the 'text' column holds {types['text']}, not strings")


def _record_item(row: Any) -> Item:
    """The item of one Parquet row: an Article, or an error row saying what it lacks."""
    record = row.record.asDict(recursive=True)
    ident = None if record.get("id") is None else str(record["id"])
    try:
        return row.source, article_from_record(record, default_id="")
    except ValueError as err:
        return row.source, error_row(InputError(row.source, str(err)), ident)


def _file_items(input_format: str, row: Any) -> Iterator[Item]:
    """The items of one file: its lines' for JSONL, the file's one for text."""
    content = bytes(row.content)
    if input_format == "jsonl":
        for item in read_jsonl(io.BytesIO(content), row.path):
            yield row.path, item if isinstance(item, Article) else error_row(item)
        return
    # Decoded as extract decodes standard input (BOM, UTF-16, binary), then named after the file.
    item = next(read_inputs([STDIN], "txt", stdin=io.BytesIO(content)))
    ident = PurePosixPath(row.path).stem
    if isinstance(item, InputError):
        yield row.path, error_row(InputError(row.path, item.reason), ident)
    else:
        item.id = ident
        yield row.path, item

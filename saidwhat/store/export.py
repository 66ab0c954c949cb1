"""Parquet output of stored attributions: a row per attribution with its article's
title, outlet and date, its speaker and quote ids (the columns of
:meth:`.results.Hit.record`), written in row groups so memory stays flat."""
from __future__ import annotations

from typing import BinaryIO, Iterable, List

from .results import Hit

ROW_GROUP = 10_000


def parquet_schema():
    """The Arrow schema of the rows."""
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    return pa.schema([
        ("id", integer), ("quote_id", integer), ("article_id", text), ("title", text), ("outlet", text),
        ("date", pa.date32()), ("speaker", text), ("speaker_id", integer), ("kind", text), ("act", text),
        ("cue", text), ("source", text), ("content", text), ("sentence", text), ("confidence", pa.float64()),
        ("attribution_id", integer), ("parent", integer)])


def write_parquet(hits: Iterable[Hit], stream: BinaryIO) -> int:
    """Write ``hits`` to ``stream`` as one Parquet file; return the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    written = 0
    with pq.ParquetWriter(stream, schema) as writer:
        rows: List[dict] = []
        for hit in hits:
            rows.append(dict(hit.record(), date=hit.date))
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                written, rows = written + len(rows), []
        if rows or not written:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            written += len(rows)
    return written

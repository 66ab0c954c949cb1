"""The Spark job: read articles, run the pipeline once per partition, write the tables.

    spark, started = start_session()
    summary = run_job(spark, "news/", "out/", PipelineSettings(model="fast"))

The articles read (:mod:`.sources`) are spread over ``partitions`` partitions; each
partition runs through :func:`extract_partition` in a Python worker, which loads the
pipeline once (it stays loaded for the worker's next partitions while Spark reuses
its workers, ``spark.python.worker.reuse``, on by default) and turns each article
into the rows of :mod:`.tables`. The rows are kept (memory, then disk) while the four
tables are written, so the pipeline runs once. An article the pipeline fails on
becomes a row of the errors table, as an unreadable input does.
"""
from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Dict, Iterable, Iterator, List, Optional

from py4j.protocol import Py4JError
from pyspark import StorageLevel, TaskContext
from pyspark.errors import PySparkException
from pyspark.sql import SparkSession

from ..errors import InputError, OutputError, SparkJobError
from ..pipeline import DEFAULT_BATCH_SIZE, Extractor
from ..schema import Article
from ..workers import PipelineSettings, use_threads
from .sources import Item, read_items
from .tables import TABLES, Row, TableRow, article_rows, error_row

logger = logging.getLogger(__name__)

# Partitions per core when none are asked for: a slow partition then holds up less.
PARTITIONS_PER_CORE = 2
# Error rows a summary carries, to show.
SHOWN_ERRORS = 10

_extractors: Dict[PipelineSettings, Extractor] = {}  # this Python worker's, loaded once


@dataclass
class JobSummary:
    """What a run wrote: rows per table, a few error rows, and its wall time."""

    rows: Dict[str, int]
    seconds: float
    errors: List[Row] = field(default_factory=list)


def run_job(spark: SparkSession, source: str, output: str, settings: PipelineSettings, input_format: str = "text",
            partitions: Optional[int] = None, overwrite: bool = False,
            batch_size: int = DEFAULT_BATCH_SIZE) -> JobSummary:
    """Extract the articles at ``source`` (files or a folder, any path Spark reads) and
    write the tables to folders in ``output``, which must be absent or empty unless
    ``overwrite``. ``partitions`` defaults to two per core of the session."""
    existed = _check_output(spark, output, overwrite)
    started = time.perf_counter()
    count = partitions or PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
    items = read_items(spark, source, input_format).repartition(count)
    rows = items.mapPartitions(partial(extract_partition, settings, batch_size))
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for name, schema in TABLES.items():
            table = spark.createDataFrame(rows.filter(partial(_in_table, name)).map(_row), schema)
            _run(lambda: table.write.mode("overwrite" if overwrite else "errorifexists").parquet(_join(output, name)))
    except BaseException:  # a failed job or Ctrl-C: no tables of this run are left behind
        _remove_tables(spark, output, existed)
        raise
    finally:
        rows.unpersist()
    written = {name: spark.read.parquet(_join(output, name)).count() for name in TABLES}
    shown = [r.asDict() for r in spark.read.parquet(_join(output, "errors")).limit(SHOWN_ERRORS).collect()]
    summary = JobSummary(written, time.perf_counter() - started, shown)
    logger.info("wrote %s to %s in %.1f s", ", ".join(f"{n} {k}" for k, n in written.items()), output, summary.seconds)
    return summary


def extract_partition(settings: PipelineSettings, batch_size: int, items: Iterable[Item]) -> Iterator[TableRow]:
    """The table rows of one partition's items, extracted by this worker's pipeline."""
    stream = iter(items)
    while batch := list(islice(stream, batch_size)):
        articles = []
        for source, item in batch:
            if isinstance(item, Article):
                articles.append((source, item))
            else:
                yield "errors", item
        if articles:
            yield from _extracted(executor_extractor(settings), articles, batch_size)


def _extracted(extractor: Extractor, articles: List[tuple], batch_size: int) -> Iterator[TableRow]:
    """The rows of ``(source, article)`` pairs extracted together, or one by one when
    that fails, so that only the article the pipeline fails on becomes an error row."""
    try:
        done = list(extractor.extract_many([a for _, a in articles], batch_size=batch_size))
    except Exception:  # one bad article must not lose its batch
        if len(articles) > 1:
            for pair in articles:
                yield from _extracted(extractor, [pair], batch_size)
            return
        source, article = articles[0]
        logger.exception("the pipeline failed on %s (%s)", article.id, source)
        reason = "the pipeline failed on this article; see the executor's log"
        yield "errors", error_row(InputError(source, reason), article.id)
        return
    for (source, _), article in zip(articles, done):
        yield from article_rows(article)
        if article.error is not None:
            yield "errors", error_row(InputError(source, article.error), article.id)


def executor_extractor(settings: PipelineSettings) -> Extractor:
    """This Python worker's Extractor for ``settings``, loaded on first use. Its torch
    and BLAS threads are the task's cores (``spark.task.cpus``, 1 by default): the
    executor's cores are Spark's to share among its tasks."""
    extractor = _extractors.get(settings)
    if extractor is None:
        context = TaskContext.get()
        use_threads(context.cpus() if context is not None else 1)
        started = time.perf_counter()
        extractor = _extractors[settings] = settings.load()
        logger.info("worker %d loaded the %s pipeline in %.1f s", os.getpid(), settings.model,
                    time.perf_counter() - started)
    return extractor


def _in_table(name: str, row: TableRow) -> bool:
    """Whether ``row`` belongs to table ``name``."""
    return row[0] == name


def _row(row: TableRow) -> Row:
    """The row's columns."""
    return row[1]


def _join(output: str, name: str) -> str:
    """The folder of table ``name`` in ``output``."""
    return f"{output.rstrip('/')}/{name}"


def _file_system(spark: SparkSession, output: str) -> tuple:
    """Spark's (Hadoop's) file system holding ``output`` and ``output`` as its path, so
    that any URI Spark writes is checked and cleaned alike."""
    context = spark.sparkContext
    path = context._jvm.org.apache.hadoop.fs.Path(output)
    return path.getFileSystem(context._jsc.hadoopConfiguration()), path


def _check_output(spark: SparkSession, output: str, overwrite: bool) -> bool:
    """Whether ``output`` exists; OutputError when it is a file, or a folder with
    something in it and not ``overwrite``."""
    system, path = _file_system(spark, output)
    if not system.exists(path):
        return False
    if not system.getFileStatus(path).isDirectory():
        raise OutputError(f"cannot write {output}: it is a file")
    if len(system.listStatus(path)) and not overwrite:
        raise OutputError(f"{output} is not empty: give another folder, or --overwrite to replace its tables")
    return True


def _remove_tables(spark: SparkSession, output: str, existed: bool) -> None:
    """Remove the tables a failed run began in ``output``, and ``output`` if the run made
    it; only log when that fails too (the JVM gone), so the first error is the one raised."""
    try:
        system, path = _file_system(spark, output)
        for name in TABLES:
            system.delete(spark.sparkContext._jvm.org.apache.hadoop.fs.Path(path, name), True)
        if not existed:
            system.delete(path, True)
    except (PySparkException, Py4JError) as err:
        logger.warning("could not remove the tables begun in %s: %s", output, failure_reason(err))


def _run(action) -> None:
    """Run a Spark action; SparkJobError with the reason when the job fails."""
    try:
        action()
    except (PySparkException, Py4JError) as err:
        raise SparkJobError(f"the Spark job failed: {failure_reason(err)}") from err


# The last line of a Python traceback: "module.Error: message".
_PYTHON_ERROR = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Interrupt): .+")


def failure_reason(err: BaseException) -> str:
    """The line of a failed job's message that says why: the Python error its worker
    raised when there is one, else the message's first line."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    python = [line for line in lines if _PYTHON_ERROR.match(line) and not line.startswith(("org.", "java.", "scala."))]
    return python[0] if python else (lines[0] if lines else type(err).__name__)

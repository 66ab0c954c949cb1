"""``saidwhat spark``: the pipeline over Apache Spark, Parquet tables out."""
from __future__ import annotations

import argparse
import logging
import sys

from ..spark.job import run_job
from ..spark.session import start_session
from .common import EXIT_INPUT_ERRORS, EXIT_OK, settings_from_args


def run_spark(args: argparse.Namespace) -> int:
    """``saidwhat spark``: start or join a Spark session, run the job, say what it wrote;
    return the exit status (1 when some inputs went to the errors table)."""
    settings = settings_from_args(args)
    logging.getLogger("py4j").setLevel(logging.WARNING)  # its DEBUG is every message to the JVM
    spark, started = start_session(args.master, verbose=args.verbose)
    try:
        summary = run_job(spark, args.input, args.output, settings, input_format=args.input_format,
                          partitions=args.partitions, overwrite=args.overwrite)
    finally:
        if started:
            spark.stop()
    rows = summary.rows
    print(f"{args.output}: {rows['articles']} articles, {rows['attributions']} attributions, "
          f"{rows['speakers']} speakers, {rows['errors']} errors ({summary.seconds:.1f} s)")
    for error in summary.errors:
        where = error["source"] if error["line"] is None else f"{error['source']}:{error['line']}"
        print(f"saidwhat: {where}: {error['reason']}", file=sys.stderr)
    if rows["errors"] > len(summary.errors):
        print(f"saidwhat: {rows['errors'] - len(summary.errors)} more in {args.output}/errors", file=sys.stderr)
    return EXIT_INPUT_ERRORS if rows["errors"] else EXIT_OK

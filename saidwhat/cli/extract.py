"""``saidwhat extract``: read articles, find their attributions, write them in a format.

:func:`extracted` (the pipeline in this process or in ``--workers`` processes) serves
``saidwhat ingest`` too."""
from __future__ import annotations

import argparse
import sys
from typing import Iterable, Iterator, List, Optional

from ..errors import InputError
from ..io.formats import make_writer, writer_class
from ..io.reading import count_inputs, read_inputs
from ..schema import Article
from ..workers import default_workers, extract_in_workers
from .common import EXIT_FAILURE, EXIT_INPUT_ERRORS, EXIT_OK, atomic_target, settings_from_args
from .progress import progress_bar, report_errors


def run_extract(args: argparse.Namespace) -> int:
    """``saidwhat extract``: read, extract, write; return the exit status."""
    if args.paths == ["-"] and sys.stdin.isatty():
        print("saidwhat: reading an article from the terminal; end it with Ctrl-D "
              "(see saidwhat extract --help)", file=sys.stderr)
    is_dir_format = writer_class(args.format).writes_directory
    if is_dir_format and not args.output:
        print(f"saidwhat: error: --format {args.format} writes a directory: give it with --output DIR", file=sys.stderr)
        return EXIT_FAILURE
    failures: List[InputError] = []
    progress = progress_bar(args)
    articles = report_errors(read_inputs(args.paths, args.input_format), failures, progress)
    with atomic_target(args.output, is_dir_format) as target:
        writer = make_writer(args.format, target, include_text=not args.no_text)
        for article in extracted(args, articles, progress.total):
            writer.write(article)
            progress.done(article)
        writer.close()
    progress.close()
    return EXIT_INPUT_ERRORS if failures else EXIT_OK


def extracted(args: argparse.Namespace, articles: Iterable[Article], total: Optional[int]) -> Iterator[Article]:
    """The articles with their attributions: in ``--workers`` processes, or in this one
    when one worker is asked for or there is at most one article."""
    workers = args.workers if args.workers is not None else default_workers()
    if total is None:  # no progress bar counted them: count what costs no reading
        total = count_inputs(args.paths, args.input_format, read_lines=False)
    if total is not None:
        workers = min(workers, total)
    settings = settings_from_args(args)
    if workers <= 1:
        return settings.load().extract_many(articles, batch_size=args.batch_size)
    return extract_in_workers(articles, settings, workers, batch_size=args.batch_size)

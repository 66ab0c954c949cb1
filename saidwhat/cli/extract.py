"""``saidwhat extract``: read articles, find their attributions, write them in a format."""
from __future__ import annotations

import argparse
import sys
import time
from typing import IO, Iterable, Iterator, List, Optional, Union

from ..errors import InputError
from ..io.formats import make_writer, writer_class
from ..io.reading import count_inputs, read_inputs
from ..schema import Article
from ..workers import default_workers, extract_in_workers
from .common import EXIT_FAILURE, EXIT_INPUT_ERRORS, EXIT_OK, atomic_target, settings_from_args


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
    progress = _progress_bar(args)
    articles = _report_errors(read_inputs(args.paths, args.input_format), failures, progress)
    with atomic_target(args.output, is_dir_format) as target:
        writer = make_writer(args.format, target, include_text=not args.no_text)
        for article in _extracted(args, articles, progress.total):
            writer.write(article)
            progress.done(article)
        writer.close()
    progress.close()
    return EXIT_INPUT_ERRORS if failures else EXIT_OK


def _extracted(args: argparse.Namespace, articles: Iterable[Article], total: Optional[int]) -> Iterator[Article]:
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


def _report_errors(items: Iterable[Union[Article, InputError]], failures: List[InputError],
                   progress) -> Iterator[Article]:
    """Pass articles through; report each InputError on stderr as one line and keep it."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            progress.write(f"saidwhat: {item}", file=sys.stderr)
            progress.done(None)
        else:
            yield item


class _NoProgress:
    """Stands in for a progress bar when none is shown."""

    total: Optional[int] = None

    def done(self, article: Optional[Article]) -> None:
        """Do nothing."""

    def write(self, line: str, file: IO[str] = sys.stderr) -> None:
        """Print ``line`` to ``file``."""
        print(line, file=file)

    def close(self) -> None:
        """Do nothing."""


class _Progress(_NoProgress):
    """A tqdm bar on stderr: articles done of the total when known (with the ETA), their
    rate, and words per second."""

    def __init__(self, total: Optional[int]):
        from tqdm import tqdm

        self.total = total
        self.bar = tqdm(total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True)
        self.words = 0
        self.started = time.monotonic()

    def done(self, article: Optional[Article]) -> None:
        """Count one article (None: an input that could not be read) and its words."""
        if article is not None and article.text:
            self.words += len(article.text.split())
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)
        self.bar.update(1)

    def write(self, line: str, file: IO[str] = sys.stderr) -> None:
        """Print ``line`` above the bar."""
        self.bar.write(line, file=file)

    def close(self) -> None:
        """Close the bar."""
        self.bar.close()


def _progress_bar(args: argparse.Namespace) -> _NoProgress:
    """The progress display ``--progress`` asks for: a bar on stderr (always, or on a
    terminal for ``auto``), counting the inputs first for its total, or nothing."""
    mode = args.progress
    if not (mode == "always" or (mode == "auto" and sys.stderr.isatty())):
        return _NoProgress()
    return _Progress(count_inputs(args.paths, args.input_format))

"""``saidwhat extract``: read articles, find their attributions, write them in a format."""
from __future__ import annotations

import argparse
import sys
from typing import IO, Iterable, Iterator, List, Union

from ..errors import InputError
from ..io.formats import make_writer, writer_class
from ..io.reading import read_inputs
from ..pipeline import Extractor
from ..schema import Article
from .common import EXIT_FAILURE, EXIT_INPUT_ERRORS, EXIT_OK, atomic_target, pipeline_from_args


def run_extract(args: argparse.Namespace) -> int:
    """``saidwhat extract``: read, extract, write; return the exit status."""
    if args.paths == ["-"] and sys.stdin.isatty():
        print("saidwhat: reading an article from the terminal; end it with Ctrl-D "
              "(see saidwhat extract --help)", file=sys.stderr)
    is_dir_format = writer_class(args.format).writes_directory
    if is_dir_format and not args.output:
        print(f"saidwhat: error: --format {args.format} writes a directory: give it with --output DIR", file=sys.stderr)
        return EXIT_FAILURE
    extractor = Extractor(pipeline_from_args(args))
    failures: List[InputError] = []
    progress = _progress_bar(args.progress)
    articles = _report_errors(read_inputs(args.paths, args.input_format), failures, progress)
    with atomic_target(args.output, is_dir_format) as target:
        writer = make_writer(args.format, target, include_text=not args.no_text)
        for article in extractor.extract_many(articles, batch_size=args.batch_size):
            writer.write(article)
            progress.update(1)
        writer.close()
    progress.close()
    return EXIT_INPUT_ERRORS if failures else EXIT_OK


def _report_errors(items: Iterable[Union[Article, InputError]], failures: List[InputError],
                   progress) -> Iterator[Article]:
    """Pass articles through; report each InputError on stderr as one line and keep it."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            progress.write(f"saidwhat: {item}", file=sys.stderr)
        else:
            yield item


class _NoProgress:
    """Stands in for a tqdm bar when none is shown."""

    def update(self, n: int) -> None:
        """Do nothing."""

    def write(self, line: str, file: IO[str] = sys.stderr) -> None:
        """Print ``line`` to ``file``."""
        print(line, file=file)

    def close(self) -> None:
        """Do nothing."""


def _progress_bar(mode: str):
    """Return a tqdm bar on stderr for ``--progress`` ``mode``, or a stand-in showing nothing."""
    show = mode == "always" or (mode == "auto" and sys.stderr.isatty())
    if not show:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)

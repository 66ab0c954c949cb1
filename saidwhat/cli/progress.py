"""The progress bar of the commands that read many articles (``extract``, ``ingest``)
and the one stderr line each input that cannot be read gets."""
from __future__ import annotations

import argparse
import sys
import time
from typing import IO, Iterable, Iterator, List, Optional, Union

from ..errors import InputError
from ..io.reading import count_inputs
from ..schema import Article


def report_errors(items: Iterable[Union[Article, InputError]], failures: List[InputError],
                   progress) -> Iterator[Article]:
    """Pass articles through; report each InputError on stderr as one line and keep it."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            progress.write(f"saidwhat: {item}", file=sys.stderr)
            progress.done(None)
        else:
            yield item


class NoProgress:
    """Stands in for a progress bar when none is shown."""

    total: Optional[int] = None

    def done(self, article: Optional[Article]) -> None:
        """Do nothing."""

    def write(self, line: str, file: IO[str] = sys.stderr) -> None:
        """Print ``line`` to ``file``."""
        print(line, file=file)

    def close(self) -> None:
        """Do nothing."""


class Progress(NoProgress):
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


def progress_bar(args: argparse.Namespace) -> NoProgress:
    """The progress display ``--progress`` asks for: a bar on stderr (always, or on a
    terminal for ``auto``), counting the inputs first for its total, or nothing."""
    mode = args.progress
    if not (mode == "always" or (mode == "auto" and sys.stderr.isatty())):
        return NoProgress()
    return Progress(count_inputs(args.paths, args.input_format))

"""Every error saidwhat raises on purpose, named in one place.

Each carries a message a person can act on; the CLI prints it as one line.
"""
from __future__ import annotations

from typing import Optional


class SaidwhatError(Exception):
    """Base class of all errors raised by saidwhat."""


class InputError(SaidwhatError):
    """An input (file, JSONL line, stdin) that cannot be read as an article.

    ``source`` names the file (or ``<stdin>``), ``line`` the JSONL line number if any.
    """

    def __init__(self, source: str, reason: str, line: Optional[int] = None):
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class OutputError(SaidwhatError):
    """An ``--output`` destination that cannot be written."""


class GoldDataError(SaidwhatError):
    """A gold-standard directory or brat file that cannot be used for evaluation."""


class PredictionsError(SaidwhatError):
    """A predictions file given to ``saidwhat eval`` that cannot be read."""


class PipelineError(SaidwhatError):
    """The spaCy pipeline cannot be loaded or lacks what saidwhat needs."""


class StoreError(SaidwhatError):
    """A store (``--db``) that cannot be opened, or a request it cannot answer (an
    unknown speaker or quote, a bad date)."""


class SparkJobError(SaidwhatError):
    """Spark cannot run the job: no Java, a session that does not start, an input it
    cannot read as a table."""


class ServiceError(SaidwhatError):
    """The web service cannot start as asked (a host beyond loopback without a token, a
    port in use), or a request it cannot answer (a text that cannot be processed)."""

"""Extraction over several processes (``saidwhat extract --workers N``).

Each worker process loads the pipeline once and extracts batches of articles; the
batches go out in input order and their results come back in input order. At most
:data:`IN_FLIGHT_PER_WORKER` batches per worker are out at a time, so memory stays flat
however long the input: nothing is read further ahead. Each worker computes on one
thread (:mod:`saidwhat.model.runtime`; ``SAIDWHAT_THREADS`` sets more), so workers do not
fight over cores. Workers start with ``spawn``, a fresh interpreter, which torch needs.

    settings = PipelineSettings(model="fast")
    for article in extract_in_workers(articles, settings, workers=2):
        ...
"""
from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass
from typing import Deque, Iterable, Iterator, List, Optional, Sequence

from spacy.language import Language

from .errors import PipelineError
from .model import DEFAULT_MODEL
from .model.encoder import DEFAULT_PRECISION
from .model.runtime import THREADS_VARIABLE, extraction_threads
from .pipeline import DEFAULT_BATCH_SIZE, DEFAULT_SPACY_PACKAGE, Extractor, batches, load_pipeline
from .schema import Article

# Batches out per worker at a time: one being worked on, one waiting.
IN_FLIGHT_PER_WORKER = 2
# Sets the default number of workers (as --workers does), e.g. 1 in a test suite.
WORKERS_VARIABLE = "SAIDWHAT_WORKERS"
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")

_extractor: Optional[Extractor] = None  # the worker process's own
_failure: Optional[BaseException] = None  # why the worker's pipeline did not load


@dataclass(frozen=True)
class PipelineSettings:
    """What :func:`~saidwhat.pipeline.load_pipeline` is given, for a worker to load."""

    package: str = DEFAULT_SPACY_PACKAGE
    min_confidence: Optional[float] = None
    model: str = DEFAULT_MODEL
    encoder_precision: str = DEFAULT_PRECISION
    acts: Optional[Sequence[str]] = None

    def pipeline(self) -> Language:
        """The pipeline these settings name."""
        return load_pipeline(self.package, self.min_confidence, self.model, self.encoder_precision,
                             list(self.acts) if self.acts is not None else None)

    def load(self) -> Extractor:
        """An Extractor over the pipeline these settings name."""
        return Extractor(self.pipeline())


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """``SAIDWHAT_WORKERS`` if set, else the usable cores."""
    value = os.environ.get(WORKERS_VARIABLE)
    if value is None:
        return usable_cores()
    if not value.isdigit() or int(value) < 1:
        raise PipelineError(f"{WORKERS_VARIABLE}={value!r}: give a whole number of at least 1")
    return int(value)


def extract_in_workers(articles: Iterable[Article], settings: PipelineSettings, workers: int,
                       batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Article]:
    """Yield each of ``articles`` with its attributions, in input order, extracted by
    ``workers`` processes that each load the pipeline of ``settings`` once."""
    threads = extraction_threads()
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                                  initializer=_start, initargs=(settings, threads))
    pending: Deque[concurrent.futures.Future] = collections.deque()
    try:
        for batch in batches(articles, batch_size, lambda article: len(article.text or "")):
            with _signals_held():  # a Ctrl-C or SIGTERM inside submit would leave the pool's lock taken
                pending.append(pool.submit(_extract, batch, batch_size))
            while len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # batches not started are dropped; the workers finish the one in hand and exit
        with _signals_held():
            pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while inside, and deliver them once it is left (in
    the main thread; elsewhere Python handles no signals). Blocking them would not do:
    another thread (torch's, BLAS's) receives them and the main thread still runs the
    handler, in the middle of starting a worker."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: List[int] = []
    previous = {s: signal.signal(s, lambda signum, frame: arrived.append(signum))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, handler)
        for signum in arrived:
            signal.raise_signal(signum)


def use_threads(threads: int) -> None:
    """Have this process's BLAS (before numpy's starts them) and the models it loads
    after (:mod:`saidwhat.model.runtime`) compute on ``threads`` threads."""
    for variable in _THREAD_VARIABLES + (THREADS_VARIABLE,):
        os.environ[variable] = str(threads)


def _start(settings: PipelineSettings, threads: int) -> None:
    """Set a worker's thread counts and load its pipeline."""
    global _extractor, _failure
    use_threads(threads)
    try:
        _extractor = settings.load()
    except Exception as err:  # raised again with the first batch, so the run says why
        _failure = err


def _extract(batch: List[Article], batch_size: int) -> List[Article]:
    """Extract one batch in a worker."""
    if _extractor is None:
        raise _failure if _failure is not None else PipelineError("the worker's pipeline was not loaded")
    return list(_extractor.extract_many(batch, batch_size=batch_size))

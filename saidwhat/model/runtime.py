"""How a process runs a model: torch's threads and how freed memory goes back.

**Threads.** torch computes with one thread per core by default, and its threads wait
for each other at every operation: when another process keeps a core busy, each
operation waits for the slowest thread, and the model ran 8-17 times slower than on a
quiet machine (spaCy's own pipeline, single-threaded, about 2 times). So a model runs
on :data:`DEFAULT_THREADS` thread, like spaCy, and several cores are used by several
processes (``saidwhat extract --workers``), which do not wait for each other.
``SAIDWHAT_THREADS`` sets another number (say, on a machine that runs nothing else).

**Memory.** glibc keeps a large block freed by a process for its next allocations and
raises the size above which it maps blocks straight from the system each time one is
freed; a model's tensors of varying sizes then leave the process's memory growing
piece after piece of a long article (a 1 MB article peaked at 1,471 MiB, and rising).
Once a process meets an article long enough to be read in pieces,
:func:`map_large_blocks` has blocks from :data:`MMAP_THRESHOLD` up mapped from the
system and given back when freed, which keeps peak memory flat (PolNeAR dev texts
joined: 955 MiB at 0.5 MB, 1,036 at 1.5 MB; ``benchmarks/memory.py`` for train's). It costs spaCy's parse about a sixth more
time (its arrays are mapped anew each time), so a process that meets only articles of
usual length never pays it.

**Kernels.** oneDNN, under torch, keeps the kernels it built for each shape of tensor it
met, up to 1,024 of them; batches of articles come in ever new shapes, so a worker grew
by about 20 KB an article (1,085 MiB after 100 articles, 1,348 after 10,000, flat with
the rules alone). :data:`KERNEL_CACHE` kernels are kept instead (set here, before torch
builds its first; ``ONEDNN_PRIMITIVE_CACHE_CAPACITY`` in the environment wins), which
keeps a long run flat.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os

from ..errors import PipelineError

logger = logging.getLogger(__name__)

THREADS_VARIABLE = "SAIDWHAT_THREADS"
DEFAULT_THREADS = 1
# Blocks this large or larger are mapped from the system and returned when freed.
MMAP_THRESHOLD = 1 << 20
# Kernels oneDNN keeps for the tensor shapes it met.
KERNEL_CACHE = 8
_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters
_M_MMAP_THRESHOLD = -3


os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(KERNEL_CACHE))


def extraction_threads() -> int:
    """``SAIDWHAT_THREADS`` if set, else :data:`DEFAULT_THREADS`."""
    value = os.environ.get(THREADS_VARIABLE)
    if value is None:
        return DEFAULT_THREADS
    if not value.isdigit() or int(value) < 1:
        raise PipelineError(f"{THREADS_VARIABLE}={value!r}: give a whole number of at least 1")
    return int(value)


def settle() -> None:
    """Set torch's threads to :func:`extraction_threads`."""
    import torch

    torch.set_num_threads(extraction_threads())


@functools.lru_cache(maxsize=None)
def map_large_blocks() -> None:
    """Have glibc map blocks of :data:`MMAP_THRESHOLD` or more from the system (where
    the C library is glibc), from now on in this process; once, however often called."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        mallopt = None
    if mallopt is None or os.uname().sysname != "Linux":
        return
    if not (mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(_M_TRIM_THRESHOLD, MMAP_THRESHOLD)):
        logger.debug("the C library did not take the memory settings")

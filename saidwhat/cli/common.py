"""What the commands share: exit statuses, the pipeline the common options ask for,
and output written in full or not at all."""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator, Optional

from spacy.language import Language

from ..errors import OutputError
from ..workers import PipelineSettings

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, ``docker stop``, systemd, Spark) received: the run ends as
    on Ctrl-C, its temporary output removed."""


@contextlib.contextmanager
def ending_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (in the main thread; elsewhere
    signals cannot be handled and nothing changes); the previous handler comes back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated()
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def settings_from_args(args: argparse.Namespace) -> PipelineSettings:
    """The pipeline the common options ask for, as settings a worker process can load."""
    return PipelineSettings(args.spacy_pipeline, args.min_confidence, args.model, args.encoder_precision,
                            getattr(args, "acts", None))


def pipeline_from_args(args: argparse.Namespace) -> Language:
    """Return the pipeline the common options ask for."""
    return settings_from_args(args).pipeline()


@contextlib.contextmanager
def atomic_target(output: Optional[str], directory: bool) -> Iterator:
    """Yield where to write: stdout, or a temporary file/directory that replaces ``output``
    only once everything was written (so ``output`` is complete or absent). A new
    directory is the temporary one renamed; into an existing one the files are moved."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    final = Path(output)
    if final.is_symlink():
        final = final.resolve()  # written through the link, which stays a link
    parent = final.parent if str(final.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {output}: no directory {parent}")
    if final.exists() and final.is_dir() != directory:
        raise OutputError(f"cannot write {output}: it is {'a file' if directory else 'a directory'}")
    if final.is_file() and not final.stat().st_mode & 0o222:
        raise OutputError(f"cannot write {output}: it is write-protected")
    _remove_stale(parent, final.name)
    if directory:
        yield from _atomic_directory(final, parent)
    else:
        yield from _atomic_file(final, parent)


def _atomic_directory(final: Path, parent: Path) -> Iterator[Path]:
    """Yield a temporary directory in ``parent`` that becomes ``final`` once the caller is done."""
    tmp = Path(tempfile.mkdtemp(prefix=_prefix(final), suffix=".tmp", dir=parent))
    try:
        yield tmp
        if final.exists():
            for item in tmp.iterdir():
                os.replace(item, final / item.name)
        else:
            os.chmod(tmp, 0o777 & ~_umask())
            os.replace(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _atomic_file(final: Path, parent: Path) -> Iterator:
    """Yield a temporary file's stream in ``parent`` that becomes ``final`` once the caller is done."""
    fd, name = tempfile.mkstemp(prefix=_prefix(final), suffix=".tmp", dir=parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(name, 0o666 & ~_umask())
        os.replace(name, final)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def _prefix(final: Path) -> str:
    """The start of a temporary output's name: the output's, and this process's id."""
    return f".{final.name}.{os.getpid()}."


def _remove_stale(parent: Path, name: str) -> None:
    """Remove the temporary outputs for ``name`` that a killed run left (``SIGKILL``):
    those whose process is gone."""
    pattern = re.compile(re.escape(f".{name}.") + r"(\d+)\..*\.tmp")
    for item in parent.iterdir():
        match = pattern.fullmatch(item.name)
        if match is None or _alive(int(match.group(1))):
            continue
        logger.info("removing %s, left by a run that was killed", item)
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                item.unlink()


def _alive(pid: int) -> bool:
    """Whether a process with id ``pid`` runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _umask() -> int:
    """Return the process's umask (reading it means setting it, so it is set back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask

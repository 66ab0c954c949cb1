"""What the commands share: exit statuses, the pipeline the common options ask for,
and output written in full or not at all."""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator, Optional

from spacy.language import Language

from ..errors import OutputError
from ..pipeline import load_pipeline

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


def pipeline_from_args(args: argparse.Namespace) -> Language:
    """Return the pipeline the common options ask for."""
    return load_pipeline(args.spacy_pipeline, args.min_confidence, args.model, args.encoder_precision,
                         getattr(args, "acts", None))


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
    parent = final.parent if str(final.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {output}: no directory {parent}")
    if final.exists() and final.is_dir() != directory:
        raise OutputError(f"cannot write {output}: it is {'a file' if directory else 'a directory'}")
    if directory:
        yield from _atomic_directory(final, parent)
    else:
        yield from _atomic_file(final, parent)


def _atomic_directory(final: Path, parent: Path) -> Iterator[Path]:
    """Yield a temporary directory in ``parent`` that becomes ``final`` once the caller is done."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=parent))
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
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(name, 0o666 & ~_umask())
        os.replace(name, final)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def _umask() -> int:
    """Return the process's umask (reading it means setting it, so it is set back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask

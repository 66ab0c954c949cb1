"""Where the store lives: the ``--db`` URL, the engine, and the schema brought up to date.

``--db`` takes a SQLAlchemy URL (``sqlite:///path``, ``postgresql://user@host/db``) or
a bare path, which means a SQLite file. Without it the store is ``$SAIDWHAT_DB``, or
``saidwhat.db`` in the working directory. A PostgreSQL URL without a driver uses
psycopg 3. SQLite runs in WAL mode with foreign keys on, so a reader never blocks the
ingest and a killed ingest leaves the last committed state.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError

logger = logging.getLogger(__name__)

#: The environment variable naming the default store.
DB_VARIABLE = "SAIDWHAT_DB"
#: The default store: a SQLite file in the working directory.
DEFAULT_DB = "saidwhat.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def resolve_url(db: Optional[str] = None) -> str:
    """The SQLAlchemy URL ``db`` means (a bare path: a SQLite file; None: the default)."""
    db = db or os.environ.get(DB_VARIABLE) or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    try:
        url = make_url(db)
    except ArgumentError as err:
        raise StoreError(f"--db {db!r} is not a database URL: {err}") from err
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"--db {db!r}: the store runs on SQLite or PostgreSQL, not {url.get_backend_name()}")
    return url.render_as_string(hide_password=False)


def open_engine(url: str) -> Engine:
    """An engine on ``url`` (see :func:`resolve_url`), SQLite's pragmas set on each connection."""
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"cannot open the store {path}: no directory {Path(path).parent}")
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection, record) -> None:
    """WAL journal, foreign keys enforced, fsync at checkpoints (safe in WAL against a
    killed process; a power cut may lose the last commits, never corrupt the file)."""
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=60000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def upgrade(engine: Engine) -> None:
    """Bring the database's schema to this version's (Alembic's head), creating it if new."""
    migrate(engine, "head")


def migrate(engine: Engine, revision: str) -> None:
    """Run the migrations up to ``revision`` on ``engine``'s database."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot open the store {safe_url(engine)}: {_first_line(err)}") from err


def safe_url(engine: Engine) -> str:
    """The engine's URL without its password, to name the store in messages."""
    return engine.url.render_as_string(hide_password=True)


def _first_line(err: Exception) -> str:
    """The first line of an error's message (SQLAlchemy's run on with SQL and links)."""
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]

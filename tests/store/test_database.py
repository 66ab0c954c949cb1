"""Where the store lives and how it opens: --db URLs, the default, migrations from the
first version, a killed ingest run again."""
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from saidwhat import Store as TopStore
from saidwhat.errors import StoreError
from saidwhat.store import tables as t
from saidwhat.store.api import Store
from saidwhat.store.database import migrate, open_engine, resolve_url

from .conftest import WEEK


def test_db_urls(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAIDWHAT_DB", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'saidwhat.db'}"
    assert resolve_url("news.db") == f"sqlite:///{tmp_path / 'news.db'}"
    monkeypatch.setenv("SAIDWHAT_DB", "/srv/archive.db")
    assert resolve_url() == "sqlite:////srv/archive.db"
    assert resolve_url("postgresql://me:pw@db.example/news") == "postgresql+psycopg://me:pw@db.example/news"
    with pytest.raises(StoreError, match="runs on SQLite or PostgreSQL, not mysql"):
        resolve_url("mysql://me@db.example/news")
    assert TopStore is Store


def test_a_database_of_the_first_version_opens_in_this_one(store_url):
    """A store written at revision 0001 (before full-text search) upgrades on opening,
    and what it held is found by search."""
    engine = open_engine(resolve_url(store_url))
    migrate(engine, "0001")
    with engine.begin() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0001"
        connection.execute(text(
            "INSERT INTO articles (id, article_id, text_hash, title, text, record, ingested_at) VALUES "
            "(1, 'old', 'x', 'Old news', '\"Ships will wait,\" she said.', '{\"id\": \"old\", \"attributions\": [], "
            "\"speakers\": []}', '2024-01-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO quote_groups (id, words) VALUES (1, 'ships will wait')"))
        connection.execute(text(
            "INSERT INTO attributions (id, article_pk, local_id, kind, content, spans, confidence, continued, quote_id, "
            "sentence_start, sentence_end) VALUES (1, 1, 1, 'direct', '\"Ships will wait,\"', "
            "'{\"content\": [[0, 18]], \"cue\": null, \"source\": null, \"to\": null, \"where\": null, \"how\": null}', "
            "0.9, false, 1, 0, 28)"))
    engine.dispose()
    with Store(store_url) as store:
        hits = store.search("ship")
        assert [(h.article_id, h.title, h.attribution.content.text, h.sentence) for h in hits] == [
            ("old", "Old news", '"Ships will wait,"', '"Ships will wait," she said.')]
        with store.engine.connect() as connection:
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0002"


def test_to_pandas_says_how_to_get_pandas(store, week):
    store.ingest(week[:1])
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(StoreError, match="pip install pandas"):
            store.search().to_pandas()
    else:
        assert list(store.search().to_pandas()["article_id"]) == ["courier-0301"] * 3


def articles_stored(url):
    """How many articles the store at ``url`` holds (0 before it has tables)."""
    engine = open_engine(resolve_url(url))
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(t.articles))
    except Exception:
        return 0
    finally:
        engine.dispose()


def test_an_ingest_killed_midway_and_run_again_stores_every_article_once(store_url, tmp_path):
    records = WEEK.read_text(encoding="utf-8").splitlines()
    many = tmp_path / "many.jsonl"
    many.write_text("".join(line.replace('"id": "', f'"id": "{k}-', 1) + "\n"
                            for k in range(40) for line in records), encoding="utf-8")
    command = [sys.executable, "-m", "saidwhat", "ingest", str(many), "--db", store_url, "--model", "rules",
               "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while articles_stored(store_url) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = articles_stored(store_url)
    assert 0 < stored < 160, "the kill came before the first commit or after the last"
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f": {160 - stored} added, 0 replaced, {stored} unchanged, 0 failed\n")
    with Store(store_url) as store:
        exported = [a.id for a in store.export()]
        assert len(exported) == len(set(exported)) == 160
        assert len(store.search(limit=None)) == 40 * 11

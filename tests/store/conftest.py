"""Fixtures of the store's tests: each store test runs on SQLite and on PostgreSQL (a
throwaway cluster made once per session, a new database per test), and the invented
collection of tests/data/store/ extracted once per session with the rules."""
import os
from pathlib import Path

import pytest

from saidwhat.io.reading import read_inputs
from saidwhat.store.api import Store

from .postgres import Cluster, why_not

DATA = Path(__file__).resolve().parents[1] / "data" / "store"
WEEK = DATA / "harbor-week.jsonl"


@pytest.fixture(scope="session")
def postgres_cluster():
    """A running PostgreSQL cluster; skipped, saying why, only where none can be made
    and the tests run neither as root nor on CI (which install PostgreSQL)."""
    reason = why_not()
    if reason:
        if os.geteuid() == 0 or os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL for the store's tests: {reason}")
        pytest.skip(f"no PostgreSQL for the store's tests: {reason}")
    cluster = Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_cluster").new_database()


@pytest.fixture
def store(store_url):
    """An empty store, open."""
    with Store(store_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def week(rules_extractor):
    """The invented week of harbor news (four articles, three outlets, four dates),
    extracted with the rules, as a list of Articles."""
    return list(rules_extractor.extract_many(read_inputs([str(WEEK)])))

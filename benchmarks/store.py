"""The scale of the store: ingest rate, size and search latency of a synthetic collection.

    .venv/bin/python benchmarks/store.py --source dev.jsonl --n 1000000 --db bench.db \\
        [--db postgresql://me@localhost/bench] [--throwaway-postgres]

``--source`` is what ``saidwhat extract`` wrote for some articles (default: PolNeAR dev
extracted now with ``--model rules``, kept in ``--cache``). Its articles are repeated
under new ids, dates (over a year) and outlets (one of 40) until the collection holds
``--n`` attributions, so every quote repeats across outlets and dates, as wire copy
does. For each store (a ``--db`` each; ``--throwaway-postgres`` adds a cluster made
with initdb as the tests make it) it prints: the ingest rate of stored attributions
and articles (the pipeline excluded: the articles come extracted; quote grouping and
speaker matching included), the database's size, and the median and 95th percentile
of 100 searches of 1 to 3 words drawn from the quotes, without filters, with a speaker
filter, and with an outlet and a date range.
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, List

from sqlalchemy import text

from saidwhat.schema import Article
from saidwhat.store.api import Store

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
OUTLETS = [f"Outlet {k:02d}" for k in range(40)]
START = dt.date(2024, 1, 1)
CHUNK = 500


def source_records(path: Path, cache: Path) -> List[dict]:
    """The extracted records to repeat: ``path``, or PolNeAR dev extracted with the rules."""
    if path is None:
        path = cache
        if not path.exists():
            subprocess.run([sys.executable, "-m", "saidwhat", "extract", str(DEV), "--model", "rules",
                            "--output", str(path), "--progress", "never"], check=True)
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def count(record: dict) -> int:
    """The attributions of a record, reports inside reports included."""
    def walk(items):
        return sum(1 + walk(item.get("reports") or []) for item in items)
    return walk(record.get("attributions", []))


def synthetic(records: List[dict], n: int, seed: int = 0) -> Iterator[Article]:
    """Copies of ``records`` under new ids, dates and outlets until ``n`` attributions."""
    rng = random.Random(seed)
    total, copy = 0, 0
    while total < n:
        for record in records:
            data = dict(record, id=f"{record['id']}~{copy}",
                        meta={"outlet": rng.choice(OUTLETS), "date": (START + dt.timedelta(rng.randrange(365))).isoformat()})
            total += count(record)
            yield Article.from_dict(data)
            if total >= n:
                return
        copy += 1


def ingest(store: Store, articles: Iterator[Article]) -> dict:
    """Store ``articles`` in chunks, timing the store alone; return counts and seconds."""
    seconds, stored, attributions = 0.0, 0, 0
    while True:
        chunk = [a for _, a in zip(range(CHUNK), articles)]
        if not chunk:
            break
        started = time.perf_counter()
        result = store.ingest(chunk)
        seconds += time.perf_counter() - started
        stored += result["added"]
        attributions += sum(len(a.attributions) for a in chunk)
    return {"articles": stored, "attributions": attributions, "seconds": seconds}


def queries(records: List[dict], rng: random.Random) -> List[str]:
    """100 queries of 1 to 3 words of four letters or more taken from the quotes."""
    words = sorted({w.lower() for r in records for a in r.get("attributions", [])
                    for w in re.findall(r"[A-Za-z]{4,}", a["content"]["text"])})
    return [" ".join(rng.sample(words, rng.randint(1, 3))) if rng.random() < 0.3 else rng.choice(words)
            for _ in range(100)]


def latency(store: Store, qs: List[str], filters: List[dict]) -> str:
    """Median and 95th percentile of the searches ``qs`` with ``filters`` (one a query)."""
    times = []
    for query, extra in zip(qs, filters):
        started = time.perf_counter()
        store.search(query, limit=20, **extra)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return f"median {statistics.median(times):6.1f} ms, p95 {times[94]:6.1f} ms"


def size(store: Store) -> str:
    """The database's size on disk."""
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            path = store.engine.url.database
            return f"{os.path.getsize(path) / 1e6:,.0f} MB"
        return f"{connection.scalar(text('SELECT pg_database_size(current_database())')) / 1e6:,.0f} MB"


def bench(url: str, records: List[dict], n: int) -> None:
    """Ingest, size and search latency of one store."""
    store = Store(url)
    done = ingest(store, synthetic(records, n))
    rate = done["attributions"] / done["seconds"]
    print(f"{store!r}: {done['articles']:,} articles, {done['attributions']:,} attributions stored in "
          f"{done['seconds']:.0f} s: {rate:,.0f} attributions/s, {done['articles'] / done['seconds']:,.1f} articles/s; "
          f"size {size(store)}")
    rng = random.Random(1)
    qs = queries(records, rng)
    speakers = [s.name for s in store.speakers(top=50)]
    plain = [{}] * 100
    by_speaker = [{"speaker": rng.choice(speakers)} for _ in range(100)]
    by_outlet = [{"outlet": rng.choice(OUTLETS), "since": "2024-03-01", "until": "2024-09-30"} for _ in range(100)]
    store.search(qs[0])  # warm the caches once
    for name, filters in (("words", plain), ("words + speaker", by_speaker), ("words + outlet + dates", by_outlet)):
        print(f"  search {name + ':':26s}{latency(store, qs, filters)}")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, help="extract's JSONL to repeat (default: PolNeAR dev, rules)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/saidwhat-bench-dev-rules.jsonl"))
    ap.add_argument("--n", type=int, default=1_000_000, help="attributions in the collection (default: 1,000,000)")
    ap.add_argument("--db", action="append", default=[], metavar="URL", help="a store to fill (new or empty)")
    ap.add_argument("--throwaway-postgres", action="store_true", help="also a PostgreSQL cluster made here")
    args = ap.parse_args()
    records = source_records(args.source, args.cache)
    print(f"source: {len(records)} articles, {sum(map(count, records)):,} attributions; collection: {args.n:,}")
    for url in args.db:
        bench(url, records, args.n)
    if args.throwaway_postgres:
        sys.path.insert(0, str(ROOT / "tests" / "store"))
        from postgres import Cluster

        cluster = Cluster().start()
        try:
            bench(cluster.new_database(), records, args.n)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()

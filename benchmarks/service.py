"""Load check of the web service: N extract requests of PolNeAR dev articles, C at a time,
against ``saidwhat serve`` running on loopback, beside the single-process CLI
(``saidwhat extract --workers 1``) over the same texts. Prints requests/s and latency
percentiles, and the CLI's articles/s; fails if any request fails or answers otherwise
than the CLI.

    .venv/bin/python benchmarks/service.py                      # 200 requests, 4 at a time, fast model
    .venv/bin/python benchmarks/service.py --model accurate --requests 200 --concurrency 4

The machine is shared: the figures are as measured, noisy.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Tuple

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
SAIDWHAT = str(Path(sys.executable).parent / "saidwhat")
logger = logging.getLogger("benchmarks.service")


def free_port() -> int:
    """A free port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def texts(n: int) -> List[Tuple[str, str]]:
    """``n`` (id, text) pairs of the dev articles, taken in order and round again."""
    files = sorted(DEV.glob("*.txt"))
    return [(f"r{k}-{files[k % len(files)].stem}", files[k % len(files)].read_text(encoding="utf-8"))
            for k in range(n)]


def start_server(model: str, port: int, db: str) -> subprocess.Popen:
    """``saidwhat serve`` on loopback, once it answers."""
    server = subprocess.Popen([SAIDWHAT, "serve", "--model", model, "--port", str(port), "--db", db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/speakers", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read()}")


def load(port: int, items: List[Tuple[str, str]], concurrency: int) -> Tuple[float, List[float], List[dict]]:
    """Send every item as a request, ``concurrency`` at a time; the wall time, each
    request's latency and each answer (a failed request stops the run)."""
    url = f"http://127.0.0.1:{port}/api/extract"
    with httpx.Client(timeout=600) as client:
        def one(item: Tuple[str, str]) -> Tuple[float, dict]:
            start = time.perf_counter()
            answer = client.post(url, json={"id": item[0], "text": item[1], "format": "text"})
            if answer.status_code != 200:
                raise SystemExit(f"request {item[0]} failed: {answer.status_code} {answer.text[:200]}")
            return time.perf_counter() - start, answer.json()
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(one, items))
        wall = time.perf_counter() - start
    return wall, [r[0] for r in results], [r[1] for r in results]


def cli(model: str, items: List[Tuple[str, str]], folder: Path) -> Tuple[float, List[dict]]:
    """Run ``saidwhat extract --workers 1`` over the items as one JSONL file; its wall time
    (the model's load included) and its records."""
    source, out = folder / "in.jsonl", folder / "out.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in items), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([SAIDWHAT, "extract", "--model", model, "--workers", "1", "--progress", "never",
                    str(source), "-o", str(out)], check=True)
    wall = time.perf_counter() - start
    return wall, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def percentile(values: List[float], share: float) -> float:
    """The ``share`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main() -> int:
    """Run the load check and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="fast", help="model the server and the CLI run (default: fast)")
    parser.add_argument("--requests", type=int, default=200, help="extract requests (default: 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="requests at a time (default: 4)")
    args = parser.parse_args()
    items = texts(args.requests)
    words = sum(len(t.split()) for _, t in items)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_server(args.model, port, str(Path(tmp) / "bench.db"))
        try:
            wall, latencies, answers = load(port, items, args.concurrency)
        finally:
            server.terminate()
            server.wait(30)
        cli_wall, records = cli(args.model, items, Path(tmp))
    same = sum(a == r for a, r in zip(answers, records))
    print(f"{len(items)} extract requests of PolNeAR dev articles ({words:,} words), {args.concurrency} at a time, "
          f"model {args.model}, {os.cpu_count()} cores")
    print(f"  service: {wall:.1f} s, {len(items) / wall:.2f} requests/s, latency p50 {percentile(latencies, 0.5):.2f} s, "
          f"p95 {percentile(latencies, 0.95):.2f} s, max {max(latencies):.2f} s; 0 failed")
    print(f"  CLI (saidwhat extract --workers 1, load included): {cli_wall:.1f} s, {len(items) / cli_wall:.2f} articles/s")
    print(f"  answers identical to the CLI's records: {same} of {len(items)}")
    return 0 if same == len(items) else 1


if __name__ == "__main__":
    sys.exit(main())

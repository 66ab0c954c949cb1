"""Print words/s of the Spark job (``saidwhat spark``) in local mode over the PolNeAR dev
texts, and the peak memory of the driver, the JVM and the Python workers.

    .venv/bin/python benchmarks/spark.py [GOLD_DIR] [--model accurate] [--partitions N] [--repeat 2]

The texts are written to a folder as .txt files and the job runs ``--repeat`` times in
one local[2] session (``--master``), each into a new output folder. The first run
starts the Python workers and loads the pipeline in each; later runs find them
loaded, as the partitions after the first do on a long job. Each run's wall time is
printed (from reading to the four tables written and counted); words/s is of the best.
Memory is sampled every 0.2 s from /proc over this process and every process below it
(the JVM, and the Python workers it forks), as the peak of their sum and of each kind;
a sum counts the pages forked workers share once per worker, so it is an upper bound.

Other modules can import :func:`spark_words_per_second`.
"""
import argparse
import os
import resource
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from saidwhat.io.gold import load_compartment
from saidwhat.spark.job import run_job
from saidwhat.spark.session import start_session
from saidwhat.workers import PipelineSettings

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
MASTER = "local[2]"


@dataclass
class SparkTiming:
    """Words, the wall time of each run and the peak memory (MiB) seen meanwhile."""

    words: int
    seconds: List[float] = field(default_factory=list)
    peak_mib: Dict[str, float] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        """Words over the best run's time."""
        return self.words / min(self.seconds)


class MemorySampler(threading.Thread):
    """Samples the resident memory of this process and its descendants until stopped;
    keeps the peak of their sum and of the JVM's and the Python workers' sums."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.stopped = threading.Event()
        self.peak = {"total": 0.0, "jvm": 0.0, "python workers": 0.0, "other": 0.0}

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        """Take one sample."""
        own = os.getpid()
        sums = {"jvm": 0.0, "python workers": 0.0, "other": 0.0}
        for pid in descendants(own):
            name, mib = process_info(pid)
            sums["jvm" if name == "java" else "python workers" if name.startswith("python") else "other"] += mib
        total = process_info(own)[1] + sum(sums.values())
        for kind, value in {**sums, "total": total}.items():
            self.peak[kind] = max(self.peak[kind], value)

    def stop(self) -> Dict[str, float]:
        """Stop sampling; return the peaks."""
        self.stopped.set()
        self.join()
        return dict(self.peak)


def descendants(root: int) -> List[int]:
    """The ids of the processes below ``root`` (children, theirs, ...), from /proc."""
    children: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def process_info(pid: int) -> tuple:
    """A process's name and resident memory in MiB (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "", 0.0
    fields = dict(line.split(":", 1) for line in status if ":" in line)
    rss = fields.get("VmRSS", "0 kB").split()[0]
    return fields.get("Name", "").strip(), int(rss) / 1024


def time_spark_job(texts: Sequence[str], model: str = "accurate", partitions: Optional[int] = None,
                   repeat: int = 1, master: str = MASTER) -> SparkTiming:
    """Run the Spark job over ``texts`` ``repeat`` times in one session; return the timing."""
    timing = SparkTiming(words=sum(len(t.split()) for t in texts))
    sampler = MemorySampler()
    sampler.start()
    spark, started = start_session(master)
    try:
        with tempfile.TemporaryDirectory(prefix="saidwhat-spark-bench-") as root:
            inputs = Path(root) / "texts"
            inputs.mkdir()
            for k, text in enumerate(texts):
                (inputs / f"{k:05d}.txt").write_text(text, encoding="utf-8")
            for run in range(repeat):
                summary = run_job(spark, str(inputs), str(Path(root) / f"out-{run}"), PipelineSettings(model=model),
                                  partitions=partitions)
                assert summary.rows["articles"] == len(texts) and summary.rows["errors"] == 0, summary
                timing.seconds.append(summary.seconds)
    finally:
        if started:
            spark.stop()
        timing.peak_mib = sampler.stop()
    timing.peak_mib["driver (Python)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timing


def spark_words_per_second(texts: Sequence[str], model: str = "accurate", partitions: Optional[int] = None) -> float:
    """Words/s of one run of the Spark job over ``texts`` in local[2], from reading to
    the tables written, the Python workers' start and pipeline loading included."""
    return time_spark_job(texts, model, partitions).words_per_second


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--model", default="accurate")
    ap.add_argument("--partitions", type=int, default=None, help="default: two per core")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--master", default=MASTER)
    args = ap.parse_args()
    texts = [article.text for article in load_compartment(args.gold).values()]
    timing = time_spark_job(texts, args.model, args.partitions, args.repeat, args.master)
    print(f"{len(texts)} articles, {timing.words} words (PolNeAR {Path(args.gold).name}), --model {args.model}, "
          f"{args.master}, {os.cpu_count()} cores on the machine")
    for run, seconds in enumerate(timing.seconds, start=1):
        note = " (starts the Python workers, loads the pipeline)" if run == 1 else ""
        print(f"  run {run}: {seconds:6.1f} s  {timing.words / seconds:6.0f} words/s{note}")
    print(f"  best: {timing.words_per_second:.0f} words/s")
    print("  peak memory: " + ", ".join(f"{kind} {mib:.0f} MiB" for kind, mib in timing.peak_mib.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

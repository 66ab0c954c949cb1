"""Print words/s of the saidwhat pipeline with each model and of the bare spaCy
pipeline on the same PolNeAR dev texts, single process, and their ratio (time / bare time);
then what speaker resolution adds to the attribution pipeline; then whole runs of
``saidwhat extract`` with one and two workers and of the Spark job in local[2], with
their peak memory.

    .venv/bin/python benchmarks/speed.py [GOLD_DIR] [--repeat N] [--models accurate,fast,rules] [--no-processes] [--busy]

Each is timed ``--repeat`` times (default 2) after a warm-up on a few articles, the
pipelines taking turns within each round; each one's best run counts, so a busy
moment of the machine does not decide a figure or fall on one pipeline alone. Speaker
resolution is timed alone (``saidwhat.speakers.resolve_speakers`` over Docs that already
carry the first model's attributions, with the learned ranking and with the rules alone)
against that pipeline with its speakers off.

``--busy`` keeps one core busy with another process (a loop) the whole time: the
ratios to bare spaCy then say what a busy machine costs saidwhat beyond what it costs spaCy.

The whole runs (:func:`process_runs`, the first model) time ``saidwhat extract
--workers N`` on the texts as one JSONL file, as a user runs it, and sample the memory
of every process of the run (summed; pages forked workers share count once per worker);
the start (loading the pipeline in each process) is timed apart, on two articles, and
words/s is of the rest. The Spark job (``benchmarks/spark.py``) runs twice in one
session; its best run counts, the workers then started and loaded.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from saidwhat.io.gold import load_compartment
from saidwhat.pipeline import DEFAULT_BATCH_SIZE, DEFAULT_SPACY_PACKAGE, Extractor, load_pipeline
from saidwhat.speakers import resolve_speakers
from spark import MemorySampler, time_spark_job

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def best_time(run, repeat):
    """Return the shortest wall time of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--models", default="accurate,fast,rules", metavar="A,B",
                    help="models to time: names or directories (default: accurate,fast,rules)")
    ap.add_argument("--no-processes", action="store_true", help="skip the whole runs with workers and Spark")
    ap.add_argument("--busy", action="store_true", help="keep one core busy with another process meanwhile")
    args = ap.parse_args()
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        run_all(args)
    finally:
        if busy is not None:
            busy.kill()


def run_all(args):
    """Print every figure asked for."""
    texts = [article.text for article in load_compartment(args.gold).values()]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(DEFAULT_SPACY_PACKAGE)
    bare_name = f"bare spaCy ({DEFAULT_SPACY_PACKAGE})"
    runs = {bare_name: lambda some: list(bare.pipe(some, batch_size=DEFAULT_BATCH_SIZE))}
    models = args.models.split(",")
    for model in models:
        extractor = Extractor(load_pipeline(model=model))
        runs[f"saidwhat --model {model}"] = lambda some, e=extractor: list(e.extract_many(some, batch_size=DEFAULT_BATCH_SIZE))
    rounds = interleaved(runs, texts, args.repeat)
    print(f"{len(texts)} articles, {words} words (PolNeAR {Path(args.gold).name}), best of {args.repeat}, "
          f"the pipelines taking turns{', one core kept busy by another process' if args.busy else ''}")
    bare_best = min(r[bare_name] for r in rounds)
    for name in runs:
        seconds = min(r[name] for r in rounds)
        line = f"  {name + ':':40s}{seconds:6.2f} s  {words / seconds:8.0f} words/s"
        if name != bare_name:
            per_round = sorted(r[name] / r[bare_name] for r in rounds)
            line += (f"  ratio to bare {seconds / bare_best:.2f}x (best to best; within a round "
                     f"{per_round[0]:.2f}x-{per_round[-1]:.2f}x, median {statistics.median(per_round):.2f}x)")
        print(line)
    speaker_cost(models[0], texts, args.repeat)
    if not args.no_processes:
        process_runs(models[0], texts, words)


def interleaved(runs, texts, repeat):
    """Time each of ``runs`` (name: callable over a list of texts) on ``texts`` in
    ``repeat`` rounds in which each runs once in turn, after a warm-up on a few
    articles; return each round's wall times by name. Taking turns puts a slow spell of
    the machine on all of them rather than on one, and a round's ratios compare runs
    made under about the same conditions."""
    for run in runs.values():
        run(texts[:4])
    rounds = []
    for _ in range(repeat):
        times = {}
        for name, run in runs.items():
            start = time.perf_counter()
            run(texts)
            times[name] = time.perf_counter() - start
        rounds.append(times)
    return rounds


def speaker_cost(model, texts, repeat):
    """Print the time of speaker resolution alone and its share of the attribution pipeline's."""
    nlp = load_pipeline(model=model)
    nlp.get_pipe("saidwhat").speakers = False
    list(nlp.pipe(texts[:4]))
    docs = []

    def attribute():
        docs[:] = nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)

    attributions_s = best_time(attribute, repeat)
    for ranking, ranker in (("learned", nlp.get_pipe("saidwhat").ranker), ("rules", None)):
        resolve_s = best_time(lambda: [resolve_speakers(doc, doc._.attributions, ranker) for doc in docs], repeat)
        print(f"  speaker resolution alone ({model}, {ranking} ranking): {resolve_s:6.2f} s over {len(docs)} "
              f"parsed articles, +{100 * resolve_s / attributions_s:.1f}% of the attribution pipeline "
              f"({attributions_s:.2f} s)")


def process_runs(model, texts, words):
    """Print words/s and peak memory of ``saidwhat extract --workers 1`` and ``2`` and of
    the Spark job in local[2], over ``texts``."""
    print(f"whole runs, --model {model}:")
    with tempfile.TemporaryDirectory(prefix="saidwhat-speed-") as root:
        full, short = Path(root) / "all.jsonl", Path(root) / "two.jsonl"
        full.write_text("".join(json.dumps({"id": str(k), "text": t}) + "\n" for k, t in enumerate(texts)))
        short.write_text("".join(json.dumps({"id": str(k), "text": t[:300]}) + "\n" for k, t in enumerate(texts[:2])))
        one = None
        for workers in (1, 2):
            command = [sys.executable, "-m", "saidwhat", "extract", "--model", model, "--workers", str(workers),
                       "--progress", "never", "-o", str(Path(root) / "out.jsonl")]
            start_s, _ = whole_run(command + [str(short)])
            seconds, peak = whole_run(command + [str(full)])
            rate = words / (seconds - start_s)
            one = one or rate
            print(f"  extract --workers {workers}: {seconds:6.1f} s, of which {start_s:.1f} s starting; "
                  f"{rate:6.0f} words/s ({rate / one:.2f}x one worker), peak memory {peak:.0f} MiB")
    timing = time_spark_job(texts, model, repeat=2)
    print(f"  spark local[2]: runs of {', '.join(f'{s:.1f}' for s in timing.seconds)} s; best "
          f"{timing.words_per_second:6.0f} words/s ({timing.words_per_second / one:.2f}x one worker), "
          f"peak memory {timing.peak_mib['jvm'] + timing.peak_mib['python workers']:.0f} MiB (JVM and Python workers)")


def whole_run(command):
    """Run ``command``; return its wall time and the peak of its processes' memory (MiB)."""
    sampler = MemorySampler()
    sampler.start()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, sampler.stop()["python workers"]  # the processes below this one


if __name__ == "__main__":
    sys.exit(main())

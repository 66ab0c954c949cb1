"""Print words/s of the saidwhat pipeline with each model and of the bare spaCy
pipeline on the same PolNeAR dev texts, single process, and their ratio (time / bare time);
then what speaker resolution adds to the attribution pipeline.

    .venv/bin/python benchmarks/speed.py [GOLD_DIR] [--repeat N] [--models accurate,fast,rules]

Each is timed ``--repeat`` times (default 2) after a warm-up on a few articles; the
best run counts, so a busy moment of the machine does not decide the figure. Speaker
resolution is timed alone (the ``saidwhat_speakers`` component over Docs that already
carry the first model's attributions) against that pipeline without it.
"""
import argparse
import sys
import time
from pathlib import Path

import spacy

from saidwhat.brat import load_compartment
from saidwhat.pipeline import DEFAULT_BATCH_SIZE, DEFAULT_SPACY_PACKAGE, Extractor, load_pipeline

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
    args = ap.parse_args()
    texts = [text for text, _ in load_compartment(args.gold).values()]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(DEFAULT_SPACY_PACKAGE)
    list(bare.pipe(texts[:4]))
    bare_s = best_time(lambda: list(bare.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)), args.repeat)
    print(f"{len(texts)} articles, {words} words (PolNeAR {Path(args.gold).name}), best of {args.repeat}")
    print(f"  bare spaCy ({DEFAULT_SPACY_PACKAGE}): {bare_s:6.2f} s  {words / bare_s:8.0f} words/s")
    for model in args.models.split(","):
        name = f"saidwhat --model {model}"
        extractor = Extractor(load_pipeline(model=model))
        list(extractor.extract_many(texts[:4]))
        full_s = best_time(lambda: list(extractor.extract_many(texts, batch_size=DEFAULT_BATCH_SIZE)), args.repeat)
        print(f"  {name + ':':34s}{full_s:6.2f} s  {words / full_s:8.0f} words/s  ratio to bare {full_s / bare_s:.2f}x")
    speaker_cost(args.models.split(",")[0], texts, args.repeat)


def speaker_cost(model, texts, repeat):
    """Print the time of speaker resolution alone and its share of the attribution pipeline's."""
    nlp = load_pipeline(model=model)
    resolver = nlp.get_pipe("saidwhat_speakers")
    with nlp.select_pipes(disable=["saidwhat_speakers"]):
        list(nlp.pipe(texts[:4]))
        docs = []

        def attribute():
            docs[:] = nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)

        attributions_s = best_time(attribute, repeat)
    resolve_s = best_time(lambda: [resolver(doc) for doc in docs], repeat)
    print(f"  speaker resolution alone ({model}): {resolve_s:6.2f} s over {len(docs)} parsed articles, "
          f"+{100 * resolve_s / attributions_s:.1f}% of the attribution pipeline ({attributions_s:.2f} s)")


if __name__ == "__main__":
    sys.exit(main())

"""Process one article of several MB and print the time and peak memory it takes.

    .venv/bin/python benchmarks/memory.py [--mb 4]

The article is PolNeAR dev texts joined, paragraph after paragraph, up to the size
asked for. The pipeline cuts it at paragraph boundaries into pieces of at most
saidwhat.pipeline.MAX_CHUNK_CHARS, so peak memory grows with the piece size and the
attributions kept, not with spaCy's view of the whole text. Every offset is checked
against the text at the end.
"""
import argparse
import resource
import sys
import time
from pathlib import Path

from saidwhat.io.gold import load_compartment
from saidwhat.pipeline import MAX_CHUNK_CHARS, Extractor, load_pipeline

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def peak_mib():
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=4.0, help="article size in MB of text (default 4)")
    args = ap.parse_args()
    texts = [article.text for article in load_compartment(DEFAULT_GOLD).values()]
    parts, size, k = [], 0, 0
    while size < args.mb * 1_000_000:
        parts.append(texts[k % len(texts)])
        size += len(texts[k % len(texts)]) + 1
        k += 1
    article = "\n".join(parts)
    extractor = Extractor(load_pipeline())
    extractor.extract("Warm-up, she said.")
    before = peak_mib()
    start = time.perf_counter()
    result = extractor.extract(article, id="big")
    elapsed = time.perf_counter() - start
    for a in result.attributions:
        for span in (a.content, a.cue, a.source):
            assert span is None or " … ".join(article[s:e] for s, e in span.spans) == span.text
    print(f"article: {len(article) / 1e6:.1f} MB, {len(article.split())} words, pieces of <= {MAX_CHUNK_CHARS} chars")
    print(f"  {len(result.attributions)} attributions in {elapsed:.0f} s ({len(article.split()) / elapsed:.0f} words/s)")
    print(f"  peak memory: {before:.0f} MiB after loading, {peak_mib():.0f} MiB after the article")
    print("  all offsets point at their text")


if __name__ == "__main__":
    sys.exit(main())

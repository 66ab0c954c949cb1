"""Peak memory of ``saidwhat extract`` streaming a JSONL file of 100 articles and of
10,000: it should not grow with the number of articles.

    .venv/bin/python benchmarks/streaming.py [--sizes 100,10000] [--model fast] [--workers 2]

The articles are PolNeAR dev texts cut into pieces of three paragraphs, taken in turn
(so 10,000 articles hold about 1.2 million words), written as one JSONL file;
``saidwhat extract --workers N`` reads it as a user would, the output going to a file.
Memory is sampled every 0.2 s over every process of the run and summed (pages that
forked workers share count once per worker). The fast model is the default here only to
keep the run short: what is measured is what streaming holds, the same for every model.
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from saidwhat.io.gold import load_compartment
from spark import MemorySampler

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def short_articles(gold: Path, paragraphs: int = 3):
    """PolNeAR texts of ``gold`` cut into articles of ``paragraphs`` paragraphs."""
    out = []
    for article in load_compartment(gold).values():
        paras = [p for p in article.text.split("\n") if p.strip()]
        out.extend("\n".join(paras[k:k + paragraphs]) for k in range(0, len(paras), paragraphs))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,10000", help="numbers of articles (default 100,10000)")
    ap.add_argument("--model", default="fast")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    args = ap.parse_args()
    texts = short_articles(Path(args.gold))
    print(f"--model {args.model}, --workers {args.workers}; articles of three PolNeAR "
          f"{Path(args.gold).name} paragraphs, {len(texts)} distinct")
    with tempfile.TemporaryDirectory(prefix="saidwhat-streaming-") as root:
        for size in [int(n) for n in args.sizes.split(",")]:
            path = Path(root) / f"{size}.jsonl"
            words = 0
            with path.open("w", encoding="utf-8") as stream:
                for k in range(size):
                    text = texts[k % len(texts)]
                    words += len(text.split())
                    stream.write(json.dumps({"id": f"a{k}", "text": text}) + "\n")
            sampler = MemorySampler()
            sampler.start()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "saidwhat", "extract", "--model", args.model, "--workers",
                            str(args.workers), "--progress", "never", "-o", str(Path(root) / "out.jsonl"), str(path)],
                           check=True)
            seconds = time.perf_counter() - start
            peak = sampler.stop()["python workers"]
            print(f"  {size:>6,d} articles, {words:>9,d} words: {seconds:7.1f} s, {words / seconds:5.0f} words/s, "
                  f"peak memory {peak:5.0f} MiB", flush=True)


if __name__ == "__main__":
    sys.exit(main())

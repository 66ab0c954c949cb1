"""Time and peak memory of single articles of growing size, each in a fresh process.

    .venv/bin/python benchmarks/memory.py [--words 50000,200000,800000] [--mb 3,6] [--quotes 100,400,1600]
                                          [--model accurate]

Each article is PolNeAR train texts joined, paragraph after paragraph (starting over
when they run out), up to the size asked for: ``--words`` sizes are run twice, with
the line breaks and with every run of white space made one space (one endless
paragraph); ``--mb`` sizes with their line breaks; ``--quotes`` sizes are one paragraph
of that many short quotes (``"This is fine," the official said.``), the longest
paragraph a piece holds being about 1,800 of them. Each runs in a process of its own,
so its peak memory (the process's maximum resident size) is its own. Per word, time
and peak memory should stay flat as the article grows: the pipeline parses an article
in pieces of at most ``saidwhat.pipeline.MAX_CHUNK_CHARS`` characters, and the model
reads each piece a few paragraphs at a time. Every offset is checked against the text.
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"


def article(gold: Path, chars: int = 0, words: int = 0, breaks: bool = True) -> str:
    """PolNeAR texts of ``gold`` joined up to ``chars`` characters or ``words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((gold / "text").glob("*.txt"))]
    parts, size, count, k = [], 0, 0, 0
    while (chars and size < chars) or (words and count < words):
        text = texts[k % len(texts)]
        parts.append(text)
        size += len(text) + 1
        count += len(text.split())
        k += 1
    joined = "\n".join(parts)
    return joined if breaks else " ".join(joined.split())


def run_one(spec: dict) -> dict:
    """Extract one article as ``spec`` says, in this process; return its figures."""
    from saidwhat.pipeline import Extractor, load_pipeline

    text = (" ".join(['"This is fine," the official said.'] * spec["quotes"]) if spec.get("quotes")
            else article(Path(spec["gold"]), spec.get("chars", 0), spec.get("words", 0), spec["breaks"]))
    extractor = Extractor(load_pipeline(model=spec["model"]))
    extractor.extract("Warm-up, she said.")
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    result = extractor.extract(text, id="big")
    seconds = time.perf_counter() - start
    for a in result.attributions:
        for span in (a.content, a.cue, a.source):
            assert span is None or " … ".join(text[s:e] for s, e in span.spans) == span.text
    return {"chars": len(text), "words": len(text.split()), "attributions": len(result.attributions),
            "seconds": seconds, "loaded_mib": loaded, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(spec: dict) -> dict:
    """Run :func:`run_one` in a fresh process; return its figures."""
    out = subprocess.run([sys.executable, __file__, "--one", json.dumps(spec)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{spec}: failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(name: str, figures: dict) -> None:
    print(f"  {name:28s}{figures['words']:>9,d} words {figures['chars'] / 1e6:5.1f} MB  "
          f"{figures['attributions']:6d} attributions  {figures['seconds']:7.1f} s  "
          f"{figures['seconds'] / figures['words'] * 1e6:6.0f} us/word  peak {figures['peak_mib']:6.0f} MiB "
          f"({(figures['peak_mib'] - figures['loaded_mib']) / figures['words'] * 1024:5.2f} KiB/word above "
          f"{figures['loaded_mib']:.0f} MiB loaded)", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", default="50000,200000,800000", help="article sizes in words (default 50k,200k,800k)")
    ap.add_argument("--mb", default="3,6", help="article sizes in MB of text, with line breaks (default 3,6)")
    ap.add_argument("--quotes", default="100,400,1600", help="one paragraph of this many short quotes (default 100,400,1600)")
    ap.add_argument("--model", default="accurate", help="model to run (default: accurate, the default)")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="PolNeAR compartment whose texts are joined")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(json.loads(args.one))))
        return
    print(f"model {args.model}; PolNeAR {Path(args.gold).name} texts joined; each article in a fresh process")
    base = {"gold": args.gold, "model": args.model}
    for words in [int(w) for w in args.words.split(",") if w]:
        for breaks in (True, False):
            name = f"{words:,d} words, {'line breaks' if breaks else 'one paragraph'}"
            report(name, measure(dict(base, words=words, breaks=breaks)))
    for quotes in [int(q) for q in args.quotes.split(",") if q]:
        report(f"{quotes:,d} quotes, one paragraph", measure(dict(base, quotes=quotes, breaks=False)))
    sized = {}
    for mb in [float(m) for m in args.mb.split(",") if m]:
        sized[mb] = measure(dict(base, chars=int(mb * 1e6), breaks=True))
        report(f"{mb:g} MB, line breaks", sized[mb])
    if len(sized) > 1:
        small, large = min(sized), max(sized)
        print(f"  peak at {large:g} MB is {sized[large]['peak_mib'] / sized[small]['peak_mib'] - 1:+.1%} "
              f"of that at {small:g} MB")


if __name__ == "__main__":
    sys.exit(main())

"""Write the gold source spans of PolNeAR articles as lines to resolve by hand
(tests/data/speakers/GUIDELINES.md): one line per distinct source span, in text order,
with ``name`` and ``type`` left null for the annotator.

    .venv/bin/python benchmarks/speaker_sources.py COMPARTMENT_DIR STEM [STEM ...] > part.jsonl
"""
import argparse
import json
import sys

from saidwhat.io.gold import load_compartment


def source_lines(article):
    """The lines of one gold article: each distinct source span once, in text order."""
    spans = sorted({tuple(sorted(a.source)) for a in article.attributions if a.source})
    for span in spans:
        text = " … ".join(article.text[s:e] for s, e in span)
        yield {"article": article.stem, "source": [list(x) for x in span], "source_text": text,
               "name": None, "type": None}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("compartment")
    parser.add_argument("stems", nargs="+")
    args = parser.parse_args()
    gold = load_compartment(args.compartment)
    missing = [stem for stem in args.stems if stem not in gold]
    if missing:
        parser.error(f"not in {args.compartment}: {', '.join(missing)}")
    for stem in args.stems:
        for line in source_lines(gold[stem]):
            print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

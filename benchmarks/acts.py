"""Print how often the act saidwhat gives an attribution (speech, writing, thought,
intention, document) is the one a person gave it, on hand-labelled PolNeAR dev articles.

    .venv/bin/python benchmarks/acts.py [--model NAME|DIR] [--labels FILE] [--errors]

``tests/data/acts/dev-acts.jsonl`` labels every gold attribution with a cue of 20 dev
articles (those of ``tests/data/speakers/dev-heldout-speakers.jsonl``; the guide the
labellers read is ``tests/data/acts/GUIDE.md``); ``tests/data/acts/dev-acts-fresh.jsonl``
labels 20 other dev articles the same way (neither those nor the speaker-tuned ones of
``dev-speakers.jsonl``: the rest in sorted order, an outlet at a time), labelled before the
word lists were revised, to see whether they generalise. Each found attribution matched to a gold
one (content overlap, as the reference scorer matches) is right when its act is the
gold one's label.
"""
import argparse
import collections
import json
import sys
from pathlib import Path

from saidwhat.evaluation.scoring import TokenIndex, judge, predictions_from_articles
from saidwhat.io.gold import load_compartment
from saidwhat.pipeline import Extractor, load_pipeline
from saidwhat.schema import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "dev"
DEFAULT_LABELS = ROOT / "tests" / "data" / "acts" / "dev-acts.jsonl"


def gold_key(article, attribution):
    """How a label names its gold attribution: the article, the cue, the content's start."""
    content = " … ".join(article.text[s:e] for s, e in sorted(attribution.content))[:160]
    return article.stem, tuple(tuple(x) for x in sorted(attribution.cue)), content


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--labels", default=str(DEFAULT_LABELS))
    parser.add_argument("--model", default="accurate")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    labels = {}
    for line in open(args.labels, encoding="utf-8"):
        record = json.loads(line)
        labels[(record["article"], tuple(tuple(x) for x in record["cue"]), record["content_text"])] = record["act"]
    gold = load_compartment(args.gold)
    stems = sorted({key[0] for key in labels})
    articles = list(Extractor(load_pipeline(model=args.model)).extract_many(
        Article(id=s, text=gold[s].text) for s in stems))
    predictions = predictions_from_articles(articles)
    confusion = collections.Counter()
    errors = []
    for article in articles:
        truth = gold[article.id]
        found = [a for a in article.attributions if a.parent is None]
        for i, j, _ in judge(TokenIndex(truth.text), truth.attributions, predictions[article.id]):
            label = labels.get(gold_key(truth, truth.attributions[j]))
            if label is not None:
                confusion[label, found[i].act] += 1
                if label != found[i].act:
                    errors.append((article.id, found[i].cue.text if found[i].cue else None, label, found[i].act))
    total = sum(confusion.values())
    right = sum(n for (g, p), n in confusion.items() if g == p)
    print(f"acts on {len(stems)} hand-labelled PolNeAR dev articles (model {args.model}): "
          f"{right}/{total} matched attributions right, {right / total:.3f}")
    for act in ("speech", "writing", "thought", "intention", "document"):
        row = {p: n for (g, p), n in confusion.items() if g == act}
        print(f"  {act:10s} gold {sum(row.values()):4d}  right {row.get(act, 0):4d}  found as {dict(row)}")
    if args.errors:
        for error in errors:
            print("  ", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())

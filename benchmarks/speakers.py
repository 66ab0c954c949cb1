"""Print speaker resolution figures on hand-resolved PolNeAR articles.

    .venv/bin/python benchmarks/speakers.py [--model NAME|DIR] [--gold-sources] [--errors]
        [--speaker-ranking learned|rules|FILE]
        [--annotations FILE --gold COMPARTMENT]

Runs the pipeline over the articles of ``tests/data/speakers/dev-speakers.jsonl`` (or
``--annotations``: ``dev-heldout-speakers.jsonl``, never tuned on, or
``train-speakers.jsonl`` with ``--gold ../shared/data/polnear/train``) and scores each
found attribution's speaker name against the annotation, by the form of the gold
source (saidwhat/evaluation/speaker_scoring.py). ``--gold-sources`` resolves the gold
attributions' own sources instead, which measures the resolver without the extractor's
misses. ``--errors`` lists every wrong name, grouped by source form.
"""
import argparse
import collections
import time
from pathlib import Path

from saidwhat.io.gold import load_compartment
from saidwhat.pipeline import Extractor, load_pipeline
from saidwhat.schema import Article
from saidwhat.evaluation.speaker_scoring import format_speaker_table, load_annotations, score_speakers
from saidwhat.training.speakers import parse_articles, score_resolver

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "dev"
DEFAULT_ANNOTATIONS = ROOT / "tests" / "data" / "speakers" / "dev-speakers.jsonl"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--annotations", default=str(DEFAULT_ANNOTATIONS))
    parser.add_argument("--model", default="accurate")
    parser.add_argument("--gold-sources", action="store_true")
    parser.add_argument("--speaker-ranking", default="learned", help="learned, rules or a weights file")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    annotations = load_annotations(args.annotations)
    gold = load_compartment(args.gold)
    stems = sorted(s for s in annotations if s in gold)
    nlp = load_pipeline(model=args.model, speaker_ranking=args.speaker_ranking)
    started = time.perf_counter()
    if args.gold_sources:
        result = score_resolver(parse_articles(nlp, gold, annotations), gold, annotations,
                                nlp.get_pipe("saidwhat").ranker)
        label = "gold sources"
    else:
        extractor = Extractor(nlp)
        articles = extractor.extract_many(Article(id=s, text=gold[s].text) for s in stems)
        result = score_speakers(gold, annotations, articles)
        label = f"model {args.model}"
    label += f", {args.speaker_ranking} ranking"
    print(f"speakers on {len(stems)} hand-resolved PolNeAR {Path(args.gold).name} articles "
          f"({Path(args.annotations).name}, {label}, "
          f"{time.perf_counter() - started:.1f} s)")
    print(format_speaker_table(result))
    if args.errors:
        by_form = collections.defaultdict(list)
        for error in result["errors"]:
            by_form[error["form"]].append(error)
        for form, errors in by_form.items():
            print(f"\n{form}: {len(errors)} wrong")
            kinds = collections.Counter("no name" if e["got"] is None else "other name" for e in errors)
            causes = collections.Counter(e["cause"] for e in errors)
            print("  " + ", ".join(f"{k}: {v}" for k, v in kinds.items()) + "; by cause: "
                  + ", ".join(f"{k}: {v}" for k, v in causes.most_common()))
            for e in errors:
                found = "" if e["cause"] == "resolver" else f" [{e['cause']}: {e['found_source']!r}]"
                print(f"  {e['article'][:40]:40s} {e['source'][:40]!r:44s} expected {e['expected']!r} "
                      f"got {e['got']!r}{found}")


if __name__ == "__main__":
    main()

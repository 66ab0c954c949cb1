"""Print saidwhat's figures on PolNeAR dev with the project's scorer (same as attrscore).

    .venv/bin/python benchmarks/accuracy.py [GOLD_DIR] [--model NAME|DIR] [--reliability] [--by-rule] [--cue-errors]

``--model`` is a shipped model (``accurate``, the default, or ``fast``), ``rules`` or a
directory from ``saidwhat train``. ``--reliability`` adds the calibration table: the
attributions binned by confidence, with the share of each bin that is who-said-what
correct (docs/model.md).
``--cue-errors`` adds how the found cue stands to the gold one over the matched
attributions (the same words, inside it, around it, overlapping it, apart from it) and
the exact cue F1 there would be if every cue that shares a word with the gold one had
exactly its words: how far cue boundaries alone can move that figure; last, the F1 of
the distinct cues found against the distinct gold cues, whatever their attributions.
``--by-rule`` adds, for each extraction rule, how many attributions it made, the share
of them that are who-said-what correct, and that share add-one smoothed. Run on train
(``benchmarks/accuracy.py ../shared/data/polnear/train --by-rule``) it gives the
confidences in the extraction rules' ``RULE_CONFIDENCE`` (``saidwhat.extract``).
"""
import argparse
import collections
import sys
import time
from pathlib import Path

from saidwhat.evaluation.scoring import (CUE_RELATIONS, TokenIndex, cue_relations, format_table, judge,
                                         predictions_from_articles, score, scored_attributions)
from saidwhat.extract.rules import find_attributions
from saidwhat.io.gold import GoldAttribution, load_compartment
from saidwhat.pipeline import Extractor, load_pipeline
from saidwhat.schema import Article

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def by_rule(nlp, gold):
    """Return {rule: [made, who-said-what correct]} over the gold articles."""
    counts = collections.defaultdict(lambda: [0, 0])
    for doc, article in zip(nlp.pipe(a.text for a in gold.values()), gold.values()):
        found = find_attributions(doc)
        pred = [GoldAttribution(source=[f.source] if f.source else (), cue=[f.cue] if f.cue else (), content=f.content)
                for f in found]
        judged = judge(TokenIndex(article.text), article.attributions, pred)
        right = {i for i, _, source_right in judged if source_right}
        for i, f in enumerate(found):
            counts[f.rule][0] += 1
            counts[f.rule][1] += i in right
    return counts


def reliability(gold, articles, bins=10):
    """Return rows ``(low, high, made, mean confidence, share right)`` per confidence bin
    over the outermost attributions (those scored) and the expected calibration error
    (the made-weighted mean gap)."""
    rows = [[0, 0.0, 0] for _ in range(bins)]
    predictions = predictions_from_articles(articles)
    for article in articles:
        truth = gold[article.id]
        right = {i for i, _, ok in judge(TokenIndex(truth.text), truth.attributions, predictions[article.id]) if ok}
        for i, a in enumerate(scored_attributions(article)):
            row = rows[min(int(a.confidence * bins), bins - 1)]
            row[0] += 1
            row[1] += a.confidence
            row[2] += i in right
    total = sum(r[0] for r in rows)
    ece = sum(abs(r[1] - r[2]) for r in rows) / total if total else 0.0
    return [(k / bins, (k + 1) / bins, r[0], r[1] / r[0], r[2] / r[0]) for k, r in enumerate(rows) if r[0]], ece


def cue_span_f1(gold, predictions):
    """Return the F1 of the distinct cues found against the distinct gold cues of each
    article, a cue right when it covers exactly the gold cue's word tokens, whatever
    the attribution around it: the kind of cue figure CofeNet reports (there sentence by
    sentence), not the reference scorer's exact cue, which needs the attribution matched."""
    right = found = total = 0
    for stem, article in gold.items():
        tokens = TokenIndex(article.text)
        cues = [{frozenset(tokens.covered(a.cue, True)) for a in group} - {frozenset()}
                for group in (article.attributions, predictions.get(stem, []))]
        right += len(cues[0] & cues[1])
        total += len(cues[0])
        found += len(cues[1])
    return 2 * right / (found + total) if found + total else 0.0


def print_cue_relations(gold, predictions):
    """Print :func:`saidwhat.evaluation.scoring.cue_relations` over ``predictions`` with the exact
    cue F1 there is, the one there would be with every boundary right (every found cue
    sharing a word with its gold cue given exactly its words) and with every matched
    cue right (the quote F1)."""
    counts = cue_relations(gold, predictions)
    matched = sum(counts.values())
    both = sum(len(predictions.get(stem, [])) + len(article.attributions) for stem, article in gold.items())
    print(f"\n  cue of the {matched} matched attributions")
    for relation in CUE_RELATIONS:
        print(f"  {relation:22s} {counts[relation]:5d}  {counts[relation] / matched:6.3f}")
    boundaries = matched - counts[CUE_RELATIONS[-1]]
    print(f"  exact cue F1 {2 * counts[CUE_RELATIONS[0]] / both:.3f}; with every boundary right "
          f"{2 * boundaries / both:.3f}; with every matched cue right {2 * matched / both:.3f}")
    print(f"  distinct cues found against the gold ones, exact: F1 {cue_span_f1(gold, predictions):.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--by-rule", action="store_true")
    ap.add_argument("--model", default="accurate", metavar="NAME|DIR",
                    help="accurate (default), fast, rules, or a directory from saidwhat train")
    ap.add_argument("--reliability", action="store_true", help="print the calibration table")
    ap.add_argument("--cue-errors", action="store_true",
                    help="print how found cues stand to the gold ones and what their boundaries cost")
    args = ap.parse_args()
    gold = load_compartment(args.gold)
    nlp = load_pipeline(model=args.model)
    start = time.perf_counter()
    articles = list(Extractor(nlp).extract_many(Article(id=stem, text=a.text) for stem, a in gold.items()))
    elapsed = time.perf_counter() - start
    print(format_table(Path(args.gold).name, score(gold, predictions_from_articles(articles))))
    print(f"  {sum(len(a.attributions) for a in articles)} attributions in {elapsed:.1f} s")
    if args.reliability:
        rows, ece = reliability(gold, articles)
        print("\n  confidence   made  mean conf  right")
        for low, high, made, mean, right in rows:
            print(f"  {low:.1f}-{high:.1f}  {made:6d}  {mean:9.3f}  {right:5.3f}")
        print(f"  expected calibration error {ece:.3f}")
    if args.cue_errors:
        print_cue_relations(gold, predictions_from_articles(articles))
    if args.by_rule:
        print("\n  rule                   made  right  precision  smoothed")
        for rule, (made, right) in sorted(by_rule(load_pipeline(model="rules"), gold).items(), key=lambda kv: -kv[1][0]):
            print(f"  {rule:22s} {made:5d}  {right:5d}  {right / made:9.3f}  {(right + 1) / (made + 2):8.2f}")


if __name__ == "__main__":
    sys.exit(main())

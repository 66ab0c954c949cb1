"""Print how far PolNeAR's own annotators agree, by the reference scorer's figures, and
the model's figures on the same articles.

    .venv/bin/python benchmarks/agreement.py [DATA_DIR] [--model NAME|DIR]

A few PolNeAR articles were annotated twice (two ``attributions/<stem>_<annotator>.ann``
files). Scoring the second annotator's file against the first, as ``saidwhat eval``
scores a model against the first, gives the figures a second careful person reaches,
a reference the model's figures can be read against. The model is then scored on the
same articles against the first annotator (each article extracted once); the articles from ``train/`` were seen in
training, so only its figures on ``dev/`` articles are a fair comparison. Last, how the second
annotator's cues and the model's stand to the first annotator's over the pairs matched
(``benchmarks/accuracy.py --cue-errors``).
"""
import argparse
import sys
from pathlib import Path

from saidwhat.evaluation.scoring import format_table, predictions_from_articles, score
from saidwhat.io.gold import annotation_files, read_article
from saidwhat.pipeline import Extractor, load_pipeline
from saidwhat.schema import Article

from accuracy import print_cue_relations  # benchmarks/ is the script's own directory

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def doubly_annotated(data_dir):
    """Return ``{compartment: (first annotator's gold, second's)}``, each a compartment
    (``{stem: GoldArticle}``) of the articles of that compartment with two or more
    annotator files."""
    out = {}
    for compartment in ("train", "dev"):
        directory = Path(data_dir) / compartment
        if not directory.is_dir():
            continue
        first, second = {}, {}
        for stem, (txt, anns) in annotation_files(directory).items():
            if len(anns) > 1:
                first[stem] = read_article(stem, txt, anns[0])
                second[stem] = read_article(stem, txt, anns[1])
        if first:
            out[compartment] = (first, second)
    return out


def as_predictions(gold):
    """Return the attributions of the compartment ``gold`` as predictions to score."""
    return {stem: article.attributions for stem, article in gold.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA), help="PolNeAR directory with train/ and dev/")
    ap.add_argument("--model", default="accurate", help="model to score on the same articles (default: accurate)")
    args = ap.parse_args()
    pairs = doubly_annotated(args.data)
    if not pairs:
        print(f"{args.data}: no article has two annotator files")
        return 1
    everything = ({}, {})
    for first, second in pairs.values():
        everything[0].update(first)
        everything[1].update(second)
    extractor = Extractor(load_pipeline(model=args.model))
    articles = {article.id: article for article in extractor.extract_many(
        Article(id=stem, text=article.text) for stem, article in everything[0].items())}
    for name, (first, second) in dict(pairs, all=everything).items():
        humans = score(first, as_predictions(second))
        print(f"{name}: {humans['quote']['gold']} attributions by the first annotator, "
              f"{humans['quote']['pred']} by the second")
        print(format_table(f"second annotator against the first, {name}", humans))
        seen = " (seen in training)" if name != "dev" else ""
        model = score(first, predictions_from_articles(articles[stem] for stem in first))
        print(format_table(f"saidwhat --model {args.model} against the first, {name}{seen}", model))
    first, second = everything
    print("\nsecond annotator against the first, all:", end="")
    print_cue_relations(first, as_predictions(second))
    print(f"saidwhat --model {args.model} against the first, all:", end="")
    print_cue_relations(first, predictions_from_articles(articles.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Record in a model's meta.json the PolNeAR dev figures ``saidwhat eval`` gives with
the code as it is, for each encoder precision; ``saidwhat info`` prints them.

    .venv/bin/python benchmarks/record_dev.py [GOLD_DIR] [--model accurate|fast|DIR]

The figures a model's training run records (``dev`` in meta.json) come from the
network in memory, before its weights are saved in float16, and from the code of that
day; this records what a user gets now (``dev_eval``: who-said-what and quote F1, by
the precision MiniLM runs in, ``any`` for a model without it). A test checks that
``saidwhat eval`` still gives the recorded figure for the default model.
"""
import argparse
import json
import sys
from pathlib import Path

from saidwhat.evaluation.scoring import predictions_from_articles, score
from saidwhat.io.gold import load_compartment
from saidwhat.model import model_path
from saidwhat.pipeline import Extractor, load_pipeline
from saidwhat.schema import Article

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
RECORDED = ("who_said_what", "quote")


def dev_figures(gold, model, precision):
    """Return the recorded figures of ``model`` on ``gold`` with MiniLM in ``precision``."""
    nlp = load_pipeline(model=model, encoder_precision=precision)
    found = Extractor(nlp).extract_many(Article(id=stem, text=a.text) for stem, a in gold.items())
    result = score(gold, predictions_from_articles(list(found)))
    return nlp.get_pipe("saidwhat").model.uses_encoder, {name: round(result[name]["f1"], 4) for name in RECORDED}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--model", default="accurate")
    args = parser.parse_args()
    gold = load_compartment(args.gold)
    uses_encoder, figures = dev_figures(gold, args.model, "bfloat16")
    record = {"bfloat16": figures, "float32": dev_figures(gold, args.model, "float32")[1]} if uses_encoder else {
        "any": figures}
    meta_path = model_path(args.model) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["dev_eval"] = record
    meta_path.write_text(json.dumps(meta, indent=0, sort_keys=True), encoding="utf-8")
    for precision, values in record.items():
        print(f"{args.model} ({precision}): " + ", ".join(f"{k} {v:.4f}" for k, v in values.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

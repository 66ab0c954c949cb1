"""``saidwhat eval``, ``info`` and ``train``."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Any, Dict, Optional

from .. import __version__
from ..io.formats import make_writer
from ..pipeline import Extractor, pipeline_info
from ..schema import Article
from .common import EXIT_OK, atomic_target, pipeline_from_args

logger = logging.getLogger(__name__)


def run_eval(args: argparse.Namespace) -> int:
    """``saidwhat eval``: score predictions (given or made now) against gold; print figures."""
    from ..evaluation.scoring import format_table, load_predictions, predictions_from_articles, score
    from ..io.gold import load_compartment

    gold = load_compartment(args.gold)
    if args.predictions:
        predictions = load_predictions(args.predictions)
        name = os.path.basename(args.predictions)
    else:
        extractor = Extractor(pipeline_from_args(args))
        found = extractor.extract_many(Article(id=stem, text=article.text) for stem, article in gold.items())
        articles = list(found)
        predictions = predictions_from_articles(articles)
        name = "saidwhat"
        if args.save_predictions:
            with atomic_target(args.save_predictions, False) as stream:
                writer = make_writer("jsonl", stream, include_text=False)
                for article in articles:
                    writer.write(article)
                writer.close()
    result = score(gold, predictions)
    if args.json:
        print(json.dumps({name: result}, indent=1))
    else:
        print(format_table(name, result))
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    """``saidwhat info``: print the version, the spaCy pipeline and the approach."""
    info = {"saidwhat": __version__, "python": sys.version.split()[0]}
    info.update(pipeline_info(pipeline_from_args(args)))
    if args.json:
        print(json.dumps(info, indent=1))
        return EXIT_OK
    pipe = info["spacy_pipeline"]
    print(f"saidwhat        {info['saidwhat']}")
    print(f"python          {info['python']}")
    print(f"spacy           {info['spacy']}")
    print(f"spacy pipeline  {pipe['package']} {pipe['version']} ({', '.join(pipe['components'])})")
    print(f"approach        {info['approach']}")
    print(f"min confidence  {info['min_confidence']}")
    print(f"model           {info['model']}")
    if info["encoder_precision"]:
        print(f"encoder         MiniLM in {info['encoder_precision']}")
    if "model_record" in info:
        _print_model_record(info["model_record"], info["encoder_precision"])
    return EXIT_OK


def _print_model_record(record: Dict[str, Any], precision: Optional[str]) -> None:
    """Print the lines of ``saidwhat info`` on how the model was trained and its dev figures."""
    training = record.get("training", {})
    print(f"trained         {record.get('trained', '?')} on {record.get('articles', '?')} articles, "
          f"seed {record.get('seed')}, {training.get('epochs', '?')} epochs ({record['directory']})")
    line = dev_line(record, precision)
    if line:
        print(f"dev             {line}")


def dev_line(record: Dict[str, Any], precision: Optional[str]) -> Optional[str]:
    """The model's PolNeAR dev figures as ``saidwhat eval`` gives them with MiniLM in
    ``precision`` (benchmarks/record_dev.py records them), the other precision's beside
    them; a model without that record gives its training run's figures, labelled so."""
    recorded = record.get("dev_eval", {})
    here = precision if precision in recorded else "any"
    if here in recorded:
        line = _figures(recorded[here]) + " (saidwhat eval"
        line += f", MiniLM in {here}" if here != "any" else ""
        others = [f"{other}: {_figures(figures)}" for other, figures in recorded.items() if other != here]
        return line + "".join(f"; {other}" for other in others) + ")"
    scores = record.get("dev", {})
    dev = scores.get("model + rules, cut") or scores.get("model + rules")
    return f"{_figures(dev)} (as trained, before the weights were saved)" if dev else None


def _figures(figures: Dict[str, float]) -> str:
    return f"who_said_what F1 {figures['who_said_what']:.3f}, quote F1 {figures['quote']:.3f}"


def run_train(args: argparse.Namespace) -> int:
    """``saidwhat train``: train a model into ``--out``; print dev figures if dev/ exists."""
    from ..evaluation.scoring import format_table
    from ..training.train import load_polnear, parser, train_model

    train_gold, dev_gold = load_polnear(args.data, args.limit)
    nlp = parser(args.spacy_pipeline)
    model, results = train_model(nlp, train_gold, dev_gold, kind=args.kind, seed=args.seed, epochs=args.epochs,
                                 threads=args.threads)
    with atomic_target(args.out, True) as model_dir:
        model.save(model_dir)
    timings = model.meta["timings"]
    logger.info("wrote the model to %s (%d articles, %.0f s of training)", args.out, len(train_gold), timings["train_s"])
    if results:
        print("\n".join(format_table(name, result) for name, result in results.items()))
    return EXIT_OK


def run_train_speakers(args: argparse.Namespace) -> int:
    """``saidwhat train-speakers``: fit the speaker ranking and write its weights to ``--out``."""
    from ..evaluation.speaker_scoring import format_speaker_table, load_annotations
    from ..io.gold import load_compartment
    from ..training.speakers import train_ranker
    from ..training.train import parser

    gold = load_compartment(args.data)
    annotations = load_annotations(args.annotations)
    if args.limit:
        annotations = {stem: annotations[stem] for stem in sorted(annotations)[:args.limit]}
    record, results = train_ranker(parser(args.spacy_pipeline), gold, annotations, folds=args.folds)
    with atomic_target(args.out, False) as out:
        json.dump(record, out, indent=1, sort_keys=True)
        out.write("\n")
    logger.info("wrote the speaker ranking to %s (%d articles, %d queries)", args.out, record["articles"],
                record["queries"])
    for name, result in results.items():
        print(f"{name}, cross-validated on {args.folds} folds of the annotated articles:")
        print(format_speaker_table(result))
    return EXIT_OK

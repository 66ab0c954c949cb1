"""Training a model on a PolNeAR directory, calibrating and scoring it on dev (``saidwhat train``).

A PolNeAR directory holds the compartments ``train/`` and, optionally, ``dev/``
(each with ``text/`` and ``attributions/``). Texts are parsed with the project pipeline
minus its ``saidwhat`` component. The network is trained on train; on dev the model's
confidences are calibrated (Platt scaling over the raw probabilities, per kind of
content), the model's minimum confidence is fitted, and the rules,
the model and the model with the rules are scored.
"""
from __future__ import annotations

import logging
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy
import torch
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import GoldDataError
from ..evaluation.scoring import TokenIndex, judge, score
from ..extract.found import Found
from ..extract.nesting import nest
from ..extract.rules import find_attributions
from ..io.gold import Compartment, GoldAttribution, load_compartment
from ..model import DEFAULT_EPOCHS, MODEL_NAMES, spacy_package
from ..model.encoder import TokenEncoder
from ..model.hybrid import combine
from ..model.inputs import DocInputs, Vocab
from ..model.network import Settings
from ..model.decoding import ModelFound
from ..model.predictor import NeuralModel
from ..pipeline import DEFAULT_SPACY_PACKAGE, load_pipeline
from ..schema import ATTRIBUTION_KINDS
from .alignment import align, parse_gold
from .fit import TrainingSettings, count_values, fit

logger = logging.getLogger(__name__)

PathLike = Union[str, os.PathLike]
TRAIN, DEV = "train", "dev"
# Documents encoded per call of the encoder while preparing inputs.
ENCODE_BATCH = 8
# Network sizes by kind (:class:`~saidwhat.model.network.Settings`). The fast model has
# no BiLSTM in stage 1: it reads spaCy's own token vectors (computed by the parse anyway)
# through one feed-forward layer and two narrow convolutions, and tags each cue's window
# with a narrower BiLSTM, its window starting at the cue's own paragraph.
ACCURATE: Dict[str, Any] = {"hidden": 128, "layers": 2, "span_hidden": 64}
FAST: Dict[str, Any] = {"hidden": 128, "layers": 0, "window_layers": 2, "span_hidden": 32, "spacy_tensor": 96,
                        "window_before": 0}


def load_polnear(data_dir: PathLike, limit: Optional[int] = None) -> Tuple[Compartment, Optional[Compartment]]:
    """Return the train compartment of ``data_dir`` (its first ``limit`` articles, if
    given) and its dev compartment (None without ``dev/``). GoldDataError without ``train/``."""
    data_dir = Path(data_dir)
    if not (data_dir / TRAIN).is_dir():
        raise GoldDataError(f"{data_dir}: no {TRAIN}/ folder; give the PolNeAR directory that holds "
                            f"{TRAIN}/ (and optionally {DEV}/)")
    train_gold = load_compartment(data_dir / TRAIN)
    if limit is not None:
        train_gold = dict(list(train_gold.items())[:limit])
    dev_gold = load_compartment(data_dir / DEV) if (data_dir / DEV).is_dir() else None
    return train_gold, dev_gold


def parser(package: str = DEFAULT_SPACY_PACKAGE) -> Language:
    """Return the project pipeline over ``package`` with its ``saidwhat`` component disabled."""
    nlp = load_pipeline(package, model="rules", speaker_ranking="rules")
    nlp.select_pipes(disable=["saidwhat"])
    return nlp


def prepare(docs: Sequence[Doc], encoder: Optional[TokenEncoder]) -> List[DocInputs]:
    """Return the network inputs of ``docs`` (with encoder vectors when ``encoder`` is given)."""
    out: List[DocInputs] = []
    for start in range(0, len(docs), ENCODE_BATCH):
        batch = docs[start:start + ENCODE_BATCH]
        vectors = encoder.encode(batch) if encoder is not None else [None] * len(batch)
        out.extend(DocInputs(doc, find_attributions(doc), v) for doc, v in zip(batch, vectors))
        if (start // ENCODE_BATCH) % 20 == 0:
            logger.info("prepared %d/%d articles", len(out), len(docs))
    return out


def train_model(nlp: Language, train_gold: Compartment, dev_gold: Optional[Compartment], kind: str = "accurate",
                seed: int = 0, epochs: int = DEFAULT_EPOCHS,
                threads: Optional[int] = None) -> Tuple[NeuralModel, Dict[str, Dict[str, Any]]]:
    """Train a model of ``kind`` (``accurate``: with the MiniLM encoder; ``fast``:
    without) on ``train_gold``; calibrate and score it on ``dev_gold`` if given.

    ``threads`` is how many threads torch computes with (default: every core); one
    thread sums in one order however busy the machine is, so a run is repeatable bit
    for bit. Returns the model (its ``meta`` records the run) and the dev scores by approach.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(threads or max(1, os.cpu_count() or 1))
    try:
        return _train(nlp, train_gold, dev_gold, kind, seed, epochs)
    finally:
        torch.set_num_threads(previous)


def _train(nlp: Language, train_gold: Compartment, dev_gold: Optional[Compartment], kind: str, seed: int,
           epochs: int) -> Tuple[NeuralModel, Dict[str, Dict[str, Any]]]:
    """What :func:`train_model` runs, with torch's threads set."""
    if kind not in MODEL_NAMES:
        raise ValueError(f"unknown model kind {kind!r}: use one of {', '.join(MODEL_NAMES)}")
    timings: Dict[str, float] = {}
    clock = time.perf_counter()
    logger.info("parsing %d training articles", len(train_gold))
    docs = parse_gold(nlp, train_gold)
    timings["parse_s"] = time.perf_counter() - clock
    encoder = TokenEncoder() if kind == "accurate" else None
    clock = time.perf_counter()
    stems = list(docs)
    inputs = prepare([docs[s] for s in stems], encoder)
    gold = [align(docs[s], train_gold[s].attributions) for s in stems]
    timings["prepare_s"] = time.perf_counter() - clock
    settings = Settings(encoder_dim=encoder.dim, **ACCURATE) if encoder is not None else Settings(**FAST)
    vocab = Vocab.build(count_values(inputs, gold, settings.window_before))
    training = TrainingSettings(epochs=epochs, seed=seed)
    clock = time.perf_counter()
    model = fit(inputs, gold, vocab, settings, training)
    timings["train_s"] = time.perf_counter() - clock
    results: Dict[str, Dict[str, Any]] = {}
    if dev_gold is not None:
        clock = time.perf_counter()
        results = calibrate_and_score(nlp, dev_gold, model, encoder)
        timings["dev_s"] = time.perf_counter() - clock
    model.meta = {
        "kind": kind,
        "articles": len(docs),
        "trained": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seed": seed,
        "spacy_pipeline": spacy_package(nlp),
        "training": vars(training),
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "dev": {name: {k: (round(v["f1"], 4) if isinstance(v, dict) else v) for k, v in r.items()}
                for name, r in results.items()},
    }
    return model, results


def calibrate_and_score(nlp: Language, gold: Compartment, model: NeuralModel,
                        encoder: Optional[TokenEncoder]) -> Dict[str, Dict[str, Any]]:
    """Fit ``model``'s calibration and minimum confidence on ``gold`` and return the
    scores there of the rules (``rules``), the model alone (``model``) and the model
    with the rules before and after the cut (``model + rules``; ``model + rules, cut``
    is what ``--model`` runs).

    The calibration is one Platt fit per kind of content over the model's outermost
    attributions in the combined output, "right" meaning who-said-what correct; the
    cut is :func:`f1_cut` of every outermost attribution's confidence.
    """
    logger.info("parsing %d dev articles", len(gold))
    docs = parse_gold(nlp, gold)
    stems = list(docs)
    texts = [docs[s].text for s in stems]
    inputs = prepare([docs[s] for s in stems], encoder)
    model.calibration = {}
    found = model.predict(inputs)
    combined = [[f for f in nest(x.doc, combine(x.rules, items)) if f.parent is None]
                for x, items in zip(inputs, found)]
    judged = []  # (attribution, right)
    made = []  # (model attribution, kind of content, right)
    for stem, text, items in zip(stems, texts, combined):
        correct = _correct(text, gold[stem].attributions, items)
        judged.extend(zip(items, correct))
        made.extend((item, item.kind(text), ok) for item, ok in zip(items, correct) if isinstance(item, ModelFound))
    for kind in ATTRIBUTION_KINDS:
        raw, right = [m.raw for m, k, _ in made if k == kind], [ok for _, k, ok in made if k == kind]
        model.calibration[kind] = platt(raw, right)
        logger.info("calibration of %s contents a=%.3f b=%.3f over %d predictions", kind, *model.calibration[kind],
                    len(raw))
    for item, kind, _ in made:
        item.probability = model.calibrated(item.raw, kind)
    model.min_confidence = f1_cut([item.confidence for item, _ in judged], [ok for _, ok in judged],
                                  sum(len(article.attributions) for article in gold.values()))
    logger.info("minimum confidence %.3f", model.min_confidence)
    cut = [[f for f in items if f.confidence >= model.min_confidence] for items in combined]
    by_name = {"rules": [x.rules for x in inputs], "model": found, "model + rules": combined,
               "model + rules, cut": cut}
    return {name: score(gold, dict(zip(stems, map(_spans, lists)))) for name, lists in by_name.items()}


def f1_cut(confidence: Sequence[float], right: Sequence[bool], n_gold: int, rounds: int = 20) -> float:
    """Return the confidence below which an attribution lowers the expected F1.

    Dropping an attribution that is right with probability p changes F1 = 2 tp /
    (made + gold) for the better exactly when p < F1 / 2, so the cut is half the F1
    of what it keeps (``confidence`` and ``right`` of each attribution made, against
    ``n_gold`` gold ones), found by iterating from no cut; rounded to 0.01.
    """
    cut = 0.0
    for _ in range(rounds):
        kept = [ok for p, ok in zip(confidence, right) if p >= cut]
        new = round(sum(kept) / (len(kept) + n_gold), 2) if kept or n_gold else 0.0
        if new == cut:
            break
        cut = new
    return cut


def _correct(text: str, gold: Sequence[GoldAttribution], items: Sequence[Found]) -> List[bool]:
    """Return, per item, whether it matches a gold attribution with the right source."""
    right = [False] * len(items)
    for i, _, source_right in judge(TokenIndex(text), gold, _spans(items)):
        right[i] = source_right
    return right


def platt(raw: Sequence[float], right: Sequence[bool], iterations: int = 50) -> Tuple[float, float]:
    """Return ``(a, b)`` so that ``sigmoid(a * logit(p) + b)`` fits the outcomes ``right``
    of raw probabilities ``raw`` (logistic regression by Newton's method); ``(1, 0)``
    when there is nothing to fit."""
    if not raw or all(right) or not any(right):
        return 1.0, 0.0
    p = numpy.clip(numpy.asarray(raw, dtype=float), 1e-6, 1 - 1e-6)
    x = numpy.stack([numpy.log(p / (1 - p)), numpy.ones_like(p)], axis=1)
    y = numpy.asarray(right, dtype=float)
    w = numpy.array([1.0, 0.0])
    for _ in range(iterations):
        q = 1 / (1 + numpy.exp(-(x @ w)))
        gradient = x.T @ (q - y) + 1e-3 * w
        hessian = (x * (q * (1 - q))[:, None]).T @ x + 1e-3 * numpy.eye(2)
        step = numpy.linalg.solve(hessian, gradient)
        w -= step
        if numpy.abs(step).max() < 1e-8:
            break
    return float(w[0]), float(w[1])


def _spans(items: Sequence[Found]) -> List[GoldAttribution]:
    """Return the attributions of ``items`` as the scorer reads them."""
    return [GoldAttribution(source=[f.source] if f.source else (), cue=[f.cue] if f.cue else (), content=f.content)
            for f in items]

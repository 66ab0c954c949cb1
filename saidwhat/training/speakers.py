"""Training the learned speaker ranking (``saidwhat train-speakers``).

The data are PolNeAR articles whose gold sources were resolved by hand
(``tests/data/speakers/train-speakers.jsonl``: the fullest name the article gives each
source, or null). Each article is parsed once; the resolver then runs over its gold
attributions with a recorder (:mod:`saidwhat.speakers.learned`) that is given every
pronoun or description it meets, and every named source as the pronoun that could
stand in its place, with their candidates. A candidate is right when its name is the
annotated one (or the same person named more or less fully); *none* is right for a
source the article never names. The linear model is fitted by gradient descent on the
log-likelihood of the right candidates (softmax over each query's candidates) with an
L2 penalty, from zero weights, so a run gives the same weights every time.

Cross-validation by article (``--folds``) scores the rules and the ranking on the
articles each fold leaves out, with the speaker scorer.
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import GoldDataError
from ..evaluation.speaker_scoring import Annotations, gold_attributions, normalise_name, score_speakers
from ..io.gold import Compartment
from ..schema import Article, Attribution
from ..speakers.mention_ranking import FEATURES, Query, Ranker
from ..speakers.resolver import resolve_entities, resolve_speakers
from .alignment import parse_gold

logger = logging.getLogger(__name__)
L2 = 0.01
STEPS = 400
LEARNING_RATE = 0.05
# How much a named source recorded as a pronoun counts beside a real pronoun.
SYNTHETIC_WEIGHT = 0.5


@dataclass
class Example:
    """One query: its candidates' features, which of them are right, and its weight."""

    article: str
    kind: str
    matrix: numpy.ndarray
    right: numpy.ndarray
    weight: float


@dataclass
class Parsed:
    """One hand-resolved article, parsed, with its gold attributions."""

    stem: str
    doc: Doc
    attributions: List[Attribution]


def parse_articles(nlp: Language, gold: Compartment, annotations: Annotations) -> List[Parsed]:
    """Parse the annotated articles of ``gold`` with ``nlp`` minus its saidwhat component."""
    chosen = {stem: gold[stem] for stem in sorted(annotations) if stem in gold}
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n == "saidwhat"]):
        docs = parse_gold(nlp, chosen)
    return [Parsed(stem, docs[stem], gold_attributions(article.text, article.attributions))
            for stem, article in chosen.items()]


def same_name(name: Optional[str], gold: Optional[str]) -> bool:
    """Whether ``name`` is the annotated ``gold`` name, or the same person named more or
    less fully ("Suu Kyi" for "Aung San Suu Kyi")."""
    ours, theirs = normalise_name(name), normalise_name(gold)
    if ours is None or theirs is None:
        return False
    if ours == theirs:
        return True
    a, b = ours.split(), theirs.split()
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def collect(parsed: Sequence[Parsed], annotations: Annotations) -> List[Example]:
    """Every query the resolver meets in ``parsed``, with its right candidates."""
    examples: List[Example] = []
    for item in parsed:
        notes = annotations[item.stem]
        spans = [(s, e, note) for key, note in notes.items() for s, e in key]

        def record(query: Query, options, doc=item.doc, stem=item.stem) -> None:
            at = doc[query.token].idx
            note = next((n for s, e, n in spans if s <= at < e), None)
            if note is None or len(options) < 2:
                return
            right = numpy.array([_right(c.entity, note.get("name")) for c in options])
            if right.any():
                examples.append(Example(stem, query.kind, numpy.stack([c.vector for c in options]), right,
                                        SYNTHETIC_WEIGHT if query.synthetic else 1.0))

        resolve_entities(item.doc, item.attributions, recorder=record)
    return examples


def _right(entity, gold_name: Optional[str]) -> bool:
    """Whether a candidate (None: *none*) is right for a source annotated ``gold_name``."""
    if gold_name is None:
        return entity is None or entity.name is None
    return entity is not None and same_name(entity.name, gold_name)


def fit(examples: Sequence[Example], l2: float = L2, steps: int = STEPS) -> numpy.ndarray:
    """Weights that maximise the weighted log-likelihood of the right candidates (Adam,
    full batch, from zeros)."""
    weights = numpy.zeros(len(FEATURES))
    first, second = numpy.zeros_like(weights), numpy.zeros_like(weights)
    total = sum(e.weight for e in examples) or 1.0
    for step in range(1, steps + 1):
        gradient = l2 * weights
        for example in examples:
            scores = example.matrix @ weights
            probs = numpy.exp(scores - scores.max())
            probs /= probs.sum()
            right = probs * example.right
            posterior = right / right.sum()
            gradient += example.weight / total * (example.matrix.T @ (probs - posterior))
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient ** 2
        weights -= LEARNING_RATE * (first / (1 - 0.9 ** step)) / (numpy.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
    return weights


def ranker_of(weights: numpy.ndarray) -> Ranker:
    """A Ranker with ``weights`` (in the order of FEATURES)."""
    return Ranker({name: float(w) for name, w in zip(FEATURES, weights) if w})


def resolved(parsed: Sequence[Parsed], gold: Compartment, ranker: Optional[Ranker]) -> List[Article]:
    """The articles of ``parsed`` with their gold sources resolved with ``ranker`` (None:
    the rules alone), each with its own copy of the attributions."""
    articles = []
    for item in parsed:
        attributions = copy.deepcopy(item.attributions)
        speakers = resolve_speakers(item.doc, attributions, ranker)
        articles.append(Article(id=item.stem, text=gold[item.stem].text, attributions=attributions,
                                speakers=speakers))
    return articles


def score_resolver(parsed: Sequence[Parsed], gold: Compartment, annotations: Annotations,
                   ranker: Optional[Ranker]) -> Dict[str, Any]:
    """Speaker figures of the gold sources of ``parsed`` resolved with ``ranker``."""
    return score_speakers(gold, annotations, resolved(parsed, gold, ranker))


def cross_validate(parsed: Sequence[Parsed], examples: Sequence[Example], gold: Compartment,
                   annotations: Annotations, folds: int) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """The rules' and the ranking's figures on each fold's left-out articles, together."""
    rules: List[Article] = []
    learned: List[Article] = []
    for fold in range(folds):
        left_out = [p for k, p in enumerate(parsed) if k % folds == fold]
        names = {p.stem for p in left_out}
        weights = fit([e for e in examples if e.article not in names])
        rules.extend(resolved(left_out, gold, None))
        learned.extend(resolved(left_out, gold, ranker_of(weights)))
        logger.info("fold %d/%d done", fold + 1, folds)
    return score_speakers(gold, annotations, rules), score_speakers(gold, annotations, learned)


def train_ranker(nlp: Language, gold: Compartment, annotations: Annotations,
                 folds: int = 0) -> Tuple[Dict[str, Any], Dict[str, Dict[str, Any]]]:
    """Fit the ranking on every annotated article of ``gold``; return the weights record
    (what :meth:`Ranker.load` reads, with how it was made) and, with ``folds`` of at
    least 2, the cross-validated figures of the rules and of the ranking."""
    parsed = parse_articles(nlp, gold, annotations)
    if not parsed:
        raise GoldDataError("none of the annotated articles is in the gold directory")
    examples = collect(parsed, annotations)
    logger.info("%d queries from %d articles", len(examples), len(parsed))
    results: Dict[str, Dict[str, Any]] = {}
    if folds >= 2:
        results["rules"], results["learned"] = cross_validate(parsed, examples, gold, annotations, folds)
    weights = fit(examples)
    record = {"weights": {name: round(float(w), 6) for name, w in zip(FEATURES, weights)},
              "articles": len(parsed), "queries": len(examples),
              "settings": {"l2": L2, "steps": STEPS, "learning_rate": LEARNING_RATE,
                           "synthetic_weight": SYNTHETIC_WEIGHT},
              "cross_validation": {name: _rates(result) for name, result in results.items()}}
    return record, results


def _rates(result: Dict[str, Any]) -> Dict[str, float]:
    """Of the found sources of each form, the share named right."""
    return {form: round(c["right"] / c["found"], 4) for form, c in result["forms"].items() if c.get("found")}


__all__ = ["train_ranker", "Example", "Parsed", "collect", "cross_validate", "fit", "parse_articles", "ranker_of",
           "same_name", "score_resolver"]

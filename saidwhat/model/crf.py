"""Two CRF stages over spaCy features: cues first, then each cue's source and content.

Stage 1 tags the cue tokens of every sentence with BIO labels. Stage 2 runs once per
cue over a window (the cue's paragraph and the paragraphs before and after it) and
tags each token ``S`` (source), ``C`` (content) or ``O``. Content fragments are the
maximal runs of ``C`` tokens; the source is the ``S`` run with the highest summed
marginal probability. Training is deterministic (L-BFGS, fixed parameters).

    train(docs, gold_tokens, model_dir)       # writes cue.crfsuite, span.crfsuite, meta.json
    model = CRFModel(model_dir)
    model.predict(doc) -> List[ModelFound]      # rule "crf", char offsets
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

import pycrfsuite
from spacy.tokens import Doc

from ..errors import PipelineError
from ..extractor import Found
from .data import GoldTokens, cue_labels, runs
from .features import DocFeatures, cue_head, span_features, window

logger = logging.getLogger(__name__)

PathLike = Union[str, os.PathLike]
CUE_MODEL = "cue.crfsuite"
SPAN_MODEL = "span.crfsuite"
META = "meta.json"
RULE = "crf"
# L-BFGS with elastic-net regularisation; L1 keeps the model files small.
DEFAULT_PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 100,
    "feature.possible_transitions": True,
}
# A token is part of a cue when its marginal probability of not being "O" reaches this.
CUE_THRESHOLD = 0.5
# Two predictions whose contents overlap this much (Dice) are one attribution.
DUPLICATE_DICE = 0.5


@dataclass
class ModelFound(Found):
    """A :class:`~saidwhat.extractor.Found` made by the model, with its own probability."""

    probability: float = 1.0

    @property
    def confidence(self) -> float:
        """The model's probability for the cue times the mean content marginal."""
        return self.probability


def _trainer(params: Mapping[str, object]) -> pycrfsuite.Trainer:
    """Return an L-BFGS trainer with ``params``."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(dict(params))
    return trainer


def cue_sequences(feats: DocFeatures, labels: Optional[Sequence[str]] = None
                  ) -> Iterable[Tuple[List[List[str]], Optional[List[str]], range]]:
    """Yield stage 1's ``(features, labels, token range)`` for each sentence of a Doc."""
    all_feats = feats.cue_features()
    for sent in feats.sents:
        span = range(sent.start, sent.end)
        yield ([all_feats[i] for i in span],
               [labels[i] for i in span] if labels is not None else None, span)


def span_labels(span: range, gold: GoldTokens) -> List[str]:
    """Return stage 2's labels (``S``, ``C``, ``O``) over ``span`` for one gold attribution."""
    source, content = set(gold.source), set(gold.content)
    return ["S" if i in source else "C" if i in content else "O" for i in span]


def train(docs: Mapping[str, Doc], gold: Mapping[str, Sequence[GoldTokens]], model_dir: PathLike,
          params: Optional[Mapping[str, object]] = None, seed: Optional[int] = None) -> Dict[str, float]:
    """Train both stages on the Docs in ``docs`` with their ``gold`` attributions, with
    ``params`` over :data:`DEFAULT_PARAMS`, and write the models to ``model_dir``, with
    ``meta.json`` (articles, date, parameters, ``seed``: recorded only, L-BFGS is
    deterministic). Returns timings and model sizes."""
    params = dict(DEFAULT_PARAMS, **(params or {}))
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cue_trainer, span_trainer = _trainer(params), _trainer(params)
    n_spans = 0
    for stem, doc in docs.items():
        attrs = gold.get(stem, [])
        feats = DocFeatures(doc)
        for x, y, _ in cue_sequences(feats, cue_labels(doc, attrs)):
            cue_trainer.append(x, y)
        cue_tokens = {i for a in attrs for i in a.cue}
        for attribution in attrs:
            if not attribution.cue or not attribution.content:
                continue
            span = window(feats, attribution.cue)
            others = cue_tokens - set(attribution.cue)
            span_trainer.append(span_features(feats, attribution.cue, span, others),
                                span_labels(span, attribution))
            n_spans += 1
    features_s = time.perf_counter() - start
    cue_trainer.train(str(model_dir / CUE_MODEL))
    cue_s = time.perf_counter() - start - features_s
    span_trainer.train(str(model_dir / SPAN_MODEL))
    span_s = time.perf_counter() - start - features_s - cue_s
    stats = {
        "docs": len(docs),
        "span_sequences": n_spans,
        "features_s": round(features_s, 1),
        "cue_train_s": round(cue_s, 1),
        "span_train_s": round(span_s, 1),
    }
    for name, filename in (("cue", CUE_MODEL), ("span", SPAN_MODEL)):
        stats[name + "_model_mb"] = round((model_dir / filename).stat().st_size / 2**20, 2)
    meta = {
        "articles": len(docs),
        "trained": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seed": seed,
        "params": params,
        "stats": stats,
    }
    (model_dir / META).write_text(json.dumps(meta, indent=1))
    logger.debug("trained CRF model in %s: %s", model_dir, stats)
    return stats


class CRFModel:
    """The trained two-stage model read from ``model_dir``.

    ``meta`` is what training recorded in ``meta.json`` (empty without one). Raises
    PipelineError naming the file when a model file is missing or unreadable.
    """

    def __init__(self, model_dir: PathLike):
        self.directory = Path(model_dir)
        self.cue_tagger = _open_tagger(self.directory / CUE_MODEL)
        self.span_tagger = _open_tagger(self.directory / SPAN_MODEL)
        meta = self.directory / META
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}

    def predict(self, doc: Doc) -> List[ModelFound]:
        """Return the attributions the model finds in ``doc``, ordered by content start."""
        feats = DocFeatures(doc)
        cues = self.cues(feats)
        cue_tokens = {i for cue, _ in cues for i in cue}
        found = []
        for cue, probability in cues:
            item = self.spans(feats, cue, cue_tokens - set(cue), probability)
            if item is not None:
                found.append(item)
        found = _drop_duplicates(found)
        found.sort(key=lambda f: (f.start, f.cue or (0, 0)))
        return found

    def cues(self, feats: DocFeatures) -> List[Tuple[List[int], float]]:
        """Return stage 1's cues of a Doc: token index lists with their mean marginal.

        A cue is a run of tokens whose probability of being in a cue (``B`` or ``I``)
        reaches :data:`CUE_THRESHOLD`; a token likelier ``B`` than ``I`` starts a new cue.
        """
        out: List[Tuple[List[int], float]] = []
        tagger = self.cue_tagger
        for x, _, span in cue_sequences(feats):
            tagger.set(x)
            current: List[int] = []
            probs: List[float] = []
            for k, i in enumerate(span):
                b, inside = tagger.marginal("B", k), tagger.marginal("I", k)
                if b + inside < CUE_THRESHOLD or feats.doc[i].is_space:
                    if current:
                        out.append((current, sum(probs) / len(probs)))
                    current, probs = [], []
                    continue
                if current and inside >= b and current[-1] == i - 1:
                    current.append(i)
                    probs.append(b + inside)
                    continue
                if current:
                    out.append((current, sum(probs) / len(probs)))
                current, probs = [i], [b + inside]
            if current:
                out.append((current, sum(probs) / len(probs)))
        return out

    def spans(self, feats: DocFeatures, cue: List[int], other_cues: Set[int],
              probability: float) -> Optional[ModelFound]:
        """Run stage 2 for one cue; return its attribution, or None without content."""
        doc = feats.doc
        span = window(feats, cue)
        tagger = self.span_tagger
        labels = tagger.tag(span_features(feats, cue, span, other_cues))
        content = [i for i, label in zip(span, labels) if label == "C" and not doc[i].is_space]
        if not content:
            return None
        fragments = _fragments(doc, runs(content))
        if not fragments:
            return None
        marg = {i: (tagger.marginal("S", k), tagger.marginal("C", k)) for k, i in enumerate(span)}
        sources = runs([i for i, label in zip(span, labels) if label == "S" and not doc[i].is_space])
        source = max(sources, key=lambda run: sum(marg[i][0] for i in run)) if sources else None
        content_p = sum(marg[i][1] for i in content) / len(content)
        return ModelFound(
            content=[_offsets(doc, run) for run in fragments],
            cue=_offsets(doc, cue),
            source=_offsets(doc, source) if source else None,
            rule=RULE,
            cue_token=cue_head(doc, cue).i,
            probability=probability * content_p,
        )


def _open_tagger(path: Path) -> pycrfsuite.Tagger:
    """Return a tagger over the model file ``path``; PipelineError if it cannot be read."""
    hint = "train a model with saidwhat train"
    if not path.is_file():
        raise PipelineError(f"{path.parent}: not a saidwhat model, it has no {path.name} ({hint})")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as err:
        raise PipelineError(f"{path}: cannot read the CRF model: {err} ({hint})") from err
    return tagger


def _offsets(doc: Doc, tokens: Sequence[int]) -> Tuple[int, int]:
    """Return the character offsets from the first to the last of ``tokens``."""
    last = doc[tokens[-1]]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def _fragments(doc: Doc, content_runs: List[List[int]]) -> List[List[int]]:
    """Drop content runs of punctuation only; keep the rest."""
    return [run for run in content_runs if any(not doc[i].is_punct for i in run)]


def content_chars(found: Found) -> Set[int]:
    """Return the character positions the content of ``found`` covers (for overlap tests)."""
    return {c for s, e in found.content for c in range(s, e)}


def _drop_duplicates(found: List[ModelFound]) -> List[ModelFound]:
    """Keep, of predictions whose contents overlap by Dice >= :data:`DUPLICATE_DICE`, the
    most probable one (gold attributions never share content tokens)."""
    kept: List[ModelFound] = []
    kept_sets: List[Set[int]] = []
    for item in sorted(found, key=lambda f: -f.probability):
        chars = content_chars(item)
        if any(2 * len(chars & other) / (len(chars) + len(other)) >= DUPLICATE_DICE for other in kept_sets):
            continue
        kept.append(item)
        kept_sets.append(chars)
    return kept

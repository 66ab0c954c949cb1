"""Training the network (:func:`fit`) on Docs' inputs and their gold attributions.

    model = fit(inputs, gold, vocab, settings, TrainingSettings(seed=0))   # a NeuralModel
    model.save(directory)
"""
from __future__ import annotations

import logging
import math
import random
import time
from dataclasses import dataclass
from typing import Dict, List, Sequence

import numpy
import torch

from ..model import DEFAULT_EPOCHS
from ..model.features import window
from ..model.inputs import CUE_FIELDS, FIELDS, DocInputs, Vocab, token_values
from ..model.network import CUE_LABELS, SPAN_LABELS, AttributionNet, Settings, cue_batch, pad_docs, with_pad_row
from ..model.predictor import NeuralModel
from .alignment import GoldTokens, cue_labels

logger = logging.getLogger(__name__)


@dataclass
class TrainingSettings:
    """How training runs (stored in meta.json)."""

    epochs: int = DEFAULT_EPOCHS
    batch_docs: int = 8
    learning_rate: float = 2e-3
    weight_decay: float = 1e-6
    clip: float = 5.0
    seed: int = 0


def span_targets(span: range, gold: GoldTokens) -> List[int]:
    """Return stage 2's label indices over ``span`` for one gold attribution."""
    source, content = set(gold.source), set(gold.content)
    return [SPAN_LABELS.index("S") if i in source else SPAN_LABELS.index("C") if i in content else 0 for i in span]


def fit(inputs: Sequence[DocInputs], gold: Sequence[Sequence[GoldTokens]], vocab: Vocab, settings: Settings,
        training: TrainingSettings) -> NeuralModel:
    """Train a network on ``inputs`` (DocInputs built with ``vocab``) and their ``gold``
    attributions."""
    random.seed(training.seed)
    numpy.random.seed(training.seed)
    torch.manual_seed(training.seed)
    net = AttributionNet(vocab, settings)
    model = NeuralModel(net, vocab)
    optimizer = torch.optim.AdamW(net.parameters(), lr=training.learning_rate, weight_decay=training.weight_decay)
    order = [k for k, x in enumerate(inputs) if len(x.doc)]
    cue_targets = [torch.tensor([CUE_LABELS.index(label) for label in cue_labels(x.doc, g)])
                   for x, g in zip(inputs, gold)]
    steps = training.epochs * math.ceil(len(order) / training.batch_docs)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup))))
    rng = random.Random(training.seed)
    for epoch in range(1, training.epochs + 1):
        net.train()
        rng.shuffle(order)
        start, total = time.perf_counter(), 0.0
        for b in range(0, len(order), training.batch_docs):
            rows = order[b:b + training.batch_docs]
            batch = [inputs[k] for k in rows]
            states = net.encode(pad_docs(batch, vocab, settings))
            logits = net.cue_logits(states)
            n = states.shape[1]
            target = torch.full((len(rows), n), -100, dtype=torch.long)
            for r, k in enumerate(rows):
                target[r, :len(inputs[k].doc)] = cue_targets[k]
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(CUE_LABELS)), target.reshape(-1),
                                                     ignore_index=-100)
            items, targets = [], []
            for r, k in enumerate(rows):
                cue_tokens = {i for g in gold[k] for i in g.cue}
                for g in gold[k]:
                    if g.cue and g.content:
                        span = window(inputs[k].feats, g.cue, settings.window_before)
                        items.append((r, inputs[k], g.cue, cue_tokens - set(g.cue), span))
                        targets.append(g)
            if items:
                token_states, cue_states, cue_ids, lengths = cue_batch(
                    vocab, with_pad_row(states), with_pad_row(net.span_states(states)), n, items)
                span_logits = net.span_logits(token_states, cue_states, cue_ids, lengths)
                span_target = torch.full(span_logits.shape[:2], -100, dtype=torch.long)
                for r, ((*_, span), g) in enumerate(zip(items, targets)):
                    span_target[r, :len(span)] = torch.tensor(span_targets(span, g))
                loss = loss + torch.nn.functional.cross_entropy(
                    span_logits.reshape(-1, len(SPAN_LABELS)), span_target.reshape(-1), ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), training.clip)
            optimizer.step()
            scheduler.step()
            total += float(loss.detach())
        logger.info("epoch %d: loss %.4f, %.0f s", epoch, total / max(1, len(order) // training.batch_docs),
                    time.perf_counter() - start)
        net.eval()
    return model



def count_values(inputs: Sequence[DocInputs], gold: Sequence[Sequence[GoldTokens]],
                 before: int = 1) -> Dict[str, Dict[str, int]]:
    """Count the categorical values of both stages in training Docs, for :meth:`Vocab.build`;
    stage 2's over the windows of the ``gold`` cues (``before`` as :attr:`Settings.window_before`)."""
    counts: Dict[str, Dict[str, int]] = {name: {} for name in list(FIELDS) + list(CUE_FIELDS)}

    def add(values: Dict[str, List[str]]) -> None:
        for name, column in values.items():
            table = counts[name]
            for v in column:
                table[v] = table.get(v, 0) + 1

    for x, attributions in zip(inputs, gold):
        add(token_values(x.doc))
        cue_tokens = {i for g in attributions for i in g.cue}
        for g in attributions:
            if g.cue:
                add(x.cue_values(g.cue, window(x.feats, g.cue, before), cue_tokens - set(g.cue)))
    return counts

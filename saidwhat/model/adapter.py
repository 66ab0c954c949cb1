"""A low-rank adapter that tunes the MiniLM encoder to PolNeAR's cues before the
network above it is trained (``saidwhat train --adapter-epochs N``).

The encoder (:mod:`.encoder`) stays frozen while the network learns; this step runs
first. Low-rank matrices ``A`` (rank x in) and ``B`` (out x rank) beside the query,
value and output projections of each of MiniLM's layers (LoRA: Hu et al. 2022) learn,
with a small BiLSTM head that is then thrown away, to tag each spaCy token B, I or O
of a cue (stage 1's own labels). ``B @ A * ADAPTER_ALPHA / rank`` is then added to those
projections' weights (:meth:`TokenEncoder.merge_adapter`), so the adapted encoder costs nothing more to
run, and the network above is trained on its vectors. A model ships only the adapter
(``adapter.pt``, well under 1 MB), never a copy of the encoder.

    state = adapt(encoder, docs, gold, AdapterSettings(epochs=4))
    # adapt has merged it; a model loaded later: TokenEncoder(adapter=state)
"""
from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import Dict, Sequence

import torch
from spacy.tokens import Doc

from .data import GoldTokens, cue_labels
from .neural import CUE_LABELS
from .encoder import ADAPTER_ALPHA, TokenEncoder, adapted_layers, native_bfloat16

logger = logging.getLogger(__name__)

# Windows adapted in one optimiser step.
BATCH_WINDOWS = 16
# Progress is logged every this many steps.
LOG_EVERY = 100


@dataclass
class AdapterSettings:
    """How the adapter is trained (stored in meta.json); ``epochs`` 0 trains none."""

    epochs: int = 0
    rank: int = 8
    learning_rate: float = 1e-3
    head_hidden: int = 128
    seed: int = 0


class LowRank(torch.nn.Module):
    """A frozen linear layer plus a trainable low-rank update ``B @ A * ADAPTER_ALPHA / rank``
    (``B`` starts at zero, so the layer starts as it was)."""

    def __init__(self, base: torch.nn.Linear, rank: int):
        super().__init__()
        self.base = base
        self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
        self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = ADAPTER_ALPHA / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return the base layer's output plus the low-rank update's."""
        return self.base(x) + (x @ self.a.t() @ self.b.t()) * self.scale


class _Tagger(torch.nn.Module):
    """The throw-away head: a BiLSTM over the encoder's token vectors and a linear layer
    to the cue labels."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.lstm = torch.nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.out = torch.nn.Linear(2 * hidden, len(CUE_LABELS))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.lstm(x)[0])


def adapt(encoder: TokenEncoder, docs: Sequence[Doc], gold: Sequence[Sequence[GoldTokens]],
          settings: AdapterSettings) -> Dict[str, torch.Tensor]:
    """Train an adapter of ``encoder``'s MiniLM on the cues of ``gold`` (one list per Doc
    of ``docs``), merge it into ``encoder`` and return its state (float32 tensors by
    :func:`~.encoder.adapted_layers`' paths + ``.a`` / ``.b``); an empty state when ``settings.epochs`` is 0. MiniLM computes
    in bfloat16 here where the CPU has bfloat16 instructions (about twice as fast),
    else in float32."""
    if settings.epochs <= 0:
        return {}
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    model = encoder.model
    for p in model.parameters():
        p.requires_grad = False
    adapters = {}
    for path, (parent, name) in adapted_layers(model).items():
        adapters[path] = LowRank(getattr(parent, name), settings.rank)
        setattr(parent, name, adapters[path])
    head = _Tagger(encoder.dim, settings.head_hidden)
    windows = []  # (doc number, token indices, word pieces)
    for k, doc in enumerate(docs):
        windows.extend((k, tokens, pieces) for tokens, pieces in encoder.windows(doc))
    labels = [[CUE_LABELS.index(label) for label in cue_labels(doc, g)] for doc, g in zip(docs, gold)]
    params = [p for m in adapters.values() for p in (m.a, m.b)] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=settings.learning_rate)
    # Windows of like length share a batch; the batches are shuffled each epoch.
    order = sorted(range(len(windows)), key=lambda w: windows[w][2])
    batches = [order[i:i + BATCH_WINDOWS] for i in range(0, len(order), BATCH_WINDOWS)]
    rng = random.Random(settings.seed)
    bfloat16 = native_bfloat16()
    model.train()
    try:
        for epoch in range(1, settings.epochs + 1):
            rng.shuffle(batches)
            start, total = time.perf_counter(), 0.0
            for step, batch in enumerate(batches, 1):
                chosen = [windows[w] for w in batch]
                vectors = encoder.token_states(docs, chosen, bfloat16)
                target = torch.nn.utils.rnn.pad_sequence(
                    [torch.tensor([labels[k][i] for i in tokens]) for k, tokens, _ in chosen],
                    batch_first=True, padding_value=-100)
                logits = head(vectors)
                loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(CUE_LABELS)), target.reshape(-1),
                                                         ignore_index=-100)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += float(loss.detach())
                if step % LOG_EVERY == 0:
                    logger.info("adapter epoch %d: %d/%d batches, loss %.4f", epoch, step, len(batches), total / step)
            logger.info("adapter epoch %d: loss %.4f, %.0f s", epoch, total / max(1, len(batches)),
                        time.perf_counter() - start)
    finally:
        model.eval()
        for path, (parent, name) in adapted_layers(model).items():
            setattr(parent, name, adapters[path].base)
    state = {}
    for path, adapter in adapters.items():
        state[path + ".a"] = adapter.a.detach().clone()
        state[path + ".b"] = adapter.b.detach().clone()
    encoder.merge_adapter(state)
    return state


"""A trained model (:class:`NeuralModel`): its network, vocabulary and calibration,
read from and written to a directory (``weights.pt`` and ``meta.json``), and run over
Docs' inputs to find attributions (:meth:`NeuralModel.predict`).

    model = NeuralModel.load(directory)
    model.predict(inputs) -> one List[ModelFound] per Doc
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import asdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy
import torch

from ..errors import PipelineError
from ..extract.sources import implied_source
from ..schema import ATTRIBUTION_KINDS
from .decoding import (ModelFound, char_offsets, content_fragments, decode_cues, drop_duplicates, drop_swallowed,
                       quoted_window, runs, tokens_at, trim_cue)
from .features import cue_head, window
from .inputs import DocInputs, Vocab
from .network import SPAN_LABELS, AttributionNet, Settings, cue_batch, with_pad_row
from .repair import complete_clause, in_heading, is_hedge, is_passive_target, repair_content

PathLike = Union[str, os.PathLike]
WEIGHTS = "weights.pt"
META = "meta.json"
RULE = "model"
# An attribution whose content is not quoted is kept only when its cue's mean probability
# reaches this (tuned on PolNeAR dev, docs/model.md): indirect cues are where the network
# is least sure, direct quotes keep the lower cue threshold.
INDIRECT_CUE_THRESHOLD = 0.6
# Stage 2 runs over at most this many cues at once.
CUE_BATCH = 64
DOC_BATCH = 8


class NeuralModel:
    """A trained network with its vocabulary and settings; ``meta`` is its training record.

    ``calibration`` maps each kind of content (``"direct"``, ``"mixed"``,
    ``"indirect"``) to ``(a, b)``: a prediction's confidence is
    ``sigmoid(a * logit(raw) + b)`` of its raw probability. Quoted contents are
    right more often than their raw probability says, so each kind has its own.
    ``min_confidence`` is the cut the model suggests (fitted on dev by
    ``saidwhat train``), the default of the ``saidwhat`` component.
    """

    def __init__(self, net: AttributionNet, vocab: Vocab, meta: Optional[dict] = None,
                 calibration: Optional[Dict[str, Tuple[float, float]]] = None, min_confidence: float = 0.0):
        self.net = net
        self.vocab = vocab
        self.meta = meta or {}
        self.calibration = dict(calibration or {})
        self.min_confidence = min_confidence
        self.directory: Optional[Path] = None
        self.indirect_cue_threshold = INDIRECT_CUE_THRESHOLD
        self.net.eval()

    @property
    def uses_encoder(self) -> bool:
        """Whether the model reads MiniLM vectors."""
        return bool(self.net.settings.encoder_dim)

    def save(self, directory: PathLike) -> None:
        """Write the weights (float16) and meta.json (vocabulary, settings, record) to ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        state = {k: v.half() if v.is_floating_point() else v for k, v in self.net.state_dict().items()}
        torch.save(state, directory / WEIGHTS)
        meta = dict(self.meta, settings=asdict(self.net.settings), vocab=self.vocab.tables,
                    calibration={kind: list(ab) for kind, ab in self.calibration.items()},
                    min_confidence=self.min_confidence)
        (directory / META).write_text(json.dumps(meta, indent=0, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, directory: PathLike) -> "NeuralModel":
        """Read a model written by :meth:`save`; PipelineError if ``directory`` holds none."""
        directory = Path(directory)
        hint = "train one with saidwhat train"
        if not (directory / WEIGHTS).is_file() or not (directory / META).is_file():
            raise PipelineError(f"{directory}: not a saidwhat model, it needs {WEIGHTS} and {META} ({hint})")
        try:
            meta = json.loads((directory / META).read_text(encoding="utf-8"))
            vocab = Vocab(meta.pop("vocab"))
            net = AttributionNet(vocab, Settings(**meta.pop("settings")))
            state = torch.load(directory / WEIGHTS, map_location="cpu")
            net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
            raise PipelineError(f"{directory}: cannot read the model: {err} ({hint})") from err
        calibration = meta.pop("calibration", {})
        if isinstance(calibration, list):  # one (a, b) for every kind, as models before 0.5 wrote it
            calibration = {kind: calibration for kind in ATTRIBUTION_KINDS}
        model = cls(net, vocab, meta, {kind: tuple(ab) for kind, ab in calibration.items()},
                    float(meta.pop("min_confidence", 0.0)))
        model.directory = directory
        return model

    def calibrated(self, raw: float, kind: str) -> float:
        """Return the calibrated confidence of a raw probability for a content of ``kind``
        (one of :data:`ATTRIBUTION_KINDS`); uncalibrated kinds keep ``raw``."""
        a, b = self.calibration.get(kind, (1.0, 0.0))
        p = min(max(raw, 1e-6), 1 - 1e-6)
        return 1 / (1 + math.exp(-(a * math.log(p / (1 - p)) + b)))

    def predict(self, inputs: Sequence[DocInputs]) -> List[List[ModelFound]]:
        """Return the attributions found in each of ``inputs``, ordered by content start;
        ``probability`` is the calibrated confidence."""
        out: List[List[ModelFound]] = [[] for _ in inputs]
        before = self.net.settings.window_before
        with torch.inference_mode():
            for start in range(0, len(inputs), DOC_BATCH):
                batch = [(k, x) for k, x in enumerate(inputs[start:start + DOC_BATCH], start) if len(x.doc)]
                if not batch:
                    continue
                docs = [x for _, x in batch]
                states = self.net.encode_docs(docs, self.vocab)
                cue_p = torch.softmax(self.net.cue_logits(states), dim=-1).numpy()
                flat, flat_span = with_pad_row(states), with_pad_row(self.net.span_states(states))
                items = []
                for row, x in enumerate(docs):
                    cues = decode_cues(x.doc, cue_p[row])
                    tokens = {i for cue, _ in cues for i in cue}
                    for cue, p in cues:
                        span = window(x.feats, cue, before)
                        if p >= self.indirect_cue_threshold or quoted_window(x, span):
                            items.append((row, x, cue, tokens - set(cue), span, p))
                # Cues with windows of like length share a chunk (less padding); the
                # attributions are kept in the order of the cues.
                order = sorted(range(len(items)), key=lambda k: len(items[k][4]))
                found_of: Dict[int, ModelFound] = {}
                for k in range(0, len(order), CUE_BATCH):
                    chunk = order[k:k + CUE_BATCH]
                    token_states, cue_states, cue_ids, lengths = cue_batch(
                        self.vocab, flat, flat_span, states.shape[1], [items[j][:5] for j in chunk])
                    span_p = torch.softmax(self.net.span_logits(token_states, cue_states, cue_ids, lengths), dim=-1).numpy()
                    for j, probs in zip(chunk, span_p):
                        _, x, cue, _, span, p = items[j]
                        found = self._attribution(x, cue, p, span, probs[:len(span)])
                        if found is not None:
                            found_of[j] = found
                for j in sorted(found_of):
                    out[batch[items[j][0]][0]].append(found_of[j])
        for k, found in enumerate(out):
            found = drop_swallowed(found, self.min_confidence)
            found = drop_duplicates(found)
            found.sort(key=lambda f: (f.start, f.cue or (0, 0)))
            out[k] = found
        return out

    def _attribution(self, x: DocInputs, cue: List[int], cue_p: float, span: range,
                     probs: numpy.ndarray) -> Optional[ModelFound]:
        """Return the attribution of one cue from stage 2's probabilities, or None.

        It carries the quotations its content overlaps, which make it direct or mixed."""
        doc = x.doc
        labels = probs.argmax(axis=1)
        s, c = SPAN_LABELS.index("S"), SPAN_LABELS.index("C")
        space = x.feats.space

        def labelled(label: int) -> List[int]:
            return [i for i in (numpy.flatnonzero(labels == label) + span.start).tolist() if not space[i]]

        content = labelled(c)
        head = cue_head(doc, cue)
        if is_hedge(head) or not content or in_heading(x.feats, content):
            return None
        content_p = float(numpy.mean(probs[numpy.asarray(content) - span.start, c]))
        repaired = repair_content(doc, head, content)
        if not repaired:
            return None
        if repaired != content:  # the parse's content, not the network's: the cue's probability alone
            content, content_p = repaired, 1.0
        sources = runs(labelled(s))
        source = max(sources, key=lambda run: sum(probs[i - span.start, s] for i in run)) if sources else None
        completed = complete_clause(doc, content, set(cue) | set(source or ()))
        added = char_offsets(doc, completed[len(content):]) if len(completed) > len(content) else None
        fragments = content_fragments(doc, runs(completed))
        if not fragments:
            return None
        cue = trim_cue(doc, cue, set(content) | set(source or ()))
        head = cue_head(doc, cue)
        offsets = [char_offsets(doc, run) for run in fragments]
        source_offsets = char_offsets(doc, source) if source else implied_source(head, tuple(offsets))
        if source_offsets and is_passive_target(head, tokens_at(doc, source_offsets)):
            source_offsets = None
        quotes = [q for q in x.feats.quotations if any(s < q.end and q.start < e for s, e in offsets)]
        if not quotes and cue_p < self.indirect_cue_threshold:
            return None
        found = ModelFound(
            content=offsets,
            cue=char_offsets(doc, cue),
            source=source_offsets,
            rule=RULE,
            cue_token=head.i,
            quotes=quotes,
            raw=cue_p * content_p,
            added=added,
        )
        found.probability = self.calibrated(found.raw, found.kind(x.text))
        return found


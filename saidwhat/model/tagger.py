"""Training and running the neural model (:mod:`saidwhat.model.neural`).

    model = fit(train_docs, train_gold, settings, seed=0)     # a NeuralModel
    model.save(directory)
    model = NeuralModel.load(directory)
    model.predict(docs) -> one List[ModelFound] per Doc
"""
from __future__ import annotations

import json
import logging
import math
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy
import torch
from spacy.tokens import Doc, Token

from ..errors import PipelineError
from ..extract.rules import Found
from ..extract.quotes import QUOTE_MARKS
from ..schema import ATTRIBUTION_KINDS
from ..extract.sources import implied_source
from . import DEFAULT_EPOCHS
from ..training.alignment import GoldTokens, cue_labels, runs
from .features import cue_head, window
from .repair import complete_clause, in_heading, is_hedge, is_passive_target, phrase_end, repair_content
from .neural import (CUE_LABELS, SPAN_LABELS, AttributionNet, DocInputs, Settings,
                     Vocab, cue_batch, pad_docs, with_pad_row)

logger = logging.getLogger(__name__)

PathLike = Union[str, os.PathLike]
WEIGHTS = "weights.pt"
META = "meta.json"
RULE = "model"
# A token is part of a cue when its probability of being B or I reaches this.
CUE_THRESHOLD = 0.5
# An attribution whose content is not quoted is kept only when its cue's mean probability
# reaches this (tuned on PolNeAR dev, docs/model.md): indirect cues are where the network
# is least sure, direct quotes keep the lower cue threshold.
INDIRECT_CUE_THRESHOLD = 0.6
# Stage 2 runs over at most this many cues at once.
CUE_BATCH = 64
DOC_BATCH = 8


# Two predictions whose contents overlap this much (Dice) are one attribution.
DUPLICATE_DICE = 0.5


@dataclass
class ModelFound(Found):
    """A :class:`~saidwhat.extractor.Found` made by the model, with its raw and its
    calibrated probability."""

    raw: float = 1.0
    probability: float = 1.0
    # What decoding ran the content on to (character offsets) beyond the network's tokens.
    added: Optional[Tuple[int, int]] = None

    @property
    def own_confidence(self) -> float:
        """The calibrated probability that this attribution is right."""
        return self.probability


@dataclass
class TrainingSettings:
    """How training runs (stored in meta.json)."""

    epochs: int = DEFAULT_EPOCHS
    batch_docs: int = 8
    learning_rate: float = 2e-3
    weight_decay: float = 1e-6
    clip: float = 5.0
    seed: int = 0


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
                states = self.net.encode(pad_docs(docs, self.vocab, self.net.settings))
                cue_p = torch.softmax(self.net.cue_logits(states), dim=-1).numpy()
                flat, flat_span = with_pad_row(states), with_pad_row(self.net.span_states(states))
                items = []
                for row, x in enumerate(docs):
                    cues = decode_cues(x.doc, cue_p[row])
                    tokens = {i for cue, _ in cues for i in cue}
                    for cue, p in cues:
                        span = window(x.feats, cue, before)
                        if p >= self.indirect_cue_threshold or _quoted_window(x, span):
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
            found = _drop_swallowed(found, self.min_confidence)
            found = _drop_duplicates(found)
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
        added = _offsets(doc, completed[len(content):]) if len(completed) > len(content) else None
        fragments = content_fragments(doc, runs(completed))
        if not fragments:
            return None
        cue = trim_cue(doc, cue, set(content) | set(source or ()))
        head = cue_head(doc, cue)
        offsets = [_offsets(doc, run) for run in fragments]
        source_offsets = _offsets(doc, source) if source else implied_source(head, tuple(offsets))
        if source_offsets and is_passive_target(head, _tokens(doc, source_offsets)):
            source_offsets = None
        quotes = [q for q in x.feats.quotations if any(s < q.end and q.start < e for s, e in offsets)]
        if not quotes and cue_p < self.indirect_cue_threshold:
            return None
        found = ModelFound(
            content=offsets,
            cue=_offsets(doc, cue),
            source=source_offsets,
            rule=RULE,
            cue_token=head.i,
            quotes=quotes,
            raw=cue_p * content_p,
            added=added,
        )
        found.probability = self.calibrated(found.raw, found.kind(x.text))
        return found


def trim_cue(doc: Doc, cue: List[int], taken: set) -> List[int]:
    """Return ``cue`` less words that belong to neither it nor its attribution: leading
    determiners, pronouns and numbers ("*one* saying", "*all* suggested") and trailing
    prepositions whose object is not in ``taken``, the attribution's content and source
    tokens ("said *on* Twitter", "talks *to* reporters"; "pointed to" a content is kept);
    plus the preposition right after it that leads into ``taken`` ("endorsed *by*")."""
    cue = list(cue)
    while len(cue) > 1 and doc[cue[0]].pos_ in ("DET", "PRON", "NUM"):
        cue.pop(0)
    while len(cue) > 1 and doc[cue[-1]].pos_ == "ADP" and cue[-1] + 1 not in taken:
        cue.pop()
    after = cue[-1] + 1
    if after + 1 < len(doc) and doc[after].pos_ == "ADP" and after not in taken and after + 1 in taken:
        cue.append(after)  # "is supported *by*" its source, "warned *against*" its content
    return cue


def decode_cues(doc: Doc, probs: numpy.ndarray) -> List[Tuple[List[int], float]]:
    """Return the cues of ``doc`` from stage 1's ``(tokens, 3)`` probabilities: runs of
    tokens with P(B) + P(I) >= :data:`CUE_THRESHOLD`, a token likelier B than I starting a
    new cue; each with its mean probability."""
    b_col, i_col = CUE_LABELS.index("B"), CUE_LABELS.index("I")
    out: List[Tuple[List[int], float]] = []
    current: List[int] = []
    ps: List[float] = []
    for i in range(len(doc)):
        b, inside = float(probs[i, b_col]), float(probs[i, i_col])
        starts = not current or b > inside or current[-1] != i - 1 or doc[i].is_sent_start
        if b + inside < CUE_THRESHOLD or doc[i].is_space:
            starts = True
            keep = False
        else:
            keep = True
        if starts and current:
            out.append((current, sum(ps) / len(ps)))
            current, ps = [], []
        if keep:
            current.append(i)
            ps.append(b + inside)
    if current:
        out.append((current, sum(ps) / len(ps)))
    return out


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


def _offsets(doc: Doc, tokens: Sequence[int]) -> Tuple[int, int]:
    """Return the character offsets from the first to the last of ``tokens``."""
    last = doc[tokens[-1]]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def _quoted_window(x: DocInputs, span: range) -> bool:
    """True when a quotation overlaps ``span``, the window stage 2 tags for a cue. A cue
    below the indirect threshold with none there can only give an indirect content,
    which :meth:`NeuralModel._attribution` would refuse, so stage 2 need not run for it."""
    start, last = x.doc[span.start], x.doc[span.stop - 1]
    end = last.idx + len(last.text)
    return any(q.start < end and start.idx < q.end for q in x.feats.quotations)


def _tokens(doc: Doc, offsets: Tuple[int, int]) -> List[int]:
    """Return the indices of the tokens of ``doc`` that the character ``offsets`` overlap."""
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


# Words a content never ends on: a coordinator leads into what was left out, and an
# article into its noun.
COORDINATORS = frozenset(("and", "or", "but"))
ARTICLES = frozenset(("the", "a", "an"))


def content_fragments(doc: Doc, content_runs: List[List[int]]) -> List[List[int]]:
    """Return the content runs less those of punctuation only, each ending on a word
    that ends something: a last article runs on to the end of its noun phrase ("his mic
    *the* morning after the debate"), a last coordinator is cut off ("for years,
    *and*"); not where a quotation mark follows (the speaker's own words)."""
    out = []
    for run in content_runs:
        last_i = next((i for i in reversed(run) if _is_word(doc[i])), None)
        if last_i is None:
            continue
        last = doc[last_i]
        quoted = any(q in doc[i].text for i in run if i > last_i for q in QUOTE_MARKS)
        if not quoted and any(_is_word(doc[i]) for i in run if i < last_i):
            end = phrase_end(last) if last.lower_ in ARTICLES else None
            if end is not None:
                run = _without_trailing_punct(doc, list(range(run[0], end)))
            elif last.lower_ in COORDINATORS:
                run = _without_trailing_punct(doc, [i for i in run if i < last.i])
        out.append(run)
    return out


def _is_word(token: Token) -> bool:
    """True for a token that is neither punctuation nor white space."""
    return not token.is_punct and not token.is_space


def _without_trailing_punct(doc: Doc, run: List[int]) -> List[int]:
    """Return ``run`` less the punctuation and spaces at its end."""
    while run and not _is_word(doc[run[-1]]):
        run = run[:-1]
    return run


def content_chars(found: Found) -> set:
    """Return the character positions the content of ``found`` covers (for overlap tests)."""
    return {c for s, e in found.content for c in range(s, e)}


def _drop_swallowed(found: List[ModelFound], cut: float) -> List[ModelFound]:
    """Drop the attributions whose cue lies in what :func:`complete_clause` added to the
    content of one at least ``cut`` probable: a report nested in that content, which the
    network had cut off (PolNeAR annotates the one or the other, never both)."""
    added = [f.added for f in found if f.added and f.probability >= cut]
    return [f for f in found if f.cue is None or not any(s <= f.cue[0] and f.cue[1] <= e for s, e in added)]


def _drop_duplicates(found: List[ModelFound]) -> List[ModelFound]:
    """Keep, of predictions whose contents overlap by Dice >= :data:`DUPLICATE_DICE`, the
    most probable one (gold attributions never share content tokens)."""
    kept: List[ModelFound] = []
    kept_sets: List[set] = []
    for item in sorted(found, key=lambda f: -f.probability):
        chars = content_chars(item)
        if any(2 * len(chars & other) / (len(chars) + len(other)) >= DUPLICATE_DICE for other in kept_sets):
            continue
        kept.append(item)
        kept_sets.append(chars)
    return kept

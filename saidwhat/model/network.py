"""The network: cues, then each cue's source and content.

One pass encodes a Doc's inputs (:mod:`.inputs`) through a two-layer BiLSTM; the fast
model reads spaCy's own token vectors (``Doc.tensor``) instead, through a feed-forward
layer and narrow convolutions, with no BiLSTM. Stage 1 reads cue tags (BIO) off it.
Stage 2 is light and runs per cue over the cue's window (its paragraph and the
paragraphs beside it): each token's state, the cue's state and embeddings of how the
token stands to the cue go through a small BiLSTM that tags source, content or
neither. The passage is encoded once; only the light layers run per cue.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy
import torch
from spacy.tokens import Doc
from torch import nn

from ..errors import PipelineError
from .inputs import CUE_FIELDS, FIELDS, FLAGS, UNKNOWN, DocInputs, Vocab

CUE_LABELS = ("O", "B", "I")
SPAN_LABELS = ("O", "S", "C")
# A stage 1 without BiLSTM layers: each convolution reads this many tokens either side,
# in this many dimensions.
WINDOW = 2
WINDOW_WIDTH = 64
# In inference the BiLSTMs run sequences of similar length in groups of this many.
INFERENCE_GROUP = 32
# In inference stage 1 reads at most this many segments at once (:meth:`AttributionNet.encode_docs`).
STAGE1_ROWS = 64


@dataclass
class Settings:
    """Sizes of the network (stored with the weights)."""

    encoder_dim: int = 0
    encoder_proj: int = 128
    # Width of spaCy's own token vectors (``Doc.tensor``, its tok2vec output) read as
    # inputs; 0 reads none.
    spacy_tensor: int = 0
    hidden: int = 128
    # BiLSTM layers of stage 1; 0 puts one feed-forward layer in their place (the
    # token's context then comes from spaCy's vectors, ``window_layers`` and stage 2's BiLSTM).
    layers: int = 2
    # Without BiLSTM layers: convolutions over the tokens each side (:data:`WINDOW`),
    # through a narrow projection, added to the feed-forward states.
    window_layers: int = 0
    span_hidden: int = 64
    dropout: float = 0.3
    # Paragraphs before the cue's own in stage 2's window (:func:`~.features.window`).
    window_before: int = 1



class BiLSTM(nn.Module):
    """A bidirectional LSTM over right-padded sequences, exact for each sequence's own
    length without packing (packed sequences are slow to train on the CPU): the
    backward direction reads each sequence reversed within its length."""

    def __init__(self, input_dim: int, hidden: int, layers: int = 1, dropout: float = 0.0,
                 group: Optional[int] = INFERENCE_GROUP):
        super().__init__()
        self.group = group
        dims = [input_dim] + [2 * hidden] * (layers - 1)
        self.forward_lstms = nn.ModuleList([nn.LSTM(d, hidden, batch_first=True) for d in dims])
        self.backward_lstms = nn.ModuleList([nn.LSTM(d, hidden, batch_first=True) for d in dims])
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Return the ``(batch, time, 2*hidden)`` states of ``x`` (``(batch, time, input)``);
        positions past a sequence's length are left as they come (zeros in inference).

        In inference the sequences run in groups of similar length, each only as long
        as its longest (the states are the same: each sequence is exact for its own
        length), which saves the padded steps of short paragraphs and windows; with
        ``group`` None they run as they come."""
        group = self.group
        if self.training or group is None or len(lengths) <= group:
            return self._run(x, lengths)
        out = x.new_zeros((x.shape[0], x.shape[1], 2 * self.forward_lstms[0].hidden_size))
        order = torch.argsort(lengths, descending=True)
        for k in range(0, len(order), group):
            rows = order[k:k + group]
            longest = int(lengths[rows[0]])
            out[rows, :longest] = self._run(x[rows, :longest], lengths[rows])
        return out

    def _run(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Return the states of ``x`` run as one padded batch."""
        steps = torch.arange(x.shape[1]).unsqueeze(0)
        last = lengths.unsqueeze(1) - 1
        reverse = torch.where(steps <= last, last - steps, steps)
        for k, (fw, bw) in enumerate(zip(self.forward_lstms, self.backward_lstms)):
            if k:
                x = self.dropout(x)
            index = reverse.unsqueeze(-1).expand(-1, -1, x.shape[-1])
            ahead, _ = fw(x)
            behind, _ = bw(x.gather(1, index))
            behind = behind.gather(1, reverse.unsqueeze(-1).expand(-1, -1, behind.shape[-1]))
            x = torch.cat([ahead, behind], dim=-1)
        return x


class AttributionNet(nn.Module):
    """The network: shared encoding, cue tagger, cue-conditioned span tagger."""

    def __init__(self, vocab: Vocab, settings: Settings):
        super().__init__()
        self.settings = settings
        self.embed = nn.ModuleDict({name: nn.Embedding(vocab.size(name), dim, padding_idx=UNKNOWN)
                                    for name, dim in FIELDS.items()})
        in_dim = sum(FIELDS.values()) + len(FLAGS)
        if settings.encoder_dim:
            self.project = nn.Linear(settings.encoder_dim, settings.encoder_proj)
            in_dim += settings.encoder_proj
        in_dim += settings.spacy_tensor
        self.dropout = nn.Dropout(settings.dropout)
        if settings.layers:
            self.lstm = BiLSTM(in_dim, settings.hidden, layers=settings.layers, dropout=settings.dropout)
        else:
            self.feed = nn.Linear(in_dim, 2 * settings.hidden)
        state = 2 * settings.hidden
        if settings.window_layers:
            self.window_in = nn.Linear(state, WINDOW_WIDTH)
            # A convolution as a linear layer over each token's window, concatenated:
            # torch's own Conv1d (oneDNN) sums in an order that varies between processes,
            # so training would not give the same weights twice.
            self.windows = nn.ModuleList([nn.Linear((2 * WINDOW + 1) * WINDOW_WIDTH, WINDOW_WIDTH)
                                          for _ in range(settings.window_layers)])
            self.window_out = nn.Linear(WINDOW_WIDTH, state)
        self.cue_out = nn.Linear(state, len(CUE_LABELS))
        self.cue_embed = nn.ModuleDict({name: nn.Embedding(vocab.size(name), dim, padding_idx=UNKNOWN)
                                        for name, dim in CUE_FIELDS.items()})
        width = 2 * settings.span_hidden
        self.span_token = nn.Linear(state, width)
        self.span_cue = nn.Linear(state, width, bias=False)
        self.span_fields = nn.Linear(sum(CUE_FIELDS.values()), width, bias=False)
        # Stage 2's chunks of cues come sorted by window length: no regrouping.
        self.span_lstm = BiLSTM(2 * settings.span_hidden, settings.span_hidden, group=None)
        self.span_out = nn.Linear(2 * settings.span_hidden, len(SPAN_LABELS))

    def encode(self, batch: "Batch") -> torch.Tensor:
        """Return the token states ``(docs, tokens, 2*hidden)`` of a :class:`Batch`."""
        parts = [self.embed[name](batch.ids[..., k]) for k, name in enumerate(FIELDS)] + [batch.flags]
        if self.settings.encoder_dim:
            parts.append(torch.relu(self.project(self.dropout(batch.vectors))))
        if self.settings.spacy_tensor:
            parts.append(batch.tensor)
        x = self.dropout(torch.cat(parts, dim=-1))
        if self.settings.layers:
            out = self.lstm(x, batch.lengths)
        else:
            out = torch.relu(self.feed(x))
            if self.settings.window_layers:
                out = out + self._windows(out, batch)
        return self.dropout(with_pad_row(out)[batch.gather])

    def encode_docs(self, docs: Sequence[DocInputs], vocab: Vocab) -> torch.Tensor:
        """Return the token states ``(docs, tokens, 2*hidden)`` of ``docs`` in inference,
        as :meth:`encode` of all of them, but reading at most :data:`STAGE1_ROWS`
        segments at a time, so that memory does not grow with the length of a Doc. (A
        stage 1 without BiLSTM layers reads each Doc whole, in one row: it is narrow.)"""
        if not self.settings.layers:
            return self.encode(pad_docs(docs, vocab, self.settings))
        segs = [(k, s, e) for k, x in enumerate(docs) for s, e in x.segments]
        states: Optional[torch.Tensor] = None
        for start in range(0, len(segs), STAGE1_ROWS):
            part = self.encode(pad_docs(docs, vocab, self.settings, segs[start:start + STAGE1_ROWS]))
            states = part if states is None else states + part  # each token's state is in one part, zeros elsewhere
        return states

    def _windows(self, states: torch.Tensor, batch: "Batch") -> torch.Tensor:
        """Return what the convolutions over ``states`` ``(rows, length, state)`` add to
        them; padding positions are zeros at each layer, so no window reaches across them."""
        rows, length = states.shape[:2]
        mask = states.new_zeros(rows * length + 1)
        mask[batch.gather.reshape(-1)] = 1.0
        mask = mask[:-1].view(rows, length, 1)
        h = torch.relu(self.window_in(states)) * mask
        for layer in self.windows:
            padded = nn.functional.pad(self.dropout(h), (0, 0, WINDOW, WINDOW))
            around = torch.cat([padded[:, k:k + length] for k in range(2 * WINDOW + 1)], dim=-1)
            h = torch.relu(layer(around)) * mask
        return self.window_out(self.dropout(h))

    def cue_logits(self, states: torch.Tensor) -> torch.Tensor:
        """Return stage 1's logits ``(batch, tokens, 3)``."""
        return self.cue_out(states)

    def span_states(self, states: torch.Tensor) -> torch.Tensor:
        """Return the token states stage 2 starts from, projected once per Doc."""
        return self.span_token(states)

    def span_logits(self, token_states: torch.Tensor, cue_states: torch.Tensor, cue_ids: torch.Tensor,
                    lengths: torch.Tensor) -> torch.Tensor:
        """Return stage 2's logits ``(cues, window tokens, 3)``.

        ``token_states``: the windows' token states after :meth:`span_states`
        ``(cues, window, width)``; ``cue_states``: each cue's mean state ``(cues, state)``; ``cue_ids``: the stage-2
        field indices ``(cues, window, fields)``.
        """
        fields = torch.cat([self.cue_embed[name](cue_ids[..., k]) for k, name in enumerate(CUE_FIELDS)], dim=-1)
        x = token_states + self.span_cue(cue_states).unsqueeze(1) + self.span_fields(fields)
        x = self.dropout(torch.relu(x))
        out = self.span_lstm(x, lengths)
        return self.span_out(self.dropout(out))


@dataclass
class Batch:
    """Padded network inputs for some Docs, cut into segments (:func:`.inputs.segments`), a
    segment per row (all in one row for a stage 1 without BiLSTM layers).

    ``ids``, ``flags``, ``vectors`` (encoder), ``tensor`` (spaCy's): ``(rows, length,
    ...)``; ``lengths``: per row; ``gather``: ``(docs, tokens)`` indices into the
    flattened row positions (the extra last row for padding) that put the states back
    in Doc order.
    """

    ids: torch.Tensor
    flags: torch.Tensor
    vectors: Optional[torch.Tensor]
    tensor: Optional[torch.Tensor]
    lengths: torch.Tensor
    gather: torch.Tensor



def pad_docs(batch: Sequence[DocInputs], vocab: Vocab, settings: Settings,
             segs: Optional[Sequence[Tuple[int, int, int]]] = None) -> Batch:
    """Return the padded segment tensors of non-empty Docs, with what ``settings`` reads.

    A stage 1 with BiLSTM layers reads each segment in its own row (``segs``, as
    ``(doc number, start, end)``, picks some of them: the other tokens gather padding);
    one without (``layers`` 0) reads the whole Docs, one after another in a single row."""
    if settings.layers:
        if segs is None:
            segs = [(k, s, e) for k, x in enumerate(batch) for s, e in x.segments]
        places = [(row, 0) for row in range(len(segs))]
        length = max(e - s for _, s, e in segs)
    else:  # each Doc whole, :data:`WINDOW` padding positions after it
        segs = [(k, 0, len(x.doc)) for k, x in enumerate(batch)]
        places = [(0, int(offset)) for offset in numpy.cumsum([0] + [len(x.doc) + WINDOW for x in batch[:-1]])]
        length = sum(len(x.doc) + WINDOW for x in batch)
    rows = places[-1][0] + 1
    pad_row = rows * length
    gather = numpy.full((len(batch), max(len(x.doc) for x in batch)), pad_row, dtype=numpy.int64)
    lengths = numpy.zeros(rows, dtype=numpy.int64)
    for (k, s, e), (row, at) in zip(segs, places):
        gather[k, s:e] = numpy.arange(row * length + at, row * length + at + e - s)
        lengths[row] = max(lengths[row], at + e - s)

    def stacked(arrays: List[numpy.ndarray], dtype) -> torch.Tensor:
        """The segments' rows of the Docs' ``arrays`` put in their places, zeros elsewhere."""
        out = numpy.zeros((rows, length, arrays[0].shape[1]), dtype=dtype)
        for (k, s, e), (row, at) in zip(segs, places):
            out[row, at:at + e - s] = arrays[k][s:e]
        return torch.from_numpy(out)

    ids = stacked([x.ids(vocab) for x in batch], numpy.int64)
    flags = stacked([x.flags for x in batch], numpy.float32)
    vectors = stacked([x.vectors for x in batch], numpy.float32) if settings.encoder_dim else None
    tensor = (stacked([spacy_tensor(x.doc, settings.spacy_tensor) for x in batch], numpy.float32)
              if settings.spacy_tensor else None)
    return Batch(ids, flags, vectors, tensor, torch.from_numpy(lengths), torch.from_numpy(gather))


def spacy_tensor(doc: Doc, width: int) -> numpy.ndarray:
    """Return ``doc``'s token vectors from spaCy's tok2vec (``Doc.tensor``, ``(tokens,
    width)``); PipelineError if the pipeline left none of that shape."""
    tensor = doc.tensor
    if getattr(tensor, "shape", None) != (len(doc), width):
        raise PipelineError(f"this model reads spaCy's token vectors (Doc.tensor, {width} per token) but the "
                            f"Doc has {getattr(tensor, 'shape', None)}: run a pipeline whose tok2vec sets them "
                            f"(such as en_core_web_sm) and keep Doc.tensor when storing Docs")
    return tensor


def with_pad_row(states: torch.Tensor) -> torch.Tensor:
    """Return ``(docs, tokens, dim)`` states flattened to ``(docs * tokens + 1, dim)``,
    the last row zeros: the rows :func:`cue_batch` gathers from, made once per Doc batch."""
    flat = states.reshape(-1, states.shape[-1])
    return torch.cat([flat, flat.new_zeros((1, flat.shape[-1]))])


def cue_batch(vocab: Vocab, flat: torch.Tensor, flat_span: torch.Tensor, tokens: int,
              items: Sequence[Tuple[int, DocInputs, List[int], set, range]]
              ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Gather stage 2's inputs for cues ``(doc row, inputs, cue tokens, other cue tokens,
    window)`` from a Doc batch's states and span states, each :func:`with_pad_row`;
    ``tokens`` is the batch's padded Doc length, each window the cue's :func:`~.features.window`.

    Returns ``(token_states, cue_states, cue_ids, lengths)``.
    """
    windows = [span for _, _, _, _, span in items]
    pad = len(flat) - 1
    n = max(len(w) for w in windows)
    widest = max(len(cue) for _, _, cue, _, _ in items)
    token_index = numpy.full((len(items), n), pad, dtype=numpy.int64)
    cue_index = numpy.full((len(items), widest), pad, dtype=numpy.int64)
    cue_ids = numpy.zeros((len(items), n, len(CUE_FIELDS)), dtype=numpy.int64)
    for k, (row, x, cue, others, span) in enumerate(items):
        token_index[k, :len(span)] = numpy.arange(row * tokens + span.start, row * tokens + span.stop)
        cue_index[k, :len(cue)] = numpy.asarray(cue) + row * tokens
        cue_ids[k, :len(span)] = x.cue_ids(vocab, cue, span, others)
    sizes = torch.tensor([[len(cue)] for _, _, cue, _, _ in items], dtype=flat.dtype)
    cue_states = flat[torch.from_numpy(cue_index)].sum(dim=1) / sizes
    lengths = torch.tensor([len(w) for w in windows])
    return flat_span[torch.from_numpy(token_index)], cue_states, torch.from_numpy(cue_ids), lengths

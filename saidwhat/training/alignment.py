"""Gold PolNeAR attributions aligned to the tokens of spaCy Docs.

Docs are parsed with the project pipeline without its ``saidwhat`` component
(:func:`parse_gold`). Each gold attribution becomes a :class:`GoldTokens` record: the token indices of its cue, source
and content. :func:`cue_labels` gives the per-token BIO cue labels stage 1 learns.
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, List, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..model.decoding import runs
from ..schema import Offsets

if TYPE_CHECKING:  # types only: the model, below the component, does not import brat
    from ..io.gold import Compartment, GoldAttribution

logger = logging.getLogger(__name__)

# Parsing logs its progress every this many articles.
PROGRESS_EVERY = 50


@dataclass
class GoldTokens:
    """One gold attribution as sorted token indices into its Doc."""

    cue: List[int]
    source: List[int]
    content: List[int]


def parse_gold(nlp: Language, gold: Compartment) -> Dict[str, Doc]:
    """Return ``{stem: Doc}`` for the texts of ``gold``, parsed by ``nlp``, logging
    progress every :data:`PROGRESS_EVERY` articles."""
    docs: Dict[str, Doc] = {}
    texts = (article.text for article in gold.values())
    for stem, doc in zip(gold, nlp.pipe(texts, batch_size=16)):
        docs[stem] = doc
        if len(docs) % PROGRESS_EVERY == 0 or len(docs) == len(gold):
            logger.info("parsed %d/%d articles", len(docs), len(gold))
    return docs


class TokenAligner:
    """Map character spans of a Doc's text to the indices of the tokens they overlap.

    Whitespace tokens are never part of a span.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def tokens(self, spans: Iterable[Offsets]) -> List[int]:
        """Return the sorted indices of the non-space tokens overlapping any of ``spans``."""
        out = set()
        doc = self.doc
        for start, end in spans:
            i = max(bisect.bisect_right(self.starts, start) - 1, 0)
            while i < len(doc) and doc[i].idx < end:
                token = doc[i]
                if token.idx + len(token.text) > start and not token.is_space:
                    out.add(i)
                i += 1
        return sorted(out)


def align(doc: Doc, attributions: Sequence[GoldAttribution]) -> List[GoldTokens]:
    """Return the gold ``attributions`` of ``doc`` as token index sets."""
    aligner = TokenAligner(doc)
    return [
        GoldTokens(aligner.tokens(a.cue), aligner.tokens(a.source), aligner.tokens(a.content))
        for a in attributions
    ]


def cue_labels(doc: Doc, gold: Sequence[GoldTokens]) -> List[str]:
    """Return one BIO cue label per token of ``doc`` (``B``, ``I`` or ``O``)."""
    labels = ["O"] * len(doc)
    for attribution in gold:
        for run in runs(attribution.cue):
            labels[run[0]] = "B"
            for i in run[1:]:
                labels[i] = "I"
    return labels


"""Gold PolNeAR attributions aligned to the tokens of spaCy Docs.

Docs are parsed with the project pipeline without its ``saidwhat`` component, and
can be cached as a DocBin (:func:`parse_cached`). Each gold
attribution becomes a :class:`GoldTokens` record: the token indices of its cue, source
and content. :func:`cue_labels` gives the per-token BIO cue labels stage 1 learns.
"""
from __future__ import annotations

import bisect
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..brat import Compartment, GoldAttribution

logger = logging.getLogger(__name__)

Offsets = Tuple[int, int]
PathLike = Union[str, os.PathLike]
# Parsing logs its progress every this many articles.
PROGRESS_EVERY = 50


@dataclass
class GoldTokens:
    """One gold attribution as sorted token indices into its Doc."""

    cue: List[int]
    source: List[int]
    content: List[int]


def parse_cached(nlp: Language, gold: Compartment, cache: Optional[PathLike] = None,
                 n_process: int = 1) -> Dict[str, Doc]:
    """Return ``{stem: Doc}`` for the texts of ``gold``, parsed by ``nlp``.

    With ``cache`` (a ``.spacy`` path), Docs are read from it when it exists and
    holds the same stems, else parsed and written there (stems go to ``<cache>.json``).
    """
    stems = list(gold)
    if cache is not None:
        cache = Path(cache)
        index = cache.with_suffix(".json")
        if cache.exists() and index.exists() and json.loads(index.read_text()) == stems:
            docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
            logger.info("read %d parsed docs from %s", len(docs), cache)
            return dict(zip(stems, docs))
    docs = _parse(nlp, [gold[s][0] for s in stems], n_process)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
        index.write_text(json.dumps(stems))
        logger.info("wrote %d parsed docs to %s", len(docs), cache)
    return dict(zip(stems, docs))


def _parse(nlp: Language, texts: Sequence[str], n_process: int) -> List[Doc]:
    """Return ``texts`` parsed by ``nlp``, logging progress every :data:`PROGRESS_EVERY`."""
    docs: List[Doc] = []
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=16):
        docs.append(doc)
        if len(docs) % PROGRESS_EVERY == 0 or len(docs) == len(texts):
            logger.info("parsed %d/%d articles", len(docs), len(texts))
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
        GoldTokens(aligner.tokens(a["cue"]), aligner.tokens(a["source"]), aligner.tokens(a["content"]))
        for a in attributions
    ]


def runs(indices: Sequence[int]) -> List[List[int]]:
    """Split sorted token indices into maximal runs of consecutive indices."""
    out: List[List[int]] = []
    for i in indices:
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def cue_labels(doc: Doc, gold: Sequence[GoldTokens]) -> List[str]:
    """Return one BIO cue label per token of ``doc`` (``B``, ``I`` or ``O``)."""
    labels = ["O"] * len(doc)
    for attribution in gold:
        for run in runs(attribution.cue):
            labels[run[0]] = "B"
            for i in run[1:]:
                labels[i] = "I"
    return labels


def load_aligned(gold: Compartment, docs: Dict[str, Doc]) -> Dict[str, List[GoldTokens]]:
    """Return ``{stem: [GoldTokens, ...]}`` for every stem of ``gold`` with a Doc."""
    return {stem: align(docs[stem], attrs) for stem, (_, attrs) in gold.items() if stem in docs}

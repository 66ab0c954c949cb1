"""The spaCy component: ``nlp.add_pipe("saidwhat")`` sets ``doc._.attributions``.

Like spaCy's own rulers, :class:`AttributionFinder` finds things in ``__call__`` (and
``pipe``, which batches Docs through the model) and sets them on the Doc in a separate
step, :meth:`AttributionFinder.set_annotations`. Its settings arrive through the
``saidwhat`` factory with defaults: ``model`` names a shipped model (``accurate``, the
default, or ``fast``), ``rules`` for the rules alone, or a directory written by
``saidwhat train``.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator, List, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .extract.circumstances import circumstances
from .errors import PipelineError
from .extract.doctext import doc_text
from .extract.rules import Found, find_attributions
from .model import DEFAULT_MODEL, model_path, spacy_package
from .model.encoder import DEFAULT_PRECISION
from .extract.nesting import nest
from .schema import Attribution, TextSpan

logger = logging.getLogger(__name__)

EXTENSION = "attributions"
DEFAULT_BATCH = 16


@Language.factory("saidwhat", default_config={"min_confidence": None, "model": DEFAULT_MODEL,
                                              "encoder_precision": DEFAULT_PRECISION})
def make_attribution_finder(nlp: Language, name: str, min_confidence: Optional[float],
                            model: str, encoder_precision: str) -> "AttributionFinder":
    """Build the ``saidwhat`` component; ``min_confidence`` drops less certain attributions
    (``None``: the model's own cut, 0 for the rules), ``model`` is ``accurate``, ``fast``,
    ``rules`` or a model directory, ``encoder_precision`` how a model with the encoder
    runs it (``auto``, ``float32`` or ``bfloat16``: :mod:`saidwhat.model.encoder`)."""
    return AttributionFinder(nlp, name, min_confidence=min_confidence, model=model,
                             encoder_precision=encoder_precision)


class AttributionFinder:
    """Find who said what in parsed Docs and store it as ``doc._.attributions``.

    Needs a dependency parser and lemmatizer earlier in the pipeline.
    ``doc._.attributions`` is a list of :class:`~saidwhat.schema.Attribution` whose
    offsets point into ``doc.text``, numbered from 1 in text order.

    ``model`` is loaded once here (PipelineError if it is not a model); ``rules`` runs
    the rules alone. ``min_confidence`` ``None`` takes the model's cut, below which an
    attribution is more likely to lower who-said-what F1 than raise it (fitted on dev
    by ``saidwhat train``); 0 keeps everything. ``encoder_precision`` is how a model
    with the MiniLM encoder runs it (:class:`~saidwhat.model.encoder.TokenEncoder`).
    """

    def __init__(self, nlp: Language, name: str = "saidwhat", *, min_confidence: Optional[float] = None,
                 model: Optional[str] = DEFAULT_MODEL, encoder_precision: str = DEFAULT_PRECISION):
        self.name = name
        self.model_name = model or "rules"
        path = model_path(self.model_name)
        self.model = None
        self.encoder = None
        if path is not None:
            from .model.tagger import NeuralModel  # torch is loaded only for a model

            self.model = NeuralModel.load(path)
            trained_on, running = self.model.meta.get("spacy_pipeline"), spacy_package(nlp)
            if trained_on and trained_on != running:
                logger.warning("model %s was trained on the parses and token vectors of %s, not %s: "
                               "its confidences and dev figures may not hold", self.model_name, trained_on, running)
            if self.model.uses_encoder:
                from .model.encoder import TokenEncoder

                self.encoder = TokenEncoder(encoder_precision)
        if min_confidence is None:
            min_confidence = self.model.min_confidence if self.model is not None else 0.0
        self.min_confidence = min_confidence
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Find the attributions of ``doc``, set them on it and return it."""
        self.set_annotations(doc, self.find_many([doc])[0])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = DEFAULT_BATCH) -> Iterator[Doc]:
        """Find and set the attributions of the Docs of ``stream``, ``batch_size`` at a time."""
        for batch in minibatch(stream, size=batch_size):
            for doc, found in zip(batch, self.find_many(batch)):
                self.set_annotations(doc, found)
                yield doc

    def find(self, doc: Doc) -> List[Found]:
        """Return the attributions found in ``doc`` at or above ``min_confidence``."""
        return self.find_many([doc])[0]

    def find_many(self, docs: Sequence[Doc]) -> List[List[Found]]:
        """Return, per Doc, the attributions found at or above ``min_confidence``."""
        for doc in docs:
            if len(doc) and not doc.has_annotation("DEP"):
                raise PipelineError(f"the '{self.name}' component needs a dependency parser before it in the pipeline")
        if self.model is None:
            found = [find_attributions(doc) for doc in docs]
        else:
            from .model.hybrid import combine
            from .model.neural import DocInputs

            vectors = self.encoder.encode(docs) if self.encoder is not None else [None] * len(docs)
            inputs = [DocInputs(doc, v) for doc, v in zip(docs, vectors)]
            found = [combine(x.rules, f) for x, f in zip(inputs, self.model.predict(inputs))]
        found = [nest(doc, items) for doc, items in zip(docs, found)]
        return [_confident(items, self.min_confidence) for items in found]

    def set_annotations(self, doc: Doc, found: List[Found]) -> None:
        """Store ``found`` on ``doc._.attributions`` as schema Attributions."""
        doc._.set(EXTENSION, to_attributions(doc, found))


def _confident(items: List[Found], min_confidence: float) -> List[Found]:
    """The items at or above ``min_confidence``, with a nested one kept only if its parent is."""
    kept = [f for f in items if f.confidence >= min_confidence]
    ids = {id(f) for f in kept}
    return [f for f in kept if f.parent is None or id(f.parent) in ids]


def to_attributions(doc: Doc, found: List[Found]) -> List[Attribution]:
    """Turn the Found records of ``doc`` into schema Attributions numbered from 1, with
    parents, continued quotes and each cue's addressee, setting and means."""
    text = doc_text(doc)
    number = {id(item): k for k, item in enumerate(found, start=1)}
    out = []
    for k, item in enumerate(found, start=1):
        taken = list(item.content) + ([item.source] if item.source else [])
        around = circumstances(doc, item.cue_token, taken)
        out.append(Attribution(
            id=k,
            kind=item.kind(text),
            content=TextSpan.from_offsets(text, item.content),
            cue=_span(text, item.cue),
            source=_span(text, item.source),
            confidence=item.confidence,
            parent=number.get(id(item.parent)) if item.parent is not None else None,
            continued=item.continues is not None,
            to=_span(text, around.to),
            where=_span(text, around.where),
            how=_span(text, around.how),
        ))
    return out


def _span(text: str, offsets) -> Optional[TextSpan]:
    return TextSpan.from_offsets(text, [offsets]) if offsets else None

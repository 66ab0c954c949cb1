"""The spaCy component: ``nlp.add_pipe("saidwhat")`` sets ``doc._.attributions``.

Like spaCy's own rulers, :class:`AttributionFinder` finds things in ``__call__`` and
sets them on the Doc in a separate step, :meth:`AttributionFinder.set_annotations`.
Its settings arrive through the ``saidwhat`` factory with defaults: without a
``model`` it runs the rules alone; with a model directory (trained by ``saidwhat
train``) it adds the CRF model's attributions that the rules miss
(:func:`saidwhat.model.hybrid.find_hybrid`).
"""
from __future__ import annotations

from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from .errors import PipelineError
from .extractor import Found, find_attributions
from .model.crf import CRFModel
from .model.hybrid import find_hybrid
from .schema import Attribution, TextSpan

EXTENSION = "attributions"


@Language.factory("saidwhat", default_config={"min_confidence": 0.0, "model": None})
def make_attribution_finder(nlp: Language, name: str, min_confidence: float,
                            model: Optional[str]) -> "AttributionFinder":
    """Build the ``saidwhat`` component; ``min_confidence`` drops less certain attributions,
    ``model`` is a model directory to use with the rules (default: the rules alone)."""
    return AttributionFinder(nlp, name, min_confidence=min_confidence, model=model)


class AttributionFinder:
    """Find who said what in a parsed Doc and store it as ``doc._.attributions``.

    Needs a dependency parser and lemmatizer earlier in the pipeline.
    ``doc._.attributions`` is a list of :class:`~saidwhat.schema.Attribution` whose
    offsets point into ``doc.text``, numbered from 1 in text order.

    ``model`` is a directory written by ``saidwhat train``, loaded once here (PipelineError
    if it is not a model); ``None`` runs the rules alone.
    """

    def __init__(self, nlp: Language, name: str = "saidwhat", *, min_confidence: float = 0.0,
                 model: Optional[str] = None):
        self.name = name
        self.min_confidence = min_confidence
        self.model = CRFModel(model) if model is not None else None
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Find the attributions of ``doc``, set them on it and return it."""
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> List[Found]:
        """Return the attributions found in ``doc`` at or above ``min_confidence``."""
        if len(doc) and not doc.has_annotation("DEP"):
            raise PipelineError(f"the '{self.name}' component needs a dependency parser before it in the pipeline")
        found = find_attributions(doc) if self.model is None else find_hybrid(doc, self.model)
        return [f for f in found if f.confidence >= self.min_confidence]

    def set_annotations(self, doc: Doc, found: List[Found]) -> None:
        """Store ``found`` on ``doc._.attributions`` as schema Attributions."""
        text = doc.text
        doc._.set(EXTENSION, [to_attribution(text, k, item) for k, item in enumerate(found, start=1)])


def to_attribution(text: str, ident: int, item: Found) -> Attribution:
    """Turn one Found record over ``text`` into a schema Attribution numbered ``ident``."""
    return Attribution(
        id=ident,
        kind=item.kind(text),
        content=TextSpan.from_offsets(text, item.content),
        cue=TextSpan.from_offsets(text, [item.cue]) if item.cue else None,
        source=TextSpan.from_offsets(text, [item.source]) if item.source else None,
        confidence=item.confidence,
    )

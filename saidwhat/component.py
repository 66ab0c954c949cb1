"""The spaCy component: ``nlp.add_pipe("saidwhat")`` after any English spaCy pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("saidwhat")
    doc = nlp(text)
    doc._.attributions, doc._.speakers      # what saidwhat.extract(text) gives

Like spaCy's own components, :class:`AttributionFinder` finds in ``__call__`` (and
``pipe``, which batches Docs through the model) and sets what it found on the Doc in
a separate step, :meth:`AttributionFinder.set_annotations`. Adding it also puts
``saidwhat_paragraphs`` before the parser, so that no sentence crosses a line break.
Its settings arrive through the ``saidwhat`` factory with defaults: ``model`` names a
shipped model (``accurate``, the default, or ``fast``), ``rules`` for the rules alone,
or a directory written by ``saidwhat train``; ``nlp.to_disk(DIR)`` saves such a model
inside ``DIR`` and ``spacy.load(DIR)`` reads it back.
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .errors import PipelineError
from .extract.acts import ACTS, act_of
from .extract.circumstances import circumstances
from .extract.doctext import doc_text, line_breaks
from .extract.found import Found, kept_with_parents
from .extract.nesting import nest
from .extract.rules import find_attributions
from .model import DEFAULT_MODEL, MODEL_NAMES, model_path, spacy_package
from .model.encoder import DEFAULT_PRECISION
from .schema import Attribution, Speaker, TextSpan
from .speakers import resolve_speakers
from .speakers.mention_ranking import DEFAULT_RANKING, load_ranker

logger = logging.getLogger(__name__)

ATTRIBUTIONS, SPEAKERS = "attributions", "speakers"
PARAGRAPHS = "saidwhat_paragraphs"
DEFAULT_BATCH = 16
# What the component reads, and the spaCy component that usually sets it.
REQUIRES = {"token.dep": "parser", "token.tag": "tagger", "token.lemma": "lemmatizer", "doc.ents": "ner"}
# The folder of a saved pipeline (``nlp.to_disk``) that holds a trained model's files.
MODEL_FOLDER = "model"
MODEL_FILES = ("weights.pt", "meta.json")


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no parse crosses a paragraph."""
    for i in line_breaks(doc):
        if i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory(
    "saidwhat",
    default_config={"min_confidence": None, "model": DEFAULT_MODEL, "encoder_precision": DEFAULT_PRECISION,
                    "speakers": True, "speaker_ranking": DEFAULT_RANKING, "acts": None},
    assigns=[f"doc._.{ATTRIBUTIONS}", f"doc._.{SPEAKERS}"],
    requires=list(REQUIRES),
)
def make_attribution_finder(nlp: Language, name: str, min_confidence: Optional[float], model: str,
                            encoder_precision: str, speakers: bool, speaker_ranking: str,
                            acts: Optional[List[str]]) -> "AttributionFinder":
    """Build the ``saidwhat`` component; ``min_confidence`` drops less certain attributions
    (``None``: the model's own cut, 0 for the rules), ``model`` is ``accurate``, ``fast``,
    ``rules`` or a model directory, ``encoder_precision`` how a model with the encoder
    runs it (``auto``, ``float32`` or ``bfloat16``: :mod:`saidwhat.model.encoder`),
    ``speakers`` whether sources are resolved to speakers, ``speaker_ranking`` how pronouns
    and descriptions are (``learned`` or ``rules``: :mod:`saidwhat.speakers.learned`), ``acts`` the kinds of saying
    kept (``None``: all of :data:`~saidwhat.extract.acts.ACTS`). Puts ``saidwhat_paragraphs``
    before the parser when the pipeline lacks it; PipelineError naming what is missing
    when the pipeline cannot give what the component reads."""
    check_requirements(nlp, name, REQUIRES)
    if PARAGRAPHS not in nlp.component_names:
        nlp.add_pipe(PARAGRAPHS, before=_setter_of(nlp, "token.dep"))
    finder = AttributionFinder(nlp, name, min_confidence=min_confidence, model=model,
                               encoder_precision=encoder_precision, speakers=speakers,
                               speaker_ranking=speaker_ranking, acts=acts)
    if finder.model is not None and finder.model.net.settings.spacy_tensor:
        check_requirements(nlp, name, {"doc.tensor": "tok2vec"})  # the fast model reads spaCy's vectors
    return finder


def check_requirements(nlp: Language, name: str, requires: dict) -> None:
    """Raise PipelineError naming the first of ``requires`` (attribute -> usual component)
    that no component of ``nlp`` sets."""
    for attribute, usual in requires.items():
        if _setter_of(nlp, attribute) is None:
            raise PipelineError(
                f"the '{name}' component needs {attribute}, which no component of this pipeline sets: add "
                f"spaCy's '{usual}' before it (this pipeline has: {', '.join(nlp.pipe_names) or 'nothing'}); "
                f"an English pipeline such as en_core_web_sm has everything it needs")


def _setter_of(nlp: Language, attribute: str) -> Optional[str]:
    """The first enabled component of ``nlp`` that declares it sets ``attribute``."""
    return next((pipe for pipe in nlp.pipe_names if attribute in nlp.get_pipe_meta(pipe).assigns), None)


@dataclass
class Findings:
    """What the component finds in one Doc: its attributions and their speakers."""

    attributions: List[Attribution]
    speakers: List[Speaker]


class AttributionFinder:
    """Find who said what in parsed Docs and store it as ``doc._.attributions`` and
    ``doc._.speakers``.

    ``doc._.attributions`` is a list of :class:`~saidwhat.schema.Attribution` whose
    offsets point into ``doc.text``, numbered from 1 in text order, each with its
    resolved speaker; ``doc._.speakers`` lists each speaker once.

    ``model`` is loaded once here (PipelineError if it is not a model; a directory that
    does not exist is looked for in :meth:`from_disk` instead); ``rules`` runs the
    rules alone. ``min_confidence`` ``None`` takes the model's cut, below which an
    attribution is more likely to lower who-said-what F1 than raise it (fitted on dev
    by ``saidwhat train``); 0 keeps everything. ``encoder_precision`` is how a model
    with the MiniLM encoder runs it (:class:`~saidwhat.model.encoder.TokenEncoder`).
    ``speakers`` False leaves sources unresolved; ``acts`` keeps only attributions of
    those kinds of saying (:data:`~saidwhat.extract.acts.ACTS`; None keeps all).
    """

    def __init__(self, nlp: Language, name: str = "saidwhat", *, min_confidence: Optional[float] = None,
                 model: Optional[str] = DEFAULT_MODEL, encoder_precision: str = DEFAULT_PRECISION,
                 speakers: bool = True, speaker_ranking: str = DEFAULT_RANKING,
                 acts: Optional[Sequence[str]] = None):
        unknown = sorted(set(acts or ()) - set(ACTS))
        if unknown:
            raise PipelineError(f"unknown act {', '.join(unknown)}: use {', '.join(ACTS)}")
        self.ranker = load_ranker(speaker_ranking)
        self.name = name
        self.acts = list(acts) if acts is not None else None
        self.model_name = str(model or "rules")
        self.spacy_pipeline = spacy_package(nlp)
        self.encoder_precision = encoder_precision
        self.speakers = speakers
        self.asked_min_confidence = min_confidence
        self.model = self.encoder = None
        self.min_confidence = min_confidence if min_confidence is not None else 0.0
        path = model_path(self.model_name)
        self._missing: Optional[Path] = None
        if path is not None and (self.model_name in MODEL_NAMES or path.exists()):
            self._load(path)
        elif path is not None:
            self._missing = path
        for extension in (ATTRIBUTIONS, SPEAKERS):
            if not Doc.has_extension(extension):
                Doc.set_extension(extension, default=None)

    def _load(self, path: Path) -> None:
        """Load the model at ``path`` (and the encoder it reads)."""
        from .model.runtime import settle  # first: it sets what torch reads as it starts
        from .model.predictor import NeuralModel  # torch is loaded only for a model

        self.model = NeuralModel.load(path)
        settle()
        self._missing = None
        trained_on = self.model.meta.get("spacy_pipeline")
        if trained_on and trained_on != self.spacy_pipeline:
            logger.warning("model %s was trained on the parses and token vectors of %s, not %s: "
                           "its confidences and dev figures may not hold", self.model_name, trained_on,
                           self.spacy_pipeline)
        if self.model.uses_encoder and self.encoder is None:
            from .model.encoder import TokenEncoder

            self.encoder = TokenEncoder(self.encoder_precision)
        if self.asked_min_confidence is None:
            self.min_confidence = self.model.min_confidence

    def check_model(self) -> None:
        """Raise PipelineError when the model named was neither found nor read from disk."""
        if self._missing is not None:
            from .model.predictor import NeuralModel

            NeuralModel.load(self._missing)  # raises, naming the folder and what it lacks

    def __call__(self, doc: Doc) -> Doc:
        """Find the attributions and speakers of ``doc``, set them on it and return it."""
        self.set_annotations(doc, self.find_many([doc])[0])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = DEFAULT_BATCH) -> Iterator[Doc]:
        """Find and set the attributions of the Docs of ``stream``, ``batch_size`` at a time."""
        for batch in minibatch(stream, size=batch_size):
            for doc, findings in zip(batch, self.find_many(batch)):
                self.set_annotations(doc, findings)
                yield doc

    def find_many(self, docs: Sequence[Doc]) -> List[Findings]:
        """Return, per Doc, the attributions at or above ``min_confidence`` and their speakers."""
        out = []
        for doc, found in zip(docs, self.found(docs)):
            attributions = to_attributions(doc, found)
            speakers = resolve_speakers(doc, attributions, self.ranker) if self.speakers else []
            out.append(Findings(attributions, speakers))
        return out

    def found(self, docs: Sequence[Doc]) -> List[List[Found]]:
        """Return, per Doc, the attributions found at or above ``min_confidence`` as
        :class:`~saidwhat.extract.found.Found` records, reports nested in their parents."""
        self.check_model()
        for doc in docs:
            if len(doc) and not doc.has_annotation("DEP"):
                raise PipelineError(f"the '{self.name}' component needs a dependency parser before it in the pipeline")
        rules = [find_attributions(doc) for doc in docs]
        if self.model is None:
            found = rules
        else:
            from .model.hybrid import combine
            from .model.inputs import DocInputs

            vectors = self.encoder.encode(docs) if self.encoder is not None else [None] * len(docs)
            inputs = [DocInputs(doc, r, v) for doc, r, v in zip(docs, rules, vectors)]
            found = [combine(r, f) for r, f in zip(rules, self.model.predict(inputs))]
        found = [nest(doc, items) for doc, items in zip(docs, found)]
        return [kept_with_parents(items, self._wanted(doc)) for doc, items in zip(docs, found)]

    def _wanted(self, doc: Doc):
        """Whether an attribution of ``doc`` is kept: confident enough, of an act asked for."""
        acts = set(self.acts) if self.acts is not None else None
        return lambda f: f.confidence >= self.min_confidence and (acts is None or act_of(doc, f) in acts)

    def set_annotations(self, doc: Doc, findings: Findings) -> None:
        """Store ``findings`` on ``doc._.attributions`` and ``doc._.speakers``."""
        doc._.set(ATTRIBUTIONS, findings.attributions)
        doc._.set(SPEAKERS, findings.speakers)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Save a trained model's files under ``path`` (a shipped model or the rules need
        none: the pipeline's config names them)."""
        if self.model is None or self.model_name in MODEL_NAMES:
            return
        target = Path(path) / MODEL_FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES:
            shutil.copyfile(self.model.directory / name, target / name)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "AttributionFinder":
        """Load the trained model saved under ``path`` by :meth:`to_disk`, if any."""
        saved = Path(path) / MODEL_FOLDER
        if (saved / MODEL_FILES[0]).is_file():
            self._load(saved)
        return self


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
            act=act_of(doc, item),
        ))
    return out


def _span(text: str, offsets) -> Optional[TextSpan]:
    return TextSpan.from_offsets(text, [offsets]) if offsets else None

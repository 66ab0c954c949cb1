"""Shared fixtures: the real pipeline, loaded once per test session, data paths and a
tiny trained model. Commands run in the test process (one worker) unless a test asks
for more with --workers."""
import os
import shutil
from pathlib import Path

import pytest

from saidwhat.cli import main
from saidwhat.pipeline import Extractor, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-talks.txt"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
POLNEAR_DEV = POLNEAR / "dev"
POLNEAR_TRAIN = POLNEAR / "train"
os.environ["SAIDWHAT_WORKERS"] = "1"


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


def copy_compartment(source, target, n):
    """Copy the first ``n`` articles (text and annotations) of compartment ``source`` to ``target``."""
    (target / "text").mkdir(parents=True)
    (target / "attributions").mkdir()
    for txt in sorted((source / "text").glob("*.txt"))[:n]:
        shutil.copy(txt, target / "text")
        for ann in (source / "attributions").glob(txt.stem + "_*.ann"):
            shutil.copy(ann, target / "attributions")


@pytest.fixture(scope="session")
def copy_articles():
    """A function copying the first ``n`` articles of a PolNeAR compartment to a folder."""
    return copy_compartment


@pytest.fixture(scope="session")
def trained(tmp_path_factory, polnear_train, polnear_dev):
    """Run ``saidwhat train --kind fast --limit 2`` on 3 train and 2 dev articles; return the model dir."""
    root = tmp_path_factory.mktemp("train")
    copy_compartment(polnear_train, root / "data" / "train", 3)
    copy_compartment(polnear_dev, root / "data" / "dev", 2)
    code = main(["train", "--data", str(root / "data"), "--out", str(root / "model"), "--limit", "2", "--seed", "7",
                 "--kind", "fast", "--epochs", "2", "--threads", "1"])
    assert code == 0
    return root / "model"

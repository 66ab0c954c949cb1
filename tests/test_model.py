"""The CRF attribution model: a tiny training run on three PolNeAR train articles."""
import pytest

from saidwhat.brat import load_compartment
from saidwhat.errors import PipelineError
from saidwhat.extractor import Found
from saidwhat.model.crf import CRFModel, train
from saidwhat.model.data import align, cue_labels


@pytest.fixture(scope="module")
def tiny(nlp, polnear_train):
    """Three parsed train articles with their gold attributions aligned to tokens."""
    gold = dict(list(load_compartment(polnear_train).items())[:3])
    with nlp.select_pipes(disable=["saidwhat"]):
        docs = {stem: nlp(text) for stem, (text, _) in gold.items()}
    aligned = {stem: align(docs[stem], attrs) for stem, (_, attrs) in gold.items()}
    return docs, aligned


def test_alignment_labels_every_gold_cue(tiny):
    docs, aligned = tiny
    for stem, doc in docs.items():
        labels = cue_labels(doc, aligned[stem])
        assert len(labels) == len(doc)
        assert labels.count("B") >= sum(1 for a in aligned[stem] if a.cue)
        assert set(labels) <= {"B", "I", "O"}


def test_tiny_training_run_predicts_well_formed_attributions(tiny, tmp_path):
    docs, aligned = tiny
    stats = train(docs, aligned, tmp_path, {"max_iterations": 30})
    assert (tmp_path / "cue.crfsuite").is_file() and (tmp_path / "span.crfsuite").is_file()
    assert stats["span_sequences"] > 0
    doc = next(iter(docs.values()))
    found = CRFModel(tmp_path).predict(doc)
    assert found, "a model trained on this article finds attributions in it"
    n = len(doc.text)
    for item in found:
        assert isinstance(item, Found) and item.rule == "crf"
        assert item.content and all(0 <= s < e <= n for s, e in item.content)
        for span in (item.cue, item.source):
            assert span is None or 0 <= span[0] < span[1] <= n
        assert 0.0 <= item.confidence <= 1.0
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_a_directory_without_a_model_names_the_missing_file(tmp_path):
    with pytest.raises(PipelineError, match="no cue.crfsuite"):
        CRFModel(tmp_path)

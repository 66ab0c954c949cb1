"""``nlp.add_pipe("saidwhat")`` after a plain spaCy pipeline gives what saidwhat.extract gives."""
import shutil

import pytest
import spacy

from saidwhat.errors import PipelineError
from saidwhat.pipeline import DEFAULT_SPACY_PACKAGE
from saidwhat.schema import Article

# Every twelfth dev article (sorted by name, so every outlet) besides the example.
DEV_EVERY = 12
STORY = ('Port reopens after strike\n'
         '"We will not sign this," the mayor said on Monday. She added that talks would resume in May.\n'
         'Union leaders said the vote was close.\n')


@pytest.fixture(scope="module")
def recipe():
    """The README's recipe: a plain spaCy pipeline with one ``add_pipe``."""
    nlp = spacy.load(DEFAULT_SPACY_PACKAGE)
    nlp.add_pipe("saidwhat")
    return nlp


def as_article(doc, id):
    return Article(id=id, text=doc.text, attributions=doc._.attributions, speakers=doc._.speakers)


def test_the_recipe_gives_exactly_what_extract_gives(recipe, extractor, example_text, polnear_dev):
    texts = {"harbor-talks": example_text}
    for path in sorted((polnear_dev / "text").glob("*.txt"))[::DEV_EVERY]:
        texts[path.stem] = path.read_text(encoding="utf-8")
    assert len(texts) == 8
    for id, text in texts.items():  # one at a time: a batch pads the network's inputs alike
        expected = extractor.extract(text, id=id)
        assert as_article(recipe(text), id).to_dict() == expected.to_dict(), id
    speakers = [a.speaker for a in expected.attributions]
    assert any(s is not None and s.name for s in speakers)  # speakers resolved, not None


def test_adding_the_component_puts_paragraph_boundaries_before_the_parser(recipe):
    names = recipe.pipe_names
    assert names.index("saidwhat_paragraphs") < names.index("parser") and names[-1] == "saidwhat"
    doc = recipe(STORY)
    assert all(doc[i + 1].is_sent_start for i, t in enumerate(doc[:-1]) if "\n" in t.text)
    assert [(a.source.text, a.cue.text) for a in doc._.attributions] == [
        ("the mayor", "said"), ("She", "added"), ("Union leaders", "said")]
    assert [(s.name, s.type, s.attributions) for s in doc._.speakers] == [
        (None, "person", 2), (None, "group", 1)]


def test_paragraphs_added_by_hand_are_kept_once():
    nlp = spacy.load(DEFAULT_SPACY_PACKAGE)
    nlp.add_pipe("saidwhat_paragraphs", before="parser")
    nlp.add_pipe("saidwhat", config={"model": "rules"})
    assert nlp.pipe_names.count("saidwhat_paragraphs") == 1


@pytest.mark.parametrize("missing, named", [("lemmatizer", "lemmatizer"), ("ner", "ner"), ("parser", "parser")])
def test_a_pipeline_without_what_the_component_reads_gets_an_error_naming_it(missing, named):
    nlp = spacy.load(DEFAULT_SPACY_PACKAGE, exclude=[missing])
    with pytest.raises(PipelineError, match=f"add spaCy's '{named}' before it"):
        nlp.add_pipe("saidwhat", config={"model": "rules"})


def test_a_blank_pipeline_gets_an_error_naming_the_parser():
    with pytest.raises(PipelineError, match="needs token.dep.*'parser'"):
        spacy.blank("en").add_pipe("saidwhat")


def test_a_pipeline_with_a_trained_model_goes_to_disk_and_back(trained, tmp_path):
    model = tmp_path / "my-model"
    shutil.copytree(trained, model)
    nlp = spacy.load(DEFAULT_SPACY_PACKAGE)
    nlp.add_pipe("saidwhat", config={"model": str(model), "min_confidence": 0.0})
    before = [a.to_dict() for a in nlp(STORY)._.attributions]
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(model)  # the saved pipeline holds its own copy of the model
    assert sorted(p.name for p in (tmp_path / "pipeline" / "saidwhat" / "model").iterdir()) == [
        "meta.json", "weights.pt"]
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    assert [a.to_dict() for a in again(STORY)._.attributions] == before
    assert again.get_pipe("saidwhat").model.meta == nlp.get_pipe("saidwhat").model.meta


def test_a_model_folder_that_is_missing_is_named_when_the_pipeline_runs(tmp_path):
    nlp = spacy.load(DEFAULT_SPACY_PACKAGE)
    nlp.add_pipe("saidwhat", config={"model": str(tmp_path / "nowhere")})
    with pytest.raises(PipelineError, match="nowhere: not a saidwhat model, it needs weights.pt"):
        nlp("The mayor said the port would reopen.")

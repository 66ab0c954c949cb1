"""Speakers of whole articles: the default pipeline on the bundled example and on the
Hanoi article in ../shared (every speaker by full name, nested reports, continued quotes,
addressee/setting/means), their serialisation, and the speaker scoring."""
import json

import pytest

from saidwhat.evaluation.speaker_scoring import load_annotations, normalise_name, score_speakers, source_form
from saidwhat.schema import Article, Attribution, TextSpan
from saidwhat.speakers import resolve_speakers

from tests.conftest import EXAMPLE, ROOT, SHARED

HANOI = SHARED / "examples" / "hanoi-summit.txt"
ANNOTATIONS = ROOT / "tests" / "data" / "speakers" / "dev-speakers.jsonl"


def names(attributions):
    return [a.speaker.name if a.speaker else None for a in attributions]


@pytest.fixture(scope="module")
def hanoi(extractor):
    assert HANOI.is_file(), f"{HANOI} not found: ../shared must sit beside the project"
    return extractor.extract(HANOI.read_text(encoding="utf-8"), id="hanoi-summit")


def test_hanoi_every_speaker_by_full_name(hanoi):
    assert names(hanoi.attributions) == [
        "Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump", "CNN", "Donald Trump", "Donald Trump",
        "Mike Pompeo", "Kim Jong Un", "Kim Jong Un", "Kim Jong Un", "Kim Jong Un",
        "Jean Lee", "Jean Lee", "Jean Lee"]
    assert [(s.name, s.type, s.attributions) for s in hanoi.speakers] == [
        ("Donald Trump", "person", 6), ("CNN", "media", 1), ("Mike Pompeo", "person", 1),
        ("Kim Jong Un", "person", 4), ("Jean Lee", "person", 3)]
    pompeo = hanoi.speakers[2]
    assert pompeo.title == "Secretary of State"
    assert hanoi.speakers[4].title == "a Korea expert at the Wilson Center"


def test_hanoi_heading_ending_in_a_colon_is_no_attribution(hanoi):
    heading = hanoi.text.index("Experts worry about next steps:")
    assert not [a for a in hanoi.attributions if heading <= a.content.start < heading + 31]


def test_hanoi_reports_inside_cnns_report_are_nested_under_it(hanoi):
    [cnn] = [a for a in hanoi.attributions if a.source and a.source.text == "CNN"]
    nested = [a for a in hanoi.attributions if a.parent == cnn.id]
    assert [a.speaker.name for a in nested] == ["Donald Trump", "Donald Trump"]
    assert nested[0].content.text.startswith("Kim had offered to begin dismantling the Yongbyon nuclear facility")
    assert all(cnn.content.start <= a.content.start and a.content.end <= cnn.content.end for a in nested)
    assert all(a.parent is None for a in hanoi.attributions if a not in nested)


def test_hanoi_question_paragraph_continues_jean_lee(hanoi):
    [continued] = [a for a in hanoi.attributions if a.continued]
    assert continued.cue is None and continued.speaker.name == "Jean Lee"
    assert continued.content.text.startswith("“Did these two leaders and their teams build up enough good will")


def test_hanoi_addressee_setting_and_means(hanoi):
    got = {(a.id, k, getattr(a, k).text) for a in hanoi.attributions for k in ("to", "where", "how") if getattr(a, k)}
    assert got == {(1, "where", "at a press conference"), (2, "to", "reporters"),
                   (8, "where", "at the news conference"), (9, "to", "US reporter"),
                   (10, "to", "an American journalist"), (11, "how", "through an interpreter"),
                   (13, "to", "The New York Times")}


def test_hanoi_pronoun_speakers(hanoi):
    by_source = [(a.source.text, a.speaker.name) for a in hanoi.attributions if a.source and a.source.text in ("he", "she")]
    assert by_source == [("he", "Kim Jong Un"), ("he", "Kim Jong Un"), ("she", "Jean Lee")]


def test_example_article_speakers(extractor, example_text):
    article = extractor.extract(example_text, id=EXAMPLE.stem)
    assert names(article.attributions) == [
        "Desmond Hale", "Desmond Hale", "Desmond Hale", None, "Desmond Hale", "Grace Okafor", "Grace Okafor",
        "Grace Okafor", "Grace Okafor", "Marlow Courier", "Grace Okafor", "Grace Okafor", None, "Kenji Moriyama",
        "Kenji Moriyama", "Kenji Moriyama", "Priya Raman", "Priya Raman", "Priya Raman", "Tomas Reyes"]
    courier = next(a for a in article.attributions if a.speaker and a.speaker.name == "Marlow Courier")
    assert [a.speaker.name for a in article.attributions if a.parent == courier.id] == ["Grace Okafor", "Grace Okafor"]


def test_speakers_serialise_in_the_one_schema(hanoi):
    record = json.loads(json.dumps(hanoi.to_dict()))
    again = Article.from_dict(record)
    assert [a.speaker.name if a.speaker else None for a in again.attributions] == names(hanoi.attributions)
    assert record["attributions"][0]["speaker"]["id"] == record["speakers"][0]["id"] == 1
    [cnn] = [a for a in record["attributions"] if a["source"] and a["source"]["text"] == "CNN"]
    assert [a["speaker"]["name"] for a in cnn["reports"]] == ["Donald Trump", "Donald Trump"]
    assert len(record["attributions"]) == len([a for a in hanoi.attributions if a.parent is None])


def test_source_forms_and_name_normalising():
    assert source_form("he", "Kim Jong Un") == "pronoun"
    assert source_form("Secretary of State Mike Pompeo", "Mike Pompeo") == "name"
    assert source_form("the newspaper", "The Washington Post") == "description"
    assert normalise_name("The Washington Post") == normalise_name("Washington Post")
    assert normalise_name("Trump\u2019s") == "trump"


def test_speaker_scoring_counts_found_and_right(polnear_dev, parser_nlp):
    from saidwhat.io.gold import load_compartment

    annotations = load_annotations(ANNOTATIONS)
    gold = load_compartment(polnear_dev)
    stem = sorted(annotations)[0]
    text = gold[stem].text
    pairs = [(a, n) for a in gold[stem].attributions for n in [annotations[stem].get(tuple(sorted(a.source)))]
             if a.source and n is not None]
    attributions = [Attribution(id=k, kind="indirect", cue=None,
                                content=TextSpan.from_offsets(text, a.content),
                                source=TextSpan.from_offsets(text, sorted(a.source)))
                    for k, (a, _) in enumerate(pairs, start=1)]
    resolve_speakers(parser_nlp(text), attributions)
    result = score_speakers(gold, annotations, [Article(id=stem, text=text, attributions=attributions)])
    named = [n for _, n in pairs if n["name"] is not None]
    assert result["all"]["gold"] == len(named) and result["all"]["found"] == len(named)
    right = sum(normalise_name(a.speaker.name if a.speaker else None) == normalise_name(n["name"])
                for a, (_, n) in zip(attributions, pairs) if n["name"] is not None)
    assert result["all"]["right"] == right
    # A report inside a report is not scored (PolNeAR has none): one listed first changes nothing.
    inner = Attribution(id=len(attributions) + 1, kind="indirect", content=attributions[-1].content,
                        parent=attributions[-1].id)
    again = score_speakers(gold, annotations, [Article(id=stem, text=text, attributions=[inner] + attributions)])
    assert again == result

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from saidwhat.errors import PredictionsError
from saidwhat.io.gold import GoldArticle, GoldAttribution, load_compartment
from saidwhat.io.labels import ROLES
from saidwhat.schema import Article, Attribution, TextSpan
from saidwhat.evaluation.scoring import CUE_RELATIONS, cue_relations, format_table, load_predictions, predictions_from_articles, score

SHARED = Path(__file__).parents[2] / "shared"
ATTRSCORE = SHARED / "tools" / "attrscore.py"
DEV = SHARED / "data" / "polnear" / "dev"


@pytest.fixture(scope="module")
def attrscore():
    if not ATTRSCORE.is_file():
        pytest.skip(f"reference scorer not found at {ATTRSCORE}")
    spec = importlib.util.spec_from_file_location("attrscore", ATTRSCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_gold():
    if not DEV.is_dir():
        pytest.skip(f"PolNeAR dev compartment not found at {DEV}")
    return load_compartment(DEV)


def _rounded(result):
    return {
        key: {k: round(v, 3) for k, v in value.items()} if isinstance(value, dict) else round(value, 3)
        for key, value in result.items()
    }


def _plain(attributions):
    """Attributions as the reference scorer takes them: dicts of lists of pairs."""
    return [{role: list(a.spans(role)) for role in ROLES} for a in attributions]


def _reference_gold(gold):
    return {stem: (article.text, _plain(article.attributions)) for stem, article in gold.items()}


def _reference_pred(pred):
    return {stem: _plain(attrs) for stem, attrs in pred.items()}


def _from_gold(gold, edit=lambda attrs: attrs):
    return {stem: edit(list(article.attributions)) for stem, article in gold.items()}


def _without_sources(attrs):
    return [replace(a, source=()) for a in attrs]


def _truncated_contents(attrs):
    return [replace(a, content=[(a.content[0][0], sum(a.content[0]) // 2)]) for a in attrs]


def _shifted_sources_no_cues(attrs):
    return [replace(a, source=attrs[(i + 1) % len(attrs)].source, cue=()) for i, a in enumerate(attrs)]


PREDICTION_SETS = {
    "gold": lambda gold: _from_gold(gold),
    "no_sources": lambda gold: _from_gold(gold, _without_sources),
    "truncated_contents": lambda gold: _from_gold(gold, _truncated_contents),
    "shifted_sources_no_cues": lambda gold: _from_gold(gold, _shifted_sources_no_cues),
    "half_the_articles": lambda gold: dict(list(_from_gold(gold).items())[::2]),
    "gold_and_truncated_copies": lambda gold: _from_gold(gold, lambda a: _truncated_contents(a) + a),
}


def test_dev_gold_loads_as_attrscore_loads_it(attrscore, dev_gold):
    assert _reference_gold(dev_gold) == attrscore.load_gold(str(DEV))
    assert len(dev_gold) == 84


@pytest.mark.parametrize("name", sorted(PREDICTION_SETS))
def test_score_equals_attrscore_on_dev(attrscore, dev_gold, name):
    pred = PREDICTION_SETS[name](dev_gold)
    ours = score(dev_gold, pred)
    reference = attrscore.score(_reference_gold(dev_gold), _reference_pred(pred))
    assert list(ours) == list(reference)
    assert _rounded(ours) == _rounded(reference)
    assert format_table(name, ours) == attrscore.table(name, reference)


def test_score_on_dev_gold_is_perfect(dev_gold):
    result = score(dev_gold, PREDICTION_SETS["gold"](dev_gold))
    assert result["who_said_what"]["f1"] == 1.0
    assert result["articles_predicted"] == result["articles"] == 84


def test_score_half_the_articles_on_dev(dev_gold):
    result = score(dev_gold, PREDICTION_SETS["half_the_articles"](dev_gold))
    assert result["articles_predicted"] == 42
    assert result["quote"]["p"] == 1.0
    assert 0.0 < result["quote"]["r"] < 1.0


TEXT = 'Mayor Lena Ortiz said the ferry will resume on Monday. "We are ready," a port official added.'


def _span(phrase):
    start = TEXT.index(phrase)
    return [(start, start + len(phrase))]


TINY_GOLD = {
    "harbor": GoldArticle("harbor", TEXT, (
        GoldAttribution(source=_span("Mayor Lena Ortiz"), cue=_span("said"),
                        content=_span("the ferry will resume on Monday")),
        GoldAttribution(source=_span("a port official"), cue=_span("added"), content=_span('"We are ready,"')),
    )),
    "quiet": GoldArticle("quiet", "Nothing was said here.", ()),
}
TINY_PRED = {
    "harbor": [
        # Content Dice 2*4/(4+6) = 0.8 with the first gold; the source overlaps.
        GoldAttribution(source=_span("Lena Ortiz"), cue=_span("said"), content=_span("the ferry will resume")),
        # Dice 2*3/(3+6) with the second gold; same words without the punctuation; no source.
        GoldAttribution(cue=_span("added"), content=_span("We are ready")),
        # Dice 2*2/(2+6) = 0.5 with the first gold, which is already taken.
        GoldAttribution(content=_span("on Monday")),
    ]
}


def test_score_tiny_example_by_hand():
    result = score(TINY_GOLD, TINY_PRED)
    assert result["articles"] == 2
    assert result["articles_predicted"] == 1
    assert result["quote"] == {"p": 2 / 3, "r": 1.0, "f1": pytest.approx(0.8), "tp": 2, "pred": 3, "gold": 2}
    assert result["who_said_what"] == {"p": 1 / 3, "r": 0.5, "f1": pytest.approx(0.4), "tp": 1, "pred": 3, "gold": 2}
    assert result["exact_content"]["tp"] == 1
    assert result["exact_cue"]["tp"] == 2
    # Source tokens: gold Mayor Lena Ortiz + a port official, predicted Lena Ortiz.
    assert result["token_source"] == {"p": 1.0, "r": 2 / 6, "f1": 0.5, "tp": 2, "pred": 2, "gold": 6}
    assert result["token_cue"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 2, "pred": 2, "gold": 2}
    # Content tokens: gold 6 + 6 (quote marks and comma count), predicted 4 + 3 + 2.
    assert result["token_content"] == {"p": 1.0, "r": 0.75, "f1": pytest.approx(6 / 7), "tp": 9, "pred": 9, "gold": 12}
    assert result["recall_direct"] == 0.0
    assert result["recall_indirect"] == 1.0


def test_score_tiny_example_equals_attrscore(attrscore):
    assert score(TINY_GOLD, TINY_PRED) == attrscore.score(_reference_gold(TINY_GOLD), _reference_pred(TINY_PRED))


@pytest.mark.parametrize("cue, relation", [
    ("said", "same words"),
    ("Ortiz said", "around the gold cue"),
    ("said the", "around the gold cue"),
    ("Lena Ortiz", "apart from it"),
])
def test_cue_relations_one_pair(cue, relation):
    harbor = TINY_GOLD["harbor"]
    gold = {"harbor": replace(harbor, attributions=harbor.attributions[:1])}
    pred = {"harbor": [GoldAttribution(cue=_span(cue), content=_span("the ferry will resume on Monday"))]}
    assert cue_relations(gold, pred) == dict.fromkeys(CUE_RELATIONS, 0) | {relation: 1}


def test_cue_relations_inside_and_overlapping():
    harbor = TINY_GOLD["harbor"]
    gold = {"harbor": replace(harbor, attributions=(replace(harbor.attributions[0], cue=_span("Ortiz said")),))}
    content = _span("the ferry will resume on Monday")
    assert cue_relations(gold, {"harbor": [GoldAttribution(cue=_span("said"), content=content)]})[
        "inside the gold cue"] == 1
    assert cue_relations(gold, {"harbor": [GoldAttribution(cue=_span("said the"), content=content)]})[
        "overlapping it"] == 1


def test_cue_relations_count_only_matched_pairs():
    counts = cue_relations(TINY_GOLD, TINY_PRED)
    assert counts == dict.fromkeys(CUE_RELATIONS, 0) | {"same words": 2}
    assert sum(counts.values()) == score(TINY_GOLD, TINY_PRED)["quote"]["tp"]


def test_format_table_tiny_example():
    lines = format_table("tiny", score(TINY_GOLD, TINY_PRED)).split("\n")
    assert lines[0] == "tiny: 1/2 articles"
    assert lines[1] == "  who_said_what   P 0.333  R 0.500  F1 0.400"
    assert lines[2] == "  quote           P 0.667  R 1.000  F1 0.800"
    assert lines[-1] == "  recall direct 0.000  indirect 1.000"
    assert len(lines) == 9


def test_score_without_predictions_is_zero():
    result = score(TINY_GOLD, {})
    assert result["articles_predicted"] == 0
    assert result["quote"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 2}


def _article():
    return Article(
        id="harbor",
        text=TEXT,
        attributions=[
            Attribution(
                id=1,
                kind="indirect",
                content=TextSpan.from_offsets(TEXT, _span("the ferry") + _span("on Monday")),
                cue=TextSpan.from_offsets(TEXT, _span("said")),
                source=TextSpan.from_offsets(TEXT, _span("Mayor Lena Ortiz")),
            ),
            Attribution(id=2, kind="direct", content=TextSpan.from_offsets(TEXT, _span('"We are ready,"'))),
        ],
    )


def test_predictions_from_articles():
    assert predictions_from_articles([_article()]) == {
        "harbor": [
            GoldAttribution(source=((0, 16),), cue=((17, 21),), content=((22, 31), (44, 53))),
            GoldAttribution(content=((55, 70),)),
        ]
    }


def _write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_predictions_reads_both_formats(tmp_path):
    plain = {"id": "harbor", "attributions": [
        {"source": [[0, 16]], "cue": [[17, 21]], "content": [[22, 31], [44, 53]]},
        {"source": None, "content": [[55, 70]]},
    ]}
    path = _write_lines(tmp_path / "pred.jsonl", [
        json.dumps(plain), "", json.dumps(dict(_article().to_dict(), id="harbor-2")),
    ])
    expected = predictions_from_articles([_article()])["harbor"]
    assert load_predictions(path) == {"harbor": expected, "harbor-2": expected}


def test_load_predictions_equals_attrscore(attrscore, tmp_path):
    path = _write_lines(tmp_path / "pred.jsonl", [json.dumps(_article().to_dict())])
    assert _reference_pred(load_predictions(path)) == attrscore.load_pred(str(path))


def test_load_predictions_bad_json_names_line(tmp_path):
    path = _write_lines(tmp_path / "pred.jsonl", ['{"id": "a", "attributions": []}', "", "{not json"])
    with pytest.raises(PredictionsError, match=r"pred\.jsonl:3: not valid JSON"):
        load_predictions(path)


def test_load_predictions_record_without_id(tmp_path):
    path = _write_lines(tmp_path / "pred.jsonl", ['{"attributions": []}'])
    with pytest.raises(PredictionsError, match=r'pred\.jsonl:1: the record has no "id"'):
        load_predictions(path)


@pytest.mark.parametrize("content", ['[[1, 2, 3]]', '[["1", 2]]', '{"spans": [1, 2]}', '"1 2"'])
def test_load_predictions_bad_spans(tmp_path, content):
    path = _write_lines(tmp_path / "pred.jsonl", ['{"id": "a", "attributions": [{"content": %s}]}' % content])
    with pytest.raises(PredictionsError, match=r"pred\.jsonl:1: spans must be"):
        load_predictions(path)


def test_load_predictions_missing_file(tmp_path):
    with pytest.raises(PredictionsError, match="missing.jsonl: cannot read"):
        load_predictions(tmp_path / "missing.jsonl")

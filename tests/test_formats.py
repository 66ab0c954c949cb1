"""Tests of the output formats: the registry, empty runs, JSON and JSON lines, CSV, on
hand-made articles with known attributions and speakers (tests/format_examples.py)."""
import csv
import io
import json

import pytest

from saidwhat.io.formats import FORMATS, make_writer, writer_class
from saidwhat.io.formats.csv_ import COLUMNS, CsvWriter
from saidwhat.io.formats.jsonl import JsonlWriter, JsonWriter
from saidwhat.schema import Article, Attribution, Speaker, TextSpan
from tests.format_examples import STREAM_FORMATS, TEXT, make_briefing, make_quiet, make_story, parse_page, run


def test_story_spans_are_what_the_tests_mean():
    texts = [
        (a.content.text, a.cue.text, a.source.text if a.source else None)
        for a in make_story().attributions
    ]
    assert texts == [
        ('"We will not sign," … "until the dredging is paid for."', "said", "Mayor Ana Ruiz"),
        ("it expected a deal by spring at a cost < $4m & no more", "said", "The harbor board"),
        ("the board said nothing new", "was reported", None),
        ("nothing new", "said", "the board"),
    ]


def test_jsonl_round_trip():
    articles = [make_story(), make_quiet()]
    lines = run(JsonlWriter, articles).splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert records == [a.to_dict() for a in articles]
    assert [Article.from_dict(r).to_dict() for r in records] == records
    assert "—" in lines[0] and "…" in lines[0]  # ensure_ascii=False


def test_a_speakers_mentions_are_written_once_under_the_article():
    text = "Ana Ruiz spoke. She said no. She said yes. She said maybe."
    ruiz = Speaker(1, "Ana Ruiz", "person", "Mayor",
                   mentions=[TextSpan.from_offsets(text, [(s, e)]) for s, e in ((0, 8), (16, 19), (29, 32), (43, 46))])
    attributions = [Attribution(id=k, kind="indirect", content=TextSpan.from_offsets(text, [(c, c + 2)]),
                                speaker=ruiz) for k, c in enumerate((25, 38), start=1)]
    record = Article(id="a", text=text, attributions=attributions, speakers=[ruiz]).to_dict()
    assert [a["speaker"] for a in record["attributions"]] == [
        {"id": 1, "name": "Ana Ruiz", "type": "person", "title": "Mayor"}] * 2
    assert len(record["speakers"][0]["mentions"]) == 4
    back = Article.from_dict(record)
    assert all(a.speaker is back.speakers[0] for a in back.attributions)
    assert back.attributions[0].speaker.mentions == ruiz.mentions


def test_reports_inside_reports_sit_under_their_parent_on_the_wire():
    """The outermost attributions are listed, the one inside #3 under its "reports";
    reading the record back gives the flat list again, in the same order."""
    story = make_story()
    record = story.to_dict()
    assert [a["id"] for a in record["attributions"]] == [1, 2, 3]
    assert [a["reports"] for a in record["attributions"][:2]] == [[], []]
    [inner] = record["attributions"][2]["reports"]
    assert (inner["id"], inner["parent"], inner["content"]["text"], inner["reports"]) == (4, 3, "nothing new", [])
    again = Article.from_dict(json.loads(json.dumps(record)))
    assert [(a.id, a.parent) for a in again.attributions] == [(1, None), (2, None), (3, None), (4, 3)]
    assert again.attributions == story.attributions


def test_json_is_one_indented_array():
    articles = [make_story(), make_quiet()]
    out = run(JsonWriter, articles)
    records = [a.to_dict() for a in articles]
    assert json.loads(out) == records
    assert out == json.dumps(records, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("writer_cls", [JsonWriter, JsonlWriter])
def test_include_text_false_drops_text(writer_cls):
    out = run(writer_cls, [make_story()], include_text=False)
    record = json.loads(out.splitlines()[0] if writer_cls is JsonlWriter else out)
    if writer_cls is JsonWriter:
        (record,) = record
    assert "text" not in record
    assert record == make_story().to_dict(include_text=False)
    assert record["attributions"][0]["content"]["text"].startswith('"We will not sign,"')


NO_SPEAKER = {
    "speaker_id": "", "speaker_name": "", "speaker_type": "", "speaker_title": "",
    "parent": "", "continued": "false", "to": "", "where": "", "how": "",
}
RUIZ_CELLS = dict(
    NO_SPEAKER, speaker_id="1", speaker_name="Ana Ruiz", speaker_type="person", speaker_title="Mayor"
)
BOARD_CELLS = dict(
    NO_SPEAKER, speaker_id="2", speaker_type="organization", speaker_title="The harbor board"
)


def test_csv_rows():
    out = run(CsvWriter, [make_story(), make_quiet()])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    assert COLUMNS[:11] == (
        "article_id", "attribution_id", "kind", "act", "confidence", "source_text", "source_spans",
        "cue_text", "cue_spans", "content_text", "content_spans",
    )
    assert rows == [
        {
            "article_id": "harbor-1", "attribution_id": "1",
            "kind": "direct", "act": "speech", "confidence": "0.92",
            "source_text": "Mayor Ana Ruiz", "source_spans": "33-47",
            "cue_text": "said", "cue_spans": "48-52",
            "content_text": '"We will not sign," … "until the dredging is paid for."',
            "content_spans": "13-32;54-87",
            **RUIZ_CELLS,
        },
        {
            "article_id": "harbor-1", "attribution_id": "2",
            "kind": "indirect", "act": "speech", "confidence": "0.8",
            "source_text": "The harbor board", "source_spans": "89-105",
            "cue_text": "said", "cue_spans": "106-110",
            "content_text": "it expected a deal by spring at a cost < $4m & no more",
            "content_spans": "111-165",
            **BOARD_CELLS,
        },
        {
            "article_id": "harbor-1", "attribution_id": "3",
            "kind": "indirect", "act": "", "confidence": "0.7",
            "source_text": "", "source_spans": "",
            "cue_text": "was reported", "cue_spans": "202-214",
            "content_text": "the board said nothing new", "content_spans": "220-246",
            **NO_SPEAKER,
        },
        {
            "article_id": "harbor-1", "attribution_id": "4",
            "kind": "indirect", "act": "speech", "confidence": "0.55",
            "source_text": "the board", "source_spans": "220-229",
            "cue_text": "said", "cue_spans": "230-234",
            "content_text": "nothing new", "content_spans": "235-246",
            **dict(BOARD_CELLS, parent="3"),
        },
    ]


def test_csv_speaker_and_circumstance_columns():
    out = run(CsvWriter, [make_briefing()])
    assert out.splitlines()[0].endswith(
        ",content_spans,speaker_id,speaker_name,speaker_type,speaker_title,"
        "parent,continued,to,where,how"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    pike = ("1", "Joan Pike", "person", "Transport Minister")
    assert [
        (r["source_text"], r["cue_text"], r["speaker_id"], r["speaker_name"], r["speaker_type"],
         r["speaker_title"], r["parent"], r["continued"], r["to"], r["where"], r["how"])
        for r in rows
    ] == [
        ("Transport Minister Joan Pike", "told", *pike, "", "false", "reporters", "at the harbor", ""),
        ("she", "said", *pike, "", "false", "", "", "on Harbor FM"),
        ("she", "", *pike, "", "true", "", "", ""),
        ("A spokesman", "said", "2", "", "person", "A spokesman", "", "false", "", "", ""),
        ("the minister", "had told", *pike, "4", "false", "him", "", ""),
    ]


def test_csv_quotes_newlines_in_fields():
    story = make_story()
    content = TextSpan.from_offsets(TEXT, [(111, 196)])
    story.attributions = [Attribution(1, "indirect", content, None, None, 1.0)]
    out = run(CsvWriter, [story])
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["content_text"] == content.text
    assert "\n" in row["content_text"]
    assert row["content_spans"] == "111-196"


@pytest.mark.parametrize("name", STREAM_FORMATS)
def test_empty_run_gives_a_valid_document(name):
    stream = io.StringIO()
    make_writer(name, stream).close()
    out = stream.getvalue()
    if name == "json":
        assert out == "[]\n" and json.loads(out) == []
    elif name == "csv":
        assert out == ",".join(COLUMNS) + "\n"
    elif name == "html":
        assert parse_page(out).find("body/article") is None
    else:
        assert out == ""


def test_formats_registry():
    assert FORMATS == ("json", "jsonl", "text", "html", "brat", "csv")
    assert writer_class("json") is JsonWriter
    assert writer_class("csv") is CsvWriter
    for name in STREAM_FORMATS:
        cls = writer_class(name)
        assert cls.name == name and not cls.writes_directory
        assert isinstance(make_writer(name, io.StringIO(), include_text=False), cls)


def test_brat_is_a_directory_format(tmp_path):
    pytest.importorskip("saidwhat.io.formats.brat")
    cls = writer_class("brat")
    assert cls.name == "brat" and cls.writes_directory
    assert isinstance(make_writer("brat", tmp_path), cls)
    with pytest.raises(TypeError, match="directory path"):
        make_writer("brat", io.StringIO())



def test_make_writer_rejects_unknown_names_and_wrong_targets(tmp_path):
    with pytest.raises(ValueError) as excinfo:
        make_writer("yaml", io.StringIO())
    assert str(excinfo.value) == (
        "unknown format 'yaml'; choose one of: json, jsonl, text, html, brat, csv"
    )
    with pytest.raises(TypeError, match="open text stream"):
        make_writer("json", tmp_path)

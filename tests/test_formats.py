"""Tests of the output formats, on a hand-made article with known attributions."""
import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from saidwhat.formats import FORMATS, make_writer, writer_class
from saidwhat.formats.csv_ import COLUMNS, CsvWriter
from saidwhat.formats.html import HtmlWriter, highlight
from saidwhat.formats.jsonl import JsonlWriter, JsonWriter
from saidwhat.formats.text import TextWriter
from saidwhat.schema import Article, Attribution, TextSpan

TEXT = (
    'PORT ELLIS — "We will not sign," Mayor Ana Ruiz said, "until the dredging is paid for."\n'
    "\n"
    "The harbor board said it expected a deal by spring at a cost < $4m & no more.\n"
    "Officials declined to comment.\n"
    "\n"
    "It was reported that the board said nothing new."
)
STREAM_FORMATS = ("json", "jsonl", "text", "html", "csv")


def span(*offsets):
    return TextSpan.from_offsets(TEXT, offsets)


def make_story():
    """A split direct quote, an indirect one, one without source, one inside another."""
    return Article(
        id="harbor-1",
        text=TEXT,
        title="Harbor talks stall",
        meta={"url": "https://example.org/harbor"},
        attributions=[
            Attribution(
                1, "direct", span((13, 32), (54, 87)), span((48, 52)), span((33, 47)), 0.92
            ),
            Attribution(2, "indirect", span((111, 165)), span((106, 110)), span((89, 105)), 0.8),
            Attribution(3, "indirect", span((220, 246)), span((202, 214)), None, 0.7),
            Attribution(4, "indirect", span((235, 246)), span((230, 234)), span((220, 229)), 0.55),
        ],
    )


def make_quiet():
    return Article(id="quiet-2", text="Nothing was said.", title=None)


def run(writer_cls, articles, **kwargs):
    stream = io.StringIO()
    writer = writer_cls(stream, **kwargs)
    for article in articles:
        writer.write(article)
    writer.close()
    return stream.getvalue()


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


def test_text_table_rows():
    lines = run(TextWriter, [make_story(), make_quiet()], width=80).splitlines()
    assert lines == [
        "harbor-1  Harbor talks stall  (4 attributions)",
        "",
        "  #  source            cue           kind      conf  content",
        "  ─  ────────────────  ────────────  ────────  ────  ───────────────────────────",
        '  1  Mayor Ana Ruiz    said          direct    0.92  "We will not sign," …',
        '                                                     "until the dredging is paid',
        '                                                     for."',
        "  2  The harbor board  said          indirect  0.80  it expected a deal by",
        "                                                     spring at a cost < $4m & no",
        "                                                     more",
        "  3  —                 was reported  indirect  0.70  the board said nothing new",
        "  4  the board         said          indirect  0.55  nothing new",
        "",
        "quiet-2  (no attributions found)",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_text_wide_terminal_keeps_rows_on_one_line():
    lines = run(TextWriter, [make_story()], width=120).splitlines()
    assert lines[4] == (
        '  1  Mayor Ana Ruiz    said          direct    0.92  '
        '"We will not sign," … "until the dredging is paid for."'
    )
    assert len(lines) == 8


def test_text_width_defaults_to_terminal_but_at_least_80(monkeypatch):
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((40, 24)))
    assert TextWriter(io.StringIO()).width == 80
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((132, 24)))
    assert TextWriter(io.StringIO()).width == 132


def parse_page(page):
    """Parse the page as XML: fails unless every tag is closed and nested properly."""
    return ET.fromstring(page)


def marks_of(element):
    return [(m.get("class"), m.get("title"), "".join(m.itertext())) for m in element.iter("mark")]


def test_html_page_is_well_formed_and_keeps_the_text():
    root = parse_page(run(HtmlWriter, [make_story(), make_quiet()]))
    articles = root.findall("body/article")
    assert [a.find("h2").text for a in articles] == ["Harbor talks stall", "quiet-2"]
    assert [a.find("p").text for a in articles] == [
        "harbor-1 · 4 attributions",
        "no attributions found",
    ]
    paragraphs = articles[0].findall("div/p")
    assert len(paragraphs) == 3
    assert len(paragraphs[1].findall(".//br")) == 1
    assert "\n\n".join("".join(p.itertext()) for p in paragraphs) == TEXT
    assert articles[1].find("table") is None


def test_html_escapes_text():
    page = run(HtmlWriter, [make_story()])
    assert "a cost &lt; $4m &amp; no more" in page
    assert "< $4m" not in page
    assert "&quot;We will not sign,&quot;" in page


def test_html_highlights_carry_role_and_attribution():
    root = parse_page(run(HtmlWriter, [make_story()]))
    text = root.find("body/article/div")
    marks = marks_of(text)
    assert ("content", "content of #1 (direct, 0.92)", '"We will not sign,"') in marks
    quote = '"until the dredging is paid for."'
    assert ("content", "content of #1 (direct, 0.92)", quote) in marks
    assert ("source", "source of #1 (direct, 0.92)", "Mayor Ana Ruiz") in marks
    assert ("cue", "cue of #2 (indirect, 0.80)", "said") in marks
    assert ("cue", "cue of #3 (indirect, 0.70)", "was reported") in marks
    assert not [m for m in marks if m[1].startswith("source of #3")]
    # #4 sits inside #3's content: its marks nest inside #3's, never cross them.
    outer = text.findall(".//mark[@title='content of #3 (indirect, 0.70)']")
    assert [marks_of(m)[1:] for m in outer] == [
        [("source", "source of #4 (indirect, 0.55)", "the board")],
        [],
        [("cue", "cue of #4 (indirect, 0.55)", "said")],
        [],
        [("content", "content of #4 (indirect, 0.55)", "nothing new")],
    ]
    legend = root.find("body/p[@class='legend']")
    assert [m.get("class") for m in legend.iter("mark")] == ["source", "cue", "content"]


def test_html_partly_overlapping_spans_stay_well_formed():
    text = "aaaa bbbb cccc"
    attribution = Attribution(
        7, "mixed", TextSpan.from_offsets(text, [(0, 9)]), None,
        TextSpan.from_offsets(text, [(5, 14)]), 0.5,
    )
    assert highlight(text, [attribution]) == (
        '<p><mark class="content" title="content of #7 (mixed, 0.50)">aaaa </mark>'
        '<mark class="content" title="content of #7 (mixed, 0.50)">'
        '<mark class="source" title="source of #7 (mixed, 0.50)">bbbb</mark></mark>'
        '<mark class="source" title="source of #7 (mixed, 0.50)"> cccc</mark></p>'
    )


def test_html_table_and_article_without_text():
    story = make_story()
    story.text = None
    root = parse_page(run(HtmlWriter, [story]))
    article = root.find("body/article")
    assert article.find("div") is None
    assert [th.text for th in article.findall("table/thead/tr/th")] == [
        "#", "source", "cue", "kind", "conf", "content"
    ]
    rows = [[td.text for td in tr] for tr in article.findall("table/tbody/tr")]
    assert rows[2] == ["3", "—", "was reported", "indirect", "0.70", "the board said nothing new"]
    assert rows[1][5] == "it expected a deal by spring at a cost < $4m & no more"
    assert len(rows) == 4


def test_csv_rows():
    out = run(CsvWriter, [make_story(), make_quiet()])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    assert rows == [
        {
            "article_id": "harbor-1", "attribution_id": "1",
            "kind": "direct", "confidence": "0.92",
            "source_text": "Mayor Ana Ruiz", "source_spans": "33-47",
            "cue_text": "said", "cue_spans": "48-52",
            "content_text": '"We will not sign," … "until the dredging is paid for."',
            "content_spans": "13-32;54-87",
        },
        {
            "article_id": "harbor-1", "attribution_id": "2",
            "kind": "indirect", "confidence": "0.8",
            "source_text": "The harbor board", "source_spans": "89-105",
            "cue_text": "said", "cue_spans": "106-110",
            "content_text": "it expected a deal by spring at a cost < $4m & no more",
            "content_spans": "111-165",
        },
        {
            "article_id": "harbor-1", "attribution_id": "3",
            "kind": "indirect", "confidence": "0.7",
            "source_text": "", "source_spans": "",
            "cue_text": "was reported", "cue_spans": "202-214",
            "content_text": "the board said nothing new", "content_spans": "220-246",
        },
        {
            "article_id": "harbor-1", "attribution_id": "4",
            "kind": "indirect", "confidence": "0.55",
            "source_text": "the board", "source_spans": "220-229",
            "cue_text": "said", "cue_spans": "230-234",
            "content_text": "nothing new", "content_spans": "235-246",
        },
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
    pytest.importorskip("saidwhat.formats.brat")
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

"""Tests of the output formats, on hand-made articles with known attributions and speakers,
and on one story run through the real pipeline (the rules alone)."""
import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from saidwhat.io.formats import FORMATS, make_writer, writer_class
from saidwhat.io.gold import parse_ann, to_ann
from saidwhat.io.formats.brat import BratWriter
from saidwhat.io.formats.csv_ import COLUMNS, CsvWriter
from saidwhat.io.formats.html import PALETTE, HtmlWriter, highlight, hover, speaker_class
from saidwhat.io.formats.jsonl import JsonlWriter, JsonWriter
from saidwhat.io.formats.text import TextWriter, speaker_description, speaker_label, table_row
from saidwhat.schema import Article, Attribution, Speaker, TextSpan

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
    """A split direct quote, an indirect one, one without source, one inside another.

    Two speakers: the mayor, named, and the harbor board, never named; #3 has none.
    """
    ruiz = Speaker(1, "Ana Ruiz", "person", "Mayor", [span((33, 47))], 1)
    board = Speaker(2, None, "organization", "The harbor board", [span((89, 105)), span((220, 229))], 2)
    return Article(
        id="harbor-1",
        text=TEXT,
        title="Harbor talks stall",
        meta={"url": "https://example.org/harbor"},
        attributions=[
            Attribution(
                1, "direct", span((13, 32), (54, 87)), span((48, 52)), span((33, 47)), 0.92,
                speaker=ruiz,
            ),
            Attribution(
                2, "indirect", span((111, 165)), span((106, 110)), span((89, 105)), 0.8,
                speaker=board,
            ),
            Attribution(3, "indirect", span((220, 246)), span((202, 214)), None, 0.7),
            Attribution(
                4, "indirect", span((235, 246)), span((230, 234)), span((220, 229)), 0.55,
                speaker=board, parent=3,
            ),
        ],
        speakers=[ruiz, board],
    )


BRIEFING = (
    '"The ferry will run again in June," Transport Minister Joan Pike told reporters'
    " at the harbor on Monday.\n"
    "\n"
    '"We have the money," she said on Harbor FM. "We have the crews.\n'
    "\n"
    '"What we need now is patience."\n'
    "\n"
    'A spokesman said the minister had told him that "nothing is certain."\n'
)


def at(phrase, nth=1, text=BRIEFING):
    """Return the ``(start, end)`` of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def bspan(*phrases):
    return TextSpan.from_offsets(BRIEFING, [at(p) if isinstance(p, str) else at(*p) for p in phrases])


def make_briefing():
    """An addressee and a setting, a means, a continued quote and a report inside a report.

    The minister speaks in #1, #2, #3 (continued, no cue) and #5 (inside #4, the
    unnamed spokesman's report).
    """
    pike = Speaker(
        1, "Joan Pike", "person", "Transport Minister",
        [bspan("Transport Minister Joan Pike"), bspan("she"), bspan("the minister")], 4,
    )
    spokesman = Speaker(2, None, "person", "A spokesman", [bspan("A spokesman")], 1)
    she = bspan("she")
    return Article(
        id="ferry",
        text=BRIEFING,
        attributions=[
            Attribution(
                1, "direct", bspan('"The ferry will run again in June,"'), bspan("told"),
                bspan("Transport Minister Joan Pike"), 0.97, speaker=pike,
                to=bspan("reporters"), where=bspan("at the harbor"),
            ),
            Attribution(
                2, "direct", bspan('"We have the money,"', '"We have the crews.'),
                bspan(("said", 1)), she, 0.95, speaker=pike, how=bspan("on Harbor FM"),
            ),
            Attribution(
                3, "direct", bspan('"What we need now is patience."'), None, she, 0.61,
                speaker=pike, continued=True,
            ),
            Attribution(
                4, "indirect", bspan('the minister had told him that "nothing is certain."'),
                bspan(("said", 2)), bspan("A spokesman"), 0.9, speaker=spokesman,
            ),
            Attribution(
                5, "mixed", bspan('that "nothing is certain."'), bspan("had told"),
                bspan("the minister"), 0.7, speaker=pike, parent=4, to=bspan("him"),
            ),
        ],
        speakers=[pike, spokesman],
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


def test_text_table_rows():
    """The speaker leads each row; the source follows in quotes when it says otherwise."""
    lines = run(TextWriter, [make_story(), make_quiet()], width=80).splitlines()
    assert lines == [
        "harbor-1  Harbor talks stall  (4 attributions)",
        "",
        "  #  speaker           cue           kind      conf  content",
        "  ─  ────────────────  ────────────  ────────  ────  ───────────────────────────",
        '  1  Ana Ruiz          said          direct    0.92  "We will not sign," …',
        '     “Mayor Ana Ruiz”                                "until the dredging is paid',
        '                                                     for."',
        "  2  (The harbor       said          indirect  0.80  it expected a deal by",
        "     board)                                          spring at a cost < $4m & no",
        "                                                     more",
        "  3  —                 was reported  indirect  0.70  the board said nothing new",
        "  4  (The harbor       said          indirect  0.55  nothing new",
        "     board)            in #3",
        "     “the board”",
        "",
        "  speaker             type          attributions  title",
        "  ──────────────────  ────────────  ────────────  ─────",
        "  Ana Ruiz            person                   1  Mayor",
        "  (The harbor board)  organization             2",
        "",
        "quiet-2  (no attributions found)",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_text_wide_terminal_keeps_rows_on_one_line():
    lines = run(TextWriter, [make_story()], width=120).splitlines()
    assert lines[4] == (
        '  1  Ana Ruiz            said          direct    0.92  '
        '"We will not sign," … "until the dredging is paid for."'
    )
    assert lines[5] == "     “Mayor Ana Ruiz”"
    assert lines[6] == (
        "  2  (The harbor board)  said          indirect  0.80  "
        "it expected a deal by spring at a cost < $4m & no more"
    )
    assert lines[9] == "     “the board”         in #3"
    assert len(lines) == 15


def test_text_shows_addressee_setting_means_continued_and_nesting():
    lines = run(TextWriter, [make_briefing()], width=80).splitlines()
    assert lines == [
        "ferry  (5 attributions)",
        "",
        "  #  speaker           cue           kind      conf  content",
        "  ─  ────────────────  ────────────  ────────  ────  ───────────────────────────",
        '  1  Joan Pike         told →        direct    0.97  "The ferry will run again',
        '     “Transport        reporters                     in June,"',
        "     Minister Joan     at the",
        "     Pike”             harbor",
        '  2  Joan Pike         said          direct    0.95  "We have the money," … "We',
        "     “she”             on Harbor FM                  have the crews.",
        '  3  Joan Pike         (continued)   direct    0.61  "What we need now is',
        '     “she”                                           patience."',
        "  4  (A spokesman)     said          indirect  0.90  the minister had told him",
        '                                                     that "nothing is certain."',
        '  5  Joan Pike         had told →    mixed     0.70  that "nothing is certain."',
        "     “the minister”    him",
        "                       in #4",
        "",
        "  speaker        type    attributions  title",
        "  ─────────────  ──────  ────────────  ──────────────────",
        "  Joan Pike      person             4  Transport Minister",
        "  (A spokesman)  person             1",
    ]
    wide = run(TextWriter, [make_briefing()], width=120).splitlines()
    assert wide[4:7] == [
        '  1  Joan Pike                     told → reporters  direct    0.97  '
        '"The ferry will run again in June,"',
        "     “Transport Minister Joan      at the harbor",
        "     Pike”",
    ]


def test_text_speaker_labels():
    """A name; a title or source phrase in parentheses when unnamed; — for no speaker."""
    assert speaker_label(Speaker(1, "Joan  Pike", "person", "Minister")) == "Joan Pike"
    assert speaker_label(Speaker(2, None, "person", "a\nspokeswoman")) == "(a spokeswoman)"
    assert speaker_label(Speaker(3, None, "group")) == "(unnamed)"
    assert speaker_label(None) == "—"
    assert speaker_description(Speaker(1, "Joan Pike", "person")) == "Joan Pike (person)"
    assert speaker_description(Speaker(2, None, "group", "officials")) == "officials (unnamed group)"
    assert speaker_description(None) == "no speaker"


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


RUIZ = "Ana Ruiz (person)"
BOARD = "The harbor board (unnamed organization)"


def test_html_highlights_carry_role_attribution_and_speaker():
    root = parse_page(run(HtmlWriter, [make_story()]))
    text = root.find("body/article/div")
    marks = marks_of(text)
    ruiz_content = f"content of #1 (direct, 0.92) · {RUIZ} · source “Mayor Ana Ruiz” · cue “said”"
    assert ("content s0", ruiz_content, '"We will not sign,"') in marks
    assert ("content s0", ruiz_content, '"until the dredging is paid for."') in marks
    assert ("source", f"source of #1 (direct, 0.92) · {RUIZ}", "Mayor Ana Ruiz") in marks
    assert ("cue", f"cue of #2 (indirect, 0.80) · {BOARD}", "said") in marks
    assert ("cue", "cue of #3 (indirect, 0.70) · no speaker", "was reported") in marks
    assert not [m for m in marks if m[1].startswith("source of #3")]
    # #4 sits inside #3's content: its marks nest inside #3's, never cross them.
    outer_title = "content of #3 (indirect, 0.70) · no speaker · no source · cue “was reported”"
    outer = [m for m in text.iter("mark") if m.get("title") == outer_title]
    assert {m.get("class") for m in outer} == {"content"}  # no speaker: the plain colour
    board_content = f"content of #4 (indirect, 0.55) · {BOARD} · source “the board” · cue “said” · in #3"
    assert [marks_of(m)[1:] for m in outer] == [
        [("source", f"source of #4 (indirect, 0.55) · {BOARD}", "the board")],
        [],
        [("cue", f"cue of #4 (indirect, 0.55) · {BOARD}", "said")],
        [],
        [("content s1", board_content, "nothing new")],
    ]
    legend = root.find("body/p[@class='legend']")
    assert [m.get("class") for m in legend.iter("mark")] == ["source", "cue", "content"]


def content_colours(page):
    """Return ``{attribution id: (class, data-speaker)}`` of every content mark in the page."""
    colours = {}
    for mark in parse_page(page).iter("mark"):
        title = mark.get("title") or ""
        if title.startswith("content of #"):
            number = int(title[len("content of #"):].split(" ")[0])
            colours.setdefault(number, set()).add((mark.get("class"), mark.get("data-speaker")))
    return {number: found.pop() for number, found in colours.items() if len(found) == 1}


def test_html_colours_each_speakers_contents_alike():
    page = run(HtmlWriter, [make_briefing()])
    colours = content_colours(page)
    assert colours == {
        1: ("content s0", "1"), 2: ("content s0", "1"), 3: ("content s0", "1"),
        4: ("content s1", "2"), 5: ("content s0", "1"),
    }
    assert colours[1] == colours[5] != colours[4]
    # The page defines each colour class, each with its own colour.
    assert "mark.content.s0, td.s0 { background: #ffd6a5; }" in page
    assert "mark.content.s1, td.s1 { background: #c1f0b5; }" in page
    assert len(set(PALETTE)) == len(PALETTE)
    key = parse_page(page).find("body/article/p[@class='speakers']")
    assert "".join(key.itertext()) == "Speakers: Joan Pike (A spokesman)"
    assert [(m.get("class"), m.get("data-speaker"), m.get("title")) for m in key.iter("mark")] == [
        ("content s0", "1", "person · 4 attributions · Transport Minister"),
        ("content s1", "2", "person · 1 attribution"),
    ]


def test_html_hover_names_the_speaker_cue_and_source():
    briefing = make_briefing()
    first, second, continued, report, nested = briefing.attributions
    assert hover("content", first) == (
        "content of #1 (direct, 0.97) · Joan Pike (person) · "
        "source “Transport Minister Joan Pike” · cue “told” → reporters"
    )
    assert hover("content", second) == (
        "content of #2 (direct, 0.95) · Joan Pike (person) · source “she” · cue “said”"
    )
    assert hover("content", continued) == (
        "content of #3 (direct, 0.61) · Joan Pike (person) · source “she” · continued quote, no cue"
    )
    assert hover("content", report) == (
        "content of #4 (indirect, 0.90) · A spokesman (unnamed person) · "
        "source “A spokesman” · cue “said”"
    )
    assert hover("content", nested) == (
        "content of #5 (mixed, 0.70) · Joan Pike (person) · source “the minister” · "
        "cue “had told” → him · in #4"
    )
    assert hover("source", second) == "source of #2 (direct, 0.95) · Joan Pike (person)"
    marks = marks_of(parse_page(run(HtmlWriter, [briefing])).find("body/article/div"))
    assert ("content s0", hover("content", continued), '"What we need now is patience."') in marks
    assert ("source", hover("source", second), "she") in marks


def test_html_speaker_colours_cycle_through_the_palette():
    n = len(PALETTE)
    assert [speaker_class(Speaker(i, f"S{i}")) for i in (1, 2, n, n + 1, n + 2)] == [
        "s0", "s1", f"s{n - 1}", "s0", "s1"
    ]
    assert speaker_class(None) is None


def test_html_partly_overlapping_spans_stay_well_formed():
    text = "aaaa bbbb cccc"
    attribution = Attribution(
        7, "mixed", TextSpan.from_offsets(text, [(0, 9)]), None,
        TextSpan.from_offsets(text, [(5, 14)]), 0.5,
    )
    content = "content of #7 (mixed, 0.50) · no speaker · source “bbbb cccc” · no cue"
    source = "source of #7 (mixed, 0.50) · no speaker"
    assert highlight(text, [attribution]) == (
        f'<p><mark class="content" title="{content}">aaaa </mark>'
        f'<mark class="content" title="{content}">'
        f'<mark class="source" title="{source}">bbbb</mark></mark>'
        f'<mark class="source" title="{source}"> cccc</mark></p>'
    )


def test_html_escapes_speakers_and_hovers():
    story = make_story()
    story.speakers[0].name = 'Ana "Q" <Ruiz> & Co'
    page = run(HtmlWriter, [story])
    root = parse_page(page)
    assert '<mark class="content s0" data-speaker="1" title="person · 1 attribution · Mayor">' \
        "Ana &quot;Q&quot; &lt;Ruiz&gt; &amp; Co</mark>" in page
    titles = [m.get("title") for m in root.find("body/article/div").iter("mark")]
    assert 'source of #1 (direct, 0.92) · Ana "Q" <Ruiz> & Co (person)' in titles


def cell_text(td):
    return "|".join(part.strip() for part in td.itertext())


def test_html_table_and_article_without_text():
    story = make_story()
    story.text = None
    root = parse_page(run(HtmlWriter, [story]))
    article = root.find("body/article")
    assert article.find("div") is None
    assert [th.text for th in article.findall("table/thead/tr/th")] == [
        "#", "speaker", "cue", "kind", "conf", "content"
    ]
    rows = [[cell_text(td) for td in tr] for tr in article.findall("table/tbody/tr")]
    assert rows == [
        ["1", "Ana Ruiz|“Mayor Ana Ruiz”", "said", "direct", "0.92",
         '"We will not sign," … "until the dredging is paid for."'],
        ["2", "(The harbor board)", "said", "indirect", "0.80",
         "it expected a deal by spring at a cost < $4m & no more"],
        ["3", "—", "was reported", "indirect", "0.70", "the board said nothing new"],
        ["4", "(The harbor board)|“the board”", "said|in #3", "indirect", "0.55", "nothing new"],
    ]
    speaker_cells = [tr[1] for tr in article.findall("table/tbody/tr")]
    assert [td.get("class") for td in speaker_cells] == ["s0", "s1", None, "s1"]
    assert [span.text for span in speaker_cells[0].iter("span")] == ["“Mayor Ana Ruiz”"]


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
    assert COLUMNS[:10] == (
        "article_id", "attribution_id", "kind", "confidence", "source_text", "source_spans",
        "cue_text", "cue_spans", "content_text", "content_spans",
    )
    assert rows == [
        {
            "article_id": "harbor-1", "attribution_id": "1",
            "kind": "direct", "confidence": "0.92",
            "source_text": "Mayor Ana Ruiz", "source_spans": "33-47",
            "cue_text": "said", "cue_spans": "48-52",
            "content_text": '"We will not sign," … "until the dredging is paid for."',
            "content_spans": "13-32;54-87",
            **RUIZ_CELLS,
        },
        {
            "article_id": "harbor-1", "attribution_id": "2",
            "kind": "indirect", "confidence": "0.8",
            "source_text": "The harbor board", "source_spans": "89-105",
            "cue_text": "said", "cue_spans": "106-110",
            "content_text": "it expected a deal by spring at a cost < $4m & no more",
            "content_spans": "111-165",
            **BOARD_CELLS,
        },
        {
            "article_id": "harbor-1", "attribution_id": "3",
            "kind": "indirect", "confidence": "0.7",
            "source_text": "", "source_spans": "",
            "cue_text": "was reported", "cue_spans": "202-214",
            "content_text": "the board said nothing new", "content_spans": "220-246",
            **NO_SPEAKER,
        },
        {
            "article_id": "harbor-1", "attribution_id": "4",
            "kind": "indirect", "confidence": "0.55",
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


def test_brat_keeps_the_sources_as_written(tmp_path):
    """brat gets the source spans of the text ("she", "the minister"), never the speaker's name."""
    briefing = make_briefing()
    writer = BratWriter(tmp_path)
    writer.write(briefing)
    writer.close()
    ann = (tmp_path / "ferry.ann").read_text(encoding="utf-8")
    assert [line for line in ann.splitlines() if "\tSource " in line] == [
        "T1\tSource 36 64\tTransport Minister Joan Pike",
        "T5\tSource 127 130\tshe",
        "T11\tSource 204 215\tA spokesman",
        "T15\tSource 221 233\tthe minister",
    ]
    assert "E3\tAttribution:T10 Source:T5 Content:T9" in ann.splitlines()  # the continued quote
    assert [a["source"] for a in parse_ann(ann)] == [list(a.source.spans) for a in briefing.attributions]
    # Speakers change nothing in the standoff.
    bare = make_briefing()
    bare.speakers = []
    for attribution in bare.attributions:
        attribution.speaker = None
    assert to_ann(bare) == ann


CEDAR = (
    'CEDAR FALLS — "The bridge will reopen in May," Mayor Lena Ortiz told reporters'
    " at a news conference on Tuesday.\n"
    "\n"
    '"We owe the town that much," she added.\n'
    "\n"
    'Ortiz told the council the crews were "ready to go."\n'
    "\n"
    '"Nobody wants another winter of detours."\n'
    "\n"
    "A spokeswoman for the contractor said in an email that the steel had arrived.\n"
    "\n"
    'The Cedar Gazette reported that "Ortiz said the work would start on Monday."\n'
)


@pytest.fixture(scope="module")
def cedar(rules_extractor):
    """The Cedar Falls story as the real pipeline (the rules alone) reads it."""
    return rules_extractor.extract(CEDAR, id="cedar")


def test_pipeline_article_in_the_text_table(cedar):
    out = run(TextWriter, [cedar], width=100)
    rows = [table_row(a) for a in cedar.attributions]
    assert [(number, speaker, cue) for number, speaker, cue, *_ in rows] == [
        ("1", "Lena Ortiz\n“Mayor Lena Ortiz”", "told → reporters\nat a news conference"),
        ("2", "Lena Ortiz\n“she”", "added"),
        ("3", "Lena Ortiz\n“Ortiz”", "told → the council"),
        ("4", "Lena Ortiz\n“Ortiz”", "(continued)"),
        ("5", "(A spokeswoman for the contractor)", "said\nin an email"),
        ("6", "Cedar Gazette\n“The Cedar Gazette”", "reported"),
        ("7", "Lena Ortiz\n“Ortiz”", "said\nin #6"),
    ]
    lines = out.splitlines()
    assert lines[2].split() == ["#", "speaker", "cue", "kind", "conf", "content"]
    assert lines[4].startswith("  1  Lena Ortiz              told →           direct    0.")
    assert lines[5:8] == [
        "     “Mayor Lena Ortiz”      reporters",
        "                             at a news",
        "                             conference",
    ]
    assert lines[14].startswith("  5  (A spokeswoman for the  said             indirect  0.")
    assert lines[15] == "     contractor)             in an email"
    assert lines[-4:] == [
        "  ──────────────────────────────────  ──────  ────────────  ─────",
        "  Lena Ortiz                          person             5  Mayor",
        "  (A spokeswoman for the contractor)  person             1",
        "  Cedar Gazette                       media              1",
    ]


def test_pipeline_article_colours_and_hovers_in_html(cedar):
    page = run(HtmlWriter, [cedar])
    colours = content_colours(page)
    by_speaker = {a.id: a.speaker.id for a in cedar.attributions}
    assert set(colours) == set(by_speaker)
    for a in cedar.attributions:
        for b in cedar.attributions:
            assert (colours[a.id] == colours[b.id]) == (by_speaker[a.id] == by_speaker[b.id])
    assert colours[2] == ("content s0", "1") and colours[5] == ("content s1", "2")
    marks = marks_of(parse_page(page).find("body/article/div"))
    she = cedar.attributions[1]
    assert ("content s0", hover("content", she), '"We owe the town that much,"') in marks
    role, speaker = hover("content", she).split(" · ", 1)
    assert role == f"content of #2 (direct, {she.confidence:.2f})"
    assert speaker == "Lena Ortiz (person) · source “she” · cue “added”"


def test_pipeline_article_in_brat_keeps_pronoun_sources(cedar, tmp_path):
    writer = BratWriter(tmp_path)
    writer.write(cedar)
    writer.close()
    ann = (tmp_path / "cedar.ann").read_text(encoding="utf-8")
    sources = [line.split("\t")[2] for line in ann.splitlines() if "\tSource " in line]
    assert sources == [
        "Mayor Lena Ortiz", "she", "Ortiz", "A spokeswoman for the contractor",
        "The Cedar Gazette", "Ortiz",
    ]
    assert [a["source"] for a in parse_ann(ann)] == [list(a.source.spans) for a in cedar.attributions]


def test_make_writer_rejects_unknown_names_and_wrong_targets(tmp_path):
    with pytest.raises(ValueError) as excinfo:
        make_writer("yaml", io.StringIO())
    assert str(excinfo.value) == (
        "unknown format 'yaml'; choose one of: json, jsonl, text, html, brat, csv"
    )
    with pytest.raises(TypeError, match="open text stream"):
        make_writer("json", tmp_path)

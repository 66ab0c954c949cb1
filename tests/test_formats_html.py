"""The HTML format, on hand-made articles with known attributions and speakers."""
from saidwhat.io.formats.html import HtmlWriter, highlight, hover, speaker_class, speaker_colour
from saidwhat.schema import Attribution, Speaker, TextSpan
from tests.format_examples import (TEXT, content_colours, make_briefing, make_quiet, make_story, marks_of, parse_page,
                                    run)


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


def test_html_colours_each_speakers_contents_alike():
    page = run(HtmlWriter, [make_briefing()])
    colours = content_colours(page)
    assert colours == {
        1: ("content s0", "1"), 2: ("content s0", "1"), 3: ("content s0", "1"),
        4: ("content s1", "2"), 5: ("content s0", "1"),
    }
    assert colours[1] == colours[5] != colours[4]
    # The page defines each colour class, each with its own colour.
    assert "mark.content.s0, td.s0, .chip.s0 { background: hsl(0.0, 85%, 82%); }" in page
    assert "mark.content.s1, td.s1, .chip.s1 { background: hsl(137.5, 85%, 87%); }" in page
    key = parse_page(page).find("body/article/p[@class='speakers']")
    assert "".join(key.itertext()) == "Speakers: Joan Pike 4 (A spokesman) 1"
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


def test_html_speaker_colours_never_repeat():
    assert [speaker_class(Speaker(i, f"S{i}")) for i in (1, 2, 9, 40)] == ["s0", "s1", "s8", "s39"]
    assert speaker_class(None) is None
    colours = [speaker_colour(i) for i in range(1, 61)]
    assert len(set(colours)) == 60
    hues = sorted(float(c[4:].split(",")[0]) for c in colours)
    assert min(b - a for a, b in zip(hues, hues[1:])) > 2  # golden-angle steps stay apart


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
    assert '<mark class="content s0" data-speaker="1" data-a="p1s1" title="person · 1 attribution · Mayor">' \
        "Ana &#34;Q&#34; &lt;Ruiz&gt; &amp; Co</mark>" in page
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

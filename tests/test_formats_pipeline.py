"""The text, HTML and brat formats on one story run through the real pipeline (the rules alone)."""
import pytest

from saidwhat.io.formats.brat import BratWriter
from saidwhat.io.formats.html import HtmlWriter, hover
from saidwhat.io.formats.text import TextWriter, table_row
from saidwhat.io.gold import parse_ann
from tests.format_examples import CEDAR, content_colours, marks_of, parse_page, run


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
    assert [a.source for a in parse_ann(ann)] == [a.source.spans for a in cedar.attributions]

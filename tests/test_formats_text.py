"""The text table format, on hand-made articles with known attributions and speakers."""
import io
import os

from saidwhat.io.formats.text import TextWriter, speaker_description, speaker_label
from saidwhat.schema import Speaker, TextSpan
from tests.format_examples import make_briefing, make_quiet, make_story, run


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
    """A name; a title or source phrase in parentheses when unnamed, else the first
    mention; — for no speaker."""
    assert speaker_label(Speaker(1, "Joan  Pike", "person", "Minister")) == "Joan Pike"
    assert speaker_label(Speaker(2, None, "person", "a\nspokeswoman")) == "(a spokeswoman)"
    assert speaker_label(Speaker(3, None, "group")) == "(unnamed)"
    they = TextSpan(((10, 14),), "they")
    assert speaker_label(Speaker(4, None, "group", mentions=[they])) == "(unnamed \u201cthey\u201d)"
    assert speaker_label(None) == "—"
    assert speaker_description(Speaker(1, "Joan Pike", "person")) == "Joan Pike (person)"
    assert speaker_description(Speaker(2, None, "group", "officials")) == "officials (unnamed group)"
    assert speaker_description(None) == "no speaker"


def test_text_width_defaults_to_terminal_but_at_least_80(monkeypatch):
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((40, 24)))
    assert TextWriter(io.StringIO()).width == 80
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((132, 24)))
    assert TextWriter(io.StringIO()).width == 132

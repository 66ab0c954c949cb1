"""Quote-mark pairing on plain text: straight and curly marks, paragraphs, strays."""
from saidwhat.extract.quotes import find_quotes, paragraphs


def spans(text):
    return [[text[s:e] for s, e in q.fragments] for q in find_quotes(text)]


def test_straight_and_curly_marks():
    text = 'He said "we won," and later “it’s over.”'
    assert spans(text) == [['"we won,"'], ["“it’s over.”"]]


def test_split_quote_gives_two_quotes():
    text = '"Sometimes you walk," the coach said. "This was one of those times."'
    assert spans(text) == [['"Sometimes you walk,"'], ['"This was one of those times."']]


def test_quote_over_two_paragraphs():
    text = '"First part," she said. "Second part.\n"Third part."\nNext paragraph.'
    quotes = find_quotes(text)
    assert spans(text) == [['"First part,"'], ['"Second part.', '"Third part."']]
    assert quotes[1].closed


def test_unclosed_quote_stops_at_its_paragraph():
    text = 'The crowd chanted "no more.\nThe mayor spoke for an hour.\n"Thank you," she said.'
    assert spans(text) == [['"no more.'], ['"Thank you,"']]
    assert not find_quotes(text)[0].closed


def test_stray_closing_marks_and_inches_are_ignored():
    text = 'A 12" pipe burst.” Nobody was hurt, officials said.'
    assert spans(text) == []


def test_straight_quote_inside_curly_quote():
    text = '“He told me "never again" and left,” she said.'
    assert spans(text) == [['“He told me "never again" and left,”']]


def test_paragraphs_skip_blank_lines_and_trailing_space():
    text = "One.  \n\n  Two.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two."]


def test_block_quote_does_not_run_into_a_curly_quote_below():
    text = ('The reporter wrote:\n"She thought it was unfair. She was angry, not ill.\n'
            '“I never lost my mind,” she said months later.')
    quotes = find_quotes(text)
    assert spans(text) == [['"She thought it was unfair. She was angry, not ill.'], ["“I never lost my mind,”"]]
    assert not quotes[0].closed


def test_block_quote_does_not_take_a_curly_paragraph_left_open():
    text = '"Part one of the letter.\n“A curly quote left open\n"Part three."'
    assert spans(text) == [['"Part one of the letter.'], ["“A curly quote left open"], ['"Part three."']]

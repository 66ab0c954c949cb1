"""The rules alone (``--model rules``) on the bundled example article and a real
PolNeAR dev article, with exact spans asserted: the traps each rule is there for."""
import pytest

from saidwhat.io.gold import GoldAttribution, load_compartment

from tests.conftest import EXAMPLE


def at(text, phrase, start=0):
    """Offsets of ``phrase`` in ``text`` (its first occurrence at or after ``start``)."""
    i = text.index(phrase, start)
    return (i, i + len(phrase))


def word_in(text, word, context):
    """Offsets of ``word`` where it first stands in the first occurrence of ``context``."""
    return at(text, word, text.index(context))


@pytest.fixture(scope="module")
def example(rules_extractor, example_text):
    return rules_extractor.extract(example_text, id=EXAMPLE.stem)


def find(article, cue_offsets):
    [a] = [a for a in article.attributions if a.cue and a.cue.spans == (cue_offsets,)]
    return a


def test_headline_attribution_is_a_mixed_quote(example, example_text):
    a = example.attributions[0]
    assert a.kind == "mixed"
    assert a.source.spans == (at(example_text, "Port chief"),)
    assert a.cue.spans == (at(example_text, "says"),)
    assert a.content.spans == (at(example_text, 'Marlow Bay wage deal "cannot be saved" after all-night talks fail'),)


def test_quote_split_by_its_cue_is_one_attribution_with_two_fragments(example, example_text):
    a = find(example, word_in(example_text, "said", "said at a news conference"))
    assert a.kind == "direct"
    assert a.source.text == "port authority chairman Desmond Hale"
    assert a.content.spans == (
        at(example_text, '"We sat at that table for nineteen hours and got nowhere,"'),
        at(example_text, '"The offer we made last night is the best this port can afford."'),
    )


def test_curly_split_quote(example, example_text):
    a = find(example, word_in(example_text, "said", "Okafor said on KMBR"))
    assert a.source.spans == (word_in(example_text, "Okafor", "Okafor said on KMBR"),)
    assert a.content.spans == (
        at(example_text, "“We’re not the ones who walked out,”"),
        at(example_text, "“It’s the authority that left the room at four in the morning.”"),
    )


def test_indirect_speech_and_according_to(example, example_text):
    told = find(example, word_in(example_text, "told", "told reporters"))
    assert (told.kind, told.source.text) == ("indirect", "Hale")
    assert told.content.text == ("that the authority would not return to talks unless the union dropped its "
                                 "demand for a 12 percent pay rise")
    according = find(example, at(example_text, "According to"))
    assert according.source.text == "the authority's estimates"
    assert according.content.text == "the standoff is costing local businesses about $4 million a day"


def test_pronoun_sources_through_an_interpreter(example, example_text):
    said = find(example, word_in(example_text, "said", "said through an interpreter"))
    assert said.source.spans == (word_in(example_text, "he", "he said through"),)
    assert said.content.spans == (
        at(example_text, '"Every day at anchor costs us fuel, crew wages and the trust of our customers,"'),)
    added = find(example, at(example_text, "added", said.cue.end))
    assert (added.source.text, added.kind) == ("he", "direct")


def test_mixed_quote(example, example_text):
    a = find(example, word_in(example_text, "told", "told The Evening Tribune"))
    assert a.kind == "mixed"
    assert a.source.text == "Priya Raman, a labor economist at the Whitcombe Institute"
    assert a.content.text == "she's “worried about the fallout” of the dispute for the region's smaller exporters"


def test_report_inside_a_report_is_the_outlets_quote(example, example_text):
    a = find(example, at(example_text, "reported"))
    assert a.source.text == "The Marlow Courier"
    assert (a.speaker.name, a.speaker.type, a.speaker.title) == ("Marlow Courier", "media", None)
    assert a.content.spans == (
        at(example_text, '"Okafor said the union had offered to spread the raise over three years, a step that she '
                        'called the biggest concession in a decade,"'),
        at(example_text, '"But it was not enough, Okafor said, to move an authority that had already made up its mind."'),
    )


def test_quote_over_two_paragraphs(example, example_text):
    a = find(example, word_in(example_text, "said", "said Tomas Reyes"))
    second = at(example_text, '"The chairman\'s offer still stands')[0]
    last = at(example_text, '"Until a mediator is appointed, essential cargo such as medicine and fuel will continue '
                            'to be unloaded by supervisory staff."')
    assert a.kind == "direct"
    assert a.source.text == "Tomas Reyes, a spokesman for the Marlow Bay Port Authority"
    assert a.content.spans == (
        at(example_text, '"We remain committed to a fair settlement,"'),
        (second, example_text.index("\n", second)),
        last,
    )


def test_quote_paragraph_without_a_cue_continues_the_previous_speaker(example, example_text):
    [a] = [a for a in example.attributions if a.cue is None]
    assert a.continued and a.kind == "direct"
    assert a.content.spans == (at(example_text, "“If the big carriers move to Port Ellery, how many of them ever come back?”"),)
    previous = example.attributions[a.id - 2]
    assert previous.cue.text == "told" and a.source == previous.source
    assert a.source.text == "Priya Raman, a labor economist at the Whitcombe Institute"


def test_no_attribution_crosses_a_paragraph_except_a_quote_over_paragraphs(example, example_text):
    for a in example.attributions:
        for s, e in a.content.spans:
            assert "\n" not in example_text[s:e]


@pytest.fixture(scope="module")
def dev_gold(polnear_dev):
    return load_compartment(polnear_dev)


def test_polnear_dev_article_split_quotes_match_gold_exactly(rules_extractor, dev_gold):
    stem = "nyt_2016-09-19_obama-sees-personal-insult-if-bl"
    text, gold = dev_gold[stem].text, dev_gold[stem].attributions
    article = rules_extractor.extract(text, id=stem)
    ours = {(a.source.spans, a.cue.spans, a.content.spans) for a in article.attributions if a.source and a.cue}
    mr_obama = (((798, 807),), ((808, 812),), ((727, 797), (934, 1017)))
    brazile = (((1561, 1635),), ((1556, 1560),), ((1493, 1555), (1637, 1712)))
    for expected in (mr_obama, brazile):
        assert expected in ours
        assert GoldAttribution(*expected) in gold
    assert text[798:807] == "Mr. Obama" and text[1561:1575] == "Donna Brazile,"

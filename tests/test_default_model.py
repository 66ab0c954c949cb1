"""The default (accurate) model on the bundled example: the traps it must get right."""
import pytest

from tests.conftest import EXAMPLE
from tests.test_example import at, find, word_in


@pytest.fixture(scope="module")
def example(extractor, example_text):
    return extractor.extract(example_text, id=EXAMPLE.stem)


def test_headline_mixed_quote(example, example_text):
    a = example.attributions[0]
    assert (a.kind, a.source.text, a.cue.text) == ("mixed", "Port chief", "says")
    assert a.content.spans == (at(example_text, 'Marlow Bay wage deal "cannot be saved" after all-night talks fail'),)


def test_quote_split_by_its_cue(example, example_text):
    a = find(example, word_in(example_text, "said", "said at a news conference"))
    assert a.kind == "direct" and a.source.text == "port authority chairman Desmond Hale"
    assert a.content.spans == (
        at(example_text, '"We sat at that table for nineteen hours and got nowhere,"'),
        at(example_text, '"The offer we made last night is the best this port can afford."'),
    )


def test_indirect_speech_and_pronoun_source(example, example_text):
    told = find(example, word_in(example_text, "told", "told reporters"))
    assert (told.kind, told.source.text) == ("indirect", "Hale")
    assert told.content.text == ("that the authority would not return to talks unless the union dropped its "
                                 "demand for a 12 percent pay rise")
    said = find(example, word_in(example_text, "said", "Saturday, she said"))
    assert (said.kind, said.source.text) == ("indirect", "she")


def test_confidences_are_probabilities_in_text_order(example):
    assert all(0.0 <= a.confidence <= 1.0 for a in example.attributions)
    starts = [a.content.spans[0][0] for a in example.attributions]
    assert starts == sorted(starts) and [a.id for a in example.attributions] == list(range(1, len(starts) + 1))

"""What kind of saying each attribution is, and keeping only some kinds."""
import pytest

from saidwhat.errors import PipelineError
from saidwhat.pipeline import Extractor, load_pipeline

STORY = ('"We will not sign this," Mayor Ana Ruiz said on Monday.\n'
         'Ruiz believes the talks will fail.\n'
         'The union plans to strike in May, its leader Tom Hale wrote in a letter to members.\n'
         'Most residents back the union, according to a new Harbor Research poll.\n')


def acts(article):
    return [(a.cue.text, a.act) for a in article.attributions]


def test_each_attribution_says_what_kind_of_saying_it_is(rules_extractor):
    article = rules_extractor.extract(STORY)
    assert acts(article) == [("said", "speech"), ("believes", "thought"), ("wrote", "writing"),
                             ("plans", "intention"), ("according to", "document")]
    assert article.to_dict()["attributions"][0]["act"] == "speech"


def test_acts_keeps_only_the_kinds_asked_for():
    article = Extractor(load_pipeline(model="rules", acts=["speech", "writing"])).extract(STORY)
    assert acts(article) == [("said", "speech"), ("wrote", "writing")]
    assert [a.id for a in article.attributions] == [1, 2]
    assert [(s.name, s.attributions) for s in article.speakers] == [("Ana Ruiz", 1), ("Tom Hale", 1)]


def test_an_unknown_act_is_refused():
    with pytest.raises(PipelineError, match="unknown act speaking"):
        load_pipeline(model="rules", acts=["speaking"])


# One sentence, the acts of what is found in it: multiword cues, negation and modals,
# the source and the means deciding.
SENTENCES = [
    # the cue's telling word, past a light verb
    ("Ruiz made clear that the deal was dead.", ["speech"]),
    ("Hale is convinced that the talks will fail.", ["thought"]),
    ("Hale seems to feel that the union was betrayed.", ["thought"]),
    ("Hale has no doubt that the union will win.", ["thought"]),
    ("Ruiz told reporters that the city would appeal.", ["speech"]),
    # negation and modals leave the act as it is
    ("Hale did not want to sign the deal.", ["intention"]),
    ("Ruiz would not say whether the talks would resume.", ["speech"]),
    # agreeing to do something is an intention, agreeing that something is so is not
    ("The union agreed to end the strike.", ["intention"]),
    ("The union agreed that the deal was fair.", ["speech"]),
    # the source decides
    ("The report says the bridge is unsafe.", ["writing"]),
    ("The city's data show that traffic fell.", ["document"]),
    ("Most residents would vote for the union, according to the survey.", ["document"]),
    ("A study by the port authority found that traffic fell.", ["document"]),
    ("The video shows that the guard fired first.", ["document"]),
    ("The judge ruled that the strike was legal.", ["writing"]),
    # a forecast by an organisation is a finding, by a person a saying
    ("The Harbor Fund predicted that growth would slow.", ["document"]),
    ("Hale predicted that the talks would fail.", ["speech"]),
    # the means
    ("The union said on Twitter that it would strike.", ["writing"]),
    ("The mayor said in a statement that the city would appeal.", ["speech"]),
    ("In a letter to members, Hale argued that the deal was unfair.", ["writing"]),
    ("Ruiz wrote in a memo that the port would close.", ["writing"]),
    ("Ruiz tweeted that the talks were over.", ["writing"]),
    ("The union filed a motion in court, arguing that the ban was unlawful.", ["writing", "writing"]),
]


@pytest.fixture(scope="module")
def sentence_acts(extractor):
    """The acts found in each of SENTENCES, each sentence an article of its own."""
    articles = extractor.extract_many([text for text, _ in SENTENCES])
    return {text: [a.act for a in article.attributions] for (text, _), article in zip(SENTENCES, articles)}


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_the_act_of_a_sentence(sentence_acts, text, expected):
    assert sentence_acts[text] == expected

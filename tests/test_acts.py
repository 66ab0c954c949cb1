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

"""Group sources on a text written for them: coordinated names, "both candidates" and
"the two" are one group speaker of the two people named last."""
from test_speakers_resolver import names, resolve


def test_two_people_spoken_of_together_are_one_group(parser_nlp):
    text = ("Senator Ada Stone and Governor Paul Pence met voters in Dayton on Sunday.\n"
            "Both Ada Stone and Paul Pence said the plant should stay open.\n"
            "Both candidates said they would visit again before the vote.\n"
            "The two said the state owed the workers a plan.\n")
    found, speakers = resolve(parser_nlp, text, [
        ("Both Ada Stone and Paul Pence", "the plant should"), ("Both candidates", "would visit"),
        ("The two", "the state owed")])
    assert names(found) == ["Ada Stone and Paul Pence"] * 3
    assert [(s.name, s.type, s.attributions) for s in speakers] == [("Ada Stone and Paul Pence", "group", 3)]


def test_names_listed_with_a_comma_are_one_group(parser_nlp):
    text = ("The mayor spoke first on Monday.\n"
            "Later, Senator Ada Stone, Governor Paul Pence, said the plant should stay open.\n")
    found, _ = resolve(parser_nlp, text, [("Senator Ada Stone, Governor Paul Pence", "the plant should")])
    assert names(found) == ["Ada Stone and Paul Pence"]


def test_the_two_are_the_pair_that_spoke_though_others_are_named_since(parser_nlp):
    text = ("Senator Ada Stone and Senator Paul Pence wrote to the mayor on Monday.\n"
            "The mayor, Jo Park, said the plant would close, and her deputy Tom Reyes agreed.\n"
            "The two lawmakers, however, said the plant could be saved.\n")
    found, _ = resolve(parser_nlp, text, [
        ("Senator Ada Stone and Senator Paul Pence", "the mayor on"), ("The two lawmakers", "could be saved")])
    assert names(found) == ["Ada Stone and Paul Pence"] * 2

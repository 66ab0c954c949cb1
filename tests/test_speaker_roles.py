"""Named sources beside a role, on a text written for them: the name in apposition is
the speaker, not the person the role is for, and a relative is a person's role."""
from test_speakers_resolver import names, resolve


def test_names_beside_roles(parser_nlp):
    text = ("Ms. Dana Kerr, the mayor, defended the budget on Monday.\n"
            "An attorney for Kerr, Mark Lindqvist, said the audit was flawed.\n"
            "The Central and Northern Farmers Coalition, which backs the plan, said it was pleased.\n"
            "Kerr's niece, state Del. Lucia \"Lu\" Ferro, said the family was proud.\n")
    found, _ = resolve(parser_nlp, text, [
        ("An attorney for Kerr, Mark Lindqvist", "the audit"),
        ("The Central and Northern Farmers Coalition, which backs the plan", "it was pleased"),
        ("Kerr's niece, state Del. Lucia \"Lu\" Ferro", "the family")])
    assert names(found) == ["Mark Lindqvist", "Central and Northern Farmers Coalition", 'Lucia "Lu" Ferro']


def test_relative_pronouns_reach_the_person_their_clause_describes(parser_nlp):
    text = ("The board met on Tuesday.\n"
            "\"We need more nurses,\" said Tomas Reyes, whom the governor appointed to the board, "
            "and who is now its chairman.\n"
            "One member objected: Senator Alma Voss of Ohio, who had opposed a similar plan in 2019.\n"
            "\"It will not work,\" said Ira Bell, a consultant with the former ruling party who advised "
            "the board for years.\n"
            "It was Ms. Voss who had argued for a delay.\n")
    found, _ = resolve(parser_nlp, text, [("who", "is now its chairman"), ("who", "had opposed"),
                                          ("who", "advised the board"), ("who", "had argued")])
    assert names(found) == ["Tomas Reyes", "Alma Voss", "Ira Bell", "Alma Voss"]


def test_a_headline_outlet_noun_is_no_name_and_a_places_newspaper_is_not_the_place(parser_nlp):
    text = ("Newspaper Says Mayor Misled Voters\n"
            "Officials in storm-hit Harlow County, a Marlow Bay newspaper reported, ignored the warnings.\n")
    found, _ = resolve(parser_nlp, text, [("Newspaper", "Mayor Misled"), ("a Marlow Bay newspaper", "ignored")])
    assert names(found) == [None, None]


def test_a_thing_owned_by_a_name_speaks_for_its_owner(parser_nlp):
    text = ("Mayor Dana Kerr has not released her tax returns.\n"
            "Ms. Kerr's returns would show how much she gave to charity, her critics say.\n")
    found, _ = resolve(parser_nlp, text, [("Ms. Kerr's returns", "how much she gave")])
    assert names(found) == ["Dana Kerr"]

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

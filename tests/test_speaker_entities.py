"""Entity typing and names on short invented texts, through the real parse: where a name
starts and stops, what type it is, and which mentions are one speaker."""
from saidwhat.speakers.names import name_chains
from tests.test_speakers_resolver import names, resolve


def chains(parser_nlp, text):
    """``(mention as written, entity name, entity type)`` of every named mention of ``text``."""
    return [(m.text, m.entity.name, m.entity.type) for m in name_chains(parser_nlp(text))]


def test_organisation_names_keep_a_word_that_is_also_a_title(parser_nlp):
    text = ("Customs officers searched the ship at dawn on Friday morning. The Justice Department opened an "
            "inquiry into the shipping firm. General Electric said its engines were not on board.\n")
    assert chains(parser_nlp, text) == [
        ("Customs", "Customs", "organization"),
        ("Justice Department", "Justice Department", "organization"),
        ("General Electric", "General Electric", "organization")]


def test_a_places_government_police_and_ministry_are_organisations(parser_nlp):
    text = ("Relations soured after the vote in the assembly last week. The Peruvian government said the talks "
            "would go on. Chile's foreign ministry said the boats had no right to fish there. The Denver police "
            "said the march had been calm and that nobody was hurt.\n")
    assert chains(parser_nlp, text) == [
        ("Peruvian government", "Peruvian government", "organization"),
        ("Chile's foreign ministry", "Chile's foreign ministry", "organization"),
        ("Denver police", "Denver police", "organization")]


def test_the_government_after_a_places_government(parser_nlp):
    text = ("Fishing boats crowded the harbor all week as the dispute dragged on. The Peruvian government said "
            "the talks would go on. Later the government said it was ready to sign.\n")
    found, _ = resolve(parser_nlp, text, [("The Peruvian government", "the talks would go on"),
                                          ("the government", "it was ready")])
    assert names(found) == ["Peruvian government", "Peruvian government"]
    assert [a.speaker.type for a in found] == ["organization", "organization"]


def test_a_headline_name_stops_at_its_verb(parser_nlp):
    text = "Tom Okafor Apologizes To Ferry Crews\n\nTom Okafor told the board on Monday that he was sorry.\n"
    assert chains(parser_nlp, text)[0] == ("Tom Okafor", "Tom Okafor", "person")


def test_a_name_alone_on_its_line_is_kept_whole(parser_nlp):
    text = ("We have lived here for thirty years and we are not leaving now.\n\nMarta Olsen-Vidal.\n")
    assert chains(parser_nlp, text) == [("Marta Olsen-Vidal", "Marta Olsen-Vidal", "person")]


def test_a_surname_is_the_person_not_a_place_ending_in_it(parser_nlp):
    text = ("Tara Hill spoke to a crowd of reporters outside on the steps of the Capitol Hill building on "
            "Monday. Hill said the hearing was unfair.\n")
    assert chains(parser_nlp, text) == [
        ("Tara Hill", "Tara Hill", "person"),
        ("Capitol Hill", "Capitol Hill", "organization"),
        ("Hill", "Tara Hill", "person")]


def test_a_company_with_and_without_its_suffix_is_one_entity(parser_nlp):
    text = ("Microsoft Corp. said its sales rose in the spring. Analysts at Microsoft Corp were pleased, and "
            "Microsoft said it would hire more engineers.\n")
    mentions = name_chains(parser_nlp(text))
    assert [m.text for m in mentions] == ["Microsoft Corp.", "Microsoft Corp", "Microsoft"]
    assert {id(m.entity) for m in mentions} == {id(mentions[0].entity)}
    assert mentions[0].entity.name == "Microsoft Corp."


def test_an_organisation_named_without_its_for_phrase(parser_nlp):
    text = ("The Lindgren Center for Rural Policy said spending rose. According to the Lindgren Center, most of "
            "the money came from out of state.\n")
    assert chains(parser_nlp, text) == [
        ("Lindgren Center for Rural Policy", "Lindgren Center for Rural Policy", "organization"),
        ("Lindgren Center", "Lindgren Center for Rural Policy", "organization")]


def test_poll_makers_joined_by_a_slash_or_a_hyphen(parser_nlp):
    text = ("Voters were split on the new tax in the final week of the race, according to a CNN/WMUR poll. The "
            "latest Boston Globe-NBC News Poll found a narrow lead for the mayor.\n")
    assert chains(parser_nlp, text) == [
        ("CNN/WMUR", "CNN/WMUR", "media"),
        ("Boston Globe-NBC News", "Boston Globe-NBC News", "media")]


def test_a_place_owning_a_state_body_and_a_missions_place(parser_nlp):
    text = ("Trade talks stalled in the autumn after months of meetings. Britain's Treasury said taxes would "
            "rise. A spokesman for the Russian Embassy in London said nothing.\n")
    assert chains(parser_nlp, text) == [
        ("Britain's Treasury", "Britain's Treasury", "organization"),
        ("Russian Embassy in London", "Russian Embassy in London", "organization")]


def test_particles_and_a_person_name_cut_before_of(parser_nlp):
    text = ("Hundreds came to the memorial service on a cold morning in the spring. \"We miss him,\" said Anneke "
            "in 't Groen, a Dutch member of the city board. In 't Groen said the club would name a prize after "
            "him.\n\nOrganisers said turnout had been higher than in any earlier year. Priya Raman of the Tenant "
            "Rights League said the new rules were unfair to renters.\n")
    assert [c for c in chains(parser_nlp, text) if c[2] != "group"] == [
        ("Anneke in 't Groen", "Anneke in 't Groen", "person"),
        ("In 't Groen", "Anneke in 't Groen", "person"),
        ("Priya Raman", "Priya Raman", "person"),
        ("Tenant Rights League", "Tenant Rights League", "organization")]


def test_roles_before_a_name_are_not_the_name(parser_nlp):
    text = ("Protest Widow Ana Ruiz spoke last. Ruiz said she would keep marching.\n\n"
            "Hundreds came to the memorial service on a cold morning in the spring. Chess great Marta Lindqvist "
            "spoke about her years on the tour, and Councilman Peter R. Hale read a poem.\n")
    assert chains(parser_nlp, text) == [
        ("Ana Ruiz", "Ana Ruiz", "person"),
        ("Ruiz", "Ana Ruiz", "person"),
        ("Marta Lindqvist", "Marta Lindqvist", "person"),
        ("Peter R. Hale", "Peter R. Hale", "person")]


def test_a_name_the_recogniser_missed_keeps_its_capitalised_words(parser_nlp):
    text = ("The rally drew a large crowd on Saturday, organised by members of Our Rivers Fund and others. A "
            "spokeswoman for Our Rivers Fund said the march was peaceful.\n")
    found, _ = resolve(parser_nlp, text, [("Our Rivers Fund", "the march was peaceful")])
    assert names(found) == ["Our Rivers Fund"]


def test_a_name_joined_to_a_person_is_a_person(parser_nlp):
    text = ("Fans waited in the rain for hours. The semifinal between Marek Novak and Tom Berg was delayed. Novak "
            "said he was tired.\n")
    assert chains(parser_nlp, text) == [
        ("Marek Novak", "Marek Novak", "person"),
        ("Tom Berg", "Tom Berg", "person"),
        ("Novak", "Marek Novak", "person")]


def test_a_surname_that_is_also_a_title(parser_nlp):
    text = ("Ana Pope chaired the meeting on Monday night. Pope said the budget was fair, and the Pope visited "
            "Lisbon. Pope Ana said nothing more.\n")
    assert {m.entity.name for m in name_chains(parser_nlp(text)) if m.entity.type == "person"} == {"Ana Pope"}


def test_a_name_the_recogniser_runs_into_a_line_break_stops_before_it(parser_nlp):
    doc = parser_nlp("By Jo Park\nRetired judge Mara Quist spoke with us about the new court building.\n")
    assert [m.entity.name for m in name_chains(doc)] == ["Jo Park", "Mara Quist"]

"""Description sources on texts written for them: places that speak for their country
or town, outlets the recogniser did not type, documents of an outlet, plural roles."""
from test_speakers_resolver import names, resolve


def test_a_countrys_people_capital_and_kingdom_are_the_country(parser_nlp):
    text = ("Norway and Sweden signed a fishing accord in Oslo on Monday.\n"
            "The Swedes said the quotas were fair.\n"
            "Stockholm said it would review the accord in a year.\n"
            "The kingdom added that its fleet would shrink.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The Swedes", "the quotas"), ("Stockholm", "would review"), ("The kingdom", "its fleet")])
    assert names(found) == ["Sweden", "Sweden", "Sweden"]


def test_the_government_in_a_capital_is_its_country(parser_nlp):
    text = ("Talks between Peru and Chile stalled on Friday.\n"
            "The government in Lima said the border was not in question.\n")
    found, _ = resolve(parser_nlp, text, [("The government in Lima", "the border")])
    assert names(found) == ["Peru"]


def test_the_town_is_the_town_the_article_is_about(parser_nlp):
    text = ("Floods closed the schools of Millbrook, Vermont, on Tuesday.\n"
            "Millbrook asked the state for pumps, and Burlington sent two trucks.\n"
            "The town said the river would crest on Thursday.\n")
    found, _ = resolve(parser_nlp, text, [("The town", "the river")])
    assert names(found) == ["Millbrook"]


def test_the_newspaper_is_a_name_written_with_the_that_the_recogniser_missed(parser_nlp):
    text = ("The Lantern ran a story about the dam on Sunday.\n"
            "The Lantern had warned of cracks for a year.\n"
            "The newspaper said the county ignored the warnings.\n"
            "The editorial called for an inquiry.\n")
    found, speakers = resolve(parser_nlp, text, [
        ("The Lantern had", "warned of cracks"), ("The newspaper", "the county ignored"),
        ("The editorial", "an inquiry")])
    assert names(found)[1:] == ["Lantern", "Lantern"]
    assert {s.type for s in speakers if s.name == "Lantern"} == {"media"}


def test_a_newspapers_editorial_is_the_newspapers(parser_nlp):
    text = ("The Harlow Gazette endorsed the levy on Sunday.\n"
            "The newspaper's editorial said the schools needed roofs.\n")
    found, _ = resolve(parser_nlp, text, [("The newspaper's editorial", "the schools")])
    assert names(found) == ["Harlow Gazette"]


def test_the_committee_chairmen_are_the_chairmen_named_before(parser_nlp):
    text = ("Finance Committee Chairman Tom Reyes and Budget Committee Chairman Ana Ruiz met the mayor.\n"
            "Mayor Jo Park said the city would cut spending.\n"
            "The committee chairmen said the cuts were too small.\n")
    found, _ = resolve(parser_nlp, text, [("The committee chairmen", "the cuts")])
    assert names(found) == ["Tom Reyes and Ana Ruiz"]


def test_a_letter_written_by_two_people_is_theirs(parser_nlp):
    text = ("Tom Reyes and Ana Ruiz wrote a letter to the board on Monday.\n"
            "The letter said the budget was late.\n")
    found, _ = resolve(parser_nlp, text, [("The letter", "the budget")])
    assert names(found) == ["Tom Reyes and Ana Ruiz"]


def test_the_agency_is_the_organisation_named_before_not_an_outlet(parser_nlp):
    text = ("The Daily Ledger reported that the Federal Aviation Administration grounded the planes.\n"
            "The agency said the engines needed new fans.\n")
    found, _ = resolve(parser_nlp, text, [("The agency", "the engines")])
    assert names(found) == ["Federal Aviation Administration"]


def test_the_news_service_is_the_outlet_named_before(parser_nlp):
    text = ("The Harlow Gazette and the city council argued over the budget.\n"
            "The news service said the council hid the numbers.\n")
    found, _ = resolve(parser_nlp, text, [("The news service", "the council hid")])
    assert names(found) == ["Harlow Gazette"]


def test_the_report_is_the_maker_of_the_investigation_before_it(parser_nlp):
    text = ("Report: The mayor met donors.\n\n"
            "MARLOW BAY (Reuters) \u2014 The mayor called a report about his meetings unfair.\n\n"
            "The Harlow Gazette's investigation into the mayor's calendar drew calls for an inquiry.\n\n"
            "The council voted on Monday.\n\n"
            "The report showed that most of his meetings were with donors.\n")
    found, _ = resolve(parser_nlp, text, [("The report", "most of his meetings")])
    assert names(found) == ["Harlow Gazette"]


def test_a_former_speaker_or_front_runner_refers_back_to_the_person_spoken_of(parser_nlp):
    text = ("Ada Stone toured the flooded farms of the valley on Monday.\n"
            "The Democratic front-runner said the levees had failed.\n"
            "Tom Reyes visited the farms on Tuesday.\n"
            "The former House Speaker said the state should pay.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The Democratic front-runner", "the levees"), ("The former House Speaker", "the state should")])
    assert names(found) == ["Ada Stone", "Tom Reyes"]


def test_the_state_is_the_us_state_named_last(parser_nlp):
    text = ("A court in Ohio struck down the voting law on Monday.\n"
            "Officials in Florida were weighing a similar rule.\n"
            "The state said it would wait for the ruling.\n")
    found, _ = resolve(parser_nlp, text, [("The state", "would wait")])
    assert names(found) == ["Florida"]


def test_an_organisation_called_by_the_noun_in_an_apposition_is_that_noun(parser_nlp):
    text = ("Harlow Steelworks, a company based in Dayton, closed a plant on Monday.\n"
            "The Teamsters protested the closure.\n"
            "The company said the plant had lost money for years.\n")
    found, _ = resolve(parser_nlp, text, [("The company", "the plant had lost")])
    assert names(found) == ["Harlow Steelworks"]


def test_a_review_is_an_outlet(parser_nlp):
    text = ("The Harlow Review criticised the mayor on Monday, and the mayor answered on the radio.\n"
            "The publication said the mayor had misled voters.\n")
    found, _ = resolve(parser_nlp, text, [("The publication", "had misled")])
    assert names(found) == ["Harlow Review"]


def test_a_name_an_apposition_calls_a_newspaper_is_an_outlet(parser_nlp):
    text = ("Mayor Jo Park spoke to Ned Lantern, a weekly newspaper in Harlow, on Monday.\n"
            "Harlow voted on Tuesday.\n"
            "The newspaper said the mayor would not run again.\n")
    found, speakers = resolve(parser_nlp, text, [("The newspaper", "the mayor would not")])
    assert names(found) == ["Ned Lantern"]
    assert [s.type for s in speakers] == ["media"]

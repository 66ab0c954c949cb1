"""Speaker resolution on short texts written for it: the resolver is given the sources by
hand (as the benchmark's --gold-sources does), so these test resolution alone."""
import re

from saidwhat.schema import Attribution, TextSpan
from saidwhat.speakers import resolve_speakers


def resolve(parser_nlp, text, pairs):
    """Resolve hand-given sources by the rules alone: see :func:`resolve_with`."""
    return resolve_with(parser_nlp, text, pairs, None)


def resolve_with(parser_nlp, text, pairs, ranker):
    """Resolve hand-given sources: ``pairs`` of (source phrase, content phrase), each phrase
    taken at its first occurrence (the source as a whole word) after the previous pair's source,
    pronouns and descriptions decided by ``ranker`` (None: the rules). Returns the
    attributions with their speakers set, and the article's speaker list."""
    doc = parser_nlp(text)
    attributions, after = [], 0
    for k, (source, content) in enumerate(pairs, start=1):
        s = re.compile(r"(?<!\w)" + re.escape(source) + r"(?!\w)").search(text, after).start()
        c = text.index(content, after)
        after = s + 1
        attributions.append(Attribution(
            id=k, kind="indirect", cue=None,
            content=TextSpan.from_offsets(text, [(c, c + len(content))]),
            source=TextSpan.from_offsets(text, [(s, s + len(source))])))
    return attributions, resolve_speakers(doc, attributions, ranker)


def names(attributions):
    return [a.speaker.name if a.speaker else None for a in attributions]


def test_pronoun_skips_the_people_its_own_content_names(parser_nlp):
    text = ("Governor Alan Moreno signed the water bill on Tuesday.\n"
            "\"This is a good day for every farmer in the valley,\" said Ray Dunn, who runs the growers' "
            "cooperative. \"Moreno kept his word.\"\n"
            "People like Moreno are rare, he said.\n")
    found, speakers = resolve(parser_nlp, text, [
        ("Ray Dunn, who runs the growers' cooperative", '"This is a good day'),
        ("he", "People like Moreno are rare")])
    assert names(found) == ["Ray Dunn", "Ray Dunn"]
    assert found[0].speaker is found[1].speaker
    [dunn] = speakers
    assert dunn.attributions == 2 and dunn.type == "person"
    assert [m.text for m in dunn.mentions] == ["Ray Dunn", "Ray Dunn, who runs the growers' cooperative", "he"]


def test_first_person_outside_quotes_is_the_letter_writer(parser_nlp):
    text = ("Letters: the bridge toll\n\n"
            "I cannot understand why the council wants to charge commuters twice for the same bridge.\n\n"
            "Martha Quinlan.\n\nOakdale\n\n"
            "I think the toll is fair if the money fixes the potholes.\n\n"
            "Devin Achebe.\n\nRidgefield\n")
    found, _ = resolve(parser_nlp, text, [("I", "why the council wants"), ("I", "the toll is fair")])
    assert names(found) == ["Martha Quinlan", "Devin Achebe"]


def test_descriptions_resolve_by_the_titles_the_article_gives(parser_nlp):
    text = ("Republican Gov. Nora Pike of Idaho and Democratic Sen. Luis Ortega met on Monday to discuss "
            "the dam. The governor said the talks were useful. The senator said they had failed.\n")
    found, _ = resolve(parser_nlp, text, [("The governor", "the talks were useful"),
                                          ("The senator", "they had failed")])
    assert names(found) == ["Nora Pike", "Luis Ortega"]
    assert [a.speaker.title for a in found] == ["Republican Gov.", "Democratic Sen."]


def test_a_party_member_and_a_title_named_just_after_resolve_as_descriptions(parser_nlp):
    text = ("Republican presidential nominee Donald Trump spoke in Ohio on Friday. The Republican told his "
            "supporters to watch the polls.\nPhil Lovas, the state party chairman, said he had not seen the "
            "letter. The New York state attorney general said Monday that the foundation was not registered. "
            "Attorney General Eric Schneiderman has asked for its records.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The Republican", "to watch the polls"),
        ("Phil Lovas, the state party chairman,", "he had not seen"),
        ("The New York state attorney general", "that the foundation")])
    assert names(found) == ["Donald Trump", "Phil Lovas", "Eric Schneiderman"]


def test_a_source_span_running_past_its_noun_phrase_resolves_by_its_subject(parser_nlp):
    text = ("Senator Maria Okafor visited the plant on Monday.\n"
            "Okafor demands answers from the company, yet it has refused to release its safety records.\n")
    found, _ = resolve(parser_nlp, text, [("Okafor demands answers from the company, yet", "to release")])
    assert names(found) == ["Maria Okafor"]


def test_names_the_recogniser_mistakes_still_resolve(parser_nlp):
    # a sentence-initial surname parsed as a compound noun, an @handle, a dash before a name
    text = ("Republican nominee Donald Trump spoke on Friday.\n"
            "Trump charges that countries that stand to benefit from the deal gave money to the fund.\n"
            "As one Twitter user @harborwatch pointed out with a chart, the gap is vast.\n"
            "When the moderator asked about taxes ― as she did twice ― Trump boasted, \u201cThat makes me smart.\u201d\n")
    found, _ = resolve(parser_nlp, text, [
        ("Trump", "spoke on Friday"),
        ("Trump", "that countries"),
        ("one Twitter user @harborwatch", "the gap is vast"),
        ("\u2015 Trump", "\u201cThat makes me smart.\u201d")])
    assert names(found) == ["Donald Trump", "Donald Trump", "@harborwatch", "Donald Trump"]


def test_he_is_not_the_unnamed_writer_called_i(parser_nlp):
    text = ("Governor Tom Bellamy has attacked tax breaks that help others.\n"
            "As I have argued, he and other landlords gain from those breaks, and he has proposed "
            "nothing that would raise his own taxes.\n")
    found, _ = resolve(parser_nlp, text, [
        ("Governor Tom Bellamy", "tax breaks that help others"),
        ("I", "he and other landlords gain"),
        ("he", "nothing that would raise")])
    assert names(found) == ["Tom Bellamy", None, "Tom Bellamy"]


def test_they_after_a_one_word_name_taken_for_a_person_is_that_organisation(parser_nlp):
    text = ("After the debate Politicheck examined the senator's claim about crime in Dayton. "
            "On Tuesday they announced that the claim was true.\n")
    found, speakers = resolve(parser_nlp, text, [
        ("Politicheck", "the senator's claim"), ("they", "that the claim was true")])
    assert names(found) == ["Politicheck", "Politicheck"]
    assert [(s.name, s.type, s.attributions) for s in speakers] == [("Politicheck", "organization", 2)]


def test_the_newspaper_and_the_poll_refer_back_to_their_makers(parser_nlp):
    text = ("The Harlow Gazette reported on Sunday that the mill would close. The newspaper said 200 jobs "
            "would go.\nA Gallup poll found that most residents opposed the closure. The poll also found "
            "that few would move away.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The Harlow Gazette", "the mill would close"), ("The newspaper", "200 jobs would go"),
        ("A Gallup poll", "most residents opposed"), ("The poll", "few would move away")])
    assert names(found) == ["Harlow Gazette", "Harlow Gazette", "Gallup", "Gallup"]
    assert [a.speaker.type for a in found] == ["media", "media", "organization", "organization"]


def test_quoted_nickname_is_part_of_the_fullest_name(parser_nlp):
    text = "Rep. Thomas \"Tommy\" Vance said the plan was dead. Vance later said he would vote against it.\n"
    found, _ = resolve(parser_nlp, text, [("Rep. Thomas \"Tommy\" Vance", "the plan was dead"),
                                          ("Vance", "he would vote")])
    assert names(found) == ['Thomas "Tommy" Vance', 'Thomas "Tommy" Vance']


def test_relative_pronoun_is_the_person_its_clause_describes(parser_nlp):
    text = "Dana Whitfield, a nurse who said she saw the crash, spoke to police on Friday.\n"
    found, _ = resolve(parser_nlp, text, [("who", "she saw the crash")])
    assert names(found) == ["Dana Whitfield"]


def test_unnamed_speakers_keep_their_description_as_title(parser_nlp):
    text = "Officials said the road would reopen. A spokeswoman for the county said crews were working.\n"
    found, speakers = resolve(parser_nlp, text, [("Officials", "the road would reopen"),
                                                 ("A spokeswoman for the county", "crews were working")])
    assert names(found) == [None, None]
    assert [(s.type, s.title) for s in speakers] == [("group", "Officials"),
                                                     ("person", "A spokeswoman for the county")]


def test_a_description_introduces_the_person_named_right_after_it(parser_nlp):
    # a headline role, an indefinite one and an owned one, each named in the next sentences;
    # a spokeswoman followed by a man named after her stays unnamed
    text = ("Harbor board member says dredging plan is dead\n"
            "A former harbor commissioner says the city should start over. \"We have wasted two years,\" "
            "said Lena Ortiz, who ran the harbor board until 2019.\n"
            "Dale County's tax assessor says no records were leaked.\n"
            "Gary Finch says he ordered a review on Monday.\n"
            "A spokeswoman said the office was closed. Mayor Tom Ruiz declined to comment.\n")
    found, _ = resolve(parser_nlp, text, [
        ("Harbor board member", "dredging plan is dead"),
        ("A former harbor commissioner", "the city should start over"),
        ("Lena Ortiz, who ran the harbor board until 2019", '"We have wasted two years,"'),
        ("Dale County's tax assessor", "no records were leaked"),
        ("Gary Finch", "he ordered a review"),
        ("A spokeswoman", "the office was closed")])
    assert names(found) == ["Lena Ortiz", "Lena Ortiz", "Lena Ortiz", "Gary Finch", "Gary Finch", None]


def test_roles_and_documents_that_name_nobody_stay_unnamed(parser_nlp):
    # an anonymous source before a named person, a later role that refers back to nobody,
    # a capitalised dateline, a poll of a state, exit polls, polls in general after a
    # named poll, and "who" on a group right after a place
    text = ("Council vote delayed again\n"
            "DALE CITY (AP) \u2014 The council put off its vote on the bridge for a third time on Tuesday.\n"
            "A source close to the council said the delay was planned. Mayor Linda Gomez said she "
            "regretted it.\n"
            "Lawmakers argued for an hour. Later the veteran congressman said the bridge was safe.\n"
            "Tom Hale spoke last.\n"
            "An Ohio poll found that voters backed the bridge. Exit polls showed the same.\n"
            "A Gallup poll found that few cared. Polls show that most voters never cross it.\n"
            "Democrats on Capitol Hill who are worried about the cost have said little.\n")
    found, _ = resolve(parser_nlp, text, [
        ("A source close to the council", "the delay was planned"),
        ("the veteran congressman", "the bridge was safe"),
        ("An Ohio poll", "that voters backed the bridge"),
        ("Exit polls", "the same"),
        ("Polls", "that most voters never cross it"),
        ("who", "worried about the cost")])
    assert names(found) == [None, None, None, None, None, None]


def test_two_people_together_and_a_name_inside_a_role_phrase(parser_nlp):
    text = ("Sen. Ana Ruiz and Gov. Peter Holm met on Friday. The two leaders said they would meet again.\n"
            "Governor Sam Bell spoke first. His wife and campaign chair Ruth Bell said the race was close. "
            "Bell aides said the count would be late.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The two leaders", "they would meet again"),
        ("His wife and campaign chair Ruth Bell", "the race was close"),
        ("Bell aides", "the count would be late")])
    assert names(found) == ["Ana Ruiz and Peter Holm", "Ruth Bell", None]
    assert found[0].speaker.type == "group"


def test_a_relative_pronoun_on_a_predicate_noun_or_right_after_a_name(parser_nlp):
    text = ("Sen. Luis Ortega visited Dale County on Monday. Ortega is a former teacher who says the "
            "schools need more money.\nThey cited the Dale Police Department which reported 40 thefts.\n")
    found, _ = resolve(parser_nlp, text, [("who", "the schools need more money"), ("which", "40 thefts")])
    assert names(found) == ["Luis Ortega", "Dale Police Department"]


def test_a_documents_maker_named_ahead_jointly_or_by_a_statement(parser_nlp):
    text = ("New Survey Shows Drivers Oppose Toll\n"
            "A new survey shows that most drivers oppose the toll.\n"
            "The Reuters/Ipsos survey of 900 drivers was taken in May.\n"
            "In a statement on Monday, the Ferry Workers Union called the plan reckless. The statement also "
            "said that fares would rise.\n")
    found, _ = resolve(parser_nlp, text, [
        ("New Survey", "Drivers Oppose Toll"),
        ("A new survey", "that most drivers oppose the toll"),
        ("The statement", "that fares would rise")])
    assert names(found) == ["Reuters/Ipsos", "Reuters/Ipsos", "Ferry Workers Union"]


def test_initials_a_citys_government_and_a_description_of_the_other_party(parser_nlp):
    text = ("Foreign Minister Park Jae Un met U.N. envoys in Seoul. The U.N. said the talks were useful.\n"
            "The Securities and Exchange Commission opened an inquiry. The S.E.C. said it had asked for "
            "records.\n"
            "The city of Ashford says it will appeal. The city said the ruling was wrong.\n"
            "Republican presidential nominee Tom Vance and Democrat Susan Reed debated. The Democratic "
            "presidential nominee said the debate was fair.\n")
    found, _ = resolve(parser_nlp, text, [
        ("The U.N.", "the talks were useful"),
        ("The S.E.C.", "it had asked for records"),
        ("The city of Ashford", "it will appeal"),
        ("it", "will appeal"),
        ("The city", "the ruling was wrong"),
        ("The Democratic presidential nominee", "the debate was fair")])
    assert names(found) == ["U.N.", "Securities and Exchange Commission", "city of Ashford",
                            "city of Ashford", "city of Ashford", "Susan Reed"]
    assert found[0].speaker.type == "organization"


def test_named_relatives_and_their_later_mentions(parser_nlp):
    # "my father" and "my mother" as the writer names them, "he" and "she" after them, and
    # the writer called "I" is not "she"
    text = ("I grew up above a bakery.\n\n"
            "My parents, Walter and Ingrid Brandt, ran it for thirty years. My father said the bakery was his "
            "life. He said bread was the only honest trade.\n\n"
            "I asked my mother once whether she regretted it. She said that she regretted nothing.\n\n"
            "Clara Brandt.\n")
    found, _ = resolve(parser_nlp, text, [
        ("My father", "the bakery was his life"),
        ("He", "bread was the only honest trade"),
        ("She", "that she regretted nothing")])
    assert names(found) == ["Walter Brandt", "Walter Brandt", "Ingrid Brandt"]


def test_he_after_a_quote_is_its_speaker_not_a_man_it_names(parser_nlp):
    text = ("Radio host Rick Dalton spoke about the debate on Monday.\n"
            "\"The left says Vance is such a liar that the moderator must correct him, and Vance knows it.\"\n"
            "He concluded: \"The person who cannot tell the truth is not Vance.\"\n")
    found, _ = resolve(parser_nlp, text, [
        ("He", "\"The person who cannot tell the truth is not Vance.\"")])
    assert names(found) == ["Rick Dalton"]


def test_a_first_name_keeps_two_people_of_one_surname_apart(parser_nlp):
    text = ("Melania Trump said she loved the city. Trump also said she was proud of the volunteers. "
            "Donald Trump said the rally was the biggest ever.\n")
    found, speakers = resolve(parser_nlp, text, [("Melania Trump", "she loved the city"),
                                                 ("Donald Trump", "the rally was the biggest ever")])
    assert names(found) == ["Melania Trump", "Donald Trump"]
    assert len(speakers) == 2


def test_one_parent_named_beside_the_plural_is_no_relative_and_no_crash(parser_nlp):
    text = ("Dana Pike wrote the appeal herself.\n"
            "My parents, James Meehan, never saw it, she said.\n"
            "My father said the farm would be sold.\n")
    found, _ = resolve(parser_nlp, text, [
        ("she", "My parents, James Meehan, never saw it"), ("My father", "the farm would be sold")])
    assert names(found) == ["Dana Pike", None]

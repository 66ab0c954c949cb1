"""One speaker across articles: identity keys, matching and the user's corrections."""
from __future__ import annotations

import pytest

from saidwhat.store.identity import (DOMINANCE, Corrections, SpeakerDirectory, is_surname_only, person_name,
                                     speaker_key, surname_of)


@pytest.mark.parametrize("name", ["Donald Trump", "Donald J. Trump", "President Donald Trump",
                                  "Mr. Donald J Trump",
                                  "donald  TRUMP", "President-elect Donald J. Trump"])
def test_forms_of_one_persons_name_have_one_key(name):
    assert speaker_key(name, "person") == "person:donald trump"


@pytest.mark.parametrize("name, key", [
    ("Microsoft Corp", "organization:microsoft"),
    ("Microsoft Corp.", "organization:microsoft"),
    ("Microsoft", "organization:microsoft"),
    ("Microsoft Corporation", "organization:microsoft"),
    ("Ford Motor Company", "organization:ford motor"),
    ("Ford Motor Co.", "organization:ford motor"),
    ("Rhodium Group", "organization:rhodium group"),
    ("The Coca-Cola Co.", "organization:coca cola"),
    ("Co", "organization:co"),
])
def test_an_organisations_legal_suffix_and_leading_the_go(name, key):
    assert speaker_key(name, "organization") == key


def test_media_lose_a_leading_the_and_groups_keep_their_words():
    assert speaker_key("The New York Times", "media") == speaker_key("New York Times", "media") == "media:new york times"
    assert speaker_key("The Democrats", "group") == "group:democrats"
    assert speaker_key("Democrats Inc", "group") == "group:democrats inc"


@pytest.mark.parametrize("name, key", [
    ("Secretary of State Rex Tillerson", "person:rex tillerson"),
    ("U.S. Attorney Preet Bharara", "person:preet bharara"),
    ("George H.W. Bush", "person:george bush"),
    ("J. Edgar Hoover", "person:j edgar hoover"),
    ("José Ñúñez", "person:jose nunez"),
    ("Beto O’Rourke", "person:beto orourke"),
    ("Beto O'Rourke", "person:beto orourke"),
    ("Pope Francis", "person:pope francis"),
    ("Major Garrett", "person:major garrett"),
    ("Mary Justice", "person:mary justice"),
    ("President", "person:president"),
    ("Donald Trump Jr.", "person:donald trump jr"),
    ("Donald Trump, Jr.", "person:donald trump jr"),
])
def test_person_keys(name, key):
    assert speaker_key(name, "person") == key


def test_a_son_is_not_his_father_nor_a_person_an_organisation():
    assert speaker_key("Donald Trump Jr.", "person") != speaker_key("Donald Trump", "person")
    assert speaker_key("Trump", "person") == "person:trump"
    assert speaker_key("Trump", "organization") == "organization:trump"
    assert speaker_key("Trump", "spaceship") == "unknown:trump"


def test_surnames():
    assert surname_of("Donald J. Trump Jr.") == "trump"
    assert surname_of("Sen. Elizabeth Warren") == "warren"
    assert surname_of("") is None
    assert person_name("Donald Trump, Jr.").words == ("donald", "trump")
    assert is_surname_only("Obama", "person")
    assert is_surname_only("President Trump", "person")
    assert is_surname_only("Mrs. Clinton", "person")
    assert not is_surname_only("Barack Obama", "person")
    assert not is_surname_only("Reuters", "media")


def directory(*speakers):
    found = SpeakerDirectory()
    for name, count in speakers:
        found.add(speaker_key(name, "person"), name, "person", count)
    return found


def test_two_people_who_share_a_surname_stay_two():
    known = directory(("Barack Obama", 78))
    assert known.match("Michelle Obama", "person") is None
    assert known.match("Barack Obama", "person") == "person:barack obama"
    assert known.match("Barack H. Obama", "person") == "person:barack obama"


def test_a_surname_only_mention_is_the_one_known_person_of_that_surname():
    assert directory(("Barack Obama", 78)).match("Obama", "person") == "person:barack obama"
    assert directory(("Barack Obama", 78)).match("President Obama", "person") == "person:barack obama"
    assert directory(("Barack Obama", 78)).match("Clinton", "person") is None


def test_a_surname_only_mention_goes_to_a_dominant_person_only():
    assert DOMINANCE == 5
    dominant = directory(("Barack Obama", 50), ("Michelle Obama", 10))
    assert dominant.match("Obama", "person") == "person:barack obama"
    comparable = directory(("Barack Obama", 49), ("Michelle Obama", 10))
    assert comparable.match("Obama", "person") is None
    comparable.add("person:obama", "Obama", "person", 3)
    assert comparable.match("Obama", "person") == "person:obama"
    comparable.add("person:barack obama", "Barack Obama", "person", 1)
    assert comparable.count("person:barack obama") == 50
    assert comparable.match("Obama", "person") == "person:barack obama"


def test_a_surname_only_speaker_is_never_made_a_full_person():
    known = directory(("Obama", 12))
    assert known.match("Obama", "person") == "person:obama"
    assert known.match("Michelle Obama", "person") is None


def test_a_name_without_middle_names_is_its_alias_when_one_person_has_it():
    known = directory(("Hillary Rodham Clinton", 30), ("Bill Clinton", 20))
    assert known.match("Hillary Clinton", "person") == "person:hillary rodham clinton"
    assert known.match("Chelsea Clinton", "person") is None
    reverse = directory(("Hillary Clinton", 30))
    assert reverse.match("Hillary Rodham Clinton", "person") == "person:hillary clinton"
    two = directory(("John Paul Smith", 3), ("John Henry Smith", 3))
    assert two.match("John Smith", "person") is None


def test_organisations_match_by_key_only():
    known = SpeakerDirectory()
    known.add(speaker_key("Microsoft Corp.", "organization"), "Microsoft Corp.", "organization", 4)
    assert known.match("Microsoft", "organization") == "organization:microsoft"
    assert known.match("Microsoft", "person") is None
    assert known.match("Apple", "organization") is None
    assert len(known) == 1 and "organization:microsoft" in known


def test_a_nameless_speaker_never_matches():
    known = directory(("Barack Obama", 78))
    known.add("person:", "", "person", 5)
    assert speaker_key("", "person") == "person:"
    assert known.match("", "person") is None
    assert known.match("—", "person") is None


def test_merges_follow_chains_and_never_loop():
    corrections = Corrections()
    corrections.merge("person:b obama", "person:barack obama")
    corrections.merge("person:barack obama", "person:barack h obama")
    assert corrections.apply("person:b obama") == "person:barack h obama"
    corrections.merge("person:barack h obama", "person:b obama")  # already one: nothing to do
    assert corrections.merges == {"person:b obama": "person:barack obama",
                                  "person:barack obama": "person:barack h obama"}
    assert corrections.apply("person:michelle obama") == "person:michelle obama"


def test_a_users_merge_wins_over_matching_at_every_ingest():
    known = directory(("Barack Obama", 78), ("Michelle Obama", 70))
    corrections = Corrections()
    corrections.merge("person:obama", "person:barack obama")
    for _ in range(2):  # ingest, then re-ingest
        own = speaker_key("Obama", "person")
        assert corrections.resolve(own, known.match("Obama", "person")) == "person:barack obama"


def test_a_split_keeps_a_speaker_apart_from_what_matching_gives():
    known = directory(("Barack Obama", 78))
    corrections = Corrections()
    assert corrections.resolve("person:obama", known.match("Obama", "person")) == "person:barack obama"
    corrections.split("person:barack obama", "person:obama")
    assert corrections.resolve("person:obama", known.match("Obama", "person")) == "person:obama"
    assert corrections.resolve("person:barack obama", "person:barack obama") == "person:barack obama"
    corrections.merge("person:obama", "person:barack obama")
    assert corrections.splits == set()
    assert corrections.resolve("person:obama", None) == "person:barack obama"
    corrections.split("person:barack obama", "person:obama")
    assert corrections.merges == {}
    assert corrections.resolve("person:obama", "person:barack obama") == "person:obama"

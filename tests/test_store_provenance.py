"""Where a quote came from: words, signatures, grouping, first appearance, alterations."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from saidwhat.store.diffs import Alteration, Change, alteration
from saidwhat.store.provenance import (BANDS, GAP, SAME_QUOTE_THRESHOLD, SIGNATURE_SCHEME, QuoteGrouper, band_keys,
                                       choose_group, plain_words, quote_words, signature, similarity)

PAIRS = Path(__file__).parent / "data" / "store" / "quote-pairs.jsonl"

WALL = "We will build a great wall on our southern border, and Mexico will pay for that wall."


def test_words_fold_case_punctuation_and_mark_gaps():
    assert quote_words("“We’re going to win … big [folks], BIG,” he said.") == [
        "were", "going", "to", "win", GAP, "big", GAP, "big", "he", "said"]
    assert quote_words("The U.S. will spend $1,000 -- or 3.5% -- on well-known ... programs") == [
        "the", "us", "will", "spend", "1000", "or", "3.5", "on", "well", "known", GAP, "programs"]
    assert quote_words("… [and] then. . . José said…") == ["then", GAP, "jose", "said"]
    assert quote_words("") == [] and quote_words("[sic]") == []
    assert plain_words(["a", GAP, "b"]) == ["a", "b"]


def test_a_signature_is_one_stable_int64_per_band():
    band_hashes = signature(quote_words(WALL))
    assert len(band_hashes) == BANDS
    assert all(-(1 << 63) <= h < (1 << 63) for h in band_hashes)
    assert signature(quote_words(WALL.upper())) == band_hashes
    assert band_keys(band_hashes) == [(band, h) for band, h in enumerate(band_hashes)]
    assert signature([]) == []
    with pytest.raises(ValueError):
        signature(quote_words(WALL), num_perm=10, bands=20, rows=3)


def test_stored_band_hashes_stay_valid_until_the_scheme_is_renamed():
    """The store keeps band hashes: a change to how they are made must rename the scheme
    (and update these values), so that stored ones are known to be stale."""
    assert SIGNATURE_SCHEME == "minhash-w2-p60-b20x3-v1"
    assert signature(quote_words("We will win."))[:3] == [-3315020743786463554, 7924833294278474812,
                                                          -6086934672648386474]


def test_an_edited_copy_shares_a_band_and_an_unrelated_quote_none():
    original = signature(quote_words(WALL))
    copy = signature(quote_words("We will build a big wall on our southern border and Mexico will pay for that wall!"))
    other = signature(quote_words("Nobody has ever seen numbers like these on jobs and the stock market."))
    assert any(a == b for a, b in zip(original, copy))
    assert not any(a == b for a, b in zip(original, other))


def test_similarity_is_containment_with_a_floor_for_fragments():
    words = quote_words(WALL)
    assert similarity(words, quote_words("build a great wall on our southern border, and Mexico")) == 1.0
    assert similarity(words, quote_words("build a great wall on our southern border")) == 7 / 8
    assert similarity(words, quote_words("a great wall")) == 2 / 8
    assert similarity(quote_words("a great wall"), quote_words("A great wall!")) == 1.0
    assert similarity(words, quote_words("Mexico will never pay for anything, they said")) < SAME_QUOTE_THRESHOLD


def test_choose_group_takes_the_most_similar_candidate_over_the_threshold():
    words = quote_words(WALL)
    near = quote_words("We will build a great wall and Mexico will pay for that wall.")
    exact = quote_words(WALL)
    far = quote_words("The wall is a monument to our failure to govern.")
    assert choose_group([("g1", near), ("g2", exact), ("g3", far)], words) == "g2"
    assert choose_group([("g1", exact), ("g2", exact)], words) == "g1"
    assert choose_group([("g3", far)], words) is None
    assert choose_group([], words) is None


def grouped(*quotes):
    grouper = QuoteGrouper()
    ids = [grouper.add(quote_id, speaker, text, day) for quote_id, speaker, text, day in quotes]
    return grouper, ids


def test_ellipsis_bracket_and_punctuation_copies_are_one_quote_not_altered():
    grouper, ids = grouped(
        (1, "person:donald trump", WALL, date(2016, 3, 1)),
        (2, "person:donald trump", "“We will build a great wall … and Mexico will pay for that wall,”", date(2016, 3, 2)),
        (3, "person:donald trump", "We will build a great wall on [the] southern border, and [Mexico] will pay for that wall",
         date(2016, 3, 2)),
        (4, "person:donald trump", "we will build a GREAT wall on our southern border; and mexico will pay for that wall!!!",
         date(2016, 3, 3)),
        (5, "person:donald trump", "build a great wall on our southern border", date(2016, 3, 4)),
    )
    assert ids == [0, 0, 0, 0, 0]
    assert [grouper.alteration(quote_id) for quote_id in (1, 2, 3, 4, 5)] == [None] * 5
    assert grouper.group_of(4).members == [1, 2, 3, 4, 5]


def test_a_changed_word_is_the_same_quote_flagged_with_the_exact_difference():
    grouper, ids = grouped(
        (1, "person:donald trump", WALL, date(2016, 3, 1)),
        (2, "person:donald trump", WALL.replace("will build", "would build").replace("great ", ""), date(2016, 3, 5)),
    )
    assert ids == [0, 0]
    altered = grouper.alteration(2)
    assert altered == Alteration((Change("changed", ("will",), ("would",)), Change("dropped", ("great",), ())))
    assert str(altered) == "changed 'will' to 'would'; dropped 'great'"
    assert altered.to_dict()["changes"][0] == {"op": "changed", "before": ["will"], "after": ["would"]}


def test_unrelated_quotes_and_other_speakers_make_other_groups():
    grouper, ids = grouped(
        (1, "person:donald trump", WALL, None),
        (2, "person:donald trump", "Mexico is sending people that have lots of problems to our southern border.", None),
        (3, "person:hillary clinton", WALL, None),
        (4, "person:donald trump", WALL, None),
    )
    assert ids == [0, 1, 2, 0]
    assert [g.speaker for g in grouper.groups] == ["person:donald trump", "person:donald trump", "person:hillary clinton"]


def test_the_first_appearance_is_the_earliest_date_then_the_smallest_id():
    grouper, _ = grouped(
        (30, "person:a", WALL, date(2016, 5, 2)),
        (20, "person:a", WALL + " …", None),
        (40, "person:a", WALL.replace("great", "big"), date(2016, 5, 1)),
        (10, "person:a", WALL, date(2016, 5, 1)),
    )
    group = grouper.groups[0]
    assert (group.first_id, group.first_date) == (10, date(2016, 5, 1))
    assert grouper.alteration(40) == Alteration((Change("changed", ("great",), ("big",)),))
    assert grouper.alteration(10) is None and grouper.alteration(30) is None
    assert len(group.wordings) == 2


@pytest.mark.parametrize("original, other, expected", [
    (WALL, WALL.replace(",", " …"), None),
    (WALL, "We will build a great wall", None),
    (WALL, "on our southern border, and Mexico will pay", None),
    (WALL, WALL.replace("a great wall", "a very great wall"), "added 'very'"),
    (WALL, WALL.replace("great wall on our", "great wall … our"), None),
    (WALL, WALL.replace("great wall on our", "great wall our"), "dropped 'on'"),
    ("We must act now, before the next flood, before the next fire, before the next family loses everything.",
     "We must act now … before the next family loses everything.", None),
    ("we will act … and win", "we will act now and win", None),
    ("we will act now and win", "we will act today and win", "changed 'now' to 'today'"),
    ("we will act now and win", "we will act … today and win", "changed 'now' to 'today'"),
])
def test_alterations_of_texts(original, other, expected):
    found = alteration(original, other)
    assert (str(found) if found else None) == expected


def test_the_labelled_pairs_are_matched_and_flagged_as_measured():
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    same = [p for p in pairs if p["same"]]
    assert len(pairs) == 61 and len(same) == 42
    matched = [similarity(quote_words(p["a"]), quote_words(p["b"])) >= SAME_QUOTE_THRESHOLD for p in pairs]
    assert all(m for m, p in zip(matched, pairs) if p["same"])
    wrongly = sorted(p["b"][:20] for m, p in zip(matched, pairs) if m and not p["same"])
    assert wrongly == ["Crime is up in every", "I think that the gov", "It is a great day fo",
                       "We need to fix the e", "We will fight for th"]
    assert [alteration(p["a"], p["b"]) is not None for p in same] == [p["altered"] for p in same]

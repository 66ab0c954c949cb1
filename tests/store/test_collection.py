"""Across articles: one speaker under its several names, one quote with its occurrences
and alterations, searches with their filters, corrections made by hand that later
ingests keep."""
import datetime as dt

import pytest

from saidwhat.errors import StoreError
from saidwhat.schema import Article

MAYOR = "Margaret T. Holloway"


def changed(article):
    """A copy of ``article`` with a space added to its text: a new version to store."""
    return Article.from_dict(dict(article.to_dict(), text=article.text + " "))


def test_one_speaker_across_articles_and_two_who_share_a_surname(store, week):
    store.ingest(week)
    top = [(s.name, s.type, s.attributions, s.direct, s.mixed, s.indirect, s.articles, s.first, s.last)
           for s in store.speakers()]
    assert top == [
        (MAYOR, "person", 4, 3, 0, 1, 3, dt.date(2024, 3, 1), dt.date(2024, 3, 5)),
        ("Hanami Shipping Corp", "organization", 2, 2, 0, 0, 2, dt.date(2024, 3, 1), dt.date(2024, 3, 5)),
        ("Grace Okafor", "person", 2, 1, 0, 1, 1, dt.date(2024, 3, 2), dt.date(2024, 3, 2)),
        ("Peter Holloway", "person", 2, 1, 0, 1, 1, dt.date(2024, 3, 6), dt.date(2024, 3, 6)),
    ]
    assert [s.name for s in store.speakers(top=2, since="2024-03-02")] == [MAYOR, "Grace Okafor"]
    profile = store.speaker("Margaret Holloway")
    assert profile.names == [("Holloway", 1), ("Margaret Holloway", 1), (MAYOR, 1)]
    assert profile.titles == [("Mayor", dt.date(2024, 3, 1), "courier-0301"), ("Mayor", dt.date(2024, 3, 2), "tribune-0302"),
                              ("Mayor", dt.date(2024, 3, 5), "gazette-0305")]
    assert profile.articles == ["courier-0301", "tribune-0302", "gazette-0305"]


def test_one_quote_carried_by_three_outlets_with_a_word_changed(store, week):
    store.ingest(week)
    hit = store.search("berth", outlet="Bay Gazette")[0]
    history = store.quote(hit.quote_id)
    assert [(h.outlet, h.date, h.article_id) for h in history.occurrences] == [
        ("Marlow Courier", dt.date(2024, 3, 1), "courier-0301"), ("Evening Tribune", dt.date(2024, 3, 2), "tribune-0302"),
        ("Bay Gazette", dt.date(2024, 3, 5), "gazette-0305")]
    assert history.first.article_id == "courier-0301" and history.speaker == MAYOR
    assert {h.article_id: str(history.alterations[h.id]) for h in history.occurrences if h.id in history.alterations} \
        == {"tribune-0302": "changed 'working' to 'busy'"}
    assert [(r["first"], r["altered"]) for r in history.records()] == [
        (True, None), (False, "changed 'working' to 'busy'"), (False, None)]
    shipping = store.quote(store.search("costs", speaker="Hanami Shipping")[0].quote_id)
    assert [h.article_id for h in shipping.occurrences] == ["courier-0301", "gazette-0305"]
    assert shipping.alterations == {}  # the gazette quotes less at the start and more at the end: an excerpt
    with pytest.raises(StoreError, match="no quote 999"):
        store.quote(999)


def test_search_ranks_and_filters(store, week):
    store.ingest(week)
    found = store.search("pilots")
    assert [(h.article_id, h.attribution.id, h.who()) for h in found] == [
        ("watch-0306", 1, "Peter Holloway"), ("courier-0301", 2, MAYOR)]
    assert found[0].score > found[1].score
    assert found[0].sentence == '"Nobody has asked the pilots what they think," said Peter Holloway, a harbor pilot ' \
                                'for thirty years.'
    assert [h.article_id for h in store.search("harbor reopen", since="2024-03-02", until="2024-03-04")] == ["tribune-0302"]
    assert [h.article_id for h in store.search("\"every berth\" OR bullied", outlet="evening tribune")] == \
        ["tribune-0302", "tribune-0302"]
    assert [(h.article_id, h.attribution.id) for h in store.search(speaker="Holloway", kind="indirect")] == [
        ("watch-0306", 3), ("courier-0301", 2)]
    nested = store.search("think", kind=["indirect"])[0]
    assert (nested.who(), nested.attribution.parent, nested.attribution.cue.text) == ("(Nobody)", 1, "has asked")
    assert len(store.search(limit=None)) == 11 and len(store.search(limit=3)) == 3
    assert store.search("berth", speaker="Nobody Known") == []
    assert store.search("zebra \"(") == []
    assert [h.id for h in store.search(": *")] == [h.id for h in store.search()]  # no words: every hit, newest first


def test_merges_and_splits_hold_across_later_ingests(store, week):
    store.ingest(week[:2])
    store.merge_speakers("Grace Okafor", "Margaret Holloway")
    assert [(s.name, s.attributions) for s in store.speakers()] == [(MAYOR, 5), ("Hanami Shipping Corp", 1)]
    store.ingest(week[2:])
    store.split_speaker("Margaret Holloway", "Grace Okafor")
    names = {s.name: s.attributions for s in store.speakers()}
    assert names == {MAYOR: 4, "Grace Okafor": 2, "Hanami Shipping Corp": 2, "Peter Holloway": 2}
    store.ingest([changed(week[1])])  # written again: its speakers matched again
    assert {s.name: s.attributions for s in store.speakers()} == names
    store.merge_speakers("Peter Holloway", MAYOR)
    store.ingest([changed(week[3])])
    assert {s.name: s.attributions for s in store.speakers()} == {MAYOR: 6, "Grace Okafor": 2, "Hanami Shipping Corp": 2}
    with pytest.raises(StoreError, match="names 2 speakers|no speaker"):
        store.speaker("Peter")
    with pytest.raises(StoreError, match="nothing to split"):
        store.split_speaker(MAYOR, "Margaret Holloway")

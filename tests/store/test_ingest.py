"""Ingest: every article stored once, a changed text replacing its old version, the
store giving back what extract wrote, on SQLite and PostgreSQL alike."""
import copy

from sqlalchemy import func, select

from saidwhat.schema import Article
from saidwhat.store import tables as t
from saidwhat.store.ingest import article_fields, parse_date, sentence_bounds


def counts(store):
    """The rows of each table."""
    with store.engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in (t.articles, t.attributions, t.article_speakers, t.speakers, t.quote_groups)}


def test_ingesting_twice_stores_each_article_once(store, week):
    assert store.ingest(week) == {"added": 4, "replaced": 0, "unchanged": 0, "failed": 0, "errors": []}
    first = counts(store)
    assert first == {"articles": 4, "attributions": 11, "article_speakers": 8, "speakers": 4, "quote_groups": 8}
    assert store.ingest(week) == {"added": 0, "replaced": 0, "unchanged": 4, "failed": 0, "errors": []}
    assert counts(store) == first
    assert all(store.is_stored(article) for article in week)


def test_the_store_gives_back_what_extract_gave(store, week):
    store.ingest(week)
    assert [a.to_dict() for a in store.export()] == [a.to_dict() for a in week]


def test_a_changed_text_replaces_the_old_version(store, week, rules_extractor):
    store.ingest(week)
    changed = copy.deepcopy(week[1])
    changed.text = changed.text.replace("bullied into a bad deal", "pushed around")
    changed = next(rules_extractor.extract_many([Article(changed.id, changed.text, changed.title, meta=changed.meta)]))
    assert store.ingest([changed])["replaced"] == 1
    assert counts(store)["articles"] == 4
    exported = {a.id: a.to_dict() for a in store.export()}
    assert exported["tribune-0302"] == changed.to_dict()
    assert [h.attribution.content.text for h in store.search("bullied")] == []
    assert [h.attribution.content.text for h in store.search("pushed")] == ['"We will not be pushed around,"']


def test_article_fields_come_from_meta_or_the_url():
    article = Article("a", "x", "T", meta={"url": "https://www.harborwatch.example/p", "date": "2024-03-06T08:30:00Z",
                                            "author": "Lena Brook"})
    assert article_fields(article) == {"title": "T", "outlet": "harborwatch.example", "author": "Lena Brook",
                                       "published": parse_date("2024-03-06"), "url": "https://www.harborwatch.example/p"}
    assert article_fields(Article("b", "x", meta={"sitename": "Bay Gazette", "date": "March 5"}))["outlet"] == "Bay Gazette"
    assert parse_date("March 5") is None and parse_date("2024-02-30") is None


def test_a_quote_is_shown_in_its_sentence():
    text = 'First one. Then "we go," Mayor Ana B. Ruiz said at noon. After. "Yes," said Dr. Ko.'
    start = text.index('"we')
    assert text[slice(*sentence_bounds(text, start, start + 8))] == 'Then "we go," Mayor Ana B. Ruiz said at noon.'
    start = text.index('"Yes')
    assert text[slice(*sentence_bounds(text, start, start + 6))] == '"Yes," said Dr. Ko.'

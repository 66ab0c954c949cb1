"""The JSON API on the real pipeline (the rules alone) and a SQLite store of the
invented week of harbor news: exact answers, concurrency, limits and errors."""
import asyncio

import httpx
import pytest
from fastapi.testclient import TestClient

from saidwhat.cli import main
from saidwhat.errors import ServiceError
from saidwhat.io.reading import read_bytes
from saidwhat.service.security import check_bind, token_matches
from saidwhat.store.api import Store
from tests.service_fixtures import HOSTILE, make_app, stored_week

PAGE = ("<html><head><title>Ferry fares to rise</title></head><body><article><h1>Ferry fares to rise</h1>"
        "<p>\"Fares will go up by a tenth in May,\" ferry operator Wen Lutz said on Friday.</p>"
        "<p>Passengers told the council they would drive instead.</p></article>"
        "<footer>© Harbour Gazette</footer></body></html>")


@pytest.fixture(scope="module")
def db(tmp_path_factory, rules_extractor):
    return stored_week(tmp_path_factory.mktemp("service") / "week.db", rules_extractor)


@pytest.fixture(scope="module")
def client(db, rules_extractor):
    with TestClient(make_app(db, rules_extractor), raise_server_exceptions=False) as test_client:
        yield test_client


def test_extract_gives_what_the_extractor_gives(client, rules_extractor, example_text):
    answer = client.post("/api/extract", json={"text": example_text})
    assert answer.status_code == 200
    assert answer.json() == rules_extractor.extract(example_text).to_dict()
    speakers = {s["name"]: s["attributions"] for s in answer.json()["speakers"] if s["name"]}
    assert speakers["Desmond Hale"] == 4 and speakers["Grace Okafor"] == 6


def test_extract_reads_html_as_extract_does(client, rules_extractor):
    answer = client.post("/api/extract", json={"text": PAGE, "id": "fares"})
    article = read_bytes(PAGE.encode(), "page", "fares", "html")
    assert answer.json() == next(rules_extractor.extract_many([article])).to_dict()
    assert answer.json()["title"] == "Ferry fares to rise"
    assert [a["source"]["text"] for a in answer.json()["attributions"]] == ["ferry operator Wen Lutz", "Passengers"]


def test_twenty_concurrent_requests_are_each_answered_right(db, rules_extractor):
    texts = [f'"Berth {n} opens at {n} o\'clock," harbor master Ola Berg{n} said.' for n in range(20)]
    expected = [rules_extractor.extract(t, id=f"a{n}").to_dict() for n, t in enumerate(texts)]

    app = make_app(db, rules_extractor)

    async def ask_all():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            return await asyncio.gather(*(http.post("/api/extract", json={"text": t, "id": f"a{n}"})
                                          for n, t in enumerate(texts)))
    answers = asyncio.run(ask_all())
    app.state.extraction.close()
    app.state.store.close()
    assert [a.status_code for a in answers] == [200] * 20
    assert [a.json() for a in answers] == expected
    assert answers[7].json()["speakers"][0]["name"] == "Ola Berg7"


def test_bad_requests_get_a_status_and_a_reason(client):
    bad_json = client.post("/api/extract", content=b'{"text": ', headers={"content-type": "application/json"})
    assert bad_json.status_code == 422 and bad_json.json()["error"].startswith("the body is not valid JSON")
    assert client.post("/api/extract", json={"id": "x"}).json() == {"error": "text: Field required"}
    assert client.post("/api/extract", json={"text": 7}).json() == {"error": "text: Input should be a valid string"}
    empty = client.post("/api/extract", json={"text": " \n"})
    assert (empty.status_code, empty.json()) == (422, {"error": "the text is empty: give the article's text or HTML"})
    no_text = client.post("/api/extract", json={"text": "<html><head><title>t</title></head><body></body></html>", "format": "html"})
    assert (no_text.status_code, no_text.json()) == (422, {"error": "no article text found in the HTML page"})
    assert client.get("/api/quotes/999").json() == {"error": "no quote 999 in the store (saidwhat search gives each "
                                                             "hit's quote id)"}
    assert client.get("/api/quotes/999").status_code == 404
    bad_date = client.get("/api/quotes", params={"since": "March"})
    assert (bad_date.status_code, bad_date.json()) == (
        400, {"error": "since 'March' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY"})
    assert client.get("/api/articles/nowhere").status_code == 404
    assert client.get("/api/articles", params={"limit": 1000}).status_code == 422


def test_bodies_over_the_limit_get_413(db, rules_extractor):
    with TestClient(make_app(db, rules_extractor, max_body=1000)) as small:
        answer = small.post("/api/extract", json={"text": "x" * 1001})
        assert (answer.status_code, answer.json()) == (413, {"error": "the request body is over the limit of 1,000 bytes"})

        def chunks():
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'
        streamed = small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert small.post("/api/extract", json={"text": "ok"}).status_code == 200


def test_a_crash_answers_500_without_a_traceback(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")
    monkeypatch.setattr(client.app.state.store, "speakers", broken)
    answer = client.get("/api/speakers")
    assert answer.status_code == 500
    assert answer.json() == {"error": "internal error: the server could not answer this request (it is logged)"}
    page = client.get("/speakers")
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text


def test_store_endpoints_give_the_store_answers(client, db):
    with Store(db) as store:
        hits = store.search("harbor", limit=20).records()
        quote = store.quote(1)
        summaries = store.speakers(20).records()
        profile = store.speaker("1").record()
        courier = next(a for a in store.export() if a.id == "courier-0301")
    listed = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert listed["total"] == 4
    assert [a["id"] for a in listed["items"]] == ["gazette-0305", "tribune-0302"]
    assert listed["items"][0] == {"id": "gazette-0305", "title": "Pilots called in", "outlet": "Bay Gazette",
                                  "date": "2024-03-05", "url": None, "attributions": 2}
    assert client.get("/api/articles/courier-0301").json() == courier.to_dict()
    assert client.get("/api/quotes", params={"q": "harbor"}).json()["items"] == hits
    assert client.get("/api/quotes", params={"q": "harbor", "offset": 1, "limit": 1}).json()["items"] == hits[1:2]
    history = client.get("/api/quotes/1").json()
    assert history["occurrences"] == quote.records()
    assert [o["article_id"] for o in history["occurrences"]] == ["courier-0301", "tribune-0302", "gazette-0305"]
    assert history["alterations"] == {str(k): v.to_dict() for k, v in quote.alterations.items()}
    assert list(history["alterations"].values())[0]["text"] == "changed 'working' to 'busy'"
    assert client.get("/api/speakers").json()["items"] == summaries
    assert client.get("/api/speakers/1").json() == profile
    assert profile["name"] == "Margaret T. Holloway"


def test_ingest_needs_the_token_when_one_is_set(tmp_path, rules_extractor):
    story = {"id": "pier-1", "text": '"The pier stays shut," harbor master Ola Berg said.',
             "meta": {"outlet": "Pier Post", "date": "2024-04-02"}}
    with TestClient(make_app(str(tmp_path / "new.db"), rules_extractor, token="s3cret")) as guarded:
        assert guarded.post("/api/ingest", json=story).status_code == 401
        assert guarded.post("/api/ingest", json=story, headers={"Authorization": "Bearer wrong"}).status_code == 401
        stored = guarded.post("/api/ingest", json=story, headers={"Authorization": "Bearer s3cret"})
        assert stored.json()["status"] == "added"
        assert stored.json()["article"] == rules_extractor.extract_many(
            [read_bytes(story["text"].encode(), "x", "pier-1", "txt")]).__next__().to_dict() | {
                "meta": story["meta"]}
        again = guarded.post("/api/ingest", json=story, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["status"] == "unchanged"
        assert guarded.get("/api/articles").json()["items"][0]["outlet"] == "Pier Post"


def test_the_server_listens_beyond_loopback_only_with_a_token(monkeypatch, capsys):
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("localhost", None)
    check_bind("0.0.0.0", "s3cret")
    with pytest.raises(ServiceError, match="refusing to listen on 0.0.0.0 without a token: set SAIDWHAT_TOKEN"):
        check_bind("0.0.0.0", None)
    monkeypatch.delenv("SAIDWHAT_TOKEN", raising=False)
    assert main(["serve", "--model", "rules", "--host", "192.168.1.10"]) == 2
    assert "refusing to listen on 192.168.1.10 without a token" in capsys.readouterr().err
    assert token_matches("Bearer abc", "abc") and not token_matches("Basic abc", "abc")
    assert token_matches(None, None) and not token_matches(None, "abc")


def test_pages_escape_what_the_article_holds(client, rules_extractor):
    article = rules_extractor.extract(HOSTILE, id="pasted")
    assert [a.content.text for a in article.attributions][0].startswith('"Nobody will run <script>')
    page = client.post("/", data={"text": HOSTILE, "format": "text"}).text
    assert page.count("<script>") == 1  # the page's own
    assert "<b " not in page and 'onmouseover="alert' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b onmouseover=&#34;alert(2)&#34;&gt;" in page or "&lt;b onmouseover=&quot;alert(2)&quot;&gt;" in page

"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright,
against the service running on loopback over a SQLite store of the invented week of
harbor news (the rules extract). With SAIDWHAT_SCREENSHOTS=DIR the paste page and a
speaker page are also saved there as PNG (benchmarks/screenshots.py does it for docs/)."""
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from saidwhat.io.formats.text import speaker_description, speaker_label
from tests.service_fixtures import HOSTILE, make_app, stored_week

CHROMIUM = "/usr/bin/chromium"
SHOTS = os.environ.get("SAIDWHAT_SCREENSHOTS")


def chromium_or_skip():
    """Debian's Chromium; the tests fail without it as root or on CI (make test installs
    it) and skip, saying why, only elsewhere."""
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        reason = "no chromium: run scripts/system-packages.sh (apt-get install chromium) as root"
        if os.geteuid() == 0 or os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, rules_extractor):
    """The service on a free loopback port, in a thread; its base URL."""
    db = stored_week(tmp_path_factory.mktemp("browser") / "week.db", rules_extractor)
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(make_app(db, rules_extractor), host="127.0.0.1", port=port,
                                            log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    opened.close()


def paste(page, server, text):
    page.goto(server + "/")
    page.fill("textarea#text", text)
    page.click("button[type=submit]")
    page.wait_for_selector("article")


def test_paste_highlights_each_speaker_and_a_click_shows_who(page, server, rules_extractor, example_text):
    article = rules_extractor.extract(example_text, id="pasted")
    paste(page, server, example_text)
    speakers = page.locator("p.speakers mark")
    assert speakers.all_inner_texts() == [speaker_label(s) for s in article.speakers]
    counts = [c.strip() for c in page.locator("p.speakers .count").all_inner_texts()]
    assert counts == [str(s.attributions) for s in article.speakers]
    hale = next(s for s in article.speakers if s.name == "Desmond Hale")
    assert (speaker_label(hale), hale.attributions) == ("Desmond Hale", 4)
    colours = [page.locator(f"p.speakers mark[data-speaker='{s.id}']").evaluate(
        "m => getComputedStyle(m).backgroundColor") for s in article.speakers]
    assert len(set(colours)) == len(article.speakers)
    quote = next(a for a in article.attributions if a.content.text.startswith('"We sat at that table'))
    mark = page.locator(f"div.text mark.content[data-a='p1a{quote.id}']").first
    assert mark.inner_text() == '"We sat at that table for nineteen hours and got nowhere,"'
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == colours[article.speakers.index(hale)]
    assert page.locator("div.text mark.cue").count() == sum(1 for a in article.attributions if a.cue)
    card = page.locator(f"#p1a{quote.id}")
    assert not card.evaluate("d => d.open")
    mark.click()
    assert card.evaluate("d => d.open")
    assert card.locator("dd.speaker").first.inner_text() == f"{speaker_description(hale)}, {hale.title}"
    assert hale.title == "port authority chairman"
    assert card.locator("dd.source").first.inner_text() == quote.source.text == "port authority chairman Desmond Hale"
    assert card.locator("dd.cue").first.inner_text() == "said"
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "paste-page.png"))


def test_nested_reports_show_inside_their_holder(page, server, rules_extractor, example_text):
    article = rules_extractor.extract(example_text, id="pasted")
    nested = [a for a in article.attributions if a.parent is not None]
    assert nested, "the example holds a report inside a report"
    paste(page, server, example_text)
    inner = nested[0]
    holder = page.locator(f"#p1a{inner.parent}")
    assert holder.locator(f"details#p1a{inner.id}.nested").count() == 1
    page.locator(f"div.text mark.content[data-a='p1a{inner.id}']").first.click()
    assert holder.evaluate("d => d.open") and page.locator(f"#p1a{inner.id}").evaluate("d => d.open")
    outline = page.locator(f"div.text mark.content mark.content[data-a='p1a{inner.id}']").first
    assert outline.evaluate("m => getComputedStyle(m).outlineStyle") == "dashed"


def test_a_hostile_article_stays_text(page, server):
    paste(page, server, HOSTILE)
    assert page.dialogs == []
    assert page.locator("div.text script, div.text b").count() == 0
    assert "<script>alert(1)</script>" in page.locator("div.text").inner_text()
    assert 'onmouseover="alert(2)"' in page.locator("div.text").inner_text()


def test_search_speaker_and_quote_pages(page, server):
    page.goto(server + "/search")
    page.fill("input[name=q]", "harbor reopen")
    page.click("form.filters button")
    hits = page.locator("li.hit")
    assert hits.count() == 3
    assert hits.locator(".who").all_inner_texts() == ["Margaret T. Holloway"] * 3
    hits.first.locator("a.speaker-link").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Margaret T. Holloway"
    assert page.locator("li.hit").count() == 4
    assert page.locator("svg.timeline rect.bar title").all_text_contents() == [
        "week of 2024-02-26: 3", "week of 2024-03-04: 1"]
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "speaker-page.png"), full_page=True)
    page.locator("li.hit a.quote-link").first.click()
    page.wait_for_selector("ol.occurrences")
    occurrences = page.locator("li.occurrence")
    assert occurrences.count() == 3
    assert page.locator("li.occurrence.first").count() == 1
    assert "2024-03-01 · Marlow Courier" in occurrences.nth(0).inner_text()
    assert occurrences.nth(0).locator(".chip").inner_text() == "first appearance"
    altered = occurrences.nth(1)
    assert "2024-03-02 · Evening Tribune" in altered.inner_text()
    assert altered.locator("del").all_inner_texts() == ["working"]
    assert altered.locator("ins").all_inner_texts() == ["busy"]
    assert "(same words)" in occurrences.nth(2).inner_text()


def test_article_page_shows_what_the_store_has(page, server):
    page.goto(server + "/articles")
    page.locator("a", has_text="A pilot's view").click()
    page.wait_for_selector("dl.stored")
    assert page.locator("dl.stored dd").all_inner_texts()[:4] == [
        "A pilot's view", "harborwatch.example", "2024-03-06", "https://www.harborwatch.example/2024/03/06/pilots"]
    assert page.locator("div.text mark.content").count() > 0

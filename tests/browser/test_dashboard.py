"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

The app runs under uvicorn in a background thread on a free port, over a store
coded from the seed article and a few InsightCrime articles, plus one article
whose text carries markup (which must stay text).
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_web_data

from eventwire.store import Store
from eventwire.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 10_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)",
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = test_web_data.build_coded_db(tmp_path_factory.mktemp("browser") / "dash.duckdb")
    test_web_data.write_hostile_article(path)
    return path


@pytest.fixture(scope="module")
def offensive(db: Path) -> dict[str, Any]:
    """The Tripoli offensive as the store has it (the seed's CAMEO root 19 event)."""
    with Store(db, read_only=True) as store:
        events = store.events(actor="LBY", root="19", as_dataframe=False)
    assert events, "the seed article should code Haftar's offensive on Tripoli (root 19)"
    return next((e for e in events if e["location_name"] == "Tripoli"), events[0])  # type: ignore[index]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page and the list of JS errors and console errors it produced."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.on(
        "console",
        lambda msg: (
            errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    yield pg, errors
    context.close()


def _loaded(pg: Any) -> None:
    pg.wait_for_selector("body[data-loaded='true']")


def test_dashboard_shows_the_tripoli_offensive_and_its_evidence(
    server: str, page: tuple[Any, list[str]], offensive: dict[str, Any]
) -> None:
    pg, errors = page
    pg.goto(server + "/")
    _loaded(pg)
    assert pg.locator("#map path.country").count() > 100, "the world shapes did not load"

    pg.fill("#f-actor", "LBY")
    pg.click("#f-apply")
    _loaded(pg)

    # Timeline: a material-conflict bar on the day of the offensive.
    bar = pg.locator(f"#timeline rect.bar.q4[data-date='{offensive['date']}']")
    assert bar.count() == 1, f"no QuadClass 4 bar on {offensive['date']}"
    # Map: a point at Tripoli.
    assert pg.locator("#map circle.place[data-name='Tripoli']").count() == 1
    # Table: only Libyan events, the offensive among them.
    rows = pg.locator("#events tbody tr[data-event-id]")
    assert rows.count() >= 1
    row = pg.locator(f"#events tbody tr[data-event-id='{offensive['event_id']}']")
    assert row.count() == 1 and row.get_attribute("data-root") == "19"
    assert "Tripoli" in (row.locator("td.location").inner_text() + row.inner_text())

    row.click()
    evidence = pg.locator(f"#evidence[data-event-id='{offensive['event_id']}']")
    evidence.locator(".sentence mark.hl-trigger").first.wait_for()
    assert evidence.locator(".sentence").inner_text() == offensive["sentence"]
    trigger = evidence.locator(".sentence mark.hl-trigger")
    assert "".join(trigger.all_inner_texts()) == offensive["trigger_text"]
    for role in ("source", "target"):
        if offensive[f"{role}_text"]:
            marks = evidence.locator(f".sentence mark.hl-{role}").all_inner_texts()
            assert "".join(marks) == offensive[f"{role}_text"], role
    facts = evidence.locator("dl.facts").inner_text()
    assert offensive["rule"] in facts and f"{offensive['confidence']:.2f}" in facts
    assert offensive["date"] in facts and "Tripoli" in facts

    pg.click("#open-article")
    pg.locator("#article .article-text").wait_for()
    assert offensive["sentence"] in pg.locator("#article .article-text").inner_text()

    shot = Path(tempfile.mkdtemp(prefix="eventwire-dashboard-")) / "dashboard.png"
    pg.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")
    assert not errors, errors


def test_dashboard_shows_markup_in_articles_as_text(
    server: str, page: tuple[Any, list[str]]
) -> None:
    pg, errors = page
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto(f"{server}/#article={test_web_data.HOSTILE_DOC_ID}")
    _loaded(pg)
    article = pg.locator(f"#article[data-doc-id='{test_web_data.HOSTILE_DOC_ID}']")
    article.locator(".article-text").wait_for()
    assert article.locator(".article-text").inner_text() == test_web_data.HOSTILE_TEXT
    assert article.locator(".article-title").inner_text() == "<b>title</b>"

    # The evidence view of its event shows the markup as text too.
    pg.goto(f"{server}/#event={test_web_data.HOSTILE_DOC_ID}-e1")
    pg.reload()
    _loaded(pg)
    sentence = pg.locator("#evidence .sentence")
    sentence.locator("mark.hl-trigger").wait_for()
    assert "<script>alert(1)</script>" in sentence.inner_text()
    assert "<img src=x onerror=alert(2)>" in sentence.inner_text()
    assert sentence.locator("mark.hl-trigger").inner_text() == "attacked"

    pg.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert dialogs == []
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    scripts = pg.evaluate("[...document.scripts].map(s => s.src)")
    assert scripts == [f"{server}/static/app.js"]
    assert pg.evaluate("document.querySelectorAll('b').length") == 0
    assert not errors, errors

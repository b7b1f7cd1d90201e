"""Serving and coding one store at once: the dashboard answers during a 150-article ingest.

``eventwire code`` runs in its own process (as users run it) and writes into the
store that a real uvicorn server on 127.0.0.1 is serving, while a client asks for
``/api/events`` over and over. The coder and the server hand the file over (see
``eventwire.handoff``); the figure the README states is measured here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.store import Store, handoff
from eventwire.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = 150
ANSWER_SECONDS = 5.0
WITHIN_SHARE = 0.90  # of the requests made during the ingest, answered 200 within 5 s


def write_corpus(path: Path, n: int = ARTICLES) -> Path:
    """``n`` distinct articles (JSONL) made of the bundled examples, each a few hundred words."""
    wires = [json.loads(line) for line in (EXAMPLES / "wires.jsonl").read_text("utf-8").splitlines()]
    libya = (EXAMPLES / "libya_offensive_2019.txt").read_text("utf-8")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b = wires[i % len(wires)], wires[(i // len(wires)) % len(wires)]
            text = f"{a['text']}\n\n{libya if i % 3 == 0 else b['text']}\n\nThis is report {i} of the day."
            day = 1 + i % 28
            out.write(json.dumps({"id": f"live-{i}", "date": f"2019-04-{day:02d}", "text": text}) + "\n")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    import uvicorn

    db = tmp_path / "live.duckdb"
    Store(db).close()  # an empty store, as after `eventwire code` of nothing yet
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def poll(url: str, stop: threading.Event, results: list[tuple[int, float, int]]) -> None:
    """GET /api/events until ``stop``: (status, seconds, total) per request."""
    with httpx.Client(timeout=ANSWER_SECONDS + 5) as client:
        while not stop.is_set():
            started = time.monotonic()
            try:
                response = client.get(url + "/api/events", params={"page_size": 5})
                status = response.status_code
                total = response.json().get("total", -1) if status == 200 else -1
            except httpx.HTTPError:
                status, total = 0, -1
            results.append((status, time.monotonic() - started, total))
            time.sleep(0.1)


def load_dashboard_while(url: str, running: Callable[[], bool]) -> int | None:
    """Load the dashboard in Chromium again and again while ``running()``; the number of loads.

    Each load must complete (every panel drawn, no error shown or logged). None
    when Chromium is not installed (the HTTP measurement above still runs).
    """
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import sync_playwright

    loads = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        while running() and loads < 3:
            page.goto(url + "/")
            page.wait_for_selector("body[data-loaded='true']", timeout=30_000)
            assert page.locator("#status.error").count() == 0, page.locator("#status").inner_text()
            loads += 1
        browser.close()
    assert not errors, errors
    return loads


@pytest.mark.slow
def test_web_live_serves_while_code_writes_the_same_file(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, db = served
    corpus = write_corpus(tmp_path / "corpus.jsonl")
    assert httpx.get(url + "/api/events").status_code == 200  # the server holds the file first

    results: list[tuple[int, float, int]] = []
    stop = threading.Event()
    poller = threading.Thread(target=poll, args=(url, stop, results), daemon=True)
    poller.start()
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    coder = subprocess.Popen(
        [sys.executable, "-c", "from eventwire.cli import main; main()",
         "code", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        pages = load_dashboard_while(url, lambda: coder.poll() is None)
        _, stderr = coder.communicate(timeout=600)
    finally:
        if coder.poll() is None:
            coder.kill()
    ingest = time.monotonic() - started
    time.sleep(0.5)
    stop.set()
    poller.join(timeout=30)

    assert coder.returncode == 0, stderr
    if pages is not None:
        print(f"the dashboard page loaded {pages} times in Chromium during the ingest")
    with Store(db, read_only=True) as store:  # (the server lets go within its wait)
        stored = store.sql("SELECT count(*) AS n FROM articles")["n"][0]
        events = store.sql("SELECT count(*) AS n FROM asserted_events")["n"][0]
    assert stored == ARTICLES
    assert not handoff.writer_path(db).exists(), "the coder left its lock file"

    answered = [r for r in results if r[0] == 200 and r[1] <= ANSWER_SECONDS]
    share = len(answered) / len(results)
    slowest = max(r[1] for r in results)
    print(
        f"\n{ARTICLES} articles coded in {ingest:.1f}s while serving: {len(answered)}/{len(results)} "
        f"/api/events requests ({share:.0%}) answered 200 within {ANSWER_SECONDS:.0f}s; "
        f"slowest {slowest:.2f}s; statuses {sorted({r[0] for r in results})}"
    )
    assert len(results) >= 10, "too few requests to measure anything"
    assert share >= WITHIN_SHARE, results
    # The server saw the ingest progress, and ends with every event.
    totals = [r[2] for r in results if r[0] == 200]
    assert len(set(totals)) >= 3, f"the served totals never moved: {sorted(set(totals))}"
    assert httpx.get(url + "/api/events").json()["total"] == events

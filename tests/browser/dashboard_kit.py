"""Shared parts of the browser tests: a live server, a page, and a store shaped like real data.

``build_real_shaped_db`` writes, with DuckDB's ``range()``, a store with what real
corpora have and the seed-based stores lack: thousands of events on one main
day, dates reaching back decades (1952), dozens of actors, and places that sit
close together on a world map (Guatemala City / San Salvador, Mexico / Mexico City).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 15_000

MAIN_DAY = "2019-04-19"
MAIN_DAY_EVENTS = 2100
YEAR_EVENTS = 730  # two a day over 2019
HISTORICAL = ["1952-06-01", "1987-03-10", "2007-08-15"]  # one event each
ARTICLES = 200
ACTORS = [
    "USA", "MEX", "MEXGOV", "MEXMIL", "MEXPOL", "GTM", "GTMGOV", "SLV", "SLVGOV", "HND", "COL",
    "COLGOV", "COLREB", "VEN", "VENGOV", "BRA", "PER", "ECU", "CRI", "PAN", "NIC", "BOL", "CHL",
    "ARG", "CUB", "DOM", "HTI", "JAM", "USAGOV", "USAMIL", "IGOUNO", "IGOOAS", "CRM", "CRMGNG",
    "MEXCRM", "GTMCRM", "SLVCRM", "HNDCRM", "COLCRM", "VENCRM",
]  # fmt: skip
PLACES = [
    # name, ISO3, lat, lon: pairs that collide on a 720 px world map
    ("Guatemala City", "GTM", 14.641, -90.513), ("San Salvador", "SLV", 13.692, -89.218),
    ("Mexico", "MEX", 23.634, -102.553), ("Mexico City", "MEX", 19.433, -99.133),
    ("Tegucigalpa", "HND", 14.072, -87.192), ("Bogota", "COL", 4.711, -74.072),
    ("Caracas", "VEN", 10.488, -66.879), ("Lima", "PER", -12.046, -77.043),
]  # fmt: skip
TOTAL_EVENTS = MAIN_DAY_EVENTS + YEAR_EVENTS + len(HISTORICAL)


def build_real_shaped_db(path: Path) -> Path:
    """A store of ``TOTAL_EVENTS`` asserted events over 1952-2019 (see the module docstring)."""
    day0 = dt.date(2019, 1, 1)
    dates = (
        [dt.date.fromisoformat(MAIN_DAY)] * MAIN_DAY_EVENTS
        + [day0 + dt.timedelta(days=i // 2) for i in range(YEAR_EVENTS)]
        + [dt.date.fromisoformat(d) for d in HISTORICAL]
    )
    with Store(path) as store:
        con = store.con
        con.execute(
            "INSERT INTO articles (content_hash, doc_id, published, text, ingested_at, cluster_id) "
            "SELECT 'h' || i, 'doc-' || i, DATE '2019-04-20', "
            "'Article ' || i || '. Government forces attacked gang members near the border.', "
            "TIMESTAMP '2020-01-01', 'h' || i FROM range(?) t(i)",
            [ARTICLES],
        )
        con.execute("CREATE TEMP TABLE d (i INTEGER, date DATE)")
        con.executemany("INSERT INTO d VALUES (?, ?)", list(enumerate(dates)))
        con.execute(
            """
            INSERT INTO events (event_id, content_hash, doc_id, sentence_index, sentence, date,
                source_code, source_name, target_code, target_name, cameo, cameo_root, cameo_name,
                quad_class, goldstein, modality, location_name, location_country, location_lat,
                location_lon, trigger_text, trigger_start, trigger_end, rule, confidence)
            SELECT 'e' || lpad(CAST(i AS VARCHAR), 5, '0'), 'h' || (i % ?), 'doc-' || (i % ?), 1,
                   'Government forces attacked gang members near the border.', date,
                   src, 'actor ' || src, tgt, 'actor ' || tgt,
                   root || '0', root, 'root ' || root,
                   CASE WHEN root <= '05' THEN 1 WHEN root <= '08' THEN 2
                        WHEN root <= '13' THEN 3 ELSE 4 END,
                   CAST(root AS DOUBLE) * -0.9 + 8, 'asserted',
                   place[1], place[2], CAST(place[3] AS DOUBLE), CAST(place[4] AS DOUBLE),
                   'attacked', strpos(a.text, 'attacked') - 1, strpos(a.text, 'attacked') + 7,
                   'synthetic:' || root, 0.5 + (i % 50) / 100.0
            FROM (
                SELECT i, date,
                       lpad(CAST(1 + (i * 7) % 20 AS VARCHAR), 2, '0') AS root,
                       list_extract(?, 1 + i % ?) AS src,
                       list_extract(?, 1 + (i % ? + 1 + (i * i // 3) % (? - 1)) % ?) AS tgt,
                       list_extract(?, 1 + (i // 5) % ?) AS place
                FROM d
            ) x JOIN articles a ON a.content_hash = 'h' || (x.i % ?)
            """,
            [ARTICLES, ARTICLES, ACTORS, len(ACTORS), ACTORS, len(ACTORS), len(ACTORS), len(ACTORS),
             [list(map(str, p)) for p in PLACES], len(PLACES), ARTICLES],
        )  # fmt: skip
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == TOTAL_EVENTS  # type: ignore[index]
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextlib.contextmanager
def open_page(chromium: Any, width: int = 1400, height: int = 1000) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page at ``width`` x ``height`` and the list of JS and console errors it produced."""
    context = chromium.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
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
    try:
        yield pg, errors
    finally:
        context.close()


def loaded(pg: Any) -> None:
    pg.wait_for_selector("body[data-loaded='true']")

"""The dashboard on a store shaped like real data (see dashboard_kit.build_real_shaped_db).

Thousands of events on one day of 2019, a year around it, and single events
dated 1952, 1987 and 2007: the timeline must draw the 2019 bars readably, keep
every date reachable, and never drop an event.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dashboard_kit import (
    HISTORICAL, MAIN_DAY, MAIN_DAY_EVENTS, TOTAL_EVENTS, build_real_shaped_db, chromium, loaded,
    open_page, serving,
)  # fmt: skip

from eventwire.web import create_app

pytestmark = pytest.mark.browser
__all__ = ["chromium"]  # a fixture, imported to be used


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_real_shaped_db(tmp_path_factory.mktemp("real") / "real.duckdb")


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with serving(create_app(db)) as url:
        yield url


@pytest.fixture
def page(chromium: Any) -> Iterator[tuple[Any, list[str]]]:
    with open_page(chromium) as pg_errors:
        yield pg_errors


def bars(pg: Any) -> list[dict[str, Any]]:
    return pg.eval_on_selector_all(  # type: ignore[no-any-return]
        "#timeline rect.bar",
        "rs => rs.map(r => ({date: r.dataset.date, end: r.dataset.end, count: +r.dataset.count,"
        " width: r.getBoundingClientRect().width}))",
    )


def test_dashboard_timeline_shows_the_dense_window_and_reaches_1952(
    server: str, page: tuple[Any, list[str]]
) -> None:
    pg, errors = page
    pg.goto(server + "/")
    loaded(pg)
    timeline = pg.locator("#timeline")

    # By default: the dense part (2019), binned finely enough to see the main day.
    drawn = bars(pg)
    assert drawn, "no bars drawn"
    assert all(b["end"] >= "2019" for b in drawn), "the default window should be 2019"
    main = [b for b in drawn if b["date"] <= MAIN_DAY <= b["end"]]
    assert sum(b["count"] for b in main) >= MAIN_DAY_EVENTS, "the main day's events are missing"
    assert min(b["width"] for b in main) >= 2, f"2019 bars are hairlines: {main}"
    outside = int(timeline.get_attribute("data-outside"))
    assert outside == len(HISTORICAL)
    assert sum(b["count"] for b in drawn) + outside == TOTAL_EVENTS, "an event was dropped"
    note = pg.locator("#timeline-range").inner_text()
    assert f"{len(HISTORICAL)} events outside" in note and HISTORICAL[0] in note

    # One click shows all dates, binned by year: 1952 is there, 2019 still is, nothing lost.
    pg.click("#timeline-all")
    drawn = bars(pg)
    assert timeline.get_attribute("data-interval") == "year"
    assert timeline.get_attribute("data-outside") == "0"
    assert sum(b["count"] for b in drawn) == TOTAL_EVENTS
    assert {b["date"][:4] for b in drawn} == {"1952", "1987", "2007", "2019"}
    ticks = pg.eval_on_selector_all("#timeline text.tick", "ts => ts.map(t => t.textContent)")
    assert ticks[0] == "1952" and ticks[-1] == "2019", ticks

    # Clicking the 1952 bar filters the whole page to that year: the table shows it.
    pg.click("#timeline rect.bar[data-date^='1952']")
    loaded(pg)
    assert pg.locator("#f-since").input_value() == "1952-01-01"
    assert pg.locator("#f-until").input_value() == "1952-12-31"
    dates = pg.locator("#events tbody tr[data-event-id] td:first-child").all_inner_texts()
    assert dates == [HISTORICAL[0]]
    assert not errors, errors


def test_dashboard_docs_render_offline_under_the_csp(server: str, page: tuple[Any, list[str]]) -> None:
    pg, errors = page
    foreign: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else foreign.append(r.url))
    pg.goto(server + "/docs")
    pg.locator(".opblock").first.wait_for()
    paths = pg.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in [p.replace("\u200b", "") for p in paths], paths
    assert foreign == [], foreign
    assert not errors, errors  # a CSP violation would be a console error

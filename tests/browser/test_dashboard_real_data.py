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
    HISTORICAL,
    MAIN_DAY,
    MAIN_DAY_EVENTS,
    PLACES,
    TOTAL_EVENTS,
    build_real_shaped_db,
    chromium,
    loaded,
    open_page,
    serving,
)  # fmt: skip

from eventwire.web import create_app

pytestmark = pytest.mark.browser
MAX_GOLDSTEIN, MIN_GOLDSTEIN = "7.1", "-10.0"  # roots 01 and 20 of the synthetic store
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
    assert timeline.get_attribute("data-from") >= "2019-01-01"  # the historical dates are out
    outside = int(timeline.get_attribute("data-outside"))
    assert len(HISTORICAL) <= outside < TOTAL_EVENTS - MAIN_DAY_EVENTS
    assert sum(b["count"] for b in drawn) + outside == TOTAL_EVENTS, "an event was dropped"
    note = pg.locator("#timeline-range").inner_text()
    assert f"{outside:,} events outside" in note and HISTORICAL[0] in note

    # The square-root scale lifts a quiet week next to the main day (same bars, same counts).
    def quiet_height() -> float:
        # The height of the lowest stack (all QuadClasses of a bin).
        return pg.eval_on_selector_all(  # type: ignore[no-any-return]
            "#timeline rect.bar",
            "rs => { const h = {}; for (const r of rs) h[r.dataset.date] = (h[r.dataset.date] || 0)"
            " + r.getBoundingClientRect().height; return Math.min(...Object.values(h)); }",
        )

    linear = quiet_height()
    pg.click("#timeline-scale")
    assert timeline.get_attribute("data-scale") == "sqrt"
    assert quiet_height() > 3 * linear and sum(b["count"] for b in bars(pg)) == sum(b["count"] for b in drawn)
    pg.click("#timeline-scale")

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


def _evidence_id(pg: Any) -> str | None:
    return pg.locator("#evidence").get_attribute("data-event-id")  # type: ignore[no-any-return]


def _table_rows(pg: Any) -> list[dict[str, str]]:
    return pg.eval_on_selector_all(  # type: ignore[no-any-return]
        "#events tbody tr[data-event-id]",
        "trs => trs.map(tr => ({id: tr.dataset.eventId, date: tr.cells[0].textContent,"
        " source: tr.cells[1].textContent, target: tr.cells[2].textContent,"
        " goldstein: tr.cells[5].textContent}))",
    )


def test_dashboard_filters_drive_the_evidence_panel(server: str, page: tuple[Any, list[str]]) -> None:
    pg, errors = page
    pg.goto(server + "/")
    loaded(pg)
    first = _table_rows(pg)[0]
    pg.click(f"#events tbody tr[data-event-id='{first['id']}']")
    pg.wait_for_selector(f"#evidence[data-event-id='{first['id']}']")

    # Filter to an actor the shown event does not involve: the evidence follows the filter.
    other = next(a for a in ("HTI", "JAM", "CUB", "DOM") if a not in (first["source"], first["target"]))
    pg.fill("#f-actor", other)
    pg.click("#f-apply")
    loaded(pg)
    rows = _table_rows(pg)
    assert rows and all(other in (r["source"], r["target"]) for r in rows)
    shown = _evidence_id(pg)
    assert shown != first["id"] and shown in {r["id"] for r in rows}
    facts = pg.locator("#evidence dl.facts").inner_text()
    assert other in facts

    # Clicking a network node filters too, and the evidence follows again.
    node = pg.locator("#network g.node").first
    code = node.get_attribute("data-code")
    node.locator("circle").click()
    loaded(pg)
    assert pg.locator("#f-actor").input_value() == code
    rows = _table_rows(pg)
    assert rows and all(r["source"].startswith(code) or r["target"].startswith(code) for r in rows)  # type: ignore[union-attr]
    assert _evidence_id(pg) in {r["id"] for r in rows}

    # A filter nothing matches empties the panel instead of keeping a stale event.
    pg.fill("#f-text", "no sentence says this")
    pg.click("#f-apply")
    loaded(pg)
    assert _evidence_id(pg) is None
    assert "No event matches" in pg.locator("#evidence").inner_text()
    assert not errors, errors


def test_dashboard_table_sorts_and_downloads_the_filter_as_csv(
    server: str, page: tuple[Any, list[str]], tmp_path: Path
) -> None:
    import csv

    pg, errors = page
    pg.goto(server + "/")
    loaded(pg)
    header = pg.locator("#events th[data-sort='goldstein']")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    pg.wait_for_function(f"() => document.querySelector('#events tbody tr').cells[5].textContent === '{MAX_GOLDSTEIN}'")
    values = [float(r["goldstein"]) for r in _table_rows(pg)]
    assert values == sorted(values, reverse=True) and len(values) == 25
    header.locator("button").click()
    pg.wait_for_function(f"() => document.querySelector('#events tbody tr').cells[5].textContent === '{MIN_GOLDSTEIN}'")
    values = [float(r["goldstein"]) for r in _table_rows(pg)]
    assert values == sorted(values) and header.get_attribute("aria-sort") == "ascending"

    # Download: every event of the current filter (not just the page), in the table's order.
    pg.select_option("#f-quad", "4")
    pg.fill("#f-since", "2019-04-19")
    pg.fill("#f-until", "2019-04-19")
    pg.click("#f-apply")
    loaded(pg)
    total = int(pg.locator("#page-info").inner_text().split("(")[1].split()[0].replace(",", ""))
    assert total > 25  # more than one page
    with pg.expect_download() as info:
        pg.click("#download-csv")
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total
    assert {r["quad_class"] for r in rows} == {"4"} and {r["date"] for r in rows} == {MAIN_DAY}
    goldstein = [float(r["goldstein"]) for r in rows]
    assert goldstein == sorted(goldstein)
    assert [r["event_id"] for r in rows[:25]] == [r["id"] for r in _table_rows(pg)]
    assert not errors, errors


def test_dashboard_at_800px_keeps_the_evidence_within_reach(server: str, chromium: Any) -> None:
    with open_page(chromium, width=800, height=900) as (pg, errors):
        pg.goto(server + "/")
        loaded(pg)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 800, "the page scrolls sideways"
        table = pg.locator("#table-panel").bounding_box()
        evidence = pg.locator("#evidence-panel").bounding_box()
        assert evidence["y"] >= table["y"] + table["height"] - 1  # right after the table...
        assert evidence["y"] < 2 * 900, f"the evidence panel is {evidence['y']:.0f} px down"  # ...not 25 rows later
        # Clicking the 25th row shows its evidence in view, without scrolling by hand.
        row = pg.locator("#events tbody tr[data-event-id]").nth(24)
        row.scroll_into_view_if_needed()
        row.click()
        pg.wait_for_selector(f"#evidence[data-event-id='{row.get_attribute('data-event-id')}']")
        pg.wait_for_timeout(200)
        box = pg.locator("#evidence .sentence").bounding_box()
        assert 0 <= box["y"] < 900, "the evidence is out of view after a click"
        # Sentences show whole lines: the clamp box is a whole number of lines high.
        heights = pg.eval_on_selector_all(
            "#events td.sentence .clamp",
            "cs => cs.map(c => [c.getBoundingClientRect().height, parseFloat(getComputedStyle(c).lineHeight)])",
        )
        assert all(abs(h / lh - round(h / lh)) < 0.1 for h, lh in heights), heights
        assert not errors, errors


OVERLAPS = """sel => {
  const boxes = [...document.querySelectorAll(sel)]
    .filter(t => getComputedStyle(t).display !== 'none')
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i][1], boxes[j][1]];
    const hit = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    if (hit) hits.push([boxes[i][0], boxes[j][0]]);
  }
  return {labels: boxes.map(b => b[0]), hits};
}"""


def test_dashboard_map_zooms_and_its_labels_never_collide(
    server: str, page: tuple[Any, list[str]]
) -> None:
    pg, errors = page
    pg.goto(server + "/")
    loaded(pg)
    themap = pg.locator("#map")
    start = pg.evaluate(OVERLAPS, "#map text.place-label")
    assert start["hits"] == [], start
    assert len(start["labels"]) >= 4
    zoom = float(themap.get_attribute("data-zoom"))

    # Buttons: + doubles the zoom, 'world' shows the whole map.
    pg.click("#map-zoom-in")
    assert float(themap.get_attribute("data-zoom")) == pytest.approx(2 * zoom, rel=0.01)
    pg.click("#map-world")
    assert float(themap.get_attribute("data-zoom")) == pytest.approx(1)
    world = pg.evaluate(OVERLAPS, "#map text.place-label")
    assert world["hits"] == [], world
    # At world scale the Central American capitals crowd: some labels must give way.
    assert len(world["labels"]) < len(PLACES), world

    # Wheel over Guatemala City zooms around it until both capitals have their own label.
    for _ in range(6):
        circle = pg.locator("#map circle.place[data-name='Guatemala City']").bounding_box()
        pg.mouse.move(circle["x"] + circle["width"] / 2, circle["y"] + circle["height"] / 2)
        pg.mouse.wheel(0, -300)
        pg.wait_for_timeout(50)
    assert float(themap.get_attribute("data-zoom")) > 8
    close = pg.evaluate(OVERLAPS, "#map text.place-label")
    assert close["hits"] == [], close
    assert {"Guatemala City", "San Salvador"} <= set(close["labels"]), close
    assert not errors, errors


def test_dashboard_network_keeps_the_strongest_edges_and_labels_the_largest_nodes(
    server: str, page: tuple[Any, list[str]]
) -> None:
    pg, errors = page
    pg.goto(server + "/")
    loaded(pg)
    network = pg.locator("#network")
    assert network.get_attribute("data-edges") == "30"
    shown = pg.evaluate(OVERLAPS, "#network .node text")
    assert 1 <= len(shown["labels"]) <= 10 and shown["hits"] == [], shown
    nodes_30 = pg.locator("#network g.node").count()
    assert nodes_30 > len(shown["labels"]), "every node is labelled: a hairball"

    # The slider keeps fewer edges, and only the nodes they join.
    pg.locator("#net-edges").fill("10")
    pg.wait_for_function("() => document.querySelector('#network').dataset.edges === '10'")
    assert pg.locator("#net-edges-value").inner_text() == "10"
    assert pg.locator("#network path.edge").count() == 10
    assert pg.locator("#network g.node").count() < nodes_30

    # An unlabelled node shows its code while hovered.
    pg.locator("#net-edges").fill("60")
    pg.wait_for_function("() => document.querySelector('#network').dataset.edges === '60'")
    quiet = pg.locator("#network g.node:not(.labelled)").first
    label = quiet.locator("text")
    assert not label.is_visible()
    quiet.locator("circle").hover()
    assert label.is_visible()
    assert not errors, errors

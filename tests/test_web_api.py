"""The REST API against a real store coded from the seed and InsightCrime articles.

Every answer is checked against the store's own reads (``Store.events``), so the
API and ``eventwire query`` cannot drift apart.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns about its httpx-based client
    from fastapi.testclient import TestClient

import test_web_data

from eventwire.store import Store
from eventwire.web import create_app

ENDPOINTS = [
    "/api/summary", "/api/events", "/api/events/{event_id}", "/api/articles/{doc_id}",
    "/api/actors", "/api/dyads", "/api/network", "/api/map", "/api/timeline",
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = test_web_data.build_coded_db(tmp_path_factory.mktemp("api") / "api.duckdb")
    test_web_data.write_hostile_article(path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def store(db: Path, client: TestClient) -> Iterator[Store]:
    # A second read-only handle: DuckDB allows many readers of one file.
    with Store(db, read_only=True) as s:
        yield s


def events_of(store: Store, **filters: Any) -> list[dict[str, Any]]:
    return store.events(as_dataframe=False, **filters)  # type: ignore[return-value]


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def tripoli_offensive(client: TestClient) -> dict[str, Any]:
    rows = get(client, "/api/events", actor="LBY", root="19")["rows"]
    assert rows, "the seed article should code Haftar's offensive on Tripoli (root 19)"
    return rows[0]


# ---------------------------------------------------------------- OpenAPI and page


def test_web_api_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    assert set(ENDPOINTS) <= set(spec["paths"])
    for path in ENDPOINTS:
        operation = spec["paths"][path]["get"]
        assert operation.get("description"), f"{path} has no description"
        assert "200" in operation["responses"]
    schemas = spec["components"]["schemas"]
    assert {"EventPage", "EventDetail", "ArticleView", "Network", "MapData", "TimelineDay"} <= set(
        schemas
    )
    assert "QuadClass" in str(schemas["EventRow"]["properties"]["quad_class"])


def test_web_api_page_and_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    for asset in ("/static/app.js", "/static/style.css", "/static/countries-110m.json"):
        response = client.get(asset)
        assert response.status_code == 200, asset
    assert len(client.get("/static/countries-110m.json").content) < 1_000_000
    assert "innerHTML" not in client.get("/static/app.js").text


# ---------------------------------------------------------------- /api/events


FILTERS: list[dict[str, Any]] = [
    {},
    {"actor": "LBY"},
    {"actor": "lby"},
    {"source": "LBY"},
    {"target": "LBY"},
    {"dyad": "LBY-LBY"},
    {"root": "19"},
    {"root": "4"},
    {"quad": 4},
    {"quad": 1},
    {"since": "2019-04-05"},
    {"until": "2019-04-10"},
    {"since": "2019-04-01", "until": "2019-04-30", "actor": "LBY"},
    {"country": "LBY"},
    {"country": "COL"},
    {"text": "tripoli"},
    {"include_unasserted": True},
    {"include_unasserted": True, "actor": "LBY"},
]


@pytest.mark.parametrize(
    "filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none"
)
def test_web_api_events_match_the_store(
    client: TestClient, store: Store, filters: dict[str, Any]
) -> None:
    page = get(client, "/api/events", page_size=500, **filters)
    expected = events_of(store, **filters)
    assert page["total"] == len(expected)
    assert [r["event_id"] for r in page["rows"]] == [e["event_id"] for e in expected][:500]


def test_web_api_filters_narrow_the_events(client: TestClient) -> None:
    everything = get(client, "/api/events", page_size=500)["total"]
    libya = get(client, "/api/events", actor="LBY", page_size=500)
    assert 0 < libya["total"] < everything
    assert all(
        (r["source_code"] or "").startswith("LBY") or (r["target_code"] or "").startswith("LBY")
        for r in libya["rows"]
    )
    fights = get(client, "/api/events", quad=4, page_size=500)["rows"]
    assert fights and all(r["quad_class"] == 4 for r in fights)


def test_web_api_events_paginate(client: TestClient) -> None:
    full = get(client, "/api/events", page_size=500)
    assert full["total"] >= 4, "the test store should hold a handful of events"
    seen: list[str] = []
    page = 1
    while True:
        chunk = get(client, "/api/events", page=page, page_size=3)
        assert chunk["total"] == full["total"] and len(chunk["rows"]) <= 3
        if not chunk["rows"]:
            break
        seen += [r["event_id"] for r in chunk["rows"]]
        page += 1
    assert seen == [r["event_id"] for r in full["rows"]]
    assert page == -(-full["total"] // 3) + 1


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 501},
        {"page_size": 0},
        {"page": 0},
        {"quad": 5},
        {"quad": "x"},
        {"since": "not-a-date"},
        {"until": "2019-13-01"},
        {"root": "abc"},
        {"actor": "LBY'; DROP TABLE events; --"},
        {"dyad": "USA"},
        {"country": "LIBYA"},
        {"text": "x" * 201},
    ],
    ids=repr,
)
def test_web_api_rejects_bad_parameters(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


# ---------------------------------------------------------------- evidence


def test_web_api_event_has_its_evidence(client: TestClient, store: Store) -> None:
    row = tripoli_offensive(client)
    detail = get(client, f"/api/events/{row['event_id']}")
    event, evidence = detail["event"], detail["evidence"]
    assert event["event_id"] == row["event_id"] and event["cameo_root"] == "19"
    sentence = evidence["sentence"]
    roles = {s["role"]: s for s in evidence["spans"]}
    assert "trigger" in roles
    for span in evidence["spans"]:
        assert sentence[span["start"] : span["end"]] == span["text"]
    assert roles["trigger"]["text"] == event["trigger_text"]
    if event["source_code"]:
        assert roles["source"]["text"] == event["source_text"]
    assert evidence["rule"] and 0 < evidence["confidence"] <= 1
    assert detail["article"]["doc_id"] == event["doc_id"]
    siblings = {e["event_id"] for e in events_of(store, include_unasserted=True)
                if e["doc_id"] == event["doc_id"]} - {event["event_id"]}  # fmt: skip
    assert {o["event_id"] for o in detail["other_events"]} == siblings


def test_web_api_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert "no-such-event" in response.json()["detail"]


def test_web_api_article_has_text_and_event_spans(client: TestClient) -> None:
    row = tripoli_offensive(client)
    article = get(client, f"/api/articles/{row['doc_id']}")
    text = article["text"]
    assert row["sentence"] in text
    mine = next(e for e in article["events"] if e["event_id"] == row["event_id"])
    for span in mine["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert any(s["role"] == "trigger" and s["text"] == row["trigger_text"] for s in mine["spans"])


def test_web_api_article_text_is_returned_verbatim(client: TestClient) -> None:
    article = get(client, f"/api/articles/{test_web_data.HOSTILE_DOC_ID}")
    assert article["text"] == test_web_data.HOSTILE_TEXT
    assert article["title"] == "<b>title</b>"


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/no-such-article",
        "/api/articles/../../etc/passwd",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/%2Fetc%2Fpasswd",
        "/api/articles/..%5C..%5Cwindows%5Cwin.ini",
        "/api/articles/" + "a" * 600,
        "/api/events/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_web_api_path_ids_never_touch_files(client: TestClient, path: str) -> None:
    opened: list[str] = []
    recording = True

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if recording and event == "open" and args and isinstance(args[0], (str, bytes)):
            opened.append(str(args[0]))

    sys.addaudithook(audit)  # hooks cannot be removed; ``recording`` switches it off
    try:
        response = client.get(path)
    finally:
        recording = False
    assert response.status_code in (404, 422), response.text
    assert not [p for p in opened if "passwd" in p or "win.ini" in p]


# ---------------------------------------------------------------- aggregates


def test_web_api_actors_count_source_and_target_roles(client: TestClient, store: Store) -> None:
    actors = get(client, "/api/actors", top=500)
    events = events_of(store)
    for a in actors:
        assert a["as_source"] == sum(e["source_code"] == a["code"] for e in events)
        assert a["as_target"] == sum(e["target_code"] == a["code"] for e in events)
        assert a["total"] == a["as_source"] + a["as_target"]
    assert [a["total"] for a in actors] == sorted((a["total"] for a in actors), reverse=True)
    assert any(a["code"].startswith("LBY") for a in actors)
    assert len(get(client, "/api/actors", top=1)) == 1


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_web_api_dyad_series(client: TestClient, store: Store, interval: str) -> None:
    top = get(client, "/api/network", top=50)["edges"]
    assert top, "the test store should have at least one source-target pair"
    a, b = top[0]["source"], top[0]["target"]
    both = get(client, "/api/dyads", a=a, b=b, interval=interval)
    ab = [e for e in events_of(store, dyad=f"{a}-{b}") if e["date"]]
    ba = [e for e in events_of(store, dyad=f"{b}-{a}") if e["date"]]
    assert sum(p["count"] for p in both["series"]) == len({e["event_id"] for e in ab + ba})
    assert sum(p["a_to_b"] for p in both["series"]) == len(ab)
    directed = get(client, "/api/dyads", a=a, b=b, interval=interval, directed=True)
    assert sum(p["count"] for p in directed["series"]) == len(ab)
    mean = sum(e["goldstein"] for e in ab) / len(ab)
    if len(directed["series"]) == 1:
        assert directed["series"][0]["mean_goldstein"] == pytest.approx(mean, abs=0.01)
    periods = [p["period"] for p in both["series"]]
    assert periods == sorted(periods)


@pytest.mark.parametrize("params", [{"a": "USA"}, {"a": "USA", "b": "LBY", "interval": "year"}])
def test_web_api_dyads_need_two_actors_and_a_known_interval(
    client: TestClient, params: dict[str, str]
) -> None:
    assert client.get("/api/dyads", params=params).status_code == 422


def test_web_api_network_splits_cooperation_and_conflict(client: TestClient, store: Store) -> None:
    net = get(client, "/api/network", top=200)
    codes = {n["code"] for n in net["nodes"]}
    events = [e for e in events_of(store) if e["source_code"] and e["target_code"]]
    for edge in net["edges"]:
        assert {edge["source"], edge["target"]} <= codes
        quads = (1, 2) if edge["kind"] == "cooperation" else (3, 4)
        pair = (edge["source"], edge["target"])
        expected = [e for e in events if (e["source_code"], e["target_code"]) == pair
                    and e["quad_class"] in quads]  # fmt: skip
        assert edge["weight"] == len(expected)
    assert len(get(client, "/api/network", top=2)["nodes"]) == 2


def test_web_api_map_aggregates_by_place_and_country(client: TestClient, store: Store) -> None:
    data = get(client, "/api/map")
    located = [e for e in events_of(store) if e["location_lat"] is not None]
    assert sum(p["count"] for p in data["points"]) == len(located)
    for p in data["points"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
    tripoli = get(client, "/api/map", actor="LBY", root="19")["points"]
    assert any(p["name"] == "Tripoli" and p["country"] == "LBY" for p in tripoli)
    libya = next(c for c in data["countries"] if c["country"] == "LBY")
    assert libya["iso_numeric"] == "434"  # the id of Libya in the vendored world shapes


def test_web_api_timeline_counts_per_day_by_quad(client: TestClient, store: Store) -> None:
    days = get(client, "/api/timeline")
    dated = [e for e in events_of(store) if e["date"]]
    assert sum(d["total"] for d in days) == len(dated)
    for d in days:
        assert d["q1"] + d["q2"] + d["q3"] + d["q4"] == d["total"]
        on_day = [e for e in dated if e["date"] == d["date"]]
        assert d["mean_goldstein"] == pytest.approx(
            sum(e["goldstein"] for e in on_day) / len(on_day), abs=0.01
        )
    offensive = tripoli_offensive(client)
    day = next(
        d
        for d in get(client, "/api/timeline", actor="LBY", root="19")
        if d["date"] == offensive["date"]
    )
    assert day["q4"] >= 1


def test_web_api_summary_matches_the_store(client: TestClient, store: Store) -> None:
    summary = get(client, "/api/summary")
    stats = store.stats()
    assert summary["events"] == stats["events"]
    assert summary["asserted_events"] == stats["asserted_events"]
    assert summary["articles"] == stats["articles"] >= test_web_data.INSIGHTCRIME_ARTICLES + 2
    assert {r["root"] for r in summary["roots"]} == {r["root"] for r in stats["by_root"]}
    assert all(r["name"] for r in summary["roots"])


# ---------------------------------------------------------------- read-only


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE hacked (a INTEGER)",
        "DELETE FROM events",
        "UPDATE articles SET text = 'x'",
        "COPY events TO '{tmp}/leak.csv'",
    ],
)
def test_web_api_connection_cannot_write(
    client: TestClient, tmp_path: Path, statement: str
) -> None:
    db = client.app.state.db  # the connection every request uses
    cursor = db.acquire().con.cursor()
    try:
        with pytest.raises(duckdb.Error):
            cursor.execute(statement.format(tmp=tmp_path))
    finally:
        cursor.close()
        db.release()
    assert not (tmp_path / "leak.csv").exists()
    assert get(client, "/api/events")["total"] > 0


def test_web_api_missing_store_is_503(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "missing.duckdb"), base_url="http://127.0.0.1") as c:
        response = c.get("/api/events")
    assert response.status_code == 503
    assert "missing.duckdb" in response.json()["detail"]
    assert not (tmp_path / "missing.duckdb").exists()


# ---------------------------------------------------------------- eventwire serve


def test_web_api_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0"]
    )
    assert result.exit_code == 1
    assert "none.duckdb" in result.output and "eventwire code" in result.output
    assert not (tmp_path / "none.duckdb").exists()


def test_web_api_serve_help_has_an_example() -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "eventwire serve --db" in result.output


# ---------------------------------------------------------------- Host header and /docs


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_web_api_foreign_host_is_400(client: TestClient, host: str) -> None:
    for url in ("/", "/api/events", "/docs", "/openapi.json", "/static/app.js"):
        response = client.get(url, headers={"Host": host})
        assert response.status_code == 400, (url, host)
        assert "--allow-host" in response.json()["detail"]
        assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_web_api_loopback_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/summary", headers={"Host": host}).status_code == 200


def test_web_api_allowed_hosts_extend_the_bound_address(db: Path) -> None:
    from eventwire.web.app import allowed_hosts_for

    hosts = allowed_hosts_for("0.0.0.0", ["Dash.Lan"])
    assert "dash.lan" in hosts and "0.0.0.0" not in hosts and "127.0.0.1" in hosts
    assert "192.168.1.5" in allowed_hosts_for("192.168.1.5")
    app = create_app(db, allowed_hosts=hosts)
    with TestClient(app, base_url="http://dash.lan:8000") as c:
        assert c.get("/api/summary").status_code == 200
        assert c.get("/api/summary", headers={"Host": "evil.example"}).status_code == 400


def test_web_api_docs_are_vendored_and_under_the_csp(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert page.headers["content-security-policy"] == client.get("/").headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    for asset in re.findall(r'(?:src|href)="(/static/docs/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert "/static/docs/swagger-ui-bundle.js" in page.text
    assert client.get("/redoc").status_code == 404  # it would load from a CDN


# ---------------------------------------------------------------- sorting and CSV


@pytest.mark.parametrize(("sort", "column"), [("goldstein", "goldstein"), ("source", "source_code"),
                                               ("date", "date"), ("confidence", "confidence")])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_web_api_events_sort(client: TestClient, sort: str, column: str, order: str) -> None:
    rows = get(client, "/api/events", sort=sort, order=order, page_size=500)["rows"]
    values = [r[column] for r in rows if r[column] is not None]
    assert len(values) > 3
    assert values == sorted(values, reverse=order == "desc")
    assert all(r[column] is None for r in rows[len(values):])  # NULLs last


def test_web_api_events_csv_is_the_whole_filter(client: TestClient, store: Store) -> None:
    import csv
    import io

    response = client.get("/api/events.csv", params={"actor": "LBY", "sort": "goldstein", "order": "asc"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in events_of(store, actor="LBY"))
    goldstein = [float(r["goldstein"]) for r in rows if r["goldstein"]]
    assert goldstein == sorted(goldstein)
    assert client.get("/api/events.csv", params={"sort": "sentence; DROP"}).status_code == 422

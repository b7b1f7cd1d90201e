"""Writing to the store: idempotent, atomic per article, safe against kill -9."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store_factory import corpus, make_coded, make_event, random_text

from eventwire.errors import StoreError
from eventwire.models import Rejected
from eventwire.store import Store

TABLES = ("articles", "sentences", "mentions", "events", "errors")
TESTS = Path(__file__).resolve().parent


def counts(store: Store) -> dict[str, int]:
    return {t: int(store.sql(f"SELECT count(*) FROM {t}").iloc[0, 0]) for t in TABLES}


def test_store_same_corpus_twice_is_stored_once(tmp_path: Path) -> None:
    items = corpus(30)
    with Store(tmp_path / "e.duckdb") as store:
        first = store.write_many(items, batch_size=7)
        after_first = counts(store)
        second = store.write_many(items, batch_size=7)
        assert counts(store) == after_first
    assert (first.articles, first.events, first.duplicates) == (30, 90, 0)
    assert (second.articles, second.events, second.duplicates) == (0, 0, 30)
    assert after_first == {"articles": 30, "sentences": 90, "mentions": 180, "events": 90, "errors": 0}


def test_store_same_content_other_doc_id_is_stored_once(tmp_path: Path) -> None:
    text = random_text(1)
    with Store(tmp_path / "e.duckdb") as store:
        assert store.write(make_coded(text, "a.txt")) is True
        assert store.write(make_coded(text, "mirror/b.html")) is False
        assert store.has_article(make_coded(text, "x").content_hash)
        assert counts(store)["articles"] == 1
        assert store.sql("SELECT doc_id FROM articles").iloc[0, 0] == "a.txt"


def test_store_duplicates_within_one_batch_are_stored_once(tmp_path: Path) -> None:
    text = random_text(2)
    with Store(tmp_path / "e.duckdb") as store:
        stats = store.write_many([make_coded(text, "a"), make_coded(text, "b")])
    assert (stats.articles, stats.duplicates) == (1, 1)


def test_store_failing_article_leaves_no_rows_and_others_are_stored(tmp_path: Path) -> None:
    good = corpus(3)
    # An article whose event id collides with a stored event: its insert fails, so
    # none of its rows (article, sentences, mentions, events) may remain.
    clash = make_coded(random_text(99), "clash")
    stolen = dataclasses.replace(clash.events[0], event_id=good[0].events[0].event_id)
    clash = dataclasses.replace(clash, events=(stolen,))
    with Store(tmp_path / "e.duckdb") as store:
        store.write(good[0])
        stats = store.write_many([clash, good[1], good[2]], batch_size=10)
        assert (stats.articles, stats.failed) == (2, 1)
        for table in ("articles", "sentences", "mentions", "events"):
            rows = store.sql(f"SELECT count(*) FROM {table} WHERE doc_id = 'clash'").iloc[0, 0]
            assert rows == 0, table
        error = store.sql("SELECT doc_id, stage, reason FROM errors").iloc[0]
    assert error["doc_id"] == "clash" and error["stage"] == "store"
    assert "event_id" in error["reason"] or "Duplicate key" in error["reason"]


def test_store_write_raises_store_error_on_event_id_clash(tmp_path: Path) -> None:
    a = make_coded(random_text(5), "a")
    b = make_coded(random_text(6), "b")
    b = dataclasses.replace(b, events=(dataclasses.replace(b.events[0], event_id=a.events[0].event_id),))
    with Store(tmp_path / "e.duckdb") as store:
        store.write(a)
        with pytest.raises(StoreError, match="write to"):
            store.write(b)
        assert counts(store)["articles"] == 1


def test_store_repeated_event_in_one_article_is_one_row(tmp_path: Path) -> None:
    coded = make_coded(random_text(8), "d")
    coded = dataclasses.replace(coded, events=coded.events * 2)
    with Store(tmp_path / "e.duckdb") as store:
        store.write(coded)
        assert counts(store)["events"] == 1


def test_store_rejected_records_go_to_errors(tmp_path: Path) -> None:
    items = [Rejected("bad.html", "read", "not UTF-8 and not HTML", "in/bad.html"), *corpus(2)]
    with Store(tmp_path / "e.duckdb") as store:
        stats = store.write_many(items)
        row = store.sql("SELECT doc_id, stage, reason, origin, logged_at FROM errors").iloc[0]
        assert stats.rejected == 1 and store.stats()["errors_by_stage"] == {"read": 1}
    assert row["origin"] == "in/bad.html" and row["logged_at"] is not None


def test_store_event_dates_that_are_not_iso_become_null_but_json_keeps_them(tmp_path: Path) -> None:
    coded = make_coded(random_text(9), "d", [{"date": "April 2019"}])
    with Store(tmp_path / "e.duckdb") as store:
        store.write(coded)
        row = store.sql("SELECT date, json_extract_string(json, '$.date') AS raw FROM events").iloc[0]
    assert row["raw"] == "April 2019" and row["date"] is None or str(row["date"]) == "NaT"


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store_factory import corpus
    from eventwire.store import Store
    store = Store({path!r})
    for i, item in enumerate(corpus({n})):
        store.write(item)
        print(i, flush=True)
    """
)


def test_store_kill_9_during_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    n = 300
    path = tmp_path / "killed.duckdb"
    script = WRITER.format(tests=str(TESTS), path=str(path), n=n)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            if int(line) >= n // 4:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(path) as store:
        partial = counts(store)
        assert 0 < partial["articles"] < n
        # only whole articles: every stored article has all of its three events
        per_article = store.sql(
            "SELECT a.content_hash, count(e.event_id) AS n FROM articles a "
            "LEFT JOIN events e USING (content_hash) GROUP BY 1"
        )
        assert set(per_article["n"]) == {3}
        orphans = store.sql(
            "SELECT count(*) FROM events WHERE content_hash NOT IN (SELECT content_hash FROM articles)"
        ).iloc[0, 0]
        assert orphans == 0
        rerun = store.write_many(corpus(n))
        assert rerun.duplicates == partial["articles"]
        resumed = counts(store)
    with Store(tmp_path / "clean.duckdb") as clean:
        clean.write_many(corpus(n))
        assert resumed == counts(clean)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 4),
        ({"include_unasserted": True}, 5),
        ({"actor": "lby"}, 3),
        ({"source": "USA"}, 2),
        ({"target": "LBYMIL"}, 2),
        ({"dyad": "USA-LBY"}, 2),
        ({"dyad": "LBY-USA"}, 0),
        ({"root": "19"}, 2),
        ({"root": 4}, 1),
        ({"quad": 4}, 2),
        ({"since": "2019-04-06"}, 2),
        ({"until": "2019-04-05"}, 2),
        ({"since": "2019-04-05", "until": "2019-04-06"}, 2),
        ({"country": "fra"}, 1),
        ({"text": "AIRPORT"}, 1),
        ({"limit": 2}, 2),
    ],
)
def test_store_events_filters(tmp_path: Path, filters: dict, expected: int) -> None:
    specs = [
        {"date": "2019-04-05"},
        {"date": "2019-04-06", "source": "USAMIL", "target": "LBYMIL", "cameo": "193"},
        {"date": "2019-04-07", "source": "FRA", "target": "LBYGOV", "cameo": "042",
         "sentence": "Envoys met at the airport."},
        {"date": "2019-04-04", "source": "RUS", "target": "UKR", "cameo": "111", "location": None},
        {"date": "2019-04-05", "modality": "negated", "cameo": "190"},
    ]  # fmt: skip
    with Store(tmp_path / "e.duckdb") as store:
        store.write(make_coded(random_text(4), "d", specs))
        frame = store.events(**filters)
        rows = store.events(**filters, as_dataframe=False)
    assert len(frame) == expected == len(rows)


def test_store_events_as_dicts_are_plain_and_newest_first(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(corpus(4))
        rows = store.events(as_dataframe=False)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert isinstance(rows[0]["source_sectors"], list) and isinstance(rows[0]["date"], str)


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"dyad": "USA"}, "two actors"), ({"since": "last week"}, "ISO date")],
)
def test_store_events_bad_filters_say_why(tmp_path: Path, filters: dict, message: str) -> None:
    with Store(tmp_path / "e.duckdb") as store, pytest.raises(StoreError, match=message):
        store.events(**filters)


def test_store_stats(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(corpus(10))
        store.rebuild_groups()
        stats = store.stats()
    assert stats["articles"] == 10 and stats["events"] == 30
    assert stats["asserted_events"] == 27 and stats["by_modality"] == {"asserted": 27, "negated": 3}
    assert sum(r["events"] for r in stats["by_root"]) == 27
    assert sum(d["events"] for d in stats["per_day"]) == 27
    assert stats["top_dyads"][0]["events"] >= stats["top_dyads"][-1]["events"]
    assert stats["event_groups"] > 0 and stats["first_date"] <= stats["last_date"]


def test_store_ingest_with_make_event_directly(tmp_path: Path) -> None:
    coded = make_coded(random_text(11), "d")
    extra = make_event(coded.content_hash, "d", 5, cameo="0233", source=None)
    coded = dataclasses.replace(coded, events=(*coded.events, extra))
    with Store(tmp_path / "e.duckdb") as store:
        store.write(coded)
        codes = store.sql("SELECT cameo, cameo_root FROM events ORDER BY cameo")
    assert codes.values.tolist() == [["0233", "02"], ["190", "19"]]

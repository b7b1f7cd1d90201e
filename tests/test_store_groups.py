"""event_groups: coded events grouped into real-world events across articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_dedup_clusters import COPY, STORY
from test_store_factory import LOC_WASHINGTON, make_coded, random_text

from eventwire.store import Store, anchor_days


def groups(store: Store) -> list[dict]:
    frame = store.sql("SELECT * FROM event_groups ORDER BY date, source_code, cameo_root")
    rows = frame.to_dict(orient="records")
    return [{**r, "event_ids": list(r["event_ids"])} for r in rows]


def test_store_groups_duplicate_pair_counts_once(tmp_path: Path) -> None:
    spec = [{"date": "2019-04-04"}]
    # The copy resolved its date against a later publication date: still one event.
    copy_spec = [{"date": "2019-04-08"}]
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many([
            make_coded(STORY, "wire-1", spec, source="Wire"),
            make_coded(COPY, "portal-9", copy_spec, source="Portal"),
        ])  # fmt: skip
        store.rebuild_groups()
        rows = groups(store)
    assert len(rows) == 1
    group = rows[0]
    assert (group["num_mentions"], group["num_articles"], group["num_sources"]) == (2, 2, 2)
    assert str(group["date"])[:10] == "2019-04-04" and len(group["event_ids"]) == 2


@pytest.mark.parametrize(
    ("dates", "window", "expected_groups"),
    [
        (["2019-04-05", "2019-04-06"], 1, 1),  # within a day: one event
        (["2019-04-05", "2019-04-07"], 1, 2),  # two days apart: two events
        (["2019-04-05", "2019-04-07"], 2, 1),  # ... unless the window is wider
        (["2019-04-05", "2019-04-06", "2019-04-07"], 1, 2),  # anchored, not chained
        (["2019-04-05", None], 1, 2),  # undated never joins a dated event
    ],
)
def test_store_groups_date_window(
    tmp_path: Path, dates: list[str | None], window: int, expected_groups: int
) -> None:
    items = [make_coded(random_text(i, 200), f"d{i}", [{"date": d}], source=f"S{i}")
             for i, d in enumerate(dates)]  # fmt: skip
    with Store(tmp_path / "e.duckdb", group_window_days=window) as store:
        store.write_many(items)
        store.rebuild_groups()
        rows = groups(store)
    assert len(rows) == expected_groups
    assert sum(r["num_mentions"] for r in rows) == len(dates)


@pytest.mark.parametrize(
    "other",
    [
        {"source": "FRAGOV"},
        {"target": "LBYGOV"},
        {"cameo": "180"},
        {"location": LOC_WASHINGTON},
        {"source": None},
    ],
)
def test_store_groups_key_separates(tmp_path: Path, other: dict) -> None:
    items = [make_coded(random_text(1, 200), "a", [{}]), make_coded(random_text(2, 200), "b", [other])]
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(items)
        store.rebuild_groups()
        assert len(groups(store)) == 2


def test_store_groups_sources_fall_back_to_url_host_then_doc_id(tmp_path: Path) -> None:
    items = [
        make_coded(random_text(1, 200), "a", [{}], url="https://www.example.org/a"),
        make_coded(random_text(2, 200), "b", [{}], url="http://example.org/b?x=1"),
        make_coded(random_text(3, 200), "c", [{}]),
    ]
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(items)
        store.rebuild_groups()
        (group,) = groups(store)
    assert (group["num_articles"], group["num_sources"]) == (3, 2)


def test_store_groups_skip_unasserted_and_rebuild_is_stable(tmp_path: Path) -> None:
    items = [
        make_coded(random_text(1, 200), "a", [{}, {"modality": "negated", "cameo": "180"}]),
        make_coded(random_text(2, 200), "b", [{"date": "2019-04-06"}]),
    ]
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(items)
        store.rebuild_groups()
        first = groups(store)
        store.rebuild_groups()
        assert groups(store) == first
    assert len(first) == 1 and first[0]["num_mentions"] == 2


def test_store_groups_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        store.rebuild_groups()
        assert groups(store) == []


# ---------------------------------------------------------------- the rule, restated


@pytest.mark.parametrize(
    ("keys", "days", "window", "anchors"),
    [
        ([1, 1, 1, 1], [5, 6, 7, 8], 1, [5, 5, 7, 7]),  # anchored, not chained
        ([1, 1, 1], [5, 6, 7], 0, [5, 6, 7]),
        ([1, 1, 1], [5, 6, 7], 2, [5, 5, 5]),
        ([1, 1, 2, 2], [5, 6, 6, 7], 1, [5, 5, 6, 6]),  # each key anchors on its own
        ([1, 2, 3], [9, 1, 5], 1, [9, 1, 5]),
        ([4, 4, 4, 4, 4], [0, 1, 3, 4, 9], 1, [0, 0, 3, 3, 9]),
        ([1, 1], [0, 30], -3, [0, 30]),  # a negative window is no window
        ([], [], 1, []),
    ],
)
def test_store_groups_anchor_days(
    keys: list[int], days: list[int], window: int, anchors: list[int]
) -> None:
    result = anchor_days(np.array(keys, dtype=np.int64), np.array(days, dtype=np.int64), window)
    assert result.tolist() == anchors


def _host(url: str | None) -> str | None:
    found = re.match(r"^[a-z]+://(?:www\.)?([^/:?#]+)", (url or "").lower())
    return found.group(1) if found else None


def reference_groups(store: Store, window: int) -> list[tuple]:
    """The event_groups rows that data/schema.sql's rule gives, computed in plain Python."""
    articles = {
        r[0]: r[1:]
        for r in store.con.execute(
            "SELECT content_hash, cluster_id, source, url, doc_id, published, ingested_at "
            "FROM articles"
        ).fetchall()
    }
    events = store.con.execute(
        "SELECT event_id, date, source_code, target_code, cameo_root, location_country, "
        "content_hash FROM events WHERE modality = 'asserted'"
    ).fetchall()
    units: dict[tuple, dt.date | None] = {}
    for _, date, *key, chash in events:
        unit = (tuple(key), articles[chash][0] or chash)
        known = units.get(unit, date)
        units[unit] = min(d for d in (known, date) if d) if (known or date) else None
    label: dict[tuple, str] = {}
    by_key: dict[tuple, list] = {}
    for (key, cluster), date in units.items():
        by_key.setdefault(key, []).append((date, cluster))
    for key, key_units in by_key.items():
        anchor = None
        for date, cluster in sorted(key_units, key=lambda u: (u[0] is None, u[0] or dt.date.min)):
            if date is None:
                label[(key, cluster)] = f"undated:{cluster}"
                continue
            if anchor is None or (date - anchor).days > window:
                anchor = date
            label[(key, cluster)] = anchor.isoformat()
    members: dict[tuple, list] = {}
    for event_id, date, *key, chash in events:
        cluster_id, source, url, doc_id, published, ingested = articles[chash]
        group = (*key, label[(tuple(key), cluster_id or chash)])
        outlet = source or _host(url) or doc_id
        seen = published or ingested.date()
        members.setdefault(group, []).append((date, event_id, chash, outlet, seen))
    rows = []
    for (*key, when), group in members.items():
        text = "|".join(k or "" for k in key) + "|" + when
        dates = [m[0] for m in group if m[0]]
        ordered = sorted(group, key=lambda m: (m[0] is None, m[0] or dt.date.min, m[1]))
        rows.append((
            hashlib.sha1(text.encode()).hexdigest()[:16], min(dates) if dates else None, *key,
            len(group), len({m[3] for m in group}), len({m[2] for m in group}),
            min(m[4] for m in group), max(m[4] for m in group), [m[1] for m in ordered],
        ))  # fmt: skip
    return sorted(rows)


def _random_store(path: Path, seed: int) -> Store:
    """Articles in shared clusters, with NULL keys, undated events, missing sources."""
    rng = random.Random(seed)
    store = Store(path)
    articles = [
        (f"h{i}", f"doc-{i}", rng.choice([None, "", f"outlet-{i % 5}"]),
         rng.choice([None, f"https://www.site{i % 4}.org/{i}", "ftp://x"]),
         rng.choice([None, dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(50))]),
         rng.choice([f"h{i}", f"h{i // 3}", None]), dt.datetime(2020, 1, 1, i % 24))
        for i in range(300)
    ]  # fmt: skip
    new_articles = pd.DataFrame(articles, columns=[  # noqa: F841 - read by the SQL below
        "content_hash", "doc_id", "source", "url", "published", "cluster_id", "ingested_at"])
    store.con.execute("INSERT INTO articles BY NAME SELECT *, 't' AS text FROM new_articles")
    events = [
        (f"e{i:05d}{'Z' if i % 2 else 'a'}", f"h{i // 4}", f"doc-{i // 4}",
         rng.choice([None, dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(30))]),
         rng.choice([None, "USA", "LBY", "FRA"]), rng.choice([None, "LBYMIL", "USA"]),
         rng.choice(["19", "04"]), rng.choice([None, "LBY"]),
         rng.choice(["asserted"] * 9 + ["negated"]))
        for i in range(1200)
    ]  # fmt: skip
    new_events = pd.DataFrame(events, columns=[  # noqa: F841 - read by the SQL below
        "event_id", "content_hash", "doc_id", "date", "source_code", "target_code", "cameo_root",
        "location_country", "modality"])
    store.con.execute("INSERT INTO events BY NAME SELECT *, '190' AS cameo FROM new_events")
    return store


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("window", [0, 1, 3])
def test_store_groups_follow_the_rule(tmp_path: Path, seed: int, window: int) -> None:
    with _random_store(tmp_path / "e.duckdb", seed) as store:
        store.group_window_days = window
        store.rebuild_groups()
        stored = store.con.execute("SELECT * FROM event_groups ORDER BY group_id").fetchall()
        expected = reference_groups(store, window)
    assert len(stored) > 100
    assert stored == expected

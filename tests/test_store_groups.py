"""event_groups: coded events grouped into real-world events across articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dedup_clusters import COPY, STORY
from test_store_factory import LOC_WASHINGTON, make_coded, random_text

from eventwire.store import Store


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

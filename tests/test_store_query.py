"""Store.events with a limit reads the ids first, then whole rows: same result as one query."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_store_factory import corpus, make_coded, random_text

from eventwire.store import Store
from eventwire.store.db import _LATE_ROWS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = Path(tmp_path_factory.mktemp("query")) / "e.duckdb"
    undated = [{"date": None, "source": "USAGOV", "target": "LBYMIL"},
               {"date": None, "source": "USAMIL", "target": "LBYGOV", "cameo": "042"}]  # fmt: skip
    with Store(path) as writer:
        writer.write_many(corpus(40, events_per_article=5))
        writer.write(make_coded(random_text(999), "undated", undated))
    store = Store(path, read_only=True)
    yield store
    store.close()


# Each filter set with the SQL it means, run as one query for the reference.
FILTERS = [
    ({}, "modality = 'asserted'"),
    ({"include_unasserted": True}, "true"),
    ({"dyad": "USA-LBY"},
     "modality = 'asserted' AND source_code LIKE 'USA%' AND target_code LIKE 'LBY%'"),
    ({"dyad": "USAGOV-LBYMIL", "root": "19", "since": "2019-04-10"},
     "modality = 'asserted' AND source_code LIKE 'USAGOV%' AND target_code LIKE 'LBYMIL%' "
     "AND cameo_root = '19' AND date >= DATE '2019-04-10'"),
    ({"actor": "LBY", "until": "2019-04-20"},
     "modality = 'asserted' AND (source_code LIKE 'LBY%' OR target_code LIKE 'LBY%') "
     "AND date <= DATE '2019-04-20'"),
    ({"text": "sentence 3", "include_unasserted": True}, "lower(sentence) LIKE '%sentence 3%'"),
    ({"dyad": "LBY-USA"}, "false"),
]  # fmt: skip


def one_query(store: Store, where: str, limit: int | None) -> pd.DataFrame:
    sql = f"SELECT * FROM events WHERE {where} ORDER BY date DESC NULLS LAST, event_id"
    return store.con.execute(sql + (f" LIMIT {limit}" if limit is not None else "")).df()


@pytest.mark.parametrize(("filters", "where"), FILTERS)
@pytest.mark.parametrize("limit", [0, 1, 7, 50, 10_000, _LATE_ROWS + 1, None])
def test_store_query_equals_one_query(
    store: Store, filters: dict, where: str, limit: int | None
) -> None:
    expected = one_query(store, where, limit)
    everything = len(one_query(store, where, None))
    assert len(expected) == (everything if limit is None else min(limit, everything))
    pd.testing.assert_frame_equal(store.events(**filters, limit=limit), expected)
    rows = store.events(**filters, limit=limit, as_dataframe=False)
    assert [r["event_id"] for r in rows] == expected["event_id"].tolist()


def test_store_query_order_is_newest_first_undated_last_then_event_id(store: Store) -> None:
    frame = store.events(limit=500)
    dated = frame[frame["date"].notna()]
    assert frame["date"].isna().sum() == 2 and frame["date"].tail(2).isna().all()
    keys = list(zip(dated["date"], dated["event_id"], strict=True))
    assert keys == sorted(keys, key=lambda k: (-k[0].toordinal(), k[1]))
    assert len(store.events(dyad="USA-LBY", limit=3)) == 3

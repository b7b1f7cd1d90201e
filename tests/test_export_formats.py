"""Exports: GDELT 2.0 (61 columns), PLOVER, CSV, Parquet, JSONL; --where; atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_store_factory import corpus, make_coded, random_text

from eventwire.errors import DictionaryError, StoreError
from eventwire.export import FORMATS, GDELT_COLUMNS, export, parse_gdelt_columns
from eventwire.store import Store

GDELT_STR = {c: str for c in GDELT_COLUMNS if c.endswith("Code") or c in ("Day", "SOURCEURL")}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "e.duckdb"
    specs = [
        {"cameo": "042", "date": "2019-04-05", "source": "USAGOV", "target": "LBYGOV"},
        {"cameo": "190", "date": "2019-04-06"},
        {"cameo": "0233", "date": "2019-04-06", "source": "IGOUNOHLH", "target": "LBY"},
        {"cameo": "010", "date": "2019-04-07"},  # root 01: no PLOVER type
        {"cameo": "190", "date": "2019-04-07", "modality": "hypothetical"},
    ]
    with Store(path) as store:
        store.write(make_coded(random_text(1), "a", specs, url="https://example.org/a"))
        store.write(make_coded(random_text(2), "b", [{"cameo": "190", "date": "2019-04-06"}]))
        store.rebuild_groups()
    return path


def test_export_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    assert GDELT_COLUMNS[25:30] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    assert GDELT_COLUMNS.index("ActionGeo_Type") == 51


@pytest.mark.parametrize(
    ("text", "problem"),
    [("A\nB\n", "has 2 columns"), ("\n".join(GDELT_COLUMNS[:60] + ["Day"]), "repeats line 2"),
     ("Bad Name\n", "not an identifier")],
)  # fmt: skip
def test_export_gdelt_column_file_is_validated(text: str, problem: str) -> None:
    with pytest.raises(DictionaryError, match=problem):
        parse_gdelt_columns(text, "gdelt_columns.txt")


def test_export_gdelt_reads_back_with_leading_zeros(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    rows = export(store_path, out, "gdelt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert rows == len(lines) == 5  # asserted events only
    assert all(line.count("\t") == 60 for line in lines)
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_STR)
    by_code = frame.set_index("EventCode")
    assert set(frame["EventCode"]) == {"042", "190", "0233", "010"}
    row = by_code.loc["0233"]
    assert (row["EventBaseCode"], row["EventRootCode"]) == ("023", "02")
    assert row["Actor1Code"] == "IGOUNOHLH" and row["Actor1KnownGroupCode"] == "UNO"
    assert row["Day"] == "20190406" and row["MonthYear"] == 201904 and row["Year"] == 2019
    assert row["ActionGeo_CountryCode"] == "LY"  # FIPS 10-4, as GDELT, not ISO3 LBY
    assert row["ActionGeo_Type"] == 4 and row["ActionGeo_FeatureID"] == 2210247
    assert row["SOURCEURL"] == "https://example.org/a"
    strikes = frame[frame["EventCode"] == "190"]
    assert strikes["NumArticles"].tolist() == [2, 2]  # same real-world event in two articles
    assert frame["GlobalEventID"].is_unique and frame["GlobalEventID"].dtype == "int64"


def test_export_plover(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    rows = export(store_path, out, "plover")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows == len(records) == 4  # the root-01 statement has no PLOVER type
    record = next(r for r in records if r["eventwire"]["cameo"] == "042")
    assert record["event"] == "CONSULT" and record["source_actor"] == "USAGOV"
    assert record["source_agent"] == ["GOV"] and record["target_actor"] == "LBYGOV"
    assert record["country"] == "LBY" and record["location"] == "Tripoli" and record["lat"] == 32.89
    assert record["date"] == "2019-04-05" and record["url"] == "https://example.org/a"
    for key in ("id", "mode", "context", "source", "target", "target_agent", "text", "admin1"):
        assert key in record


def test_export_jsonl_is_the_json_contract(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store_path, out, "jsonl") == 5
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["cameo"] for r in records} == {"042", "190", "0233", "010"}
    assert all(r["modality"] == "asserted" and "plover" in r for r in records)


def test_export_include_unasserted(store_path: Path, tmp_path: Path) -> None:
    assert export(store_path, tmp_path / "all.jsonl", "jsonl", include_unasserted=True) == 6


def test_export_csv(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store_path, out, "csv") == 5
    frame = pd.read_csv(out, dtype={"cameo": str, "cameo_root": str})
    assert "json" not in frame.columns and "url" in frame.columns
    assert set(frame["cameo"]) == {"042", "190", "0233", "010"}
    assert "IGO;UNO;HLH" in set(frame["source_sectors"])


def test_export_parquet(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(store_path, out, "parquet") == 5
    table = pq.read_table(out)
    assert table.schema.field("source_sectors").type.value_type == "string"
    assert str(table.schema.field("date").type) == "date32[day]"
    assert sorted(table.column("cameo").to_pylist()) == ["010", "0233", "042", "190", "190"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("cameo_root = '19'", 2),
        ("date >= '2019-04-06' AND source_code LIKE 'IGO%'", 1),
        ("num_articles = 2", 2),
        ("cameo_root = '19' -- trailing comment", 2),
        ("1 = 0", 0),
    ],
)
def test_export_where(store_path: Path, tmp_path: Path, where: str, expected: int) -> None:
    for fmt in FORMATS:
        out = tmp_path / f"w.{fmt}"
        written = export(store_path, out, fmt, where=where)
        assert written == (expected if fmt != "plover" else min(expected, 4)), fmt
        assert out.exists()


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("nonexistent = 1", "events_export"),
        ("1=1; DELETE FROM events", "failed"),
        ("event_id IN (SELECT column0 FROM read_csv('/etc/hostname'))", "read-only"),
    ],
)
def test_export_where_cannot_write_and_errors_say_why(
    store_path: Path, tmp_path: Path, where: str, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        export(store_path, tmp_path / "x.csv", "csv", where=where)
    assert not (tmp_path / "x.csv").exists()
    with Store(store_path, read_only=True) as store:
        assert store.stats()["events"] == 6


def test_export_unknown_format(store_path: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="gdelt, plover, csv, parquet, jsonl"):
        export(store_path, tmp_path / "x", "xlsx")


def test_export_from_an_open_store(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many(corpus(5))
        assert export(store, tmp_path / "o.jsonl", "jsonl", where="cameo_root <> '04'") > 0
        assert store.write(make_coded(random_text(77), "still-writable"))


def test_export_disk_full_leaves_no_file(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill the disk needs root")
    small = tmp_path / "small"
    small.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
    try:
        with Store(tmp_path / "e.duckdb") as store:
            store.write_many(corpus(300))  # ~900 events, far more than 64 KiB of Parquet
            with pytest.raises(StoreError, match="disk is full"):
                export(store, small / "events.parquet", "parquet")
        assert os.listdir(small) == []
    finally:
        subprocess.run(["umount", str(small)], check=False)

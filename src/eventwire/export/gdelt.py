"""GDELT 2.0 event table: the 61 columns of ``data/gdelt_columns.txt``, with GDELT geography."""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DictionaryError
from ..store import Rows
from .plover import _data_rows

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


def write_gdelt(table: Rows, path: Path, header: bool = False) -> int:
    rows = [gdelt_row(r) for r in table.records()]
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
        parts = [place.name, admin1 if place.precision in ("city", "admin2") else None, country_name]
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
    if precision in ("admin1", "admin2"):  # GDELT has no district type: a district is a state's
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
    from ..places.gazetteer import _data_lines, _geonames_json

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

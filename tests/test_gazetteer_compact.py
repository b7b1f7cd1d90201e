"""The compact in-memory gazetteer answers exactly as the dicts it is built from."""

from __future__ import annotations

from eventwire.places import gazetteer as gazetteer_module
from eventwire.places.gazetteer import FEATURES, load_gazetteer


def test_gazetteer_compact_index_equals_the_built_dicts() -> None:
    gazetteer = load_gazetteer()
    data = gazetteer_module.build_index()
    records, index, primary = data["records"], data["index"], data["primary"]
    assert len(gazetteer) == len(records)
    for i, record in enumerate(records):
        place = gazetteer._place(i)
        assert (*record[:7], FEATURES[record[7]]) == (
            place.geonameid, place.name, place.country, place.admin1, place.lat, place.lon,
            place.population, place.feature,
        )  # fmt: skip
        assert type(place.lat) is float and type(place.geonameid) is int
    names = gazetteer._names
    assert sorted(names.keys()) == sorted(index)
    for key, ids in index.items():
        assert names.get(key) == ids
        assert names.primary(key) == primary.get(key, ())
    for absent in ("", "tripol", "tripolis", "bogotá", "x" * 300):
        assert names.get(absent) == index.get(absent, ())


def test_gazetteer_resolve_unchanged_on_ambiguous_names() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.resolve("Georgia", ["USA"]).feature == "admin1"
    assert gazetteer.resolve("Georgia").country == "GEO"
    assert gazetteer.resolve("Tripoli", ["LBN"]).country == "LBN"
    assert gazetteer.resolve("Tripoli").country == "LBY"
    assert [p.feature for p in gazetteer.lookup("UAE")] == ["country"]

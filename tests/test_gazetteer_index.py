"""The offline gazetteer: lookup, context-aware resolution, cache building."""

from __future__ import annotations

import pytest

from eventwire.places import gazetteer as gazetteer_module
from eventwire.places.gazetteer import Gazetteer, load_gazetteer, load_gazetteer_uncached, normalize_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "context", "country", "lat", "lon"),
    [
        ("Tripoli", ["LBY"], "LBY", 32.89, 13.19),
        ("Tripoli", ["LBN"], "LBN", 34.43, 35.84),
        ("Tripoli", [], "LBY", 32.89, 13.19),  # the most populous without context
        ("Tripoli", ["COL", "LBN"], "LBN", 34.43, 35.84),  # context countries in order
    ],
)
def test_gazetteer_tripoli_follows_context(
    gazetteer: Gazetteer, name: str, context: list[str], country: str, lat: float, lon: float
) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None
    assert (place.country, place.feature) == (country, "city")
    assert (round(place.lat, 2), round(place.lon, 2)) == (lat, lon)


@pytest.mark.parametrize(
    ("name", "context", "expected_name", "country", "admin1"),
    [
        ("Paris", [], "Paris", "FRA", None),  # population beats Paris, Texas
        ("Paris", ["USA"], "Paris", "USA", "Texas"),
        ("Springfield", [], "Springfield", "USA", "Missouri"),
        ("Moscow", [], "Moscow", "RUS", None),
        ("Washington", [], "Washington", "USA", "District of Columbia"),
    ],
)
def test_gazetteer_population_breaks_ties(
    gazetteer: Gazetteer, name: str, context: list[str], expected_name: str, country: str,
    admin1: str | None,
) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None
    assert (place.name, place.country, place.admin1) == (expected_name, country, admin1)


@pytest.mark.parametrize(
    ("name", "context", "iso3", "feature"),
    [
        ("Libya", [], "LBY", "country"),
        ("Libya", ["COL"], "LBY", "country"),  # a country name is never a foreign village
        ("LBY", [], "LBY", "country"),
        ("United States", [], "USA", "country"),
        ("the United States", [], "USA", "country"),
        ("U.S.", [], "USA", "country"),
        ("Ivory Coast", [], "CIV", "country"),
        ("Côte d'Ivoire", [], "CIV", "country"),
        ("Georgia", [], "GEO", "country"),
        ("Georgia", ["USA"], "USA", "admin1"),  # the state in a US story
        ("Mexico", ["MEX"], "MEX", "country"),
        ("Valle del Cauca", [], "COL", "admin1"),
    ],
)
def test_gazetteer_country_and_division_lookup(
    gazetteer: Gazetteer, name: str, context: list[str], iso3: str, feature: str
) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None
    assert (place.country, place.feature) == (iso3, feature)


@pytest.mark.parametrize(
    ("alternate", "expected"),
    [
        ("Bogota", "Bogotá"),  # accents stripped
        ("BOGOTÁ", "Bogotá"),  # case folded
        ("Jamundi", "Jamundí"),
        ("Peking", "Beijing"),  # GeoNames alternate name
        ("Bombay", "Mumbai"),
        ("Kiev", "Kyiv"),
    ],
)
def test_gazetteer_alternate_names(gazetteer: Gazetteer, alternate: str, expected: str) -> None:
    place = gazetteer.resolve(alternate)
    assert place is not None and place.name == expected
    assert expected in [p.name for p in gazetteer.lookup(alternate)]


@pytest.mark.parametrize(
    ("name", "found"),
    [("Police", False), ("Of", False), ("Man", False), ("nice", False), ("Nice", True),
     ("reading", False), ("Reading", True), ("can", False), ("CAN", True)],
)
def test_gazetteer_stop_toponyms(gazetteer: Gazetteer, name: str, found: bool) -> None:
    assert (gazetteer.resolve(name) is not None) is found


def test_gazetteer_country_points_at_capital(gazetteer: Gazetteer) -> None:
    libya, tripoli = gazetteer.country("LBY"), gazetteer.resolve("Tripoli")
    assert libya is not None and tripoli is not None
    assert (libya.lat, libya.lon) == (tripoli.lat, tripoli.lon)
    assert libya.population > 5_000_000


def test_gazetteer_size_and_normalisation(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 30_000
    assert normalize_name("  The Côte d'Ivoire ") == "cote divoire"
    assert gazetteer.lookup("") == []


def test_gazetteer_cache_builds_then_loads(
    tmp_path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    with caplog.at_level("INFO", logger="eventwire.places.gazetteer"):
        built = load_gazetteer_uncached()
    cached = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(cached) == 1
    assert "building the gazetteer index" in caplog.text
    caplog.clear()

    with caplog.at_level("INFO", logger="eventwire.places.gazetteer"):
        loaded = load_gazetteer_uncached()
    assert "building" not in caplog.text
    assert len(loaded) == len(built)
    assert loaded.resolve("Tripoli", ["LBN"]) == built.resolve("Tripoli", ["LBN"])

    # A damaged cache is rebuilt rather than trusted.
    cached[0].write_bytes(b"not a pickle")
    with caplog.at_level("INFO", logger="eventwire.places.gazetteer"):
        rebuilt = load_gazetteer_uncached()
    assert "unreadable" in caplog.text
    assert len(rebuilt) == len(built)
    assert cached[0].stat().st_size > 1_000_000


def test_gazetteer_bad_data_file_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    original = gazetteer_module._data_text

    def broken(filename: str) -> str:
        text = original(filename)
        if filename == "alternate_names.tsv":
            text += "Atlantis\tATL\n"
        return text

    monkeypatch.setattr(gazetteer_module, "_data_text", broken)
    expected = r"alternate_names\.tsv:\d+: unknown country code 'ATL'"
    with pytest.raises(gazetteer_module.DictionaryError, match=expected):
        gazetteer_module.build_index()


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Caqueta province", "Caqueta"),
        ("the department of Cauca", "Cauca"),
        ("Pulwama District", "Pulwama"),
        ("Peshawar", "Peshawar"),
        ("District", "District"),  # nothing left: the text itself
    ],
)
def test_gazetteer_bare_toponym_drops_a_division_word(text, bare):
    from eventwire.places.gazetteer import bare_toponym

    assert bare_toponym(text) == bare

"""Second-level divisions (data/gazetteer/admin2.tsv) and the South Asian first-level ones."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError
from eventwire.places import gazetteer as gazetteer_module
from eventwire.places.gazetteer import Gazetteer, load_gazetteer
from eventwire.places.toponyms import resolve_toponym


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "context", "country", "feature"),
    [
        ("Dhanusha District", [], "NPL", "admin2"),
        ("North Waziristan Agency", [], "PAK", "admin2"),
        ("Sukma District", [], "IND", "admin2"),
        ("Kandahar Province", [], "AFG", "admin1"),
        ("the province of Kandahar", [], "AFG", "admin1"),
        ("Kandahar", [], "AFG", "city"),  # the bare name is the city, as news means it
        ("Maiwand District of Kandahar Province", [], "AFG", "admin2"),
        ("Khyber Pakhtunkhwa", [], "PAK", "admin1"),
        ("FATA", [], "PAK", "admin1"),
        ("Federally Administered Tribal Areas (FATA)", [], "PAK", "admin1"),
        ("Sukma District in Chhattisgarh", [], "IND", "admin2"),
        ("Hangu", [], "PAK", "city"),  # a Pakistani district's town, not the Chinese city
        ("Hangu District", [], "PAK", "admin2"),
        ("Hyderabad", [], "IND", "city"),  # the metropolis still wins without context
        ("Hyderabad", ["PAK"], "PAK", "city"),
        ("Tank District", [], "PAK", "admin2"),
        ("Northern Province", ["LKA"], "LKA", "admin1"),
    ],
)
def test_admin2_and_south_asian_divisions(
    gazetteer: Gazetteer, text: str, context: list[str], country: str, feature: str
) -> None:
    place = resolve_toponym(text, gazetteer, context)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("text", "found"),
    [("Swat", True), ("swat", False), ("SWAT", False), ("Swat District", True),
     ("tank", False), ("Tank", False)],
)
def test_district_named_like_a_common_word(gazetteer: Gazetteer, text: str, found: bool) -> None:
    place = resolve_toponym(text, gazetteer, [])
    got = place is not None and place.feature == "admin2"
    assert got is found


def test_context_only_divisions(gazetteer: Gazetteer) -> None:
    # "Northern Province" is Zambia's or Rwanda's as much as Sri Lanka's; Ilam is an Iranian city.
    assert gazetteer.resolve("Northern Province") is None
    assert gazetteer.resolve("Ilam").country == "IRN"
    assert gazetteer.resolve("Ilam", ["NPL"]).country == "NPL"


def test_cities_learn_south_asian_divisions(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Peshawar").admin1 == "Khyber Pakhtunkhwa"
    assert gazetteer.resolve("Kathmandu").admin1 == "Bagmati Province"
    assert gazetteer.resolve("Quetta").admin1 == "Balochistan"


def _with_extra_line(monkeypatch: pytest.MonkeyPatch, filename: str, line: str) -> None:
    original = gazetteer_module._data_text

    def patched(name: str) -> str:
        text = original(name)
        return text + line if name == filename else text

    monkeypatch.setattr(gazetteer_module, "_data_text", patched)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("PAK\tKhyber Pakhtunkhwa\tNowhere\t\t34.0\n", "expected"),
        ("PAK\tAtlantis\tNowhere\t\t\t\n", "not a first-level division"),
        ("PAK\tKhyber Pakhtunkhwa\tNowhere\t\tnorth\teast\n", "not numbers"),
        ("PAK\tKhyber Pakhtunkhwa\tSwat\t\t\t\n", "listed twice"),
    ],
)
def test_admin2_loader_names_file_and_line(
    monkeypatch: pytest.MonkeyPatch, line: str, message: str
) -> None:
    lines = gazetteer_module._data_text("admin2.tsv").count("\n") + 1
    _with_extra_line(monkeypatch, "admin2.tsv", line)
    with pytest.raises(DictionaryError) as err:
        gazetteer_module.build_index()
    assert "admin2.tsv" in str(err.value) and f":{lines}" in str(err.value)
    assert message in str(err.value)


def test_admin1_loader_reads_point_and_rejects_unknown_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_extra_line(monkeypatch, "admin1.tsv", "AFG\tAtlantis Province\tNowhere\t\tsomewhere\n")
    with pytest.raises(DictionaryError) as err:
        gazetteer_module.build_index()
    assert "admin1.tsv" in str(err.value) and "unknown notes" in str(err.value)


def test_coding_an_incident_in_a_district_gives_its_country() -> None:
    from eventwire.coding.coder import code_text

    text = ("Two policemen were injured when militants attacked a checkpoint in Kurram Agency on Monday. "
            "Police said the militants fled towards the mountains.")
    coded = code_text(text, date="2012-03-07")
    events = [e for e in coded if e.cameo.startswith(("18", "19"))]
    assert events, [e.cameo for e in coded]
    attack = events[0]
    assert attack.location is not None and attack.location.country == "PAK"
    bare = [a for e in events for a in (e.source, e.target) if a is not None]
    assert bare and all(a.country == "PAK" for a in bare)

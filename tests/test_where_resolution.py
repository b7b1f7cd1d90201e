"""Event location: clause > sentence > the acting state body's country > article focus; place names
used as actors are skipped."""

from __future__ import annotations

import pytest

from eventwire.actors.entities import load_parser
from eventwire.models import Location
from eventwire.places.gazetteer import Gazetteer, load_gazetteer
from eventwire.places.toponyms import (
    ToponymCandidate,
    find_toponyms,
    is_actor_use,
    locate_event,
    rank_countries,
    resolve_toponym,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def candidates(clause: list[str], sentence: list[str]) -> list[ToponymCandidate]:
    found = [ToponymCandidate(t, 0, len(t), "clause") for t in clause]
    return found + [ToponymCandidate(t, 0, len(t), "sentence") for t in sentence]


@pytest.mark.parametrize(
    ("clause", "sentence", "focus", "name", "country", "precision", "source"),
    [
        (["Tripoli"], ["Egypt"], "LBY", "Tripoli", "LBY", "city", "clause"),
        (["Libya", "Sirte"], [], "LBY", "Sirte", "LBY", "city", "clause"),  # most precise in scope
        ([], ["Benghazi"], "LBY", "Benghazi", "LBY", "city", "sentence"),
        (["Xyzzyville"], ["Misrata"], "LBY", "Misratah", "LBY", "city", "sentence"),
        ([], [], "LBY", "Libya", "LBY", "country", "article"),
        (["Nowhereville"], [], "COL", "Colombia", "COL", "country", "article"),
        (["Cauca"], [], "COL", "Cauca", "COL", "admin1", "clause"),
    ],
)
def test_where_clause_then_sentence_then_focus(
    gazetteer: Gazetteer, clause: list[str], sentence: list[str], focus: str, name: str,
    country: str, precision: str, source: str,
) -> None:
    location = locate_event(candidates(clause, sentence), gazetteer, [focus], focus)
    assert location is not None
    assert (location.name, location.country, location.precision, location.source) == (
        name, country, precision, source,
    )
    assert location.lat is not None and location.lon is not None


def test_where_tripoli_in_lebanon_story(gazetteer: Gazetteer) -> None:
    location = locate_event(candidates(["Tripoli"], []), gazetteer, ["LBN"], "LBN")
    assert location == Location(
        "Tripoli", "LBN", 34.43352, 35.84415, None, 266826, precision="city", source="clause"
    )


def test_where_acting_state_body_before_focus(gazetteer: Gazetteer) -> None:
    # No place named: the acting body's own country comes before the article's focus ...
    location = locate_event(candidates([], []), gazetteer, ["COL"], "COL", "ESP")
    assert (location.name, location.country, location.precision, location.source) == (
        "Spain", "ESP", "country", "actor")
    # ... but a named place still wins.
    location = locate_event(candidates(["Cauca"], []), gazetteer, ["COL"], "COL", "ESP")
    assert (location.country, location.source) == ("COL", "clause")


@pytest.mark.parametrize(
    ("text", "country", "source"),
    [
        # A foreign state body with no place named acts at home, not in the focus country.
        ("Colombian police arrested a cartel accountant. Spanish police arrested two smugglers on Monday.",
         "ESP", "actor"),
        ("A judge in Texas sentenced the Colombian trafficker. "
         "Colombian prosecutors charged three brothers with fraud.", "COL", "actor"),
        # A named place still decides; a cartel abroad is not a state body, so the focus country stays.
        ("Colombian police arrested a cartel accountant. Spanish police arrested two smugglers in Cali.",
         "COL", "clause"),
        ("Colombian police arrested a cartel accountant. The Sinaloa Cartel kidnapped a Colombian banker.",
         "COL", "article"),
        # armies act abroad, and force is used abroad: no home country for them
        ("Colombian police arrested a cartel accountant. US troops attacked a rebel camp on Monday.",
         "COL", "article"),
    ],
)
def test_where_coded_event_in_the_acting_body_country(text: str, country: str, source: str) -> None:
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text(text, date="2021-03-01", settings=Settings(min_confidence=0.0))
    last = [e for e in events if e.sentence_index == 1]
    assert last, events
    assert (last[0].location.country, last[0].location.source) == (country, source), last[0]


def test_where_nothing_known_gives_none(gazetteer: Gazetteer) -> None:
    assert locate_event(candidates(["Xyzzyville"], []), gazetteer, [], None) is None


@pytest.mark.parametrize(
    ("text", "context", "name", "country", "admin1"),
    [
        ("Jamundi, Colombia", [], "Jamundí", "COL", "Valle del Cauca"),
        ("Jamundi, Valle del Cauca", [], "Jamundí", "COL", "Valle del Cauca"),
        ("Tripoli, Lebanon", ["LBY"], "Tripoli", "LBN", None),  # the qualifier beats context
        ("Sirte in Libya", [], "Sirte", "LBY", None),
        ("Paris, Texas", [], "Paris", "USA", "Texas"),
        ("Springfield, Illinois", [], "Springfield", "USA", "Illinois"),
        ("Villacolombia, Colombia", [], "Colombia", "COL", None),  # falls back to the country
        ("Washington, D.C.", [], "Washington", "USA", "District of Columbia"),
        ("Albany, New York State", [], "Albany", "USA", "New York"),
        ("Caqueta province", [], "Caquetá", "COL", "Caquetá"),
        ("the department of Cauca", [], "Cauca", "COL", "Cauca"),
    ],
)
def test_where_place_qualified_by_country(
    gazetteer: Gazetteer, text: str, context: list[str], name: str, country: str,
    admin1: str | None,
) -> None:
    place = resolve_toponym(text, gazetteer, context)
    assert place is not None
    assert (place.name, place.country, place.admin1) == (name, country, admin1)


@pytest.mark.parametrize(
    ("sentence", "word", "actor"),
    [
        ("Moscow said on Monday it would veto the resolution.", "Moscow", True),
        ("Washington rejected the proposal.", "Washington", True),
        ("Russia and the United States rejected the proposal.", "States", True),
        ("Russia insisted not to criticize Haftar.", "Russia", True),
        ("Fighters attacked Tripoli on Monday.", "Tripoli", False),
        ("Four people were killed in Jamundi.", "Jamundi", False),
    ],
)
def test_where_actor_use(nlp, sentence: str, word: str, actor: bool) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert is_actor_use(token) is actor


def test_where_find_toponyms_skips_actors_and_demonyms(nlp) -> None:
    text = (
        "Moscow said it would veto the resolution. Libyan forces shelled Tripoli. "
        "Four people were killed in Jamundi, Colombia."
    )
    found = {t: (place, reason) for t, _, _, place, reason in find_toponyms(text, nlp)}
    assert found["Moscow"][0] is None and found["Moscow"][1].startswith("actor use")
    assert found["Libyan"][0] is None and "demonym" in found["Libyan"][1]
    tripoli, jamundi = found["Tripoli"][0], found["Jamundi"][0]
    assert tripoli is not None and tripoli.country == "LBY"
    assert jamundi is not None and (jamundi.country, jamundi.admin1) == ("COL", "Valle del Cauca")
    for text_, start, end, _, _ in find_toponyms(text, nlp):
        assert text[start:end] == text_


def test_where_rank_countries_most_named_first_ties_alphabetical() -> None:
    counts = {"USA": 1, "MEX": 1, "COL": 2}  # USA named before MEX
    assert rank_countries(counts) == ["COL", "MEX", "USA"]
    assert rank_countries(counts, 2) == ["COL", "MEX"]
    assert rank_countries({}) == []


def test_where_find_toponyms_ranks_context_as_the_coder_does(nlp) -> None:
    """A tie between two countries named once each: find_toponyms reads "Monterrey" against
    them in the coder's order (MEX before USA), not in the order the text named them, so it
    lists the place the coder would choose."""
    text = "Floods hit the United States and Mexico on Monday. Rescuers reached Monterrey on Tuesday."
    found = {t: (place, reason) for t, _, _, place, reason in find_toponyms(text, nlp)}
    place, reason = found["Monterrey"]
    assert place is not None and place.country == "MEX", (place, reason)
    assert reason.endswith("(context MEX, USA)")


def test_where_seed_places(nlp, shared_dir) -> None:
    from tests.conftest import SEED_PATH

    text = SEED_PATH.read_text(encoding="utf-8")
    found = find_toponyms(text, nlp)
    places = {p.name for _, _, _, p, _ in found if p is not None}
    assert "Tripoli" in places and "Libya" in places
    actors = {t for t, _, _, p, reason in found if p is None and reason.startswith("actor")}
    assert "Russia" in actors  # "rejected Thursday by Russia" is passive, but "Russia insisted"
    tripolis = [p for _, _, _, p, _ in found if p is not None and p.name == "Tripoli"]
    assert tripolis and all(p.country == "LBY" for p in tripolis)


def test_common_word_known_only_as_an_alternate_name_is_not_a_place():
    from eventwire.places.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.resolve("Dawn") is None  # the newspaper, not Fajar (Singapore)
    assert gazetteer.resolve("Reading").country == "GBR"  # a primary name stays a place
    assert gazetteer.resolve("Peshawar").country == "PAK"

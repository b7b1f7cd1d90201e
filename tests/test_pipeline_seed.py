"""End to end on the canonical seed article (issues #2, #4, #5): raw scraped text in, events out."""

from __future__ import annotations

import json

import pytest
from conftest import shared_file

from eventwire.config import Settings
from eventwire.engines.local import code_files

# (source, target, CAMEO root, date or None): source/target are ISO3 countries, or IGOUNO for the UN.
EXPECTED = {
    "call": ({"USA"}, {"LBY"}, "04", "2019-04-15"),
    "recognise": ({"USA"}, {"LBY"}, "05", None),
    "offensive": ({"LBY"}, {"LBY"}, "19", "2019-04-04"),
    "reject_draft": ({"RUS", "USA"}, {"GBR", "IGOUNO"}, "12", "2019-04-18"),
    "arrest_order": ({"LBY"}, {"LBY"}, "17", None),
    "warrant_sarraj": ({"LBY"}, {"LBY"}, "17", "2019-04-11"),
    "envoy_warning": ({"IGOUNO"}, {"LBY"}, "01", "2019-04-18"),
}


# Further events that are true readings of the article (not among the 7 the issue lists).
# An event is *wrong* when it matches neither list; a missing actor (None) is incomplete, not wrong.
ACCEPTABLE = {
    # headline: Trump "stressed his commitment in the fight against terrorism"
    "commitment": ({"USA"}, {None}, "03", None),
    # "a government recognized by the UN"
    "un_recognition": ({"IGOUNO"}, {"LBY"}, "05", None),
    # "The army supports a rival administration based in eastern Libya"
    "army_support": ({"LBY"}, {"LBY"}, "05", None),
    # "... a rival administration ... that refuses to recognize the authority of the Tripoli government"
    "administration_refusal": ({"LBY"}, {"LBY"}, "12", None),
    # "Russia insisted not to criticize Haftar in the draft resolution": Russia's stated position
    "russia_position": ({"RUS"}, {"LBY"}, "01", None),
}


def _party(actor: dict | None) -> str | None:
    if actor is None:
        return None
    return actor["country"] or actor["code"][:6]


def _matches(event: dict, spec: tuple) -> bool:
    sources, targets, root, _ = spec
    src, tgt = _party(event["source"]), _party(event["target"])
    if root == "04":  # a call is symmetric
        pair_ok = {src, tgt} == {"USA", "LBY"}
    else:
        pair_ok = src in sources and tgt in targets
    return pair_ok and event["cameo_root"] == root


def _code_seed(tmp_path_factory, settings: Settings | None) -> list[dict]:
    seed = shared_file("devdata", "seed_article_haftar_2019.txt")
    out = tmp_path_factory.mktemp("seed") / "events.jsonl"
    summary = code_files([str(seed)], date="2019-04-19", db=None, out=out, settings=settings)
    assert summary.articles == 1 and summary.errors == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory) -> list[dict]:
    """The seed coded as users get it, at the verifier's default threshold."""
    return _code_seed(tmp_path_factory, None)


@pytest.fixture(scope="module")
def seed_matches(tmp_path_factory) -> list[dict]:
    """Every match the rules code, whatever the verifier thinks of it (threshold 0)."""
    return _code_seed(tmp_path_factory, Settings(min_confidence=0.0))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pipeline_seed_rules_find_event(seed_matches, name):
    _assert_found(seed_matches, name)


# At the default threshold all seven are kept (issue 16: "the seed article still yields its
# seven events"); the UN envoy's statement, a plain "said", is the least sure of them.
DEFAULT_KEPT = sorted(EXPECTED)


@pytest.mark.parametrize("name", DEFAULT_KEPT)
def test_pipeline_seed_finds_event(seed_events, name):
    _assert_found(seed_events, name)


def _assert_found(seed_events: list[dict], name: str) -> None:
    spec = EXPECTED[name]
    found = [e for e in seed_events if _matches(e, spec)]
    assert found, f"{name}: no event {spec}; got " + "; ".join(
        f"{_party(e['source'])}->{_party(e['target'])} {e['cameo']} {e['date']}" for e in seed_events)
    if spec[3] is not None:
        assert spec[3] in {e["date"] for e in found}, f"{name}: dates {[e['date'] for e in found]}"


def _plausible(event: dict, spec: tuple) -> bool:
    sources, targets, root, _ = spec
    src, tgt = _party(event["source"]), _party(event["target"])
    if event["cameo_root"] != root:
        return False
    if root == "04":
        return {src, tgt} - {None} <= {"USA", "LBY"}
    return (src is None or src in sources) and (tgt is None or tgt in targets or None in targets)


def test_pipeline_seed_few_wrong_events(seed_events):
    specs = [*EXPECTED.values(), *ACCEPTABLE.values()]
    wrong = [e for e in seed_events if not any(_plausible(e, spec) for spec in specs)]
    assert len(wrong) <= 2, "wrong events: " + "; ".join(
        f"{e['cameo']} {_party(e['source'])}->{_party(e['target'])} '{e['trigger']['text']}' in: {e['sentence'][:80]}"
        for e in wrong)


def test_pipeline_seed_nothing_dated_2011(seed_events):
    assert not [e for e in seed_events if (e["date"] or "").startswith("2011")]


def test_pipeline_seed_offensive_located_in_tripoli(seed_events):
    offensive = [e for e in seed_events if _matches(e, EXPECTED["offensive"])]
    loc = offensive[0]["location"]
    assert loc is not None and loc["country"] == "LBY" and loc["name"] == "Tripoli"
    assert abs(loc["lat"] - 32.89) < 0.1 and abs(loc["lon"] - 13.19) < 0.1


def test_pipeline_seed_contract_fields(seed_events):
    required = {"event_id", "doc_id", "sentence_index", "sentence", "date", "date_source", "source", "target",
                "cameo", "cameo_root", "quad_class", "goldstein", "plover", "modality", "location", "trigger",
                "rule", "confidence"}
    for e in seed_events:
        assert required <= set(e)
        assert isinstance(e["cameo"], str) and e["cameo"].startswith(e["cameo_root"])
        assert e["quad_class"] in (1, 2, 3, 4)
        assert set(e["plover"]) == {"type", "mode"}
        # PLOVER has no category for public statements (CAMEO 01); every other root has a type.
        assert e["plover"]["type"] or e["cameo_root"] == "01"
        assert e["modality"] == "asserted"
        for role in ("source", "target"):
            if e[role] is not None:
                assert set(e[role]) >= {"code", "country", "sectors", "name", "text", "start", "end"}

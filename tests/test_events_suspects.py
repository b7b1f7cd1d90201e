"""The one arrested is a suspect (CRM) unless the text gives them a role (events/suspects.py)."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings
from eventwire.errors import DictionaryError
from eventwire.events.suspects import load_suspect_rules, parse_rules

ALL = Settings(min_confidence=0.0)


def _events(text: str, root: str = "17") -> list:
    return [e for e in code_text(text, date="2021-05-01", settings=ALL)
            if e.modality == "asserted" and e.cameo_root == root]


def _targets(text: str) -> list[str | None]:
    return [e.target.code if e.target else None for e in _events(text)]


@pytest.mark.parametrize(("text", "target"), [
    # an unknown name: a suspect of the article's focus country (from the city)
    ("Police arrested Ramiro Quintana Sosa in Medellin on Friday.", "COLCRM"),
    # person nouns, active and passive, and counted
    ("Two men were detained by police in Lima on Tuesday.", "PERCRM"),
    ("Federal agents arrested six people in Houston last week.", "USACRM"),
    # a nationality is the suspect's own country, not the focus
    ("Peruvian police arrested a Bolivian national in Cusco on Monday.", "BOLCRM"),
])
def test_an_arrested_person_with_no_role_is_a_suspect(text, target):
    assert target in _targets(text), [(e.cameo, e.target) for e in _events(text)]
    event = next(e for e in _events(text) if e.target and e.target.code == target)
    assert "suspect" in event.rule and "suspects.yaml" in event.target.evidence


@pytest.mark.parametrize(("text", "sector"), [
    ("Police arrested the mayor of Cali on Friday.", "GOV"),
    ("Military police detained two soldiers in Quito on Monday.", "MIL"),
])
def test_a_role_the_text_gives_is_kept(text, sector):
    targets = _targets(text)
    assert targets and all(t is None or not t.endswith("CRM") for t in targets), targets
    assert any(t and t.endswith(sector) for t in targets), targets


def test_confiscated_contraband_belongs_to_criminals():
    events = _events("Customs officers seized 300 kilograms of cocaine at the port of Callao on Sunday.")
    assert events and events[0].cameo == "1711", events
    assert events[0].target is not None and events[0].target.code == "CRM", events[0].target


def test_a_seized_town_is_not_contraband():
    events = _events("Rebels seized the town of Kidal on Sunday.", root="19")
    assert events and all(e.target is None or e.target.code != "CRM" for e in events)


def test_rules_file_is_validated():
    rules = load_suspect_rules()
    assert "173" in rules.codes and "people" in rules.persons and "cocaine" in rules.contraband
    with pytest.raises(DictionaryError, match="quoted CAMEO codes"):
        parse_rules("codes: [arrest]\npersons: [man]\nconfiscation: ['1711']\ncontraband: [drug]\nmeasures: [ton]\n"
                    "enforcers: {'173': COP}\nauthorities: [authority]\n"
                    "held_by: {face: JUD}\nsent_by: {deport: GOV}\nsent_by_own_state: []\n"
                    "expelled_when_undergone: {}\n", "s.yaml")
    with pytest.raises(DictionaryError, match="exactly the keys"):
        parse_rules("codes: ['173']\n", "s.yaml")


@pytest.mark.parametrize(("text", "source"), [
    ("Panamanian authorities arrested Ramiro Quintana Sosa in Colon on Friday.", "PANCOP"),
    ("Chilean authorities sentenced the smuggler to ten years in prison on Monday.", "CHLJUD"),
    # a pronoun that stands for the authorities
    ("On Monday, Peruvian authorities announced they had arrested twelve smugglers in Tacna.", "PERCOP"),
])
def test_authorities_carrying_out_an_arrest_or_a_sentence_are_police_or_judges(text, source):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert source in [e.source.code for e in events if e.source], events


def test_authorities_that_seize_stay_the_government():
    events = _events("Chilean authorities seized two tons of cocaine in Valparaiso on Monday.")
    assert events and events[0].source is not None and events[0].source.code == "CHLGOV", events


def test_enforcers_must_map_codes_to_sectors():
    with pytest.raises(DictionaryError, match="'enforcers' must map"):
        parse_rules("codes: ['173']\npersons: [man]\nconfiscation: ['1711']\ncontraband: [drug]\nmeasures: [ton]\n"
                    "enforcers: {'173': police}\nauthorities: [authority]\n"
                    "held_by: {face: JUD}\nsent_by: {deport: GOV}\nsent_by_own_state: []\n"
                    "expelled_when_undergone: {}\n", "s.yaml")


@pytest.mark.parametrize("text", [
    "The navy intercepted a shipment of cocaine off Manta on Sunday.",
    "A joint operation netted 400 kilograms of heroin in Karachi on Sunday.",
])
def test_seizing_verbs_and_shipments_of_contraband(text):
    events = _events(text)
    assert events and events[0].cameo == "1711", events
    assert events[0].target is not None and events[0].target.code == "CRM", events[0].target


@pytest.mark.parametrize(("text", "target"), [
    # what a seized vehicle carries makes its owner a criminal
    ("Customs officers seized a truck loaded with 300 kilos of marijuana near Tijuana.", "CRM"),
    ("The coast guard seized a boat carrying two tons of cocaine on Friday.", "CRM"),
    # the participle may hang on the seizing verb, after a comma
    ("Peruvian police seized a fishing boat near the port of Callao, loaded with two tons of marijuana.", "CRM"),
    ("The navy seized a speedboat off the northern coast, carrying around 800 kilos of cocaine.", "CRM"),
    # "from" names whose it was
    ("Police in Spain seized over one ton of cocaine from a Colombian drug trafficking network.", "COLCRM"),
])
def test_the_owner_of_a_vehicle_carrying_contraband_or_named_after_from(text, target):
    assert _targets(text) == [target]


def test_a_vehicle_carrying_passengers_is_not_contraband():
    assert _targets("Soldiers seized a bus carrying forty passengers on Friday.") != ["CRM"]
    assert _targets("Soldiers seized a bus on the highway, carrying forty passengers.") != ["CRM"]


@pytest.mark.parametrize(("text", "source", "target"), [
    # the one who faces charges or serves a sentence undergoes it; the courts of the country
    # named where it is hold them
    ("Two former governors are facing indictments in the United States for aiding criminal groups.",
     "USAJUD", "USAGOV"),
    ("The rebel commander is serving a prison sentence in the US.", "USAJUD", "USAREB"),
    ("The gang leader faces 12 years in prison for drug trafficking.", None, "CRM"),
])
def test_the_subject_of_facing_charges_undergoes_them_held_by_the_courts_named(text, source, target):
    event = _events(text)[0]
    assert (event.source.code if event.source else None, event.target.code) == (source, target)


def test_held_by_must_map_lemmas_to_sectors():
    text, path = packaged_text_of_suspects()
    with pytest.raises(DictionaryError, match="held_by"):
        parse_rules(text.replace("held_by: {face: JUD, serve: JUD}", "held_by: {face: judges}"), path)


def packaged_text_of_suspects():
    from eventwire.userfiles import packaged_text
    return packaged_text("suspects.yaml")


@pytest.mark.parametrize(("text", "source", "target"), [
    # an extradition sends an individual away (174); with no "from", by the state of the one sent
    ("The former Mexican governor was later extradited to the United States.", "MEXGOV", "MEXGOV"),
    # "from" names the state that sends them
    ("Two Guatemalans were deported from Spain on Monday.", "ESPGOV", "GTMCRM"),
])
def test_the_state_that_sends_someone_away(text, source, target):
    event = _events(text)[0]
    assert (event.cameo, event.source.code, event.target.code) == ("174", source, target)


@pytest.mark.parametrize(("text", "code"), [
    ("Turkey extradited a US citizen suspected of being an Islamic State militant.", "063"),  # states cooperate
    ("The former Mexican governor was later extradited to the United States.", "174"),  # he is expelled
])
def test_an_extradition_by_a_named_state_is_cooperation_undergone_it_is_expulsion(text, code):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert events[0].cameo == code


@pytest.mark.parametrize("text", [
    "Customs agents seized a cocaine shipment at the port of Callao on Sunday.",
    "Police seized 40 barrels of precursor chemicals in Lima on Friday.",
])
def test_contraband_named_by_the_word_that_classes_it(text):
    events = _events(text)
    assert events and events[0].target is not None and events[0].target.code == "CRM", events

"""Reported speech that alleges wrongdoing is an accusation (1121), and a country named as a
party to an event is its government."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings
from eventwire.errors import DictionaryError
from eventwire.events.accuse import load_accusation_rules, parse_rules


def _codes(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in code_text(text, date="2021-05-01")]


def test_claim_of_wrongdoing_is_an_accusation():
    events = code_text("Police claimed the victims were involved in drug trafficking.", date="2021-05-01")
    assert events[0].cameo == "1121"
    assert events[0].source.sectors == ("COP",) and events[0].target.sectors == ("CVL",)
    assert "reported wrongdoing 'involve'" in events[0].rule


def test_the_accused_is_the_criminal_actor_of_the_clause():
    events = code_text("Mexican officials said the mayor was on the payroll of the Sinaloa Cartel for years.",
                       date="2021-05-01")
    accusations = [e for e in events if e.cameo == "1121"]
    assert accusations and "CRM" in accusations[0].target.sectors


def test_a_reported_act_stays_itself():
    codes = _codes("The spokesman said the gang killed three farmers in Sinaloa.")
    assert codes and all(c[0][:2] != "11" for c in codes)
    assert any(c[0][:2] in ("18", "19") for c in codes)


def test_a_plain_statement_is_not_an_accusation():
    assert all(c[0] != "1121" for c in _codes("The minister said the talks with Colombia went well on Monday."))


@pytest.mark.parametrize("text", [
    "The governor said that the valley was a key route for cocaine trafficking.",
    "Only a fifth of extortion victims reported the crime, police officials said.",
])
def test_wrongdoing_with_no_one_to_accuse_is_no_accusation(text):
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert not [e for e in events if e.cameo == "1121"], [(e.cameo, e.rule) for e in events]


@pytest.mark.parametrize(("text", "accusation"), [
    # a wrongdoing word in a phrase that places someone is where they are, not an allegation
    ("The Peruvian minister added that young men are often drawn into the drug gangs because of poverty.", False),
    ("The governor of Lima said that more women are taking on larger roles in organized crime.", False),
    ("The Peruvian police chief said the mayor of Lima worked for the Shadows cartel.", True),
])
def test_wrongdoing_that_only_places_someone_is_no_accusation(text, accusation):
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo == "1121" for e in events) is accusation, [(e.cameo, e.rule) for e in events]


def test_rules_file_is_validated():
    assert "say" in load_accusation_rules().speech
    with pytest.raises(DictionaryError, match="expected exactly the keys"):
        parse_rules("code: '1121'\n", "acc.yaml")
    with pytest.raises(DictionaryError, match="code must be a CAMEO code"):
        parse_rules("code: 1121x\nspeech: [say]\nwrongdoing: [x]\naccused_sectors: [CRM]\n", "acc.yaml")


@pytest.mark.parametrize(("text", "source"), [
    ("Argentina deported a Colombian model on Friday.", "ARGGOV"),
    ("Costa Rica accused Nicaragua of invading its territory.", "CRIGOV"),
])
def test_a_state_as_a_party_is_its_government(text, source):
    codes = _codes(text)
    assert codes and codes[0][1] == source


def test_a_demonym_is_not_the_state():
    codes = _codes("A Colombian gang attacked a bus in Quito on Monday.")
    assert all(c[1] != "COLGOV" for c in codes)


def test_a_capital_in_a_verbal_act_is_the_government_and_a_seized_city_a_place():
    assert ("112", "UKRGOV", "RUSGOV") in [(c[0][:3], c[1], c[2]) for c in _codes(
        "Ukraine accused Moscow of sending troops across the border on Monday.")]
    seized = [c for c in _codes("Haftar's forces seized Tripoli on Monday.") if c[0].startswith("19")]
    assert seized and seized[0][2] == "LBY"


@pytest.mark.parametrize(("text", "expected"), [
    ("Prosecutors linked the mayor of Cali to the Gulf Cartel on Monday.", "1121"),
    ("Forty police officers have been linked to extortion in Caracas.", "1121"),
    ("The new road links Quito to Guayaquil.", None),  # no crime: not an allegation
])
def test_being_linked_to_a_crime_is_an_allegation(text, expected):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    codes = [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
             if e.modality == "asserted"]
    assert (expected in codes) if expected else ("1121" not in codes), codes


def test_an_allegation_reported_is_the_speakers_accusation_not_a_second_event():
    from eventwire.config import Settings
    events = [e for e in code_text("Police claimed the victims were involved in drug trafficking.",
                                   date="2021-05-01", settings=Settings(min_confidence=0.0))
              if e.modality == "asserted"]
    assert [(e.cameo, e.source.code, e.target.code) for e in events] == [("1121", "COP", "CVL")]


def test_involvement_in_crime_is_an_allegation():
    from eventwire.config import Settings
    events = code_text("Crime groups operating in Bolivia have been implicated in cocaine trafficking.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [(e.cameo, e.target.code) for e in events] == [("1121", "BOLCRM")]


@pytest.mark.parametrize(("text", "code"), [
    # a reported clause that denies the wrongdoing alleges none
    ("Police officials told reporters the gang did not have the contacts to smuggle cocaine abroad.", "010"),
    ("Police officials told reporters the gang had the contacts to smuggle cocaine abroad.", "1121"),
])
def test_a_negated_reported_clause_is_no_accusation(text, code):
    from eventwire.config import Settings
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [e.cameo for e in events if e.trigger.text == "told"] == [code]


@pytest.mark.parametrize(("text", "target"), [
    # tied to an actor by an allegation: the one linked undergoes it, passive or active
    ("The Peruvian congressman has been linked to the Shining Path.", "PERLEG"),
    ("Prosecutors have tied the Bolivian senator to the Shining Path.", "BOLLEG"),
    ("The Bolivian senator appears linked to the Shining Path.", "BOLLEG"),
])
def test_being_linked_to_an_actor_is_an_allegation(text, target):
    from eventwire.config import Settings

    events = [e for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
              if e.modality == "asserted" and e.cameo == "1121"]
    assert [e.target.code for e in events] == [target], events


def test_no_evidence_linking_is_no_allegation():
    from eventwire.config import Settings

    events = code_text("There is no evidence linking the Bolivian senator to the Shining Path.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    assert all(e.modality == "negated" for e in events if e.cameo_root == "11"), events


def test_a_document_speaks_for_its_author():
    from eventwire.config import Settings

    for text in ("A report by the Peruvian army accused the Shining Path of drug trafficking.",
                 "The Peruvian army's report accused the Shining Path of drug trafficking."):
        events = [e for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
                  if e.cameo_root == "11"]
        assert events and events[0].source is not None and events[0].source.code == "PERMIL", events


def test_a_new_road_linking_two_countries_is_no_allegation():
    from eventwire.config import Settings

    events = code_text("A new highway links Peru to Bolivia.", date="2021-05-01", settings=Settings(min_confidence=0))
    assert not [e for e in events if e.cameo_root == "11"], events


@pytest.mark.parametrize("text", [
    "The Peruvian governor stands accused of embezzlement.",
    "The Ecuadorian mayor stands charged with fraud.",
])
def test_the_subject_of_a_state_participle_undergoes_it(text):
    from eventwire.config import Settings

    events = [e for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
              if e.cameo_root in ("11", "17")]
    assert events and events[0].source is None and events[0].target is not None, events


@pytest.mark.parametrize(("text", "target"), [
    # a place the wrongdoing comes from gives the accused criminals their country
    ("Chilean prosecutors claim that dozens of cocaine flights leaving from Peru land there every week.",
     "PERCRM"),
    # a place it goes to is no party: the accused are the speaker's country's criminals
    ("Ecuadorean officials claim that the red trucks were carrying cocaine to Peru.", "ECUCRM"),
])
def test_a_place_in_an_accusation_is_not_the_accused(text, target):
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    accusations = [e for e in events if e.cameo == "1121"]
    assert accusations and accusations[0].target.code == target, [(e.cameo, e.target, e.rule) for e in events]


@pytest.mark.parametrize(("text", "source", "target"), [
    # a suspicion or belief whose clause names wrongdoing accuses the party of the clause
    ("Peruvian police suspect that the Shining Path was behind the cocaine shipment.", "PERCOP", "PERREB"),
    ("Bolivian prosecutors believe a local gang carried out the extortion scheme.", "BOLJUD", "BOLCRM"),
])
def test_a_suspicion_of_wrongdoing_is_an_accusation(text, source, target):
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert ("1121", source, target) in [(e.cameo, e.source.code if e.source else None,
                                         e.target.code if e.target else None) for e in events], \
        [(e.cameo, e.source, e.target, e.rule) for e in events]


def test_a_belief_with_no_wrongdoing_is_no_accusation():
    codes = [e.cameo for e in code_text("Chilean officials believe the economy will grow next year.",
                                        date="2021-05-01", settings=Settings(min_confidence=0.0))]
    assert "1121" not in codes and all(c[:2] == "01" for c in codes), codes

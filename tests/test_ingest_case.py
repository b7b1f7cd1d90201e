"""All-capital text is written in ordinary case before parsing, keeping every offset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.coding.coder import code_text, get_coder
from eventwire.config import Settings
from eventwire.ingest.case import CaseVocabulary, is_headline, is_shouting, is_wire_headline, restore_case

VOCAB = CaseVocabulary.build(["Red Command", "DEA", "Tijuana", "Ciudad Juarez", "Khalifa Haftar", "Haftar"],
                             always=["Turkey"], minor=["Plunge"])


def test_shouting_lines_only():
    assert is_shouting("POLICE ARRESTED TWO MEN IN TIJUANA.")
    assert not is_shouting("Police arrested two men in Tijuana.")
    assert not is_shouting("UPDATE 2")  # too short to tell
    mixed = "PROTESTS IN TIJUANA\nPolice arrested two men in Tijuana on Monday."
    assert restore_case(mixed, VOCAB).splitlines()[1] == mixed.splitlines()[1]


def test_names_phrases_acronyms_and_sentence_starts():
    text = "THE DEA SAID THE RED COMMAND FOUGHT IN CIUDAD JUAREZ. TURKEY AND HAFTAR MET ON MAY 5 IN TIJUANA."
    assert restore_case(text, VOCAB) == ("The DEA said the Red Command fought in Ciudad Juarez. "
                                         "Turkey and Haftar met on May 5 in Tijuana.")


def test_unknown_words_are_names_and_common_words_are_not():
    out = restore_case("OFFICIALS SAID BUKELE WILL PLUNGE THE COUNTRY INTO CHAOS. TROOPS MAY MARCH.", VOCAB)
    assert out == "Officials said Bukele will plunge the country into chaos. Troops may march."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_same_length_and_same_letters(text):
    shouted = text.upper()
    out = restore_case(shouted, VOCAB)
    assert len(out) == len(shouted)
    assert out.lower() == shouted.lower() or out == shouted


@pytest.mark.parametrize("sentence", [
    "Peruvian police arrested three gang members in Lima on Monday.",
    "Russia rejected the British proposal on Thursday.",
])
def test_all_capital_sentences_code_like_mixed_case(sentence):
    mixed = [(e.cameo, e.source and e.source.code, e.target and e.target.code)
             for e in code_text(sentence, date="2021-05-01")]
    upper = [(e.cameo, e.source and e.source.code, e.target and e.target.code)
             for e in code_text(sentence.upper(), date="2021-05-01")]
    assert mixed and upper == mixed


def test_the_event_keeps_the_original_text():
    events = code_text("PERUVIAN POLICE ARRESTED THREE GANG MEMBERS IN LIMA ON MONDAY.", date="2021-05-01")
    assert events and events[0].sentence.startswith("PERUVIAN POLICE") and events[0].trigger.text == "ARRESTED"
    assert get_coder().prepare("PERUVIAN POLICE ARRESTED THREE GANG MEMBERS IN LIMA.").startswith("Peruvian police")


@pytest.mark.parametrize(("line", "headline"), [
    ("Navy Seizes Record Cocaine Haul Off Pacific Coast.", True),
    ("Rebels Accused of Burning Villages in Northern Province.", True),
    ("The navy seized a record cocaine haul off the Pacific coast on Tuesday.", False),
    ("President Ortega Meets Rebel Leaders.".upper(), False),  # capitals: cannot tell
    ("Police arrested Juan Perez.", False),
])
def test_headlines_are_short_title_case_lines(line, headline):
    assert is_headline(line) is headline


def test_a_headline_is_not_coded_its_body_is():
    text = ("Navy Seizes Record Cocaine Haul Off Pacific Coast. The Colombian navy seized eight tons of cocaine "
            "off the coast of Tumaco on Tuesday, officials said.")
    events = code_text(text, date="2021-05-04")
    assert events and all(e.sentence_index == 1 for e in events)
    # with no body after it, a short capitalised sentence is not taken for a headline
    events = code_text("The Colombian Navy Seized Eight Tons of Cocaine Near Tumaco on Tuesday.", date="2021-05-04")
    assert [e.sentence_index for e in events] == [0]


@pytest.mark.parametrize(("line", "root_tag", "headline"), [
    ("PERUVIAN NAVY SEIZES RECORD COCAINE HAUL OFF PACIFIC COAST.", "VBZ", True),  # present for past
    ("REBEL LEADER ACCUSED BY PROSECUTORS WILL SURRENDER: REPORTS.", "VB", True),
    ("REBELS KILLED FOUR SOLDIERS IN NORTHERN PROVINCE ON MONDAY.", "VBD", False),  # a lead: past tense
    ("THE NAVY SEIZES A RECORD COCAINE HAUL.", "VBZ", False),  # articles: a sentence
    ("Peruvian navy seizes record cocaine haul off Pacific coast.", "VBZ", False),  # not capitals
    ("PERUVIAN NAVY SEIZES RECORD COCAINE HAUL OFF PACIFIC COAST OF COUNTRY AFTER MONTHS OF TRACKING "
     "SUSPECTED SMUGGLERS.", "VBZ", False),  # too long for a headline
])
def test_capital_headlines_are_told_by_headlinese(line, root_tag, headline):
    assert is_wire_headline(line, root_tag) is headline


def test_an_all_capital_headline_is_not_coded_its_body_is():
    text = ("ECUADOR POLICE ARREST FUGITIVE GANG LEADER IN GUAYAQUIL. ECUADORIAN POLICE ARRESTED THE LEADER "
            "OF THE LOS CHONEROS GANG IN GUAYAQUIL ON FRIDAY, THE INTERIOR MINISTRY SAID.")
    events = code_text(text, date="2021-05-08")
    assert events and all(e.sentence_index == 1 for e in events)
    # an all-capital lead in the past tense is coded
    events = code_text("GUNMEN KILLED FIVE FARMERS IN CAUCA. POLICE SAID THE ATTACK BEGAN AT DAWN.",
                       date="2021-05-08", settings=Settings(min_confidence=0.0))
    assert 0 in {e.sentence_index for e in events}


def test_all_capital_incident_reports_find_their_district_and_no_lowercase_towns():
    # "MOL" restored to "mol" is a company's word, not the Belgian town; "HANGU DISTRICT"
    # restored to "Hangu district" is the district
    text = ("TWO POLICEMEN OF THE MOL OIL COMPANY GUARD WERE INJURED WHEN MILITANTS OPENED FIRE AT A "
            "CHECKPOINT IN HANGU DISTRICT ON MONDAY.")
    events = code_text(text, date="2021-05-04")
    assert events and {e.source.country for e in events if e.source} <= {"PAK"}
    assert {e.target.country for e in events if e.target} <= {"PAK"}

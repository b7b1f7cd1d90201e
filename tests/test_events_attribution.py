"""A statement that only attributes the words before it ("..., the newspaper added") is the
source of the news, not an event; a party's accusation stays one."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings

ALL = Settings(min_confidence=0.0)


def _events(text: str):
    return [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]


@pytest.mark.parametrize("text", [
    "Kidnapping is among the least reported crimes in the region, the Peruvian newspaper added.",
    "Armed gangs like the Shadows have been smuggling cocaine through Lima for a decade, the report added.",
    "Drug trafficking gangs have grown in the northern provinces, the study said.",
])
def test_a_cited_outlet_or_document_does_not_accuse(text):
    assert not [e for e in _events(text) if e.trigger.text in ("added", "said")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("He was one of the five most wanted criminals in Europe, reported the Peruvian newspaper El Sol.",
     "reported"),
    ("The mayor of Lima had been under investigation for two years, reported the news agency Andina.",
     "reported"),
])
def test_an_inverted_attribution_is_not_an_event(text, speaker):
    assert not [e for e in _events(text) if e.trigger.text == speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("The mayor of Lima had been under investigation for two years, reported the news agency Andina.", "Andina"),
    ("He was one of the most wanted men in Europe, reported El Sol.", "Sol"),
    ("The mayor of Lima said the talks went well, reported the news agency Andina.", "Andina"),
])
def test_the_speaker_after_an_inverted_verb(text, speaker):
    from eventwire.coding.coder import get_coder
    from eventwire.events.match import inverted_speaker, reports_before
    doc = get_coder(ALL).parse(text)
    verb = next(t for t in doc if t.text == "reported")
    found = inverted_speaker(verb)
    assert found is not None and speaker in {t.text for t in found.subtree}
    assert reports_before(verb)
    said = [t for t in doc if t.text == "said"]
    assert all(inverted_speaker(t) is None for t in said)  # "The mayor said": its own subject


def test_a_party_that_accuses_after_its_words_still_accuses():
    events = _events("Cartels have bought off half of the border police, Colombian prosecutors told reporters.")
    assert any(e.cameo == "1121" and e.source is not None and "JUD" in e.source.sectors for e in events)


@pytest.mark.parametrize("text", [
    "The Peruvian interior minister told the newspaper El Sol that drug gangs were growing stronger in the north.",
    "The Peruvian interior minister admitted to the newspaper El Sol that the army had failed.",
    "Talking to reporters in Lima, a Shining Path spokesman claimed responsibility for the ambush.",
])
def test_the_outlet_told_is_not_the_target(text):
    statements = [e for e in _events(text) if e.cameo.startswith("01") or e.cameo == "1121"]
    assert statements
    assert all(e.target is None or "MED" not in e.target.sectors for e in statements)


def test_a_statement_to_an_outlet_is_about_its_clause():
    events = _events("The Peruvian interior minister told the newspaper El Sol that the Shining Path was weakened.")
    assert any(e.cameo.startswith("01") and e.target is not None and "PER" == e.target.country for e in events)


def test_a_dismissed_report_stays_the_target():
    events = _events("A spokesman for the Peruvian police dismissed the report by the newspaper El Sol.")
    assert any(e.cameo == "016" and e.target is not None and "MED" in e.target.sectors for e in events)


@pytest.mark.parametrize("text", [
    "The size of the seizure suggests Peruvian cartels are moving more cocaine through Callao.",
    "The rise in kidnappings indicates the gangs in Lima have found a new business.",
])
def test_a_thing_that_suggests_is_no_speaker(text):
    assert not [e for e in _events(text) if e.trigger.text in ("suggests", "indicates")]


@pytest.mark.parametrize(("text", "verb"), [
    ("Peruvian police suggested the gangs had received training from former soldiers.", "suggested"),
    ("Government reports indicated that cocaine trafficking through Callao is run by a cartel.", "indicated"),
])
def test_a_speaker_or_a_document_still_says_it(text, verb):
    assert [e for e in _events(text) if e.trigger.text == verb]

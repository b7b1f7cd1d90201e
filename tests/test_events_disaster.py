"""No acting party, no event: disasters and accidents are not assaults or fights."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.coding.explain import explain_text
from eventwire.config import Settings
from eventwire.errors import DictionaryError
from eventwire.events.disaster import load_causes, parse_causes

ALL = Settings(min_confidence=0.0)


@pytest.mark.parametrize("text", [
    "A fire killed 19 people at a market in Lagos on Saturday.",
    "An earthquake killed 300 people in the province of Herat.",
    "Five miners were killed in a landslide in Antioquia on Monday.",
])
def test_disasters_are_not_violent_events(text):
    assert not [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.cameo[:2] in ("18", "19", "20")]


def test_someone_s_bomb_is_still_an_attack():
    events = code_text("A bomb killed 19 people at a market in Lagos on Saturday.", date="2021-05-01", settings=ALL)
    assert [e for e in events if e.cameo[:2] in ("18", "19", "20")]


def test_explain_says_why_it_was_dropped():
    out = explain_text("A fire killed 19 people at a market in Lagos on Saturday.", date="2021-05-01")
    assert "caused by a fire, nobody's act" in out


def test_causes_file_is_validated():
    assert "earthquake" in load_causes()
    with pytest.raises(DictionaryError, match="non-empty list"):
        parse_causes("causes: []\n", "d.yaml")


@pytest.mark.parametrize(("text", "word", "why"), [
    # the abduction itself is an event (a raised passive: the trader undergoes it); "hit" is not
    ("A trader is believed to have been abducted in the Maoist hit Malkangiri District, Police said on March 3.",
     "hit", "'Maoist hit' is an adjective"),
    ("The banned outfit is targeting school dropouts for recruitment in Malkangiri district, Police said.",
     "targeting", "targeted for recruitment, not attacked"),
])
def test_adjectives_and_aims_are_not_attacks(text, word, why):
    assert why in explain_text(text, date="2021-05-01")
    assert not [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.trigger.text == word]


@pytest.mark.parametrize("text", [
    "Militants hit a police post in Sukma District on Tuesday.",
    "The rebels targeted a police convoy on Tuesday.",
])
def test_real_hits_and_targets_stay(text):
    assert [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.cameo[:2] in ("18", "19")]

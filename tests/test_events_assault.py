"""Violence against people who are not fighting is assault (18), not fighting (19)."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings
from eventwire.errors import DictionaryError
from eventwire.events.assault import load_assault_rules, parse_rules

ALL = Settings(min_confidence=0.0)


def _codes(text: str) -> list[str]:
    return [e.cameo for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]


@pytest.mark.parametrize(("text", "code"), [
    ("Unidentified gunmen shot dead a journalist in Veracruz on Monday.", "1823"),
    ("Gang members killed two shopkeepers in San Pedro Sula on Friday.", "1823"),
])
def test_violence_against_civilians_is_assault(text, code):
    assert code in _codes(text)


def test_fighting_between_armed_forces_stays_fighting():
    codes = _codes("Colombian troops killed five rebels in a clash in Cauca on Monday.")
    assert codes and codes[0].startswith("19")


def test_rules_file_is_validated():
    assert load_assault_rules().codes["kill"] == "1823"
    with pytest.raises(DictionaryError, match="must be a quoted CAMEO 18 code"):
        parse_rules("codes: {kill: '190'}\nvictims: [CVL]\nvictims_of_killing: [COP]\ncombatants: [MIL]\n"
                    "casualties: [kill]\nunattributed: [kill]\n", "a.yaml")
    with pytest.raises(DictionaryError, match="three-letter sector codes"):
        parse_rules("codes: {kill: '1823'}\nvictims: [civilians]\nvictims_of_killing: []\ncombatants: [MIL]\n"
                    "casualties: [kill]\nunattributed: [kill]\n", "a.yaml")
    with pytest.raises(DictionaryError, match="'unattributed' must list"):
        parse_rules("codes: {kill: '1823'}\nvictims: [CVL]\nvictims_of_killing: []\ncombatants: [MIL]\n"
                    "casualties: [kill]\nunattributed: [strangle]\n", "a.yaml")


def test_the_toll_of_an_attack_is_not_a_second_event():
    events = code_text("Ten people were injured in a grenade attack in Quetta on Monday.",
                       date="2021-05-01", settings=ALL)
    codes = [e.cameo for e in events if e.modality == "asserted"]
    assert "183" in codes and "182" not in codes
    attack = next(e for e in events if e.cameo == "183")
    # the injured undergo the attack (the passive subject of the verb that governs it)
    assert attack.target is not None and attack.target.code == "PAKCVL"


def test_a_killing_by_a_named_agent_stays_an_event():
    codes = _codes("Two farmers were killed by gang members in Tegucigalpa on Monday.")
    assert any(c.startswith("18") or c.startswith("19") for c in codes)


@pytest.mark.parametrize(("text", "root"), [
    # a verb pattern's second word may be its object: "opened fire", "exchanged fire"
    ("Unidentified militants opened fire at passengers in Quetta on Monday.", "18"),
    ("Soldiers exchanged fire with rebels near Kidal on Monday.", "19"),
])
def test_a_pattern_whose_second_word_is_the_object(text, root):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert any(e.cameo_root == root and e.trigger.text in ("opened", "exchanged") for e in events), events


def test_a_killing_with_no_killer_named_is_a_murder():
    events = code_text("The leader of the Sinaloa Cartel was killed in Culiacan in 2010.", date="2021-05-01",
                       settings=ALL)
    killing = [e for e in events if e.trigger.text == "killed"]
    assert killing and killing[0].cameo == "1823" and killing[0].source is None, killing


def test_coordinated_tolls_share_the_clause_that_tells_the_attack():
    events = code_text("Two persons were killed and four others sustained injuries when unidentified militants "
                       "fired a mortar shell at a market in Quetta on Monday.", date="2021-05-01", settings=ALL)
    asserted = [e for e in events if e.modality == "asserted"]
    assert [e.cameo_root for e in asserted] == ["19"]  # the shelling; the dead are its toll
    assert asserted[0].target is not None and asserted[0].target.sectors == ("CVL",)


@pytest.mark.parametrize(("text", "code"), [
    ("Soldiers massacred at least 15 people in the village in June.", "1823"),  # a counted handful
    ("The massacre of 10 gang members by rival inmates shocked the country.", "1823"),
    ("Troops massacred 300 villagers in 1982.", "202"),  # a mass killing
    # a complementizer "that" parsed as the object does not hide the counted victims
    ("The commission's findings that soldiers massacred at least 12 farmers in May 2015 shocked the country.", "1823"),
])
def test_a_massacre_of_a_counted_handful_is_a_killing_by_assault(text, code):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert events[0].cameo == code


def test_few_victims_is_validated():
    with pytest.raises(DictionaryError, match="few_victims"):
        parse_rules("codes: {kill: '1823'}\nvictims: [CVL]\nvictims_of_killing: []\ncombatants: [MIL]\n"
                    "casualties: [kill]\nunattributed: [kill]\nfew_victims: {below: 20, code: '202'}\n", "a.yaml")


def test_a_participle_toll_after_an_attack_is_its_outcome():
    events = [e for e in code_text("A suicide bomber detonated an explosive laden vehicle near the police station, "
                                   "killing at least nine persons and injuring 13 others.",
                                   date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert [e.trigger.text for e in events] == ["detonated"]


@pytest.mark.parametrize("text", [
    # the parse may join the second toll to another verb: it is still the same attack's toll
    "A minor boy was killed and six people, including three members of the Levies Force (LF), were injured "
    "in a grenade attack on a checkpost at Sariab in Quetta on May 4, reports Dawn.",
    "A bomber detonated a car near the market, killing six people, including two women, three of them being "
    "traders, and injuring 12 others, in Quetta on Monday.",
])
def test_every_toll_of_an_attack_in_its_sentence_is_its_outcome(text):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert [e.cameo_root for e in events if e.cameo_root in ("18", "19", "20")] == ["18"], \
        [(e.cameo, e.trigger.text) for e in events]


def test_a_toll_with_no_attack_in_its_sentence_stays():
    events = code_text("Two soldiers were killed and five others were injured in Kupwara on Monday.",
                       date="2021-05-01", settings=ALL)
    assert [e.trigger.text for e in events if e.modality == "asserted" and e.cameo_root in ("18", "19")]


@pytest.mark.parametrize(("text", "code"), [
    # a vehicle that hits a mine is bombed by whoever laid it; fighters who hit a convoy attack it
    ("Three soldiers were killed when their truck hit a landmine planted on the road in Kunar province.", "1833"),
    ("Two policemen were wounded when their vehicle struck a roadside bomb in Quetta.", "1833"),
    ("Taliban fighters hit a police convoy in Kunar.", "190"),
])
def test_hitting_a_mine_is_a_roadside_bombing(text, code):
    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events[0].cameo == code


@pytest.mark.parametrize(("text", "trigger", "source"), [
    # a date between "were" and the participle: the parse hangs the toll on "were" with no "auxpass"
    ("Two policemen were on June 3 injured in a bomb blast triggered by the Maoists near Bijapur.", "blast", "INDINS"),
    ("Three soldiers were on May 9 killed in an ambush by Taliban militants in Helmand.", "ambush", "AFGINS"),
])
def test_a_toll_a_date_splits_from_its_be_is_the_attacks_outcome(text, trigger, source):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    assert [(e.trigger.text, e.source.code if e.source else None) for e in events] == [(trigger, source)]


def test_home_forces_is_validated():
    with pytest.raises(DictionaryError, match="home_forces"):
        parse_rules("codes: {kill: '1823'}\nvictims: [CVL]\nvictims_of_killing: []\ncombatants: [MIL]\n"
                    "casualties: [kill]\nunattributed: [kill]\nhome_forces: [soldiers]\n", "a.yaml")


def _targets(text: str) -> list[str | None]:
    return [e.target.code if e.target else None for e in code_text(text, date="2021-05-01", settings=ALL)
            if e.cameo[:2] in ("18", "19", "20")]


def test_victims_of_a_countrys_forces_are_of_that_country_not_the_articles_focus():
    # the article is about the United States; the massacred people are Peruvians
    text = ("The US Southern Command has praised its partners in the region. US officials in Washington said "
            "cooperation was strong. In April 2014, US general Tom Smith called Peru a great partner, weeks "
            "before Peruvian soldiers allegedly massacred more than a dozen people at a farm.")
    assert "PERCVL" in _targets(text)


def test_victims_with_a_country_of_their_own_keep_it():
    assert "ECUCVL" in _targets("Peruvian soldiers killed three Ecuadorian civilians near the border.")

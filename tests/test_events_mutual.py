"""Two-sided events: parties that fight each other ("the Rastrojos and the Urabenos clashed",
"a war between A and B") are each other's counterpart, the first named acting on the second;
places coordinated before a plural group noun ("the Tijuana and Sinaloa cartels") name groups."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings

ALL = Settings(min_confidence=0.0)


def _coded(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.cameo[:2], e.source.code if e.source else None, e.target.code if e.target else None)
            for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The Colombian army and the ELN rebels clashed in Arauca on Tuesday.", "COLMIL", "COLREB"),
    ("The Rastrojos and the Urabenos fought for control of the port last month.", "COLCRM", "COLCRM"),
    ("The Rastrojos and the Urabenos waged a bloody war centered on Buenaventura.", "COLCRM", "COLCRM"),
])
def test_coordinated_subjects_of_a_fight_fight_each_other(text, source, target):
    assert ("19", source, target) in _coded(text)


def test_a_fight_with_a_third_party_keeps_it():
    coded = _coded("The Colombian army and the police fought against the ELN rebels in Arauca.")
    assert ("19", "COLMIL", "COLREB") in coded
    assert ("19", "COLMIL", "COLCOP") not in coded


def test_the_parties_between_outrank_the_support_verbs_subject():
    coded = _coded("Cucuta, a busy crossing for contraband, is the centre of a war between the Rastrojos and the ELN.")
    assert ("19", "COLCRM", "COLREB") in coded
    assert not [c for c in coded if c[1] == "COLGOV"]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Since 2015 the Tijuana and Sinaloa cartels have waged a turf war.", "MEXCRM", "MEXCRM"),
    ("The Tijuana and Sinaloa cartels attacked a police patrol in Tecate.", "MEXCRM", "MEXCOP"),
])
def test_places_before_a_plural_group_noun_are_groups(text, source, target):
    coded = _coded(text)
    assert ("19", source, target) in coded
    assert not [c for c in coded if c[1] in ("MEX", "MEXGOV")]


def test_a_country_and_a_group_with_its_own_article_stay_two():
    coded = _coded("Mexico and the cartels attacked a police patrol in Tecate.")
    assert ("19", "MEXGOV", "MEXCOP") in coded


@pytest.mark.parametrize(("text", "target"), [
    ("The Rastrojos continued fighting their main rival, the Urabenos, for control of the port.", "COLCRM"),
    ("Police in Cali arrested his brother, a senior commander of the ELN.", "COLREB"),
])
def test_an_apposition_names_the_party_not_its_possessor(text, target):
    coded = _coded(text)
    assert any(c[2] == target for c in coded)
    assert not [c for c in coded if c[2] in ("COL", "COLGOV")]


@pytest.mark.parametrize(("text", "first", "second"), [
    ("A joint Peru-Bolivia operation destroyed three cocaine labs in the jungle.", "PERGOV", "BOLGOV"),
    ("Chile-Argentina talks on the border resumed in Santiago on Tuesday.", "CHLGOV", "ARGGOV"),
])
def test_a_hyphenated_pair_before_a_joint_act_names_both_parties(text, first, second):
    coded = {(c[1], c[2]) for c in _coded(text) if c[0] in ("04", "06")}
    assert {(first, second), (second, first)} <= coded, coded


def test_a_hyphenated_pair_that_acts_gives_one_event_per_party():
    coded = _coded("A joint Peru-Bolivia operation seized two tons of cocaine near the border.")
    assert {c[1] for c in coded if c[0] == "17"} >= {"PERGOV", "BOLGOV"}

"""Glued words are split; real words, names, URLs and codes are left alone."""

from __future__ import annotations

import pytest

from eventwire.ingest import clean_text, split_glued
from tests.conftest import shared_file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed article's glued forms
        (
            "seize the capital, Tripolireported the White House",
            "seize the capital, Tripoli reported the White House",
        ),
        ("six of his officersaccused of air strikes", "six of his officers accused of air strikes"),
        (
            "the leader of the GNA, Fayez Al Sarrajand other officials",
            "the leader of the GNA, Fayez Al Sarraj and other officials",
        ),
        (
            "the United Nations emissary, Ghbadan SalameHe said on Thursday",
            "the United Nations emissary, Ghbadan Salame He said on Thursday",
        ),
        # invented sentences
        (
            "Border guards werekilled near the crossing.",
            "Border guards were killed near the crossing.",
        ),
        (
            "The ministry reportedthe talks would resume.",
            "The ministry reported the talks would resume.",
        ),
        ("Rebels attacked the villagein the north.", "Rebels attacked the village in the north."),
        (
            "Mr Okonkwo met the envoy. Okonkwoand his aides left.",
            "Mr Okonkwo met the envoy. Okonkwo and his aides left.",
        ),
        ("The governmentsto the south objected.", "The governments to the south objected."),
    ],
)
def test_clean_glue_splits_glued_words(text: str, expected: str) -> None:
    assert split_glued(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A:TripolireportedthetheAa", "A:Tripoli reported the the Aa"),
        ("the leader of the GNA, Fayez Al Sarrajandthe officials",
         "the leader of the GNA, Fayez Al Sarraj and the officials"),
    ],
)
def test_clean_glue_splits_every_word_of_a_long_glued_run(text: str, expected: str) -> None:
    """A pass splits a token once; split_glued repeats until nothing changes."""
    assert split_glued(text) == expected
    assert split_glued(expected) == expected
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They worked together; however, nowhere else, and therefore stayed.",
        "Washington and McDonald announced the iPhone deal with WikiLeaks and ExxonMobil.",
        "See https://example.com/Tripolireported or mail press@Tripolireported.org "
        "#Tripolireported @Sarrajand",
        "Invoice 12345678 and code ABCDEFGHIJ and A1B2C3D4E5 and 2019-04-12T10:00",
        "The Kalashnikov rifles reached Ouagadougou and Ferdinand met Bertrand in Thangmeiband.",
        "nonetheless, peacekeeping counterterrorism stakeholders notwithstanding",
        "Mendoza spoke to Abdelkader about Chamarkand.",  # unknown name before -and, no evidence
        "PdVSA, UberEATS and NATO officials arrived.",
        "don'tworry isn'tglued",  # contractions are never touched
    ],
)
def test_clean_glue_leaves_real_words_alone(text: str) -> None:
    assert split_glued(text) == text


def test_clean_glue_seed_article_gets_all_four_fixes() -> None:
    seed = shared_file("devdata", "seed_article_haftar_2019.txt").read_text(encoding="utf-8")
    cleaned = clean_text(seed)
    for fixed in ["Tripoli reported", "officers accused", "Al Sarraj and", "Salame He"]:
        assert fixed in cleaned
    for junk in ["[ad_1]", "[ad_2]", "Source link"]:
        assert junk not in cleaned

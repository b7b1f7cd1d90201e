"""The KB's layers (issue #15): user files > curated YAML > imported Phoenix layer > inference.

These use the shipped imported layer (eventwire/data/phoenix/), which is in the package,
so none needs ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire import code_text
from eventwire.actors.entities import load_parser
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.actors.resolve import resolve_actors
from eventwire.models import Actor
from eventwire.places.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def curated_only() -> KnowledgeBase:
    return load_kb(imported=False)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_parser()


def actor_for(nlp: Language, kb: KnowledgeBase, text: str, needle: str, date: str) -> Actor | None:
    doc = nlp(text)
    by_token, _ = resolve_actors(doc, kb, date, load_gazetteer())
    start = text.index(needle)
    covering = [a for a in by_token.values() if a.start <= start < a.end]
    return min(covering, key=lambda a: a.end - a.start) if covering else None


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Helmut Kohl", "1997-05-01", "DEUGOV"),  # chancellor 1982-10-01 .. 1998-10-27
        ("Helmut Kohl", "1975-05-01", "DEUELI"),
        ("Helmut Kohl", "2005-05-01", "DEUELI"),  # the undated default outside the dated codes
        ("Carlos Menem", "1995-05-01", "ARGGOV"),  # "Carlos Saul Menem": first + last derived
        ("Carlos Menem", "2003-05-01", "ARGELI"),
        ("Ernesto Zedillo", "1999-05-01", "MEXGOV"),
        ("Andres Pastrana", "1999-05-01", "COLGOV"),  # "Andres Pastrana Arango": two family names
        ("Andrés Pastrana", "1999-05-01", "COLGOV"),  # accents tolerated
    ],
)
def test_kb_layers_imported_person_by_date(kb: KnowledgeBase, name: str, date: str, code: str) -> None:
    entry = kb.lookup(name, date)
    assert entry is not None and (entry.code, entry.layer, entry.kind) == (code, "phoenix", "person")


def test_kb_layers_imported_layer_is_new_knowledge(curated_only: KnowledgeBase) -> None:
    assert curated_only.lookup("Helmut Kohl", "1997-05-01") is None
    assert curated_only.lookup("DEA") is None


# ------------------------------------------------------------------ curated > imported


def test_kb_layers_curated_wins_over_imported(kb: KnowledgeBase) -> None:
    # Both know Sisi; Phoenix codes him EGYGOVMIL in mid-2013, our curated file EGYMIL.
    assert kb._imported("abdel fattah al sisi"), "the imported layer must know the name for this test"
    entry = kb.lookup("Abdel Fattah al-Sisi", "2013-06-01")
    assert (entry.code, entry.layer) == ("EGYMIL", "curated")


def test_kb_layers_imported_fills_a_curated_gap(kb: KnowledgeBase, curated_only: KnowledgeBase) -> None:
    # The curated file gives Mubarak no code after 2011 (out of office); Phoenix dates him ELI.
    assert curated_only.lookup("Hosni Mubarak", "2016-06-01").code is None
    entry = kb.lookup("Hosni Mubarak", "2016-06-01")
    assert (entry.code, entry.layer) == ("EGYELI", "phoenix")
    assert kb.lookup("Hosni Mubarak", "2005-06-01").layer == "curated"


# ------------------------------------------------------------------ imported > inference


def test_kb_layers_imported_wins_over_context_inference(
    nlp: Language, kb: KnowledgeBase, curated_only: KnowledgeBase
) -> None:
    text = ("South African police detained dozens in Johannesburg. "
            "President Carlos Menem told South African reporters in Pretoria that he was worried.")
    known = actor_for(nlp, kb, text, "Menem", "1997-05-01")
    assert known is not None and (known.code, known.layer) == ("ARGGOV", "phoenix"), known
    guessed = actor_for(nlp, curated_only, text, "Menem", "1997-05-01")
    # Without the layer the title and the article's focus decide: the "President X"
    # in an article about South Africa becomes ZAFGOV.
    assert guessed is not None and (guessed.code, guessed.resolution) == ("ZAFGOV", "inferred"), guessed


# ------------------------------------------------------------------ user > both


def test_kb_layers_user_wins_over_both(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "people:\n"
        "  - {name: Helmut Kohl, roles: [{code: DEUOPP, from: 1990-01-01}]}\n"
        "  - {name: Abdel Fattah al-Sisi, roles: [{code: EGYGOV, from: 2013-01-01}]}\n"
        "groups:\n"
        "  - {name: Drug Enforcement Administration, aliases: [DEA], code: USASPY}\n",
        encoding="utf-8",
    )
    mine = load_kb([user])
    assert (mine.lookup("Helmut Kohl", "1997-05-01").code, mine.lookup("Helmut Kohl", "1997-05-01").kind) == (
        "DEUOPP", "user")
    assert mine.lookup("Abdel Fattah al-Sisi", "2013-06-01").code == "EGYGOV"
    assert mine.lookup("DEA").code == "USASPY"
    assert mine.lookup("DEA").layer == "user"


# ------------------------------------------------------------------ name matching


def test_kb_layers_imported_names_never_match_common_or_lowercase_words(kb: KnowledgeBase) -> None:
    assert kb.lookup("helmut kohl", "1997-05-01") is None  # lowercase text is not a name
    assert kb.fuzzy_lookup("Helmut Kohll", "1997-05-01") is None  # no one-typo matching in the layer
    assert kb.fuzzy_lookup("Al Sisi", "2013-06-01").code == "EGYMIL"  # the article still is tolerated
    assert not kb._imported("water")


def test_kb_layers_agents_feed_the_sector_vocabulary(kb: KnowledgeBase, curated_only: KnowledgeBase) -> None:
    assert kb.sector_of("Border Patrol agents") == "COP"
    assert curated_only.sector_of("Border Patrol agents") == "SPY"  # "agent" alone is an intelligence agent
    assert kb.sector_of("police") == curated_only.sector_of("police") == "COP"  # curated terms win
    assert kb.layer_counts()["phoenix-agents"]["term"] > 1000


# ------------------------------------------------------------------ the sentences


@pytest.mark.parametrize(
    ("text", "date", "source", "target"),
    [
        ("Helmut Kohl met Carlos Menem in Bonn on Monday.", "1997-05-01", "DEUGOV", "ARGGOV"),
        ("Ernesto Zedillo criticized Andres Pastrana on Tuesday.", "1999-05-01", "MEXGOV", "COLGOV"),
        ("The DEA arrested a Colombian trafficker in Miami on Friday.", "1999-05-01", "USACOP", None),
    ],
)
def test_kb_layers_bare_names_code(text: str, date: str, source: str, target: str | None) -> None:
    events = code_text(text, date=date)
    assert events, f"no event in {text!r}"
    first = events[0]
    assert first.source is not None and first.source.code == source, first
    if target is not None:
        assert first.target is not None and first.target.code == target, first

"""Importing PETRARCH/TABARI actor and agent dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors.kb import load_kb
from eventwire.actors.petrarch import import_actors, import_agents, parse_yymmdd, write_yaml
from eventwire.errors import DictionaryError

DATA = Path(__file__).parent / "data" / "petrarch"


@pytest.fixture(scope="module")
def actors() -> dict:
    return import_actors(DATA / "sample.actors.txt")


@pytest.fixture(scope="module")
def agents() -> dict:
    return import_agents(DATA / "sample.agents.txt")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("090120", "2009-01-20"),
        ("000101", "2000-01-01"),
        ("301231", "2030-12-31"),
        ("310101", "1931-01-01"),
        ("780101", "1978-01-01"),
    ],
)
def test_petrarch_two_digit_years(text: str, iso: str) -> None:
    assert parse_yymmdd(text) == iso


def test_petrarch_actors_people_and_groups(actors: dict) -> None:
    people = {p["name"]: p for p in actors["people"]}
    groups = {g["name"]: g for g in actors["groups"]}
    assert set(people) == {"Rufus T Firefly"}
    assert people["Rufus T Firefly"]["aliases"] == ["Firefly", "Rufus Firefly"]
    assert people["Rufus T Firefly"]["roles"] == [
        {"code": "ESPELI", "to": "2005-03-01"},
        {"code": "ESPGOV", "from": "2005-03-01", "to": "2010-11-15"},
        {"code": "ESPOPP", "from": "2010-11-15"},
    ]
    assert groups["Freedonia"] == {
        "name": "Freedonia",
        "aliases": ["Freedonian", "Freedonians"],
        "code": "ESP",
        "note": "imported from sample.actors.txt:6",
    }
    assert groups["Sylvania Liberation Front"]["code"] == "ESPREB"
    assert groups["Sylvania Liberation Front"]["roles"] == [
        {"code": "ESPGOV", "from": "2020-01-01"}
    ]
    assert groups["UN Monitoring Team"]["code"] == "IGOUNO"  # short words stay acronyms


def test_petrarch_actors_comments_and_do_not_code(actors: dict) -> None:
    names = [r["name"] for r in actors["people"] + actors["groups"]]
    assert "Not AN Actor" not in names and not any("Actor" in n for n in names)
    assert actors["skipped"] == ["Marx Brothers Trading CO"]
    assert actors["warnings"] == []


def test_petrarch_agents_terms(agents: dict) -> None:
    sectors = {s["sector"]: s["terms"] for s in agents["sectors"]}
    assert sectors["GOV"] == ["harbour master", "chief warden"]
    assert sectors["COP"] == ["policeman", "policemen", "policewoman", "policewomen"]
    assert sectors["MIL"] == ["border sentry", "border sentries", "armed forces"]
    assert sectors["REB"] == ["insurgent band"]  # the commented-out agent is gone


def test_petrarch_written_yaml_loads_into_the_kb(
    actors: dict, agents: dict, tmp_path: Path
) -> None:
    out = write_yaml({**actors, **agents}, tmp_path / "imported.yaml")
    text = out.read_text(encoding="utf-8")
    assert "# not coded ([---]): Marx Brothers Trading CO" in text
    kb = load_kb([out])
    firefly = kb.lookup("Rufus T. Firefly".replace(".", ""), "2007-06-01")
    assert (firefly.code, firefly.kind) == ("ESPGOV", "user")
    assert kb.lookup("Firefly", "2012-01-01").code == "ESPOPP"
    assert kb.lookup("SLF", "2019-01-01").code == "ESPREB"
    assert kb.lookup("Sylvania Liberation Front", "2021-01-01").code == "ESPGOV"
    assert kb.lookup("Freedonians").code == "ESP"
    assert kb.lookup("Marx Trading") is None
    assert kb.sector_of("harbour masters") == "GOV"
    assert kb.sector_of("border sentries") == "MIL"


def test_petrarch_unknown_role_letters_are_warned(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    path.write_text(
        "HAMLET_GUARD [DNKHMG]\nOPHELIA [DNKGOV >990101] [DNKELI >980101]\n", encoding="utf-8"
    )
    result = import_actors(path)
    assert any(w.startswith(f"{path}:1: code DNKHMG") and "HMG" in w for w in result["warnings"])
    # Overlapping periods are legal in PETRARCH but not here: the later one is dropped, warned.
    assert result["people"][0]["roles"] == [{"code": "DNKELI", "from": "1998-01-01"}]
    assert any("overlaps" in w for w in result["warnings"])


BAD_ACTORS = [
    ("synonym first", "+ORPHAN\n", 1, "before any actor entry"),
    ("code line first", "[USAGOV]\n", 1, "before any actor entry"),
    ("no code", "# header\nNOBODY\n+NOONE\nSOMEBODY [USA]\n", 2, "has no [CODE]"),
    ("bad code", "SOMEONE [usagov]\n", 1, "bad CAMEO code 'usagov'"),
    ("bad date", "SOMEONE [USAGOV >091320]\n", 1, "bad date '091320'"),
    ("bad date shape", "SOMEONE [USAGOV 0901]\n", 1, "bad date restriction"),
    ("reversed range", "SOMEONE [USAGOV 100101-090101]\n", 1, "ends before it starts"),
    ("unbalanced", "SOMEONE [USAGOV\n", 1, "unbalanced brackets"),
    ("unclosed comment", "A [USA]\n<!-- never closed\nB [GBR]\n", 2, "unclosed <!-- comment block"),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "message"), BAD_ACTORS, ids=[b[0] for b in BAD_ACTORS]
)
def test_petrarch_actor_errors_name_file_and_line(
    tmp_path: Path, case: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        import_actors(path)
    assert (err.value.path, err.value.line) == (str(path), line)
    assert message in err.value.problem


BAD_AGENTS = [
    ("no code", "PRESIDENT\n", 1, "has no [~CODE]"),
    ("bad code", "PRESIDENT [~gov]\n", 1, "bad agent code"),
    ("undefined macro", "!A! = X, Y\nCONGRESS!PERSON! [~LEG]\n", 2, "undefined macro !PERSON!"),
    ("unbalanced plural", "MAN {MEN [~CVL]\n", 1, "unbalanced brackets"),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "message"), BAD_AGENTS, ids=[b[0] for b in BAD_AGENTS]
)
def test_petrarch_agent_errors_name_file_and_line(
    tmp_path: Path, case: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / "bad.agents.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        import_agents(path)
    assert (err.value.path, err.value.line) == (str(path), line)
    assert message in err.value.problem


def test_petrarch_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read dictionary"):
        import_actors(tmp_path / "absent.actors.txt")

"""`eventwire dict build-phoenix`: the Phoenix dictionaries converted into the imported layer (issue #15).

Every test writes its own small dictionaries (invented entries), so none needs ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.actors.kb import _Loader, load_kb
from eventwire.actors.phoenix import ACTOR_FILES, AGENT_FILE, NOTICE, build_phoenix
from eventwire.cli import app
from eventwire.errors import DictionaryError

runner = CliRunner()

COUNTRIES = """\
# Invented entries for eventwire's build tests. Not real dictionary content.
FREEDONIA_ [ESP]
+FREEDONIAN
RUFUS_T_FIREFLY_  # a head of government with an undated default after his term
+PRESIDENT_FIREFLY
\t[ESPELI 19500101-050301]
\t[ESPGOV 050301-101115]
\t[ESPELI]
JUAN_PEREZ_GOMEZ_
\t[COLGOV > 100101]
\t[COLELI]
BROKEN_MINISTER_
\t[ESPGOV 0501-0601]
WATER_BOARD_OF_SYLVANIA [ESPGOVXYZ]
+WATER
SOVIET_GHOST [USRGOV]
"""
INTERNATIONAL = "MONITORING_GROUP_OF_NATIONS [IGOUNO]\n+MGN\n"
MILNONSTATE = "SYLVANIA_LIBERATION_FRONT [ESPREB]\n+NO_CODE_HERE\nMISSING_CODE_GROUP\n"
AGENTS = """\
!PERSON! = MAN, WOMAN
HARBOUR_MASTER [~GOV]
COASTWATCH!PERSON! [~COP]
SEMAPHORE_CLERK [~GOVXYZ]
PRAYER_LEADER [~MUS]
BROKEN_AGENT [~COP}
BATTERY [~MIL]
GUNSLINGER [~CRM]
"""


def write_sources(folder: Path, countries: str = COUNTRIES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    texts = dict(zip(ACTOR_FILES, (countries, INTERNATIONAL, MILNONSTATE), strict=True))
    texts[AGENT_FILE] = AGENTS
    texts["LICENSE"] = "MIT License\n\nCopyright (c) 2016 Example Alliance\n"
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("phoenix")
    src = write_sources(root / "src")
    build_phoenix(src, root / "out")
    return src, root / "out"


def rows(out: Path) -> dict[str, list[str]]:
    lines = (out / "actors.tsv").read_text(encoding="utf-8").splitlines()
    return {r.split("\t")[1]: r.split("\t") for r in lines if not r.startswith("#") and not r.startswith("kind\t")}


def test_phoenix_build_is_reproducible(tmp_path: Path) -> None:
    src = write_sources(tmp_path / "src")
    build_phoenix(src, tmp_path / "a")
    build_phoenix(src, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["BUILD_LOG.txt", "LICENSE", "actors.tsv", "agents.tsv"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert str(tmp_path) not in (tmp_path / "a" / "BUILD_LOG.txt").read_text(encoding="utf-8")


def test_phoenix_build_keeps_dates_aliases_and_variants(built: tuple[Path, Path]) -> None:
    table = rows(built[1])
    kind, name, code, roles, aliases, source = table["Rufus T Firefly"]
    assert (kind, code, source) == ("person", "ESPELI", f"{ACTOR_FILES[0]}:4")
    # YYYYMMDD and YYMMDD dates; the undated code is the default outside the terms.
    assert roles == "ESPELI:1950-01-01:2005-03-01;ESPGOV:2005-03-01:2010-11-15"
    assert aliases.split("|") == ["President Firefly", "Rufus Firefly"]  # "first last" derived
    # "> 100101" (a space after >) is a slip the build reads; Colombia names carry two family
    # names, so "first second" is derived too.
    assert table["Juan Perez Gomez"][3] == "COLGOV:2010-01-01:"
    assert table["Juan Perez Gomez"][4].split("|") == ["Juan Gomez", "Juan Perez"]
    assert table["Monitoring Group of Nations"][2:5] == ["IGOUNO", "", "MGN"]


def test_phoenix_build_changes_and_skips_with_reasons(built: tuple[Path, Path]) -> None:
    table = rows(built[1])
    log = (built[1] / "BUILD_LOG.txt").read_text(encoding="utf-8")
    countries, milnonstate = ACTOR_FILES[0], ACTOR_FILES[2]
    assert table["Water Board of Sylvania"][2] == "ESPGOV"  # unknown role letters cut off, logged
    assert "role letters 'XYZ' unknown: kept ESPGOV" in log
    assert "Water" not in table["Water Board of Sylvania"][4]  # a common word is never a name
    assert f"{countries}:14: name 'Water' of 'Water Board of Sylvania': a frequent single word" in log
    assert "Freedonia" not in table  # a country and its places: curated countries + gazetteer
    assert "Soviet Ghost" not in table and "'USR' is not a country code we know" in log
    assert "Broken Minister" not in table
    assert f"skipped: {countries}:13: bad date '0501': expected YYMMDD" in log
    assert f"skipped: {milnonstate}:3: actor 'Missing Code Group' has no [CODE]" in log
    assert "Sylvania Liberation Front" in table
    assert log.startswith("# eventwire dict build-phoenix: ")


def test_phoenix_build_broken_file_reports_the_line_and_imports_the_rest(tmp_path: Path) -> None:
    broken = COUNTRIES + "GOOD_AFTER_BAD_ [ESPGOV]\nUNBALANCED_ [ESPGOV\n+ORPHAN_ALIAS_ [ESPGOV]\nLAST_ONE_ [ESPMIL]\n"
    broken = broken.replace("+PRESIDENT_FIREFLY", "+PRESIDENT_FIREFLY\n+CAF\xc9_OWNER")  # a Latin-1 byte
    src = write_sources(tmp_path / "src")
    (src / ACTOR_FILES[0]).write_bytes(broken.encode("latin-1"))
    report = build_phoenix(src, tmp_path / "out")
    log = (tmp_path / "out" / "BUILD_LOG.txt").read_text(encoding="utf-8")
    assert f"skipped: {ACTOR_FILES[0]}:19: unbalanced brackets in 'UNBALANCED_ [ESPGOV'" in log
    assert f"repaired: {ACTOR_FILES[0]}:6: not UTF-8; read as Windows-1252" in log
    table = rows(tmp_path / "out")
    assert {"Good After BAD", "Last ONE"} <= set(table)  # the lines after the bad one are imported
    assert "Café Owner" in table["Rufus T Firefly"][4]
    assert report.counts["skipped"] >= 5 and report.counts["people"] == 2


def test_phoenix_build_agents(built: tuple[Path, Path]) -> None:
    lines = (built[1] / "agents.tsv").read_text(encoding="utf-8").splitlines()
    terms = {line.split("\t")[0]: line.split("\t")[1] for line in lines if "\t" in line and not line.startswith("term")}
    assert terms == {"harbour master": "GOV", "coastwatchman": "COP", "coastwatchwoman": "COP",
                     "semaphore clerk": "GOV", "gunslinger": "CRM"}
    log = (built[1] / "BUILD_LOG.txt").read_text(encoding="utf-8")
    assert f"{AGENT_FILE}:5: agent 'prayer leader': sector MUS is not one of ours" in log
    assert f"skipped: {AGENT_FILE}:6: agent 'BROKEN_AGENT [~COP}}' has no [~CODE]" in log
    assert f"skipped: {AGENT_FILE}:7: agent 'battery': one word that does not name a person" in log


def test_phoenix_build_ships_the_notice(built: tuple[Path, Path]) -> None:
    licence = (built[1] / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith(NOTICE) and "Copyright (c) 2016 Example Alliance" in licence
    assert (built[1] / "actors.tsv").read_text(encoding="utf-8").startswith(f"# {NOTICE}")


def test_phoenix_build_output_loads_as_the_imported_layer(built: tuple[Path, Path]) -> None:
    loader = _Loader()
    for name in ("sectors.yaml", "countries.yaml"):
        loader.load_text(_packaged(name), f"eventwire/data/actors/{name}", user=False)
    for name in ("actors.tsv", "agents.tsv"):
        loader.load_imported((built[1] / name).read_text(encoding="utf-8"), name)
    kb = loader.finish()
    firefly = kb.lookup("Rufus Firefly", "2007-01-01")
    assert (firefly.code, firefly.layer, firefly.kind) == ("ESPGOV", "phoenix", "person")
    assert kb.lookup("Rufus Firefly", "2012-01-01").code == "ESPELI"  # out of office: the default
    assert kb.lookup("rufus firefly", "2007-01-01") is None  # imported names are proper names
    assert kb.lookup("MGN").code == "IGOUNO"
    assert kb.sector_of("coastwatchmen") is None or kb.sector_of("coastwatchman") == "COP"


def _packaged(name: str) -> str:
    from importlib import resources

    return (resources.files("eventwire") / "data" / "actors" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("alien\tX\tESP\t\t\tsrc:1", "bad kind 'alien'"),
        ("person\tX\tESP\t\t", "expected 6 tab-separated fields"),
        ("person\tX\t\tESPGOV:2001-01-01\t\tsrc:1", "bad role 'ESPGOV:2001-01-01'"),
        ("person\tX\t\tESPGOV:2001-13-01:\t\tsrc:1", "bad date '2001-13-01'"),
        ("group\tX\tQQQ\t\t\tsrc:1", "bad code 'QQQ'"),
        ("group\tX\t\t\t\tsrc:1", "neither a code nor roles"),
    ],
)
def test_phoenix_layer_rows_are_validated_with_file_and_line(row: str, message: str) -> None:
    loader = _Loader()
    loader.load_text(_packaged("sectors.yaml"), "eventwire/data/actors/sectors.yaml", user=False)
    text = "# comment\nkind\tname\tcode\troles\taliases\tsource\n" + row + "\n"
    with pytest.raises(DictionaryError) as err:
        loader.load_imported(text, "actors.tsv")
    assert (err.value.path, err.value.line) == ("eventwire/data/phoenix/actors.tsv", 3)
    assert message in err.value.problem


def test_phoenix_build_missing_folder_is_one_clean_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dict", "build-phoenix", str(tmp_path / "nowhere"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Phoenix.Countries.actors.txt: missing" in result.stderr and "Traceback" not in result.stderr


def test_phoenix_build_cli(tmp_path: Path) -> None:
    src = write_sources(tmp_path / "src")
    result = runner.invoke(app, ["dict", "build-phoenix", str(src), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "2 people" in result.stderr and "BUILD_LOG.txt" in result.stderr


def test_phoenix_shipped_layer_is_in_the_package() -> None:
    kb = load_kb()
    counts = kb.layer_counts()
    assert counts["phoenix"]["person"] > 15000 and counts["phoenix-agents"]["term"] > 1000
    kohl = kb.lookup("Helmut Kohl", "1997-05-01")
    assert (kohl.code, kohl.layer) == ("DEUGOV", "phoenix")

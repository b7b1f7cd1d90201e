"""The actor knowledge base: packaged data, lookups by date, fuzzy names, user files, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from eventwire.actors.kb import KBEntry, KnowledgeBase, load_kb, normalise
from eventwire.errors import DictionaryError


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ normalise


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("Libya", "libya"),
        ("the Congo", "congo"),
        ("Salamé", "salame"),
        ("al-Sarraj", "al sarraj"),
        ("Al Sarraj", "al sarraj"),
        ("el-Sisi", "al sisi"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("  Abdel   Fattah\u2013el-Sisi ", "abdel fattah al sisi"),
        ("Guinea-Bissau", "guinea bissau"),
    ],
)
def test_kb_normalise(phrase: str, key: str) -> None:
    assert normalise(phrase) == key


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize(
    ("phrase", "kind", "code"),
    [
        ("Libya", "country", "LBY"),
        ("State of Libya", "country", "LBY"),
        ("Russia", "country", "RUS"),
        ("Iran", "country", "IRN"),
        ("Syria", "country", "SYR"),
        ("South Korea", "country", "KOR"),
        ("North Korea", "country", "PRK"),
        ("the Congo", "country", "COD"),
        ("DR Congo", "country", "COD"),
        ("Ivory Coast", "country", "CIV"),
        ("Burma", "country", "MMR"),
        ("Turkey", "country", "TUR"),
        ("United Arab Emirates", "country", "ARE"),
        ("Libyan", "adjective", "LBY"),
        ("Americans", "adjective", "USA"),
        ("British", "adjective", "GBR"),
        ("Britons", "adjective", "GBR"),
        ("French", "adjective", "FRA"),
        ("Emiratis", "adjective", "ARE"),
        ("Saudi", "country", "SAU"),
        ("Israelis", "adjective", "ISR"),
        ("Palestinian", "adjective", "PSE"),
        ("Afghans", "adjective", "AFG"),
        ("Colombian", "adjective", "COL"),
        ("Mexicans", "adjective", "MEX"),
        ("Washington", "capital", "USA"),
        ("Moscow", "capital", "RUS"),
        ("Tripoli", "capital", "LBY"),
        ("US", "abbreviation", "USA"),
        ("U.S.", "abbreviation", "USA"),
        ("UK", "abbreviation", "GBR"),
        ("UAE", "abbreviation", "ARE"),
        ("DRC", "abbreviation", "COD"),
        ("KSA", "abbreviation", "SAU"),
        ("PRC", "abbreviation", "CHN"),
        ("ROK", "abbreviation", "KOR"),
        ("DPRK", "abbreviation", "PRK"),
    ],
)
def test_kb_lookup_countries(kb: KnowledgeBase, phrase: str, kind: str, code: str) -> None:
    entry = kb.lookup(phrase)
    assert entry is not None, phrase
    assert (entry.kind, entry.code, entry.country) == (kind, code, code)
    assert entry.source.startswith("countries.yaml:")


@pytest.mark.parametrize(
    "phrase", ["us", "turkey", "china", "male", "who", "car", "jordan", "georgia"]
)
def test_kb_lowercase_common_words_are_not_names(kb: KnowledgeBase, phrase: str) -> None:
    assert kb.lookup(phrase) is None
    assert kb.fuzzy_lookup(phrase) is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Libyan", "LBY"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Emirati", "ARE"),
        ("Congolese", "COD"),
        ("Hoodlum", None),
    ],
)
def test_kb_country_of_adjective(kb: KnowledgeBase, word: str, iso3: str | None) -> None:
    assert kb.country_of_adjective(word) == iso3


def test_kb_every_iso_country_is_present(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        assert kb.is_country_code(country.alpha_3), country.alpha_3
    names = {c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name}
    found = {n for n in names if kb.lookup(n) is not None}
    assert len(found) / len(names) > 0.95


# ------------------------------------------------------------------ IGOs, groups


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("UN", "IGOUNO"),
        ("United Nations", "IGOUNO"),
        ("Security Council", "IGOUNO"),
        ("UNHCR", "IGOUNOREF"),
        ("WHO", "IGOUNOHLH"),
        ("European Union", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("Nato", "IGOWSTNAT"),
        ("African Union", "IGOAFRAFU"),
        ("Arab League", "IGOARBARL"),
        ("International Criminal Court", "IGOICC"),
        ("IMF", "IGOUNOIMF"),
        ("World Bank", "IGOUNOWBK"),
        ("Red Cross", "NGOIRC"),
        ("Amnesty International", "NGOAMN"),
        ("Human Rights Watch", "NGOHRW"),
    ],
)
def test_kb_lookup_igos(kb: KnowledgeBase, phrase: str, code: str) -> None:
    entry = kb.lookup(phrase)
    assert entry is not None and entry.kind == "igo"
    assert entry.code == code and entry.country is None


@pytest.mark.parametrize(
    ("phrase", "date", "code"),
    [
        ("LNA", "2019-04-19", "LBYMIL"),
        ("Libyan National Army", None, "LBYMIL"),
        ("GNA", "2019-04-19", "LBYGOV"),
        ("GNA", "2023-01-01", None),
        ("Taliban", "2015-01-01", "AFGINS"),
        ("Taliban", "2022-01-01", "AFGGOV"),
        ("Hamas", None, "PSEREB"),
        ("Houthis", None, "YEMREB"),
        ("Ansar Allah", None, "YEMREB"),
        ("Daesh", None, "IMGMUSREB"),
        ("Boko Haram", None, "NGAREB"),
        ("FARC", None, "COLREB"),
        ("Sinaloa Cartel", None, "MEXCRM"),
        ("White House", None, "USAGOV"),
        ("the Kremlin", None, "RUSGOV"),
    ],
)
def test_kb_lookup_groups(
    kb: KnowledgeBase, phrase: str, date: str | None, code: str | None
) -> None:
    entry = kb.lookup(phrase, date)
    assert entry is not None and entry.kind == "group"
    assert entry.code == code


# ------------------------------------------------------------------ people by date


@pytest.mark.parametrize(
    ("phrase", "date", "code", "name"),
    [
        ("Trump", "2019-04-19", "USAGOV", "Donald Trump"),
        ("Donald Trump", "2023-01-01", "USAELI", "Donald Trump"),
        ("Trump", "2025-06-01", "USAGOV", "Donald Trump"),
        ("Donald Trump", None, "USAGOV", "Donald Trump"),
        ("Sisi", "2013-07-03", "EGYMIL", "Abdel Fattah el-Sisi"),
        ("Abdel Fattah el-Sisi", "2019-04-19", "EGYGOV", "Abdel Fattah el-Sisi"),
        ("Haftar", "2019-04-19", "LBYMIL", "Khalifa Haftar"),
        ("Khalifa Hifter", "2019-04-19", "LBYMIL", "Khalifa Haftar"),
        ("Fayez al-Sarraj", "2019-04-19", "LBYGOV", "Fayez al-Sarraj"),
        ("Fayez al-Sarraj", "2022-01-01", None, "Fayez al-Sarraj"),
        ("Ghassan Salamé", "2019-04-19", "IGOUNO", "Ghassan Salamé"),
        ("Putin", "2010-06-01", "RUSGOV", "Vladimir Putin"),
        ("Bashar al-Assad", "2019-04-19", "SYRGOV", "Bashar al-Assad"),
        ("Ismail Haniyeh", "2006-06-01", "PSEGOV", "Ismail Haniyeh"),
        ("Ismail Haniyeh", "2019-06-01", "PSEREB", "Ismail Haniyeh"),
        ("Hassan Nasrallah", "2019-06-01", "LBNREB", "Hassan Nasrallah"),
        ("Osama bin Laden", "2001-09-11", "IMGMUSREB", "Osama bin Laden"),
        ("Guterres", "2020-01-01", "IGOUNO", "António Guterres"),
        ("Obama", "2012-01-01", "USAGOV", "Barack Obama"),
        ("Biden", "2022-01-01", "USAGOV", "Joe Biden"),
    ],
)
def test_kb_lookup_people_by_date(
    kb: KnowledgeBase, phrase: str, date: str | None, code: str | None, name: str
) -> None:
    entry = kb.lookup(phrase, date)
    assert entry is not None
    assert (entry.kind, entry.code, entry.name) == ("person", code, name)
    assert entry.source.startswith("people.yaml:")


def test_kb_entry_fields(kb: KnowledgeBase) -> None:
    entry = kb.lookup("Haftar", "2019-04-19")
    assert isinstance(entry, KBEntry)
    assert entry.country == "LBY" and entry.sectors == ("MIL",)
    assert entry.is_surname
    assert not kb.lookup("Khalifa Haftar", "2019-04-19").is_surname


def test_kb_surnames_of_common_words_are_not_aliases(kb: KnowledgeBase) -> None:
    # "Brown" and "May" are common English words: never automatic surnames.
    assert kb.lookup("Gordon Brown", "2008-01-01").code == "GBRGOV"
    assert kb.lookup("Brown", "2008-01-01") is None
    assert kb.lookup("May", "2018-01-01") is None
    # A shared surname is resolved by who holds a role that day, or not at all.
    assert kb.lookup("Sharif", "2015-01-01") is None  # Nawaz (GOV) and Raheel (MIL)
    assert kb.lookup("Aoun", "2025-06-01").name == "Joseph Aoun"


# ------------------------------------------------------------------ fuzzy


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Salame", "Ghassan Salamé"),
        ("Salamé", "Ghassan Salamé"),
        ("Al Sarraj", "Fayez al-Sarraj"),
        ("al-Sarraj", "Fayez al-Sarraj"),
        ("Sarraj", "Fayez al-Sarraj"),
        ("Fayez Al-Sarraj", "Fayez al-Sarraj"),
        ("Hifter", "Khalifa Haftar"),
        ("Haftarr", "Khalifa Haftar"),  # one edit on a name of six letters or more
        ("Gaddaffi", "Muammar Gaddafi"),
    ],
)
def test_kb_fuzzy_lookup_names(kb: KnowledgeBase, phrase: str, name: str) -> None:
    entry = kb.fuzzy_lookup(phrase, "2019-04-19")
    assert entry is not None and entry.name == name


@pytest.mark.parametrize(
    "phrase", ["Push", "Mosque", "Trumpp", "Salami rolls", "haftarr", "Liberal"]
)
def test_kb_fuzzy_lookup_refuses(kb: KnowledgeBase, phrase: str) -> None:
    # Common words, short names, and lowercase words are never fuzzy-matched.
    assert kb.fuzzy_lookup(phrase, "2019-04-19") is None


# ------------------------------------------------------------------ sectors and phrases


@pytest.mark.parametrize(
    ("term", "sector"),
    [
        ("prosecutor", "JUD"),
        ("military prosecutor general", "JUD"),
        ("soldiers", "MIL"),
        ("troops", "MIL"),
        ("president", "GOV"),
        ("defence minister", "GOV"),
        ("policemen", "COP"),
        ("rebels", "REB"),
        ("militia", "UAF"),
        ("protesters", "CVL"),
        ("journalists", "MED"),
        ("drug traffickers", "CRM"),
        ("refugees", "REF"),
        ("lawmakers", "LEG"),
        ("clerics", "REL"),
        ("doctors", "HLH"),
        ("Prime Minister", "GOV"),
        ("teapot", None),
    ],
)
def test_kb_sector_of(kb: KnowledgeBase, term: str, sector: str | None) -> None:
    assert kb.sector_of(term) == sector


def test_kb_phrases_for_the_matcher(kb: KnowledgeBase) -> None:
    phrases = set(kb.phrases())
    assert {"libya", "haftar", "khalifa haftar", "us", "white house"} <= phrases
    assert all(p == p.lower() and p == normalise(p) for p in phrases)
    assert "brown" not in phrases  # dropped automatic surname
    assert 4 <= kb.max_phrase_tokens() <= 15
    assert kb.case_sensitive_phrases()["us"] == "US"


def test_kb_warm_start_reads_the_cache_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A warm start is fast by construction: it unpickles the validated build and parses no YAML.
    # (How fast is a benchmark's business, not a unit test's.)
    from eventwire.actors import kb as kb_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = kb_module._build(())  # parses, validates, writes the cache
    assert list(tmp_path.glob("eventwire/kb-*.pickle"))

    def no_parsing(*args, **kwargs):
        raise AssertionError("a warm start parsed the YAML files")

    monkeypatch.setattr(kb_module, "_Loader", no_parsing)
    warm = kb_module._build(())
    assert len(warm) == len(built)


def test_kb_cache_is_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    user = write(tmp_path, "people.yaml", "- {name: Ann Example, roles: [{code: GBRGOV}]}\n")
    assert load_kb([user]).lookup("Ann Example").code == "GBRGOV"
    user.write_text("- {name: Ann Example, roles: [{code: FRAGOV}]}\n", encoding="utf-8")
    assert load_kb([user]).lookup("Ann Example").code == "FRAGOV"


# ------------------------------------------------------------------ user files


def test_kb_user_file_overrides_and_adds(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mine.yaml",
        """
people:
  - name: Khalifa Haftar
    aliases: [Haftar, The Marshal]
    roles: [{code: LBYGOV, from: 2019-01-01}]
  - name: Jane Placeholder
    aliases: [J. Placeholder]
    roles: [{code: GBRGOV, from: 2024-07-05}]
groups:
  - name: Example Front
    aliases: [EXF]
    code: LBYREB
countries:
  - {iso3: XKX, name: Kosovo Test, names: [Dardania]}
""",
    )
    kb = load_kb([user])
    haftar = kb.lookup("Haftar", "2019-04-19")
    assert (haftar.code, haftar.kind, haftar.source) == ("LBYGOV", "user", f"{user}:3")
    assert kb.lookup("Khalifa Hifter", "2019-04-19") is None  # the packaged record is replaced
    assert kb.lookup("J. Placeholder", "2025-01-01").code == "GBRGOV"
    assert kb.lookup("Placeholder", "2025-01-01").is_surname
    assert kb.lookup("EXF").code == "LBYREB"
    assert kb.lookup("Dardania").code == "XKX"
    # The cached default KB is untouched.
    assert load_kb().lookup("Haftar", "2019-04-19").code == "LBYMIL"


def test_kb_user_file_list_form_takes_kind_from_name(tmp_path: Path) -> None:
    user = write(tmp_path, "groups.yaml", "- {name: Harbour Watch, aliases: [HW], code: GRCCOP}\n")
    assert load_kb([user]).lookup("Harbour Watch").code == "GRCCOP"


# ------------------------------------------------------------------ validation errors


BAD_FILES = [
    (
        "unknown key",
        "people:\n  - name: A Person\n    roles: []\n    nickname: x\n",
        2,
        "unknown key(s) nickname",
    ),
    ("missing field", "groups:\n  - aliases: [X]\n    code: LBYREB\n", 2, "lacks required name"),
    ("group without code", "groups:\n  - name: Lonely Group\n", 2, "needs a `code` or `roles`"),
    ("bad iso3", "countries:\n  - {iso3: XYZ, name: Nowhere}\n", 2, "bad iso3 'XYZ'"),
    (
        "bad country in code",
        "groups:\n  - {name: G, code: QQQREB}\n",
        2,
        "'QQQ' is not an ISO 3166",
    ),
    ("bad sector", "groups:\n  - {name: G, code: LBYXYZ}\n", 2, "unknown sector 'XYZ'"),
    ("bad code shape", "groups:\n  - {name: G, code: lby}\n", 2, "bad CAMEO code"),
    (
        "bad igo sector",
        "igos:\n  - {code: IGOXYZ, name: Org, sectors: [ZZZ]}\n",
        2,
        "bad sector 'ZZZ'",
    ),
    (
        "bad date",
        "people:\n  - {name: P Q, roles: [{code: LBYGOV, from: 2019-02-30}]}\n",
        2,
        "bad date",
    ),
    (
        "bad date text",
        "people:\n  - {name: P Q, roles: [{code: LBYGOV, from: soon}]}\n",
        2,
        "bad date 'soon'",
    ),
    (
        "reversed role",
        "people:\n  - {name: P Q, roles: [{code: LBYGOV, from: 2020-01-01, to: 2019-01-01}]}\n",
        2,
        "ends (2019-01-01) before it starts",
    ),
    (
        "overlap",
        "people:\n  - name: P Q\n    roles: [{code: LBYGOV, from: 2010-01-01, to: 2015-01-01},"
        " {code: LBYMIL, from: 2014-01-01}]\n",
        2,
        "overlapping roles LBYGOV",
    ),
    (
        "duplicate alias",
        "groups:\n  - {name: Alpha Group, aliases: [AG], code: LBYREB}\n"
        "  - {name: Beta Group, aliases: [AG], code: LBYMIL}\n",
        3,
        "duplicate alias 'AG': already used for 'Alpha Group' at line 2",
    ),
    ("unknown section", "villains:\n  - {name: X}\n", 1, "unknown section 'villains'"),
    ("record not mapping", "people:\n  - just a string\n", 2, "must be a mapping"),
    ("malformed yaml", "people:\n  - {name: [unclosed\n  - x\n", 4, "malformed YAML"),
    ("tab indentation", "people:\n\t- {name: X}\n", 2, "malformed YAML"),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_kb_validation_errors_name_file_and_line(
    tmp_path: Path, case: str, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(DictionaryError) as err:
        load_kb([path])
    assert err.value.path == str(path)
    assert err.value.line == line, str(err.value)
    assert message in err.value.problem
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_kb_duplicate_sector_term_names_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sectors.yaml",
        """
sectors:
  - sector: MIL
    description: test
    terms:
      - lancer
  - sector: COP
    description: test
    terms:
      - lancer
""",
    )
    with pytest.raises(DictionaryError) as err:
        load_kb([path])
    assert err.value.line == 10
    assert f"already in MIL ({path}:6)" in err.value.problem


def test_kb_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read actor file"):
        load_kb([tmp_path / "absent.yaml"])


def test_kb_packaged_files_have_no_problems() -> None:
    """Every packaged record loads; no alias is shared by two records across files."""
    from eventwire.actors import kb as kb_module

    kb = kb_module._build((), use_cache=False)
    shared = {k: v for k, v in kb._keys.items() if len({id(x.entity) for x in v}) > 1}
    assert not shared, json.dumps({k: [x.entity.name for x in v] for k, v in shared.items()})[:500]


def test_kb_cache_goes_where_the_gazetteer_cache_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EVENTWIRE_CACHE_DIR moves the KB cache too (it used to move only the gazetteer's)."""
    from eventwire.actors import kb as kb_module
    from eventwire.cache import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "ours"))
    assert cache_dir() == tmp_path / "ours"
    kb_module._build(())
    assert list((tmp_path / "ours").glob("kb-*.pickle"))
    assert not (tmp_path / "xdg").exists()


def test_kb_non_state_sectors_are_marked_and_validated(tmp_path):
    kb = load_kb()
    assert {"CRM", "REB", "INS", "UAF"} <= kb.non_state_sectors and "GOV" not in kb.non_state_sectors
    bad = tmp_path / "s.yaml"
    bad.write_text("sectors:\n  - sector: XYZ\n    description: test\n    non_state: maybe\n    terms: [xyz]\n")
    with pytest.raises(DictionaryError, match="non_state"):
        load_kb((str(bad),))

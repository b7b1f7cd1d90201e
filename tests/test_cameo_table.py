"""The packaged CAMEO table: complete, zero-padded, in range, and validated row by row."""

from __future__ import annotations

import pytest

from eventwire.cameo import (
    PLOVER_TYPES,
    cameo_info,
    intent_by_root,
    load_cameo,
    parse_cameo_table,
    pentaclass_of,
    quad_class_of,
    refusal_by_code,
    root_of,
)
from eventwire.errors import DictionaryError

ROOTS = [f"{n:02d}" for n in range(1, 21)]
HEADER = "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tintent\trefusal"


def test_cameo_table_has_every_root_and_about_310_codes() -> None:
    table = load_cameo()
    assert [code for code in table if len(code) == 2] == ROOTS
    assert 300 <= len(table) <= 320
    assert all(code[:2] in ROOTS for code in table)


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "quad", "plover"),
    [
        ("010", "Make statement, not specified below", 0.0, 1, ""),
        ("01", "Make public statement", 0.0, 1, ""),
        ("020", "Appeal, not specified below", 3.0, 1, "REQUEST"),
        ("042", "Make a visit", 1.9, 1, "CONSULT"),
        ("057", "Sign formal agreement", 8.0, 1, "SUPPORT"),
        ("0841", "Return, release person(s)", 7.0, 2, "RETREAT"),
        ("107", "Demand ceasefire", -5.0, 3, "REQUEST"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4, "COERCE"),
        ("173", "Arrest, detain, or charge with legal action", -5.0, 4, "COERCE"),
        ("195", "Employ aerial weapons", -10.0, 4, "ASSAULT"),
        ("2042", "Detonate nuclear weapons", -10.0, 4, "ASSAULT"),
    ],
)
def test_cameo_table_rows(code: str, name: str, goldstein: float, quad: int, plover: str) -> None:
    info = cameo_info(code)
    assert (info.code, info.name, info.goldstein, info.quad_class, info.plover_type) == (
        code,
        name,
        goldstein,
        quad,
        plover,
    )


def test_cameo_table_values_are_in_range() -> None:
    for info in load_cameo().values():
        assert -10.0 <= info.goldstein <= 10.0
        assert info.quad_class == quad_class_of(info.code)
        assert info.name[0].isupper() and not info.name.isupper()
        if info.code.startswith("01"):
            assert info.plover_type == ""  # PLOVER has no public-statement category
        else:
            assert info.plover_type in PLOVER_TYPES
        assert info.plover_mode is None or info.plover_mode == info.plover_mode.lower()


def test_cameo_table_plover_types_cover_the_standard() -> None:
    assert {info.plover_type for info in load_cameo().values()} - {""} == PLOVER_TYPES


@pytest.mark.parametrize(
    ("code", "root"), [("0231", "02"), ("190", "19"), ("20", "20"), ("010", "01")]
)
def test_cameo_root_of(code: str, root: str) -> None:
    assert root_of(code) == root


@pytest.mark.parametrize(
    ("code", "penta", "quad"),
    [
        ("010", 0, 1),
        ("0256", 0, 1),
        ("036", 1, 1),
        ("057", 1, 1),
        ("064", 2, 2),
        ("0874", 2, 2),
        ("094", 3, 3),
        ("139", 3, 3),
        ("1412", 4, 4),
        ("154", 4, 4),
        ("163", 4, 4),
        ("1663", 4, 4),
        ("173", 4, 4),
        ("2041", 4, 4),
    ],
)
def test_cameo_pentaclass_and_quad_class(code: str, penta: int, quad: int) -> None:
    assert pentaclass_of(code) == penta
    assert quad_class_of(code) == quad


@pytest.mark.parametrize("bad", ["42", "999", "", "0100"])
def test_cameo_info_unknown_code_raises_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="CAMEO event code"):
        cameo_info(bad)


def test_cameo_info_suggests_the_leading_zero() -> None:
    with pytest.raises(ValueError, match="did you mean '042'"):
        cameo_info("42")


@pytest.mark.parametrize("bad", [42, "1", "21", "0a"])
def test_cameo_root_of_rejects_non_codes(bad: object) -> None:
    with pytest.raises(ValueError):
        root_of(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("10\tDemand\t-5.0\t4\tREQUEST\t\t\t", "quad_class"),
        ("01\tStatement\t0.0\t1\t\t\t\t", "repeats line"),
        ("011\tX\tabc\t1\t\t\t\t", "not a number"),
        ("011\tX\t-12\t1\t\t\t\t", "outside -10..10"),
        ("011\tX\t0.0\t2\t\t\t\t", "quad_class"),
        ("02\tX\t0.0\t1\tBEG\t\t\t", "unknown PLOVER type"),
        ("02\tX\t0.0\t1\t\t\t\t", "needs a PLOVER type"),
        ("0211\tX\t0.0\t1\tREQUEST\t\t\t", "before its parent"),
        ("21\tX\t0.0\t4\tASSAULT\t\t\t", "bad CAMEO code"),
        ("011\tX\t0.0", "expected 8 tab-separated columns"),
        ("011\tX\t0.0\t1\t\t\t036\t", "only a root"),
        ("02\tX\t3.0\t1\tREQUEST\t\t\t124", "only codes under 08"),
    ],
)
def test_cameo_table_bad_rows_name_file_and_line(row: str, problem: str) -> None:
    text = f"# comment\n{HEADER}\n01\tMake public statement\t0.0\t1\t\t\t\t\n{row}\n"
    with pytest.raises(DictionaryError) as info:
        parse_cameo_table(text, "my.tsv")
    assert str(info.value).startswith("my.tsv:4: ")
    assert problem in str(info.value)


def test_cameo_table_intent_and_refusal_columns() -> None:
    assert intent_by_root()["04"] == "036" and intent_by_root()["18"] == "138"
    assert "09" not in intent_by_root()
    assert refusal_by_code()["081"] == "1241" and refusal_by_code()["0874"] == "1246"
    assert all(code.startswith("08") for code in refusal_by_code())


def test_cameo_table_refusal_of_a_yield_code_is_its_parents_or_finer() -> None:
    """A four-digit yield code refuses as its three-digit parent does (CAMEO: 0811-0814, the
    easing of administrative sanctions, pair with 1241 as 081 does), not the bare 124."""
    refusal = refusal_by_code()
    for code in (c for c in load_cameo() if c.startswith("08") and len(c) == 4):
        parent = refusal.get(code[:3])
        if parent is not None:
            assert refusal.get(code, "124").startswith(parent), (code, refusal.get(code), parent)
    assert {refusal[c] for c in ("0811", "0812", "0813", "0814")} == {"1241"}


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("04\tConsult\t1.0\t1\tCONSULT\t\t099\t", "not in the table"),
        ("04\tConsult\t1.0\t1\tCONSULT\t\t01\t", "must be under 03 or 13"),
        ("08\tYield\t5.0\t2\tCONCEDE\t\t\t01", "must be under 123 or 124"),
    ],
)
def test_cameo_table_intent_and_refusal_targets_checked(rows: str, problem: str) -> None:
    text = f"{HEADER}\n01\tMake public statement\t0.0\t1\t\t\t\t\n{rows}\n"
    with pytest.raises(DictionaryError, match=rf"^my.tsv:3: .*{problem}"):
        parse_cameo_table(text, "my.tsv")


def test_cameo_table_refusing_political_reform_is_123() -> None:
    refusal = refusal_by_code()
    assert refusal["083"] == "123"
    assert [refusal[c] for c in ("0831", "0832", "0833", "0834")] == ["1231", "1232", "1233", "1234"]

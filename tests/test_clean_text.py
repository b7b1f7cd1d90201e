"""clean_text: junk removal, mojibake repair, control characters, layout; junk.yaml validation."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError
from eventwire.ingest import clean_text, load_junk
from eventwire.ingest.clean import parse_junk
from tests.conftest import shared_file


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[ad_1]\nTroops advanced.\n[ad_2]\nSource link", "Troops advanced."),
        (
            "Troops advanced.\n\nShare this article\nFollow us on Twitter @wire\n"
            "Read more: Clashes in Sirte",
            "Troops advanced.",
        ),
        (
            "Troops advanced.\nRelated: Ceasefire collapses\nClick here to subscribe",
            "Troops advanced.",
        ),
        (
            "Troops advanced. Click here to send us your comments. More later.",
            "Troops advanced. More later.",
        ),
        (
            "Related talks took place in Rome.",
            "Related talks took place in Rome.",
        ),  # prose, not a link line
        ("The minister didnâ€™t comment on the cafÃ©.", "The minister didn't comment on the café."),
        (
            "the proposed aEUR~bhoomi pujanaEUR(tm), aEURoewe demand a banaEUR "
            'he said aEUR"" symbolic',
            "the proposed 'bhoomi pujan', \"we demand a ban\" he said - symbolic",
        ),
        ("Tabs\tand   spaces\u00a0here", "Tabs and spaces here"),
        ("Cafe\u0301 in NFC", "Café in NFC"),
        ("a\r\nb\r\n\r\n\r\n\r\nc", "a\nb\n\nc"),
        ("  \n\n  Para one.  \n\n\n\n  Para two.  \n  ", "Para one.\n\nPara two."),
        ("bell\x07 nul\x00 zwsp\u200b bom\ufeff end", "bell nul zwsp bom end"),
    ],
)
def test_clean_text_cases(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected


def test_clean_text_repairs_indiapolice_mojibake() -> None:
    raw = shared_file("devdata", "indiapolice_messy_articles.txt").read_text(encoding="utf-8")
    first = raw.splitlines()[0]
    cleaned = clean_text(first)
    assert "aEUR" not in cleaned
    assert "'bhoomi pujan'" in cleaned
    assert '"we demand a ban' in cleaned


def test_clean_text_packaged_junk_file_loads() -> None:
    rules = load_junk()
    assert rules.lines and rules.inline and rules.folded
    assert rules.folded[0][0] != "aEUR"  # longest first


@pytest.mark.parametrize(
    ("yaml_text", "line", "problem"),
    [
        ("lines:\n  - pattern: '[unclosed'\n    why: x\n", 2, "bad regex"),
        ("lines:\n  - pattern: 'ok'\n", 2, "lacks why"),
        ("lines:\n  - why: x\n    pattern: ok\n    colour: red\n", 4, "unknown key 'colour'"),
        ("inline: not-a-list\n", 1, "must be a list"),
        ("extras:\n  - pattern: x\n", 1, "unknown section 'extras'"),
        ("folded:\n  - text: aEUR\n    with: ''\n    why: x\n", 3, "non-empty"),
        ("lines:\n  - just a string\n", 2, "must be a mapping"),
        ("lines: [\n", 2, "not valid YAML"),
    ],
)
def test_clean_text_junk_file_errors_name_file_and_line(
    yaml_text: str, line: int, problem: str
) -> None:
    with pytest.raises(DictionaryError) as info:
        parse_junk(yaml_text, "user/junk.yaml")
    assert info.value.line == line
    assert problem in str(info.value)
    assert str(info.value).startswith(f"user/junk.yaml:{line}: ")

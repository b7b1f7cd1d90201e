"""data/lexicon.yaml: the shared word lists load, and a mistake names file and line."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError
from eventwire.lexicon import lexicon, load_lexicon, ordered_lexicon, parse_lexicon


def test_lexicon_packaged_lists_load() -> None:
    assert load_lexicon()
    assert {"army", "ministry", "cartel"} <= lexicon("org_words")


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("words:\n  - army\n  - army\n", 3, "listed twice"),
        ("words:\n  - Army\n", 2, "lowercase"),
        ("words: []\n", 1, "non-empty list"),
        ("words:\n  - [a, b]\n", 2, "expected a word"),
        ("words:\n  - a\nwords:\n  - b\n", 3, "listed twice"),
        ("- a\n", 1, "mapping"),
    ],
)
def test_lexicon_mistake_names_file_and_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(DictionaryError, match=rf"^lexicon.yaml:{line}: .*{problem}"):
        parse_lexicon(text, "lexicon.yaml")


def test_lexicon_unknown_list_is_named() -> None:
    with pytest.raises(DictionaryError, match="no word list 'nope'"):
        lexicon("nope")


def test_lexicon_ordered_list_keeps_file_order() -> None:
    parsed = parse_lexicon("preps:\n  - with\n  - against\n  - to\n", "lexicon.yaml")
    assert parsed["preps"] == ("with", "against", "to")
    assert ordered_lexicon("verb_target_preps")[:3] == ("with", "against", "to")
    assert lexicon("verb_target_preps") == frozenset(ordered_lexicon("verb_target_preps"))


def test_lexicon_yaml_booleans_stay_words() -> None:
    assert {"on", "off"} <= lexicon("particles")

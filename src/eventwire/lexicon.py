"""The shared word lists of ``data/lexicon.yaml``, loaded once and validated entry by entry.

Each key holds a list of lowercase words or phrases, each listed once; a mistake fails
with ``data/lexicon.yaml:LINE: what is wrong``. ``lexicon`` gives a list as a set;
``ordered_lexicon`` keeps the file's order, for lists tried first to last.
"""

from __future__ import annotations

from functools import cache

import yaml

from .errors import DictionaryError
from .userfiles import packaged_text, refuse_yaml_aliases

LEXICON_FILE = "lexicon.yaml"


def parse_lexicon(text: str, path: str) -> dict[str, tuple[str, ...]]:
    """Every list of ``text``, checked, in file order: a mapping of name to a non-empty list
    of unique, lowercase, non-empty strings."""
    refuse_yaml_aliases(text, path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise DictionaryError(path, 1, "expected a mapping of list names to word lists")
    lists: dict[str, tuple[str, ...]] = {}
    for key, value in root.value:
        name, line = key.value, key.start_mark.line + 1
        if name in lists:
            raise DictionaryError(path, line, f"{name!r} is listed twice")
        if not isinstance(value, yaml.SequenceNode) or not value.value:
            raise DictionaryError(path, line, f"{name!r}: expected a non-empty list of words")
        words: dict[str, None] = {}
        for item in value.value:
            word, at = item.value, item.start_mark.line + 1
            if not isinstance(item, yaml.ScalarNode) or not isinstance(word, str) or not word.strip():
                raise DictionaryError(path, at, f"{name!r}: expected a word, found {word!r}")
            if word != word.strip().lower():
                raise DictionaryError(path, at, f"{name!r}: {word!r} must be lowercase, without outer spaces")
            if word in words:
                raise DictionaryError(path, at, f"{name!r}: {word!r} is listed twice")
            words[word] = None
        lists[name] = tuple(words)
    return lists


@cache
def load_lexicon() -> dict[str, tuple[str, ...]]:
    return parse_lexicon(*packaged_text(LEXICON_FILE))


def ordered_lexicon(name: str) -> tuple[str, ...]:
    """The word list ``name`` of ``data/lexicon.yaml``, in file order."""
    try:
        return load_lexicon()[name]
    except KeyError:
        raise DictionaryError(f"data/{LEXICON_FILE}", None, f"no word list {name!r}") from None


@cache
def lexicon(name: str) -> frozenset[str]:
    """The word list ``name`` of ``data/lexicon.yaml``, as a set."""
    return frozenset(ordered_lexicon(name))

"""Turn scraped text into the text every later offset refers to.

Order matters and each step says why:

1. ``ftfy`` repairs mojibake while the damaged byte patterns are still intact.
2. The ``folded`` table repairs mojibake that was later folded to ASCII
   ("aEUR(tm)"), which ftfy cannot see because the original bytes are gone.
3. NFC, control characters out (``\\n`` stays), spaces collapsed.
4. Boilerplate lines and inline markers from ``data/junk.yaml`` are removed.
5. Glued words are split (``glue.split_glued``).
6. Paragraph breaks become exactly ``"\\n\\n"``.

``clean_text`` is idempotent: cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import ftfy
import yaml

from eventwire.errors import DictionaryError
from eventwire.ingest.glue import split_glued

JUNK_FILE = "junk.yaml"
_SECTIONS = {
    "lines": ("pattern", "why"),
    "inline": ("pattern", "why"),
    "folded": ("text", "with", "why"),
}

# Every C0/C1 control and format character except newline; tabs become spaces first.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# A run of lines that hold only spaces (linear: no nested quantifier can backtrack).
_BLANK_RUN = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+\n")


@dataclass(frozen=True, slots=True)
class JunkRules:
    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    folded: tuple[tuple[str, str], ...]


def _record_fields(
    node: yaml.Node, path: str, section: str, wanted: tuple[str, ...]
) -> dict[str, str]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise DictionaryError(
            path, line, f"each entry in '{section}' must be a mapping with {', '.join(wanted)}"
        )
    record: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in wanted:
            raise DictionaryError(
                path,
                key_node.start_mark.line + 1,
                f"unknown key '{key}' in '{section}' (expected {', '.join(wanted)})",
            )
        if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
            raise DictionaryError(
                path, value_node.start_mark.line + 1, f"'{key}' must be a non-empty string"
            )
        record[key] = str(value_node.value)
    missing = [k for k in wanted if k not in record]
    if missing:
        raise DictionaryError(path, line, f"entry in '{section}' lacks {', '.join(missing)}")
    return record


def parse_junk(text: str, path: str) -> JunkRules:
    """Validate a junk file record by record; errors read ``file:line: problem``."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(
            path, mark.line + 1 if mark else None, f"not valid YAML: {exc}"
        ) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise DictionaryError(path, 1, f"expected a mapping with sections {', '.join(_SECTIONS)}")
    found: dict[str, list[dict[str, str]]] = {}
    for key_node, value_node in root.value:
        section = key_node.value
        if section not in _SECTIONS:
            raise DictionaryError(
                path,
                key_node.start_mark.line + 1,
                f"unknown section '{section}' (expected {', '.join(_SECTIONS)})",
            )
        if not isinstance(value_node, yaml.SequenceNode):
            raise DictionaryError(
                path, value_node.start_mark.line + 1, f"section '{section}' must be a list"
            )
        found[section] = [
            _record_fields(n, path, section, _SECTIONS[section]) for n in value_node.value
        ]
        for node, record in zip(value_node.value, found[section], strict=True):
            if "pattern" in record:
                try:
                    record["compiled"] = re.compile(record["pattern"], re.IGNORECASE)  # type: ignore[assignment]
                except re.error as exc:
                    raise DictionaryError(
                        path, node.start_mark.line + 1, f"bad regex {record['pattern']!r}: {exc}"
                    ) from None
    compiled: dict[str, Any] = {
        s: [r["compiled"] for r in found.get(s, [])] for s in ("lines", "inline")
    }
    # Longest first, so "aEUR(tm)" wins over its prefix "aEUR".
    folded = sorted(
        ((r["text"], r["with"]) for r in found.get("folded", [])), key=lambda p: -len(p[0])
    )
    return JunkRules(tuple(compiled["lines"]), tuple(compiled["inline"]), tuple(folded))


@lru_cache(maxsize=1)
def load_junk() -> JunkRules:
    """The packaged junk rules (``eventwire/data/junk.yaml``)."""
    resource = resources.files("eventwire.data").joinpath(JUNK_FILE)
    return parse_junk(resource.read_text(encoding="utf-8"), f"eventwire/data/{JUNK_FILE}")


def _repair_folded(text: str, rules: JunkRules) -> str:
    if "aEUR" not in text:  # the only prefix the packaged table knows; cheap fast path
        if not any(old in text for old, _ in rules.folded):
            return text
    for old, new in rules.folded:
        text = text.replace(old, new)
    return text


def _squeeze_blank_lines(text: str) -> str:
    return _BLANK_RUN.sub("\n\n", text)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return text


def _drop_junk(text: str, rules: JunkRules) -> str:
    for pattern in rules.inline:
        text = pattern.sub("", text)
    kept = [
        line for line in text.split("\n") if not any(p.fullmatch(line.strip()) for p in rules.lines)
    ]
    return "\n".join(kept)


def _layout(text: str) -> str:
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _fix_mojibake(text: str) -> str:
    # ftfy works line by line at a fixed cost per line, and pure-ASCII lines
    # have no mojibake (only HTML entities), so they skip it: 100k short lines
    # would otherwise take tens of seconds.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and "&" not in text:
        return text
    lines = text.split("\n")
    return "\n".join(
        ftfy.fix_text(line) if "&" in line or not line.isascii() else line for line in lines
    )


def _clean_once(text: str, rules: JunkRules) -> str:
    text = _fix_mojibake(_squeeze_blank_lines(text))
    text = _repair_folded(text, rules)
    text = _normalise(text)
    text = _drop_junk(text, rules)
    text = split_glued(text)
    return _layout(text)


def clean_text(raw: str) -> str:
    """Clean one article's text; see the module docstring for the steps.

    >>> clean_text("[ad_1]\\n\\nHaftar met aEURoeofficialsaEUR in Tripolireported  AFP.")
    'Haftar met "officials" in Tripoli reported AFP.'
    """
    rules = load_junk()
    text = _clean_once(raw, rules)
    # Each step is idempotent on its own, but one step can expose work for an
    # earlier one (removing a junk line joins two paragraphs; ftfy sees a new
    # sequence). A second pass reaches the fixed point in practice; the third is
    # a guard that the property tests hold us to.
    for _ in range(2):
        again = _clean_once(text, rules)
        if again == text:
            break
        text = again
    return text

"""The CAMEO event-code table: names, Goldstein scores, QuadClass, PLOVER type/mode, and
the codes an announced intent (per root) and a refusal to yield (per code under 08) take.

The table is data (``data/cameo.tsv``), loaded once and validated row by row, so a
broken edit fails with ``cameo.tsv:LINE: what is wrong`` instead of a wrong event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire.errors import DictionaryError

__all__ = [
    "CameoCode", "load_cameo", "cameo_info", "root_of", "pentaclass_of", "quad_class_of",
    "intent_by_root", "refusal_by_code",
]  # fmt: skip

TABLE_NAME = "cameo.tsv"
COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "intent", "refusal")
PLOVER_TYPES = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)  # fmt: skip
# The uses of force (assault, fight, mass violence): roots 18, 19 and 20.
VIOLENT_ROOTS = ("18", "19", "20")
_CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_MODE_RE = re.compile(r"^[a-z][a-z_-]*$")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code. ``plover_type`` is ``""`` for root 01, which PLOVER does not code.
    ``intent`` (roots only): the code an announced future act of the root takes, under 03 or 13.
    ``refusal`` (codes under 08 only): the code of refusing to yield it, under 124 (or, for
    the political reform of 083, under 123: "reject request for political reform")."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str | None
    intent: str | None = None
    refusal: str | None = None

    @property
    def root(self) -> str:
        return root_of(self.code)


def root_of(code: str) -> str:
    """The two-digit root of a CAMEO code: ``"0231" -> "02"``, ``"190" -> "19"``."""
    _check_code_shape(code)
    return code[:2]


def quad_class_of(code: str) -> int:
    """QuadClass: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(root_of(code))
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def pentaclass_of(code: str) -> int:
    """Pentaclass as the issue defines it: 0 = roots 01-02, 1 = 03-05, 2 = 06-08,
    3 = 09-13, 4 = 14-20.

    Note: the shared dev labels put some root-16 sentences (suspend, expel, sanctions)
    in class 3; we keep the defined mapping rather than bend it to the dev set.
    """
    # The pentaclass is the QuadClass with statements and appeals (01-02) split off.
    return 0 if int(root_of(code)) <= 2 else quad_class_of(code)


def cameo_info(code: str) -> CameoCode:
    """The table row for ``code``; raises ``ValueError`` naming the code if it is unknown."""
    table = load_cameo()
    try:
        return table[code]
    except (KeyError, TypeError):
        hint = ""
        padded = f"0{code}"
        if padded in table:
            hint = (
                f" (did you mean {padded!r}? CAMEO codes are strings that keep their leading zero)"
            )
        raise ValueError(f"unknown CAMEO event code {code!r}{hint}") from None


@lru_cache(maxsize=1)
def intent_by_root() -> dict[str, str]:
    """Root -> the code an announced future act of that root takes (``"04" -> "036"``)."""
    return {code: info.intent for code, info in load_cameo().items() if info.intent}


@lru_cache(maxsize=1)
def refusal_by_code() -> dict[str, str]:
    """Code under 08 -> the code of refusing to yield it (``"081" -> "1241"``)."""
    return {code: info.refusal for code, info in load_cameo().items() if info.refusal}


@lru_cache(maxsize=1)
def load_cameo() -> dict[str, CameoCode]:
    """Read and validate the packaged CAMEO table, once per process."""
    text = resources.files("eventwire").joinpath("data", TABLE_NAME).read_text(encoding="utf-8")
    return parse_cameo_table(text, TABLE_NAME)


def parse_cameo_table(text: str, path: str) -> dict[str, CameoCode]:
    """Parse the tab-separated table; every bad row raises ``DictionaryError(path, line, ...)``."""
    table: dict[str, CameoCode] = {}
    first_line: dict[str, int] = {}
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise DictionaryError(
                    path, lineno, f"header must be {'<TAB>'.join(COLUMNS)}, got {raw!r}"
                )
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise DictionaryError(
                path,
                lineno,
                f"expected {len(COLUMNS)} tab-separated columns, got {len(cells)}: {raw!r}",
            )
        code, name, goldstein_text, quad_text, plover_type, plover_mode, intent, refusal = (
            c.strip() for c in cells
        )
        if not _CODE_RE.match(code):
            raise DictionaryError(
                path, lineno, f"bad CAMEO code {code!r}: 2-4 digits with root 01-20"
            )
        if code in table:
            raise DictionaryError(path, lineno, f"code {code!r} repeats line {first_line[code]}")
        if len(code) > 2 and code[:-1] not in table:
            raise DictionaryError(
                path, lineno, f"code {code!r} comes before its parent {code[:-1]!r}"
            )
        if not name:
            raise DictionaryError(path, lineno, f"code {code!r} has no name")
        try:
            goldstein = float(goldstein_text)
        except ValueError:
            raise DictionaryError(
                path, lineno, f"goldstein {goldstein_text!r} is not a number"
            ) from None
        if not -10.0 <= goldstein <= 10.0:
            raise DictionaryError(path, lineno, f"goldstein {goldstein} outside -10..10")
        if quad_text != str(quad_class_of(code)):
            raise DictionaryError(
                path,
                lineno,
                f"quad_class {quad_text!r} is wrong for root {code[:2]}: "
                f"expected {quad_class_of(code)}",
            )
        if plover_type and plover_type not in PLOVER_TYPES:
            raise DictionaryError(
                path,
                lineno,
                f"unknown PLOVER type {plover_type!r}: use one of {sorted(PLOVER_TYPES)}",
            )
        if not plover_type and code[:2] != "01":
            raise DictionaryError(
                path, lineno, f"code {code!r} needs a PLOVER type (only root 01 may leave it empty)"
            )
        if plover_mode and not _MODE_RE.match(plover_mode):
            raise DictionaryError(
                path, lineno, f"PLOVER mode {plover_mode!r} must be lowercase letters, '_' or '-'"
            )
        if intent and len(code) != 2:
            raise DictionaryError(path, lineno, f"code {code!r}: only a root (2 digits) takes an intent")
        if refusal and code[:2] != "08":
            raise DictionaryError(path, lineno, f"code {code!r}: only codes under 08 take a refusal")
        table[code] = CameoCode(
            code, name, goldstein, int(quad_text), plover_type, plover_mode or None,
            intent or None, refusal or None,
        )  # fmt: skip
        first_line[code] = lineno
    if not header_seen:
        raise DictionaryError(path, None, "empty table: no header line")
    # Targets may come later in the file than the rows naming them: checked once all are read.
    for code, info in table.items():
        for column, target, under in (("intent", info.intent, ("03", "13")), ("refusal", info.refusal, ("123", "124"))):
            if target is None:
                continue
            if target not in table:
                raise DictionaryError(path, first_line[code], f"{column} {target!r} of {code!r} is not in the table")
            if not target.startswith(under):
                raise DictionaryError(
                    path, first_line[code], f"{column} {target!r} of {code!r} must be under {' or '.join(under)}"
                )
    return table


def _check_code_shape(code: str) -> None:
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ValueError(
            f"not a CAMEO event code: {code!r} (expected a string like '0231' or '190')"
        )

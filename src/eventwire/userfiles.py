"""Reading the user's own knowledge files: ``--actors`` dictionaries, pattern files and
the ``EVENTWIRE_CONFIG`` settings file.

They come from outside, so they are read as untrusted input: only regular files (a FIFO
would block ``open`` forever), at most ``MAX_USER_FILE_BYTES``, strictly UTF-8 (a bad
byte is named by its byte offset and line), and YAML aliases (``*name``) are refused: nine
nested levels of ``&a``/``*a`` in 500 bytes expand to billions of nodes when the
records are built ("billion laughs"). Our formats never need them; write the values out.
Problems raise ``DictionaryError`` (``file:line: what is wrong``).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Sequence
from typing import Any

import yaml

from .errors import DictionaryError

# Far above any real dictionary (the packaged actor files total ~2 MB).
MAX_USER_FILE_BYTES = 64 * 1024 * 1024


def read_user_text(path: str, what: str) -> str:
    """The text of the user's ``what`` file (e.g. "actor file") at ``path``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DictionaryError(path, None, f"cannot read {what}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DictionaryError(path, None, f"cannot read {what}: not a regular file "
                                              "(a directory, FIFO, socket or device)")
        if info.st_size > MAX_USER_FILE_BYTES:
            raise DictionaryError(path, None, f"{what} is {info.st_size:,} bytes, over the "
                                              f"{MAX_USER_FILE_BYTES:,}-byte limit for such files")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = handle.read(MAX_USER_FILE_BYTES + 1)
        except OSError as exc:
            raise DictionaryError(path, None, f"cannot read {what}: {exc.strerror or exc}") from None
    return decode_user_bytes(data, path, what)


def decode_user_bytes(data: bytes, path: str, what: str) -> str:
    """Strict UTF-8 (a UTF-8 byte-order mark is allowed); the error names the byte offset."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DictionaryError(
            path, line,
            f"{what} is not valid UTF-8: byte 0x{data[exc.start]:02X} at byte offset {exc.start:,}; "
            "re-save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        ) from None


def refuse_yaml_aliases(text: str, path: str, loader: type = yaml.SafeLoader) -> None:
    """Raise ``DictionaryError`` at the first YAML alias (``*name``) in ``text``.

    Scans the parser's events only (no nodes are built), so the cost is linear in the
    text. Syntax errors are left for the caller's own parse to report."""
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise DictionaryError(
                    path, mark.line + 1 if mark is not None else None,
                    f"YAML alias *{event.anchor} is not allowed (aliases can expand "
                    "exponentially); write the values out in full",
                )
    except yaml.YAMLError:
        return


def parse_yaml(text: str, path: str) -> object:
    """``text`` parsed as YAML (safe loader, aliases refused); errors name ``path`` and line.

    For the small word-list files of the coding rules (``data/accusations.yaml``, ...)."""
    refuse_yaml_aliases(text, path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None


def parse_rule_mapping(text: str, path: str, keys: Sequence[str] = (), *,
                       problem: str | None = None) -> dict[Any, Any]:
    """The top-level mapping of a small YAML rule file (``data/accusations.yaml``, ...): with
    ``keys``, exactly those keys. Else ``DictionaryError`` at line 1 saying ``problem``
    (by default, the keys expected)."""
    data = parse_yaml(text, path)
    if not isinstance(data, dict) or (keys and set(data) != set(keys)):
        raise DictionaryError(path, 1, problem or f"expected exactly the keys {', '.join(keys)}")
    return data


def rule_words(value: object, path: str, problem: str, *, line: int | None = None,
               empty: bool = False) -> list[str]:
    """``value`` of a rule file as a list of words, each stripped: a list (non-empty unless
    ``empty``) of strings that are not blank. Else ``DictionaryError(path, line, problem)``."""
    if not isinstance(value, list) or not (value or empty) \
            or not all(isinstance(w, str) and w.strip() for w in value):
        raise DictionaryError(path, line, problem)
    return [w.strip() for w in value]


def packaged_text(name: str) -> tuple[str, str]:
    """(text, label) of the packaged data file ``data/NAME``, the label for error messages."""
    from importlib import resources

    return (resources.files("eventwire") / "data" / name).read_text(encoding="utf-8"), f"data/{name}"

"""Bytes to text: regular files only, BOMs and declared charsets, strict UTF-8 with
fallbacks, and binary data refused (``_Refused`` carries the reason)."""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import Any, BinaryIO

from ..models import parse_published

# Share of control characters above which decoded text is called binary.
BINARY_CONTROL_RATIO = 0.10

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _Refused(Exception):
    """Internal: this input cannot become an article; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason




def _too_long(size: str, limit: int) -> str:
    return (
        f"article is {size} characters, over the limit of {limit:,}; "
        "raise --max-article-chars or split the input"
    )


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def open_regular(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes, refusing anything but a regular file.

    Opening a FIFO for reading blocks until a writer appears, and a device may never
    end; the file is opened non-blocking and checked with ``fstat`` on the open
    descriptor (so a file swapped for a FIFO after a check cannot slip through).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        try:  # a socket cannot be opened at all (ENXIO): name it rather than the errno
            _refuse_special(os.stat(path).st_mode)
        except OSError:
            pass
        raise
    try:
        _refuse_special(os.fstat(fd).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory")
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
    raise _Refused(
        f"is {kind}, not a regular file; only regular files are read "
        "(pipe text through stdin with - instead)"
    )


def _read_decoded(handle: BinaryIO, limit: int, *, html: bool) -> str:
    # A character is at most 4 bytes in UTF-8 (and UTF-16/32), so a file bigger
    # than this cannot fit the limit: refuse it without reading it.
    budget = 4 * limit + 4
    if html:
        budget = max(budget, 10 * limit)  # markup around the text
    size = os.fstat(handle.fileno()).st_size
    if size > budget:
        raise _Refused(
            f"file is {size:,} bytes, too large for --max-article-chars={limit:,}; "
            "raise --max-article-chars or split the file"
        )
    data = handle.read(budget + 1)
    text = decode_bytes(data, html=html)
    if not html and len(text) > limit:
        raise _Refused(_too_long(f"{len(text):,}", limit))
    return text


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode input bytes: BOM-marked UTF-8/16/32, else strict UTF-8.

    Raises ``_Refused`` for binary data or bytes that are not UTF-8; we never
    guess latin-1, because a wrong guess makes mojibake nobody can repair.
    HTML may name its own charset in a ``<meta>`` tag, which is honoured.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_binary(data.decode(codec), data)
            except UnicodeDecodeError as exc:
                raise _Refused(
                    f"starts with a {codec.upper()} byte-order mark "
                    f"but is not valid {codec.upper()} "
                    f"(byte offset {exc.start}); re-save the file as UTF-8"
                ) from None
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise _Refused(
            f"looks like a binary file (NUL byte at offset {nul:,}); "
            "only UTF-8 or BOM-marked UTF-16/32 text can be read"
        )
    try:
        return _check_binary(data.decode("utf-8"), data)
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared:
            return _check_binary(data.decode(declared, errors="replace"), data)
        bad = data[exc.start]
        raise _Refused(
            f"not valid UTF-8: byte 0x{bad:02X} at offset {exc.start:,}; "
            "convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
        ) from None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _check_binary(text: str, data: bytes) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL_CHARS.findall(sample)) > BINARY_CONTROL_RATIO * len(sample):
        raise _Refused(
            "looks like a binary file (mostly control characters); only text files can be read"
        )
    return text


def _parse_date(value: Any) -> str | None:
    """An ISO date or datetime as ``YYYY-MM-DD``; None if it is not one."""
    day = parse_published(value)
    return day.isoformat() if day is not None else None

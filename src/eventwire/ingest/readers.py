"""Read articles from files, directories and stdin.

``read_inputs`` yields one ``Article`` per readable article and one ``Rejected``
per thing it could not read, with a one-line reason that names the file (and
line) and says how to fix it. Bad input never stops the batch. JSONL is read
line by line, so a large file never sits in memory at once.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from eventwire.ingest.clean import clean_text
from eventwire.ingest.decoding import (
    _BOMS,
    _parse_date,
    _read_decoded,
    _Refused,
    _too_long,
    decode_bytes,
    open_regular,
)
from eventwire.ingest.html import extract_html
from eventwire.models import Article, Rejected

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
JSON_SUFFIXES = (".json",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + JSON_SUFFIXES
STDIN_ID = "<stdin>"

# Longest record id accepted (the dashboard's limit for ids in its URLs).
MAX_ID_CHARS = 512
# Oversized JSONL lines are skipped in pieces of this size, never held whole.
_DRAIN_CHUNK = 1 << 20

@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns of a CSV file (or keys of a JSON record) hold the article.

    ``eventwire code arts.csv --text-col body --date-col published --id-col url``.
    ``html`` is read when there is no text column; the others are optional.
    """

    text: str = "text"
    date: str = "date"
    id: str = "id"  # noqa: A003 - the record field is called id
    html: str = "html"


DEFAULT_COLUMNS = Columns()


def read_inputs(
    paths: Sequence[str],
    *,
    default_date: str | None = None,
    max_article_chars: int = 2_000_000,
    stdin: TextIO | None = None,
    columns: Columns = DEFAULT_COLUMNS,
) -> Iterator[Article | Rejected]:
    """Yield an ``Article`` or a ``Rejected`` for everything in ``paths``.

    ``paths`` mixes ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.csv``/``.tsv``
    (one article a row) and ``.json`` (an array of records, or one record) files,
    directories (read recursively, in sorted order) and ``-`` for ``stdin``.
    ``columns`` names the CSV columns / record keys holding the text, date and id.
    A file with any other extension is rejected with a message, never read as text.
    A record's own date wins over ``default_date``.

    >>> for item in read_inputs(["news/"], default_date="2019-04-20"):  # doctest: +SKIP
    ...     print(item.doc_id)
    """
    yield from unique_ids(_read_paths(paths, default_date, max_article_chars, stdin, columns))


def _read_paths(
    paths: Sequence[str], default_date: str | None, limit: int, stdin: TextIO | None, columns: Columns
) -> Iterator[Article | Rejected]:
    for path in paths:
        path = str(path)
        if path == "-":
            yield from _read_stdin(stdin, default_date, limit)
        elif os.path.isdir(path):
            yield from _read_directory(path, default_date, limit, columns)
        else:
            yield from _read_any_file(path, default_date, limit, columns)


def unique_ids(items: Iterable[Article | Rejected]) -> Iterator[Article | Rejected]:
    """Give each article of a run its own ``doc_id``.

    A later article with an id already used by a different text is renamed ``ID#2``
    (``#3``, ...: the first free one) and a warning names both inputs; the same text
    again keeps its id (the store keeps one copy). The ids seen are remembered as
    8-byte digests, about 100 bytes an article, so a run of a million articles costs
    ~100 MB; runs longer than ``ID_MEMORY`` articles check within that window.
    """
    seen: dict[bytes, tuple[bytes, str]] = {}
    for item in items:
        if isinstance(item, Article):
            item = _renamed_if_taken(item, seen)
            if len(seen) >= ID_MEMORY:
                seen.clear()
        yield item


# Articles whose ids are remembered for the duplicate-id check.
ID_MEMORY = 1_000_000


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def _renamed_if_taken(article: Article, seen: dict[bytes, tuple[bytes, str]]) -> Article:
    key, text_key = _digest(article.doc_id), _digest(article.text)
    first = seen.get(key)
    if first is None:
        seen[key] = (text_key, article.origin or article.doc_id)
        return article
    if first[0] == text_key:
        return article  # the same article twice: the store keeps one copy
    number = 2
    while _digest(f"{article.doc_id}#{number}") in seen:
        number += 1
    new_id = f"{article.doc_id}#{number}"
    log.warning(
        "%s: id %r is already used by %s for a different text; this article is stored as %r",
        article.origin or article.doc_id, _short(article.doc_id), first[1], _short(new_id),
    )
    seen[_digest(new_id)] = (text_key, article.origin or new_id)
    return dataclasses.replace(article, doc_id=new_id)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- sources -----------------------------------------------------------------


def _read_directory(
    root: str, default_date: str | None, limit: int, columns: Columns = DEFAULT_COLUMNS
) -> Iterator[Article | Rejected]:
    found = 0
    for path in _walk(root):
        if not path.lower().endswith(KNOWN_SUFFIXES):
            yield _unknown_suffix(path)
            continue
        found += 1
        yield from _read_any_file(path, default_date, limit, columns)
    if found == 0:
        yield Rejected(
            root,
            "read",
            f"directory has no {'/'.join(KNOWN_SUFFIXES)} files (hidden files are skipped); "
            "point at the folder that holds the articles",
            origin=root,
        )


def _walk(root: str) -> Iterator[str]:
    """Files under ``root`` in sorted path order (a/deep/y.txt before b.txt), hidden ones left out."""

    def on_error(exc: OSError) -> None:
        log.warning("%s: cannot list directory: %s", exc.filename, exc.strerror)

    found: list[tuple[tuple[str, ...], str]] = []
    for directory, subdirs, files in os.walk(root, onerror=on_error):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(directory, name)
            # Unknown extensions are yielded too: the caller reports them, never skips silently.
            found.append((tuple(os.path.relpath(path, root).split(os.sep)), path))
    for _, path in sorted(found):
        yield path


def _unknown_suffix(path: str) -> Rejected:
    suffix = os.path.splitext(path)[1]
    kind = f"extension {suffix!r}" if suffix else "no extension"
    return Rejected(
        path,
        "read",
        f"{kind} is not an article format ({' '.join(KNOWN_SUFFIXES)}); "
        "rename a plain-text article to .txt to code it",
        origin=path,
    )


def _read_any_file(
    path: str, default_date: str | None, limit: int, columns: Columns = DEFAULT_COLUMNS
) -> Iterator[Article | Rejected]:
    """Dispatch on the extension: tables and JSON documents here, the rest in ``_read_file``."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in CSV_SUFFIXES or suffix in JSON_SUFFIXES:
        reader = _read_csv if suffix in CSV_SUFFIXES else _read_json_document
        try:
            yield from reader(path, default_date, limit, columns)
        except _Refused as refused:
            yield Rejected(path, "read", refused.reason, origin=path)
        except OSError as exc:
            yield _os_rejected(path, exc)
        return
    if suffix not in KNOWN_SUFFIXES and os.path.isfile(path):
        yield _unknown_suffix(path)
        return
    yield from _read_file(path, default_date, limit)


def _os_rejected(path: str, exc: OSError) -> Rejected:
    if isinstance(exc, FileNotFoundError):
        reason = "file not found; check the path and the working directory"
    elif isinstance(exc, PermissionError):
        reason = "permission denied; make the file readable (chmod +r)"
    else:
        reason = f"cannot read file: {exc.strerror or exc}"
    return Rejected(path, "read", reason, origin=path)


def _read_file(path: str, default_date: str | None, limit: int) -> Iterator[Article | Rejected]:
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open_regular(path) as handle:
                yield from _read_jsonl(_byte_lines(handle, limit), path, default_date, limit)
            return
        with open_regular(path) as handle:
            text = _read_decoded(handle, limit, html=suffix in HTML_SUFFIXES)
        if suffix in HTML_SUFFIXES:
            article = _article_from_html(text, path, path, default_date, limit)
        else:
            article = _article_from_text(text, path, path, default_date, limit)
        yield article
    except _Refused as refused:
        yield Rejected(path, "read", refused.reason, origin=path)
    except FileNotFoundError:
        yield Rejected(
            path, "read", "file not found; check the path and the working directory", origin=path
        )
    except PermissionError:
        yield Rejected(
            path, "read", "permission denied; make the file readable (chmod +r)", origin=path
        )
    except IsADirectoryError:
        yield Rejected(path, "read", "is a directory that could not be listed", origin=path)
    except OSError as exc:
        yield Rejected(path, "read", f"cannot read file: {exc.strerror or exc}", origin=path)


def _read_stdin(
    stdin: TextIO | None, default_date: str | None, limit: int
) -> Iterator[Article | Rejected]:
    import sys

    stream = stdin if stdin is not None else sys.stdin
    # Peek at the first non-space character without reading the whole stream.
    head = []
    while True:
        ch = stream.read(1)
        if not ch or not ch.isspace():
            break
        head.append(ch)
    if ch == "{":
        first = ch + stream.readline(_line_budget(limit))
        yield from _read_jsonl(_text_lines(first, stream, limit), STDIN_ID, default_date, limit)
        return
    rest = stream.read(limit + 1)
    text = "".join(head) + ch + rest
    try:
        if len(text) > limit:
            raise _Refused(_too_long(f"more than {limit:,}", limit))
        yield _article_from_text(text, STDIN_ID, STDIN_ID, default_date, limit)
    except _Refused as refused:
        yield Rejected(STDIN_ID, "read", refused.reason, origin=STDIN_ID)


# -- articles ----------------------------------------------------------------


def _article_from_text(
    raw: str,
    doc_id: str,
    origin: str,
    published: str | None,
    limit: int,
    **metadata: str | None,
) -> Article:
    if len(raw) > limit:
        raise _Refused(_too_long(f"{len(raw):,}", limit))
    if not raw.strip():
        raise _Refused("file is empty" if not raw else "text is empty (whitespace only)")
    text = clean_text(raw)
    if not text:
        raise _Refused(
            "nothing left after cleaning: the text is only boilerplate or control characters"
        )
    if not has_visible_text(text):
        raise _Refused(
            "text is empty (only zero-width or other invisible characters, "
            f"e.g. U+{ord(text.strip()[0]):04X}); nothing to code"
        )
    return Article(
        doc_id=doc_id,
        text=text,
        published=published,
        origin=origin,
        raw_chars=len(raw),
        **metadata,
    )


# Letters that render as blank space although Unicode files them as letters or symbols.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str) -> bool:
    """True if ``text`` has a character that shows: not a space, a format or control
    character (zero-width joiners, direction marks), a lone combining mark or a blank filler."""
    for ch in text:
        if ch in _BLANK_LETTERS:
            continue
        if ch.isalnum() or unicodedata.category(ch)[0] not in "CZM":
            return True
    return False


def _article_from_html(
    html: str,
    doc_id: str,
    origin: str,
    published: str | None,
    limit: int,
    *,
    record_date: str | None = None,
    **metadata: str | None,
) -> Article:
    if not html.strip():
        raise _Refused("file is empty" if not html else "HTML is empty (whitespace only)")
    body, title, page_date, url, site = extract_html(html)
    if not body or not body.strip():
        raise _Refused(
            "no article text could be extracted from the HTML (is it a page of links or a script?)"
        )
    metadata.setdefault("title", None)
    metadata["title"] = metadata["title"] or title
    metadata["url"] = metadata.get("url") or url
    metadata["source"] = metadata.get("source") or site
    return _article_from_text(
        body, doc_id, origin, record_date or page_date or published, limit, **metadata
    )


# -- JSONL -------------------------------------------------------------------


def _line_budget(limit: int) -> int:
    # JSON escapes can take 6 bytes per character ("\u00e9"); leave room for the other fields.
    return 6 * limit + 65536


def _byte_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[str | None, bool, str | None]]:
    """(text, ended_with_newline, problem) per physical line, never longer than the budget."""
    budget = _line_budget(limit)
    first = True
    while True:
        line = handle.readline(budget)
        if not line:
            return
        ended = line.endswith(b"\n")
        if not ended and len(line) >= budget:
            while True:  # drain the rest of the oversized line without keeping it
                more = handle.readline(_DRAIN_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield (
                None,
                True,
                _too_long(f"more than {limit:,}", limit).replace("article is", "line is"),
            )
            first = False
            continue
        if first and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        first = False
        try:
            yield line.decode("utf-8"), ended, None
        except UnicodeDecodeError as exc:
            bad = line[exc.start]
            yield (
                None,
                ended,
                (
                    f"not valid UTF-8: byte 0x{bad:02X} at column {exc.start + 1}; "
                    "re-save the file as UTF-8"
                ),
            )


def _text_lines(
    first: str, stream: TextIO, limit: int
) -> Iterator[tuple[str | None, bool, str | None]]:
    budget = _line_budget(limit)
    line = first
    while line:
        ended = line.endswith("\n")
        if not ended and len(line) >= budget:
            while True:
                more = stream.readline(_DRAIN_CHUNK)
                if not more or more.endswith("\n"):
                    break
            yield (
                None,
                True,
                _too_long(f"more than {limit:,}", limit).replace("article is", "line is"),
            )
        else:
            yield line, ended, None
        line = stream.readline(budget)


def _read_jsonl(
    lines: Iterator[tuple[str | None, bool, str | None]],
    path: str,
    default_date: str | None,
    limit: int,
) -> Iterator[Article | Rejected]:
    articles = 0
    for number, (line, ended, problem) in enumerate(lines, start=1):
        origin = f"{path}:{number}"
        if problem is not None or line is None:
            yield Rejected(origin, "read", problem or "unreadable line", origin=origin)
            continue
        if not line.strip():
            continue  # a blank line loses nothing
        try:
            article = _article_from_record(line, ended, path, origin, default_date, limit)
        except _Refused as refused:
            yield Rejected(refused_id(line, origin), "read", refused.reason, origin=origin)
            continue
        articles += 1
        yield article
    if articles == 0:
        log.info("%s: no articles in this JSONL input", path)


def refused_id(line: str, origin: str) -> str:
    """The record's ``id`` when it can be recovered cheaply, else ``path:line``."""
    match = re.match(r'\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){1,200}"|-?\d{1,30})', line)
    if match:
        try:
            return str(json.loads(match.group(1)))
        except ValueError:
            pass
    return origin


def _article_from_record(
    line: str, ended: bool, path: str, origin: str, default_date: str | None, limit: int
) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        if not ended:
            raise _Refused(
                f"last line is truncated or not valid JSON ({exc.msg}, column {exc.colno}); "
                "was the file cut off while being written?"
            ) from None
        raise _Refused(
            f"not valid JSON ({exc.msg}, column {exc.colno}); each line must be one JSON object"
        ) from None
    except RecursionError:
        raise _Refused(
            "JSON is nested too deeply to parse; each line must be one flat JSON object"
        ) from None
    if not isinstance(record, dict):
        kind = {
            list: "an array",
            str: "a string",
            int: "a number",
            float: "a number",
            bool: "a boolean",
        }
        raise _Refused(
            f"JSON value is {kind.get(type(record), 'null')}, expected an object like "
            '{"id": "...", "text": "..."}'
        )
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = origin
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise _Refused(f'"id" must be a string or an integer, got {type(doc_id).__name__}')
    doc_id = str(doc_id)
    if len(doc_id) > MAX_ID_CHARS:
        raise _Refused(
            f'"id" is {len(doc_id):,} characters, over the limit of {MAX_ID_CHARS}; use a shorter id'
        )
    metadata = {
        name: _string_field(record, name, origin) for name in ("title", "url", "source", "language")
    }
    record_date = None
    raw_date = record.get("date", record.get("published"))
    if raw_date is not None:
        record_date = _parse_date(raw_date)
        if record_date is None:
            log.warning(
                "%s: bad date %r (expected an ISO date like 2019-04-20); using the default date %s",
                origin,
                raw_date,
                default_date,
            )
    published = record_date or default_date
    if "text" in record and record["text"] is not None:
        text = record["text"]
        if not isinstance(text, str):
            raise _Refused(f'"text" must be a string, got {type(text).__name__}')
        return _article_from_text(text, doc_id, origin, published, limit, **metadata)
    if "html" in record and record["html"] is not None:
        html = record["html"]
        if not isinstance(html, str):
            raise _Refused(f'"html" must be a string, got {type(html).__name__}')
        if len(html) > 10 * limit:
            raise _Refused(_too_long(f"{len(html):,} (HTML)", limit))
        return _article_from_html(
            html, doc_id, origin, published, limit, record_date=record_date, **metadata
        )
    raise _Refused('record has no "text" or "html" field; add one with the article body')


def _string_field(record: dict[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value or None
    log.warning(
        "%s: field %r should be a string, got %s; ignored", origin, name, type(value).__name__
    )
    return None


# -- CSV and JSON documents ------------------------------------------------------

# A .json document is parsed whole; bigger collections belong in JSON Lines.
JSON_DOCUMENT_MAX_BYTES = 512 * 1024 * 1024
_METADATA_KEYS = ("title", "url", "source", "language")


def _table_record(row: dict[str, Any], columns: Columns) -> dict[str, Any]:
    """A CSV row or JSON record with the user's column names mapped to the JSONL fields."""
    record = {k: v for k, v in row.items() if k in _METADATA_KEYS}
    for field, name in (("id", columns.id), ("date", columns.date)):
        if name in row:
            record[field] = row[name]
    if columns.text in row:
        record["text"] = row[columns.text]
    elif columns.html in row:
        record["html"] = row[columns.html]
    return record


def _missing_named_columns(header: Sequence[str], columns: Columns) -> list[str]:
    """Flags the user set (names other than the defaults) that the file does not have."""
    return [
        f"--{flag}-col {name!r}"
        for flag, name, default in (
            ("id", columns.id, DEFAULT_COLUMNS.id),
            ("date", columns.date, DEFAULT_COLUMNS.date),
        )
        if name != default and name not in header
    ]


def _articles_from_records(
    records: Iterator[tuple[str, Any]], path: str, default_date: str | None, limit: int
) -> Iterator[Article | Rejected]:
    """Each (origin, record) through the JSONL record checks, so every format agrees."""
    for origin, record in records:
        line = json.dumps(record, ensure_ascii=False, default=str)
        try:
            yield _article_from_record(line, True, path, origin, default_date, limit)
        except _Refused as refused:
            yield Rejected(refused_id(line, origin), "read", refused.reason, origin=origin)


def _csv_encoding(path: str) -> str:
    with open_regular(path) as handle:  # a FIFO or device is refused, never waited on
        head = handle.read(4)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8"


def _read_csv(
    path: str, default_date: str | None, limit: int, columns: Columns
) -> Iterator[Article | Rejected]:
    """One article per row of a CSV (or tab-separated .tsv) file with a header line.

    Rows are streamed; a row's origin is ``path:LINE`` (the line the row starts on).
    """
    # An article (or its HTML) may be far longer than csv's default 131,072-character field.
    csv.field_size_limit(max(csv.field_size_limit(), 10 * limit + 1))
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    with io.TextIOWrapper(open_regular(path), encoding=_csv_encoding(path), newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = [name.strip() for name in next(reader, [])]
        except UnicodeDecodeError as exc:
            raise _Refused(_csv_decode_problem(exc, 1)) from None
        except csv.Error as exc:
            raise _Refused(f"line 1: not a readable CSV header ({exc})") from None
        if not header:
            raise _Refused("file is empty; a CSV file needs a header line such as id,date,text")
        if columns.text not in header and columns.html not in header:
            raise _Refused(
                f"no {columns.text!r} column (the header has: {', '.join(header[:20])}); "
                "name the article column with --text-col"
            )
        missing = _missing_named_columns(header, columns)
        if missing:
            raise _Refused(
                f"no column for {', '.join(missing)} (the header has: {', '.join(header[:20])})"
            )

        def rows() -> Iterator[tuple[str, Any]]:
            start = reader.line_num + 1
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    raise _Refused(_csv_decode_problem(exc, start)) from None
                except csv.Error as exc:
                    raise _Refused(
                        f"line {start}: {exc} (an unclosed quote, or a field over "
                        f"--max-article-chars); the rest of the file is not read"
                    ) from None
                record = {k: v for k, v in zip(header, row, strict=False) if v != ""}
                if record:  # an empty row holds nothing to lose
                    yield f"{path}:{start}", _table_record(record, columns)
                start = reader.line_num + 1

        yield from _articles_from_records(rows(), path, default_date, limit)


def _csv_decode_problem(exc: UnicodeDecodeError, line: int) -> str:
    return (
        f"not valid UTF-8 at or after line {line} (byte 0x{exc.object[exc.start]:02X}); "
        "the rows before it were read; re-save the file as UTF-8"
    )


def _read_json_document(
    path: str, default_date: str | None, limit: int, columns: Columns
) -> Iterator[Article | Rejected]:
    """A ``.json`` file holding an array of records (read like JSONL) or one record.

    A record's origin is ``path#N``, the N-th record of the array (from 1).
    """
    size = os.path.getsize(path)
    if size > JSON_DOCUMENT_MAX_BYTES:
        raise _Refused(
            f"JSON file is {size:,} bytes; a .json file is read whole, so above "
            f"{JSON_DOCUMENT_MAX_BYTES:,} bytes write it as JSON Lines (.jsonl), one record a line"
        )
    with open_regular(path) as handle:
        text = decode_bytes(handle.read())
    if not text.strip():
        raise _Refused("file is empty" if not text else "JSON file is empty (whitespace only)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Refused(
            f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno}); "
            "a .json file holds an array of records like [{\"id\": \"...\", \"text\": \"...\"}]"
        ) from None
    except RecursionError:
        raise _Refused("JSON is nested too deeply to parse") from None
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise _Refused(
            f"JSON value is a {type(value).__name__}, expected an array of records "
            'like [{"id": "...", "text": "..."}]'
        )
    if not value:
        raise _Refused("JSON array is empty: no articles")
    first = next((r for r in value if isinstance(r, dict)), None)
    if first is not None:
        missing = _missing_named_columns(list(first), columns)
        if missing:
            raise _Refused(f"no key for {', '.join(missing)} in the first record")

    def records() -> Iterator[tuple[str, Any]]:
        for number, record in enumerate(value, start=1):
            mapped = _table_record(record, columns) if isinstance(record, dict) else record
            if isinstance(record, dict) and columns == DEFAULT_COLUMNS:
                mapped = record  # unknown keys pass through, as in JSONL
            yield f"{path}#{number}", mapped

    yield from _articles_from_records(records(), path, default_date, limit)


__all__ = ["DEFAULT_COLUMNS", "KNOWN_SUFFIXES", "Columns", "decode_bytes", "extract_html", "open_regular",
           "read_inputs"]

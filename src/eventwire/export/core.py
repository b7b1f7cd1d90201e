"""Exports of stored events: GDELT 2.0, PLOVER JSON, CSV, Parquet and JSON Lines.

Every format reads the ``events_export`` view (each event with its article's
metadata and its event group's counts), asserted events only unless asked.
``where`` is an SQL condition on that view's columns, run on a read-only
connection with file access disabled, so it can filter but never change
anything. Files are written to a temporary name and renamed when complete: a
failed export (disk full, Ctrl-C) never leaves a half-written file behind.

Formats
-------
``jsonl``    one ``Event.to_json()`` object a line: the public JSON contract.
``csv``      the flat event columns with article url/source/title/published and
             group counts; list columns are joined with ``;`` (the one list convention of
             every CSV eventwire writes: ``str.split(";")`` in pandas, ``strsplit`` in R);
             no ``json`` column.
``parquet``  the same columns as CSV plus ``json``, with native types (lists, dates).
``gdelt``    GDELT 2.0 event table: the 61 columns of ``data/gdelt_columns.txt`` in
             GDELT's order and with GDELT's names (``GLOBALEVENTID``, ``SQLDATE``...),
             tab separated, no header unless ``header=True``. One row per event, carrying
             its event group's NumMentions/NumSources/NumArticles. Codes keep their
             leading zeros. Geography: geo country codes are FIPS 10-4, as GDELT uses;
             ``FullName`` is "City, Admin1, Country" (the admin1 part where our gazetteer
             knows it); ``ADM1Code`` is the FIPS country code plus the GeoNames admin1
             code (the FIPS country code alone for country-level places); a country-level
             place sits at the country's centroid (``data/gazetteer/country_centroids.tsv``)
             with the FIPS code as FeatureID, an admin1 place has its ADM1Code as FeatureID,
             a city its GeoNames id. Actor1Geo/Actor2Geo hold the actor's country, where the
             actor has one, at country level. Departures from GDELT, because we do not have
             the data: GLOBALEVENTID is a stable 60-bit integer derived from our event_id;
             AvgTone, the Ethnic/Religion codes and ADM2Code are empty; DATEADDED is the
             ingest time; SOURCEURL is the article's url, empty when the input had none.
``plover``   JSON Lines, one PLOVER 2.0 record per event with the fields of
             ``data/plover_fields.tsv`` (``id, date, event, mode, context, quad_code,
             actor, recipient, event_loc, event_text, cite_info``) and our extras under
             ``eventwire``; types and modes are those of ``data/plover_types.tsv``, the
             contexts those the PLOVER manual's conversion table gives the CAMEO code
             (``data/plover_contexts.tsv``). Events without a PLOVER type (CAMEO root 01,
             public statements) are not written.

``out`` may be ``-`` (standard output) and a name ending in ``.gz`` is gzip-compressed.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ..cache import write_atomic as _write_atomic
from ..errors import OutputError, StoreError
from ..store import Rows, Store, store_error
from .gdelt import write_gdelt
from .plover import write_plover
from .tabular import write_csv, write_jsonl, write_parquet

FORMATS = ("gdelt", "plover", "csv", "parquet", "jsonl")
def export(
    store_or_path: Store | str | Path,
    out: str | Path,
    format: str = "jsonl",  # noqa: A002 - mirrors the CLI flag --format
    where: str | None = None,
    *,
    include_unasserted: bool = False,
    min_confidence: float | None = None,
    header: bool = False,
    stdout: Any = None,
) -> int:
    """Write stored events to ``out`` in ``format``; returns the number of rows written.

    ``out`` ``-`` writes to ``stdout`` (default ``sys.stdout``'s bytes); a name ending in
    ``.gz`` is gzip-compressed. ``header`` adds GDELT's column names to ``gdelt``.

    >>> export("events.duckdb", "events.tsv", "gdelt", where="cameo_root = '19'")  # doctest: +SKIP
    """
    if format not in FORMATS:
        raise OutputError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}")
    if header and format != "gdelt":
        raise OutputError(f"--header is for --format gdelt; {format} files name their fields already")
    owned = not isinstance(store_or_path, Store)
    store = Store(store_or_path, read_only=True) if owned else store_or_path
    try:
        table = select_events(store, where, include_unasserted=include_unasserted, min_confidence=min_confidence)
    finally:
        if owned:
            store.close()
    writer = partial(write_gdelt, header=header) if format == "gdelt" else _WRITERS[format]
    if str(out) == "-":
        return write_stdout(lambda tmp: writer(table, tmp), stdout)
    if str(out).endswith(".gz"):
        return write_atomic(Path(out), lambda tmp: write_gzip(tmp, lambda plain: writer(table, plain)))
    return write_atomic(Path(out), lambda tmp: writer(table, tmp))


def write_gzip(path: Path, write: Callable[[Path], int]) -> int:
    """Run ``write(plain)`` on a temporary file, then compress it into ``path``."""
    plain = path.with_name(path.name + ".plain")
    try:
        rows = write(plain)
        with plain.open("rb") as src, gzip.open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return rows
    finally:
        plain.unlink(missing_ok=True)


def write_stdout(write: Callable[[Path], int], stdout: Any = None) -> int:
    """Run ``write(tmp)`` then copy the bytes to ``stdout`` (a binary stream)."""
    import tempfile

    target = stdout if stdout is not None else sys.stdout.buffer
    with tempfile.TemporaryDirectory(prefix="eventwire-export-") as folder:
        tmp = Path(folder) / "export"
        rows = write(tmp)
        with tmp.open("rb") as src:
            shutil.copyfileobj(src, target)
        target.flush()
    return rows


def select_events(
    store: Store, where: str | None = None, *, include_unasserted: bool = False,
    min_confidence: float | None = None,
) -> Rows:
    """Rows of the ``events_export`` view, filtered by the SQL condition ``where``.

    ``where`` must be one boolean expression (checked with DuckDB's own parser by
    ``check_where``), and it filters the rows of a subquery that already holds only the
    eligible events (asserted unless ``include_unasserted``, at least ``min_confidence``
    sure): it can narrow the export, never widen it."""
    eligible = []
    if not include_unasserted:
        eligible.append("modality = 'asserted'")
    if min_confidence:
        eligible.append(f"confidence >= {float(min_confidence)!r}")
    sql = "SELECT * FROM (SELECT * FROM events_export" + (" WHERE " + " AND ".join(eligible) if eligible else "")
    sql += ") AS events_export"
    if where and where.strip():
        check_where(store, where)
        # Newlines keep a trailing `--` comment in `where` from eating the parenthesis.
        sql += f" WHERE (\n{where}\n)"
    sql += "\nORDER BY date NULLS LAST, event_id"
    try:
        return store.query_rows(sql)
    except StoreError as exc:
        if where:
            raise StoreError(f"--where {where!r} failed: {exc}. {_WHERE_HINT}") from exc
        raise


_WHERE_HINT = (
    "It is one SQL condition on the columns of the events_export view, "
    "e.g. \"cameo_root = '19' AND date >= '2019-04-01'\""
)
_WHERE_PROBE = "SELECT 1 FROM events_export WHERE\n{}\n"


def check_where(store: Store, where: str) -> None:
    """Raise ``StoreError`` unless ``where`` is a single boolean expression.

    DuckDB parses ``SELECT 1 FROM events_export WHERE <where>``; the parse tree must be
    the probe's with only the WHERE clause changed. A ``)`` that closes the condition
    early, ``UNION``, ``GROUP BY``, ``ORDER BY``, ``LIMIT``, ``;`` and a second statement
    all change something else, or fail to parse, and are refused."""
    parsed = _parse_select(store, _WHERE_PROBE.format(where))
    if parsed.get("error"):
        problem = str(parsed.get("error_message") or "syntax error").splitlines()[0]
        if problem.startswith("Only SELECT"):  # "1=1; DELETE ...": a second statement
            problem = "it holds a second statement"
        raise StoreError(f"--where {where!r} failed: not an SQL condition ({problem}). {_WHERE_HINT}")
    baseline = _parse_select(store, _WHERE_PROBE.format("TRUE"))
    if len(parsed["statements"]) != 1 or _without_where(parsed) != _without_where(baseline):
        raise StoreError(
            f"--where {where!r} failed: not a single condition, it adds to the query around it "
            f"(a closing parenthesis, UNION, GROUP BY, ORDER BY, LIMIT or a second statement). {_WHERE_HINT}"
        )


def _parse_select(store: Store, sql: str) -> dict[str, Any]:
    rows = store.query_rows("SELECT json_serialize_sql(?::VARCHAR) AS tree", [sql])
    tree: dict[str, Any] = json.loads(rows.column("tree")[0])
    return tree


def _without_where(tree: dict[str, Any]) -> Any:
    node = dict(tree["statements"][0]["node"])
    node.pop("where_clause", None)
    return node


def write_atomic(out: Path, write: Callable[[Path], int]) -> int:
    """``cache.write_atomic`` with the export's error message."""
    out = out.expanduser()
    try:
        return _write_atomic(out, write)
    except OSError as exc:
        raise store_error(exc, out, "write the export") from exc


_WRITERS: dict[str, Callable[[Rows, Path], int]] = {
    "gdelt": write_gdelt,
    "plover": write_plover,
    "csv": write_csv,
    "parquet": write_parquet,
    "jsonl": write_jsonl,
}

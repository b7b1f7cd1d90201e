"""The one row shape of each table: column names and types as in data/schema.sql, and the
rows of a coded article (``event_row``) and back (``event_from_json``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from ..models import (
    Actor,
    Event,
    Location,
    Trigger,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


# Column order of each table, as in data/schema.sql, with each column's type: the
# DuckDB type that ingest and the Parquet shards cast to (so both are exact even
# when a batch has only NULLs in a column).
_STR = "str"
_INT = "int32"
_STRS = "strs"  # a list of strings

# type tag -> DuckDB type
_TYPES: dict[str, str] = {
    "str": "VARCHAR",
    "int8": "TINYINT",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "binary": "BLOB",
    "strs": "VARCHAR[]",
    # a shard article's sentences and mentions (see write_parquet_shard)
    "sentences": 'STRUCT("index" INTEGER, "start" INTEGER, "end" INTEGER, "text" VARCHAR)[]',
    "mentions": 'STRUCT(sentence_index INTEGER, code VARCHAR, country VARCHAR, sectors VARCHAR[], '
                'name VARCHAR, "text" VARCHAR, "start" INTEGER, "end" INTEGER, resolution VARCHAR, '
                'evidence VARCHAR)[]',
}
# Tags whose values reach DuckDB as JSON text (see _NORMALIZE).
_NESTED = ("strs", "sentences", "mentions")


ARTICLE_FIELDS: list[tuple[str, str]] = [
    ("content_hash", _STR), ("doc_id", _STR), ("url", _STR), ("source", _STR),
    ("title", _STR), ("published", "date"), ("text", _STR), ("language", _STR),
    ("origin", _STR), ("raw_chars", _INT), ("focus_country", _STR), ("warnings", _STRS),
    ("cluster_id", _STR), ("minhash", "binary"), ("ingested_at", "timestamp"),
]  # fmt: skip
SENTENCE_FIELDS: list[tuple[str, str]] = [
    ("content_hash", _STR), ("doc_id", _STR), ("sentence_index", _INT),
    ("start_char", _INT), ("end_char", _INT), ("text", _STR),
]  # fmt: skip
MENTION_FIELDS: list[tuple[str, str]] = [
    ("content_hash", _STR), ("doc_id", _STR), ("sentence_index", _INT), ("code", _STR),
    ("country", _STR), ("sectors", _STRS), ("name", _STR), ("text", _STR),
    ("start_char", _INT), ("end_char", _INT), ("resolution", _STR), ("evidence", _STR),
]  # fmt: skip


def _actor_fields(role: str) -> list[tuple[str, str]]:
    return [
        (f"{role}_code", _STR), (f"{role}_country", _STR), (f"{role}_sectors", _STRS),
        (f"{role}_name", _STR), (f"{role}_text", _STR), (f"{role}_start", _INT),
        (f"{role}_end", _INT), (f"{role}_resolution", _STR), (f"{role}_evidence", _STR),
    ]  # fmt: skip


EVENT_FIELDS: list[tuple[str, str]] = [
    ("event_id", _STR), ("content_hash", _STR), ("doc_id", _STR), ("sentence_index", _INT),
    ("sentence", _STR), ("date", "date"), ("date_source", _STR),
    ("date_expression", _STR), ("end_date", "date"),
    *_actor_fields("source"), *_actor_fields("target"),
    ("cameo", _STR), ("cameo_root", _STR), ("cameo_name", _STR), ("quad_class", "int8"),
    ("goldstein", "float64"), ("plover_type", _STR), ("plover_mode", _STR),
    ("modality", _STR), ("location_name", _STR), ("location_country", _STR),
    ("location_lat", "float64"), ("location_lon", "float64"),
    ("location_admin1", _STR), ("location_geonameid", "int64"),
    ("location_precision", _STR), ("location_source", _STR),
    ("trigger_text", _STR), ("trigger_start", _INT), ("trigger_end", _INT),
    ("rule", _STR), ("confidence", "float64"), ("json", _STR),
]  # fmt: skip
ERROR_FIELDS: list[tuple[str, str]] = [
    ("doc_id", _STR), ("stage", _STR), ("reason", _STR), ("origin", _STR),
    ("logged_at", "timestamp"),
]  # fmt: skip

TABLE_FIELDS = {
    "articles": ARTICLE_FIELDS,
    "sentences": SENTENCE_FIELDS,
    "mentions": MENTION_FIELDS,
    "events": EVENT_FIELDS,
    "errors": ERROR_FIELDS,
}


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date (the first 10 characters of a date or datetime), or None if not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _actor_row(role: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {name: None for name, _ in _actor_fields(role)}
    return {
        f"{role}_code": actor.code,
        f"{role}_country": actor.country,
        f"{role}_sectors": list(actor.sectors),
        f"{role}_name": actor.name,
        f"{role}_text": actor.text,
        f"{role}_start": actor.start,
        f"{role}_end": actor.end,
        f"{role}_resolution": actor.resolution,
        f"{role}_evidence": actor.evidence,
    }


def event_row(event: Event, content_hash: str) -> dict[str, Any]:
    """The ``events`` table row of an event: Event.to_json() flattened, plus the JSON itself."""
    loc = event.location
    return {
        "event_id": event.event_id,
        "content_hash": content_hash,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "date": parse_date(event.date),
        "date_source": event.date_source,
        "date_expression": event.date_expression,
        "end_date": parse_date(event.end_date),
        **_actor_row("source", event.source),
        **_actor_row("target", event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": event.cameo_name,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "modality": event.modality,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "location_precision": loc.precision if loc else None,
        "location_source": loc.source if loc else None,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "rule": event.rule,
        "confidence": event.confidence,
        "json": json.dumps(event.to_json(), ensure_ascii=False, sort_keys=True),
    }


def event_from_json(data: dict[str, Any]) -> Event:
    """Rebuild an Event from its to_json() dict (the inverse of Event.to_json)."""

    def actor(d: dict[str, Any] | None) -> Actor | None:
        if not d:
            return None
        return Actor(
            code=d["code"], country=d.get("country"), sectors=tuple(d.get("sectors") or ()),
            name=d.get("name", ""), text=d.get("text", ""), start=d.get("start", 0),
            end=d.get("end", 0), resolution=d.get("resolution", "kb"),
            evidence=d.get("evidence", ""),
        )  # fmt: skip

    loc = data.get("location")
    plover = data.get("plover") or {}
    return Event(
        event_id=data["event_id"],
        doc_id=data["doc_id"],
        sentence_index=data["sentence_index"],
        sentence=data["sentence"],
        date=data.get("date"),
        date_source=data.get("date_source"),
        source=actor(data.get("source")),
        target=actor(data.get("target")),
        cameo=data["cameo"],
        cameo_root=data["cameo_root"],
        quad_class=data["quad_class"],
        goldstein=data["goldstein"],
        plover_type=plover.get("type", ""),
        plover_mode=plover.get("mode"),
        modality=data["modality"],
        location=Location(**loc) if loc else None,
        trigger=Trigger(**data["trigger"]),
        rule=data.get("rule", ""),
        confidence=data.get("confidence", 0.0),
        date_expression=data.get("date_expression"),
        end_date=data.get("end_date"),
        cameo_name=data.get("cameo_name", ""),
    )


def _json_list(value: Any) -> str | None:
    return None if value is None else json.dumps(list(value), ensure_ascii=False)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


# How a column's Python values are handed to DuckDB: as they are (str, date,
# datetime, bytes), as plain float/int (so the scan sees one Python type per
# column), or lists as JSON text (DuckDB types an all-empty list column as NULL[]).
_NORMALIZE: dict[str, Callable[[Any], Any] | None] = {
    "str": None, "date": None, "timestamp": None, "binary": None,
    "int8": _int, "int32": _int, "int64": _int, "float64": _float,
    "strs": _json_list, "sentences": _json_list, "mentions": _json_list,
}  # fmt: skip


def _numpy_columns(rows: list[dict[str, Any]], fields: list[tuple[str, str]]) -> dict[str, np.ndarray]:
    """``rows`` as one numpy object array per column, for DuckDB to scan."""
    n = len(rows)
    columns: dict[str, np.ndarray] = {}
    for name, tag in fields:
        normalize = _NORMALIZE[tag]
        values = (r[name] for r in rows) if normalize is None else (normalize(r[name]) for r in rows)
        columns[name] = np.fromiter(values, dtype=object, count=n)
    return columns


def _select_cast(fields: list[tuple[str, str]]) -> str:
    """The SELECT list that turns the scanned numpy columns into the table's types."""
    return _cast_list([(name, _TYPES[tag], tag in _NESTED) for name, tag in fields])


def _cast_list(columns: list[tuple[str, str, bool]], names: list[str] | None = None) -> str:
    """``CAST(name AS type) AS name, ...`` for (name, DuckDB type, given as JSON text);
    ``names`` renames the results."""
    parts = []
    for i, (name, sql_type, as_json) in enumerate(columns):
        quoted = _quote_name(name)
        value = f"CAST({quoted} AS JSON)" if as_json else quoted
        parts.append(f"CAST({value} AS {sql_type}) AS {_quote_name(names[i]) if names else quoted}")
    return ", ".join(parts)


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_to_parquet(columns: dict[str, np.ndarray], select: str, path: str | Path) -> None:
    """Write numpy ``columns`` as the Parquet file ``path``, typed by the SELECT list ``select``.

    DuckDB writes the file (on its own in-memory connection, one thread: Dask workers
    call this). A failure to write the file raises OSError, as Python's own writes do.
    """
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        con.register("_rows", columns)
        con.execute(f"COPY (SELECT {select} FROM _rows) TO {_sql_string(str(path))} (FORMAT parquet)")
    except (duckdb.IOException, duckdb.PermissionException) as exc:
        raise OSError(_first_line(str(exc))) from exc
    finally:
        con.close()


def read_parquet_rows(path: str | Path, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The rows of the Parquet file ``path`` as dicts (lists and structs as Python lists and dicts)."""
    names = ", ".join(map(_quote_name, columns)) if columns else "*"
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        relation = con.sql(f"SELECT {names} FROM read_parquet({_sql_string(str(path))})")
        keys = relation.columns
        return [dict(zip(keys, row, strict=True)) for row in relation.fetchall()]
    finally:
        con.close()


@dataclass
class WriteStats:
    """What a ``write_many`` or ``load_parquet_shards`` call did."""

    articles: int = 0  # articles newly stored
    duplicates: int = 0  # articles skipped because their content was already stored
    events: int = 0  # event rows written
    rejected: int = 0  # Rejected records written to the errors table
    failed: int = 0  # articles that could not be stored (now in errors, stage "store")

    def add(self, other: WriteStats) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

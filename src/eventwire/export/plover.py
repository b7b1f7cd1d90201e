"""PLOVER 2.0 JSON Lines: one record per event, with the fields of ``data/plover_fields.tsv``."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DictionaryError
from ..store import Rows


def write_plover(table: Rows, path: Path) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in table.records():
            if not r["plover_type"]:
                continue  # CAMEO root 01 has no PLOVER type
            fh.write(json.dumps(plover_record(r), ensure_ascii=False, default=str) + "\n")
            rows += 1
    return rows


def _plover_entity(r: dict[str, Any], role: str) -> dict[str, Any] | None:
    if not r[f"{role}_code"]:
        return None
    return {
        "code": r[f"{role}_code"],
        "country": r[f"{role}_country"],
        "sector": list(r[f"{role}_sectors"] or []),
        "name": r[f"{role}_name"],
        "entity_text": r[f"{role}_text"],
    }


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER 2.0 event record (``data/plover_fields.tsv``) from an events_export row."""
    location = None
    if r["location_name"] or r["location_country"]:
        location = {
            "name": r["location_name"],
            "country": r["location_country"],
            "admin1": r["location_admin1"],
            "lat": _float_or_none(r["location_lat"]),
            "lon": _float_or_none(r["location_lon"]),
            "geonameid": r["location_geonameid"],
            "precision": r["location_precision"],
        }
    return {
        "id": r["event_id"],
        "date": _iso(r["date"]),
        "event": r["plover_type"],
        "mode": r["plover_mode"] or None,
        "context": list(load_plover_schema().code_contexts.get(r["cameo"], ())),
        "quad_code": int(r["quad_class"]),
        "actor": _plover_entity(r, "source"),
        "recipient": _plover_entity(r, "target"),
        "event_loc": location,
        "event_text": r["sentence"],
        "cite_info": {
            "url": r["url"],
            "source": r["article_source"],
            "title": r["article_title"],
            "publication_date": _iso(r["published"]),
            "doc_id": r["doc_id"],
            "sentence_index": r["sentence_index"],
        },
        "eventwire": {
            "cameo": r["cameo"],
            "cameo_root": r["cameo_root"],
            "goldstein": r["goldstein"],
            "modality": r["modality"],
            "confidence": r["confidence"],
            "rule": r["rule"],
            "trigger": r["trigger_text"],
        },
    }


@dataclass(frozen=True, slots=True)
class PloverSchema:
    """The PLOVER 2.0 record fields (name -> type), event types (type -> modes), the
    contexts, and the contexts of each CAMEO code."""

    fields: dict[str, str]
    types: dict[str, tuple[str, ...]]
    contexts: tuple[str, ...] = ()
    code_contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)


PLOVER_FIELD_TYPES = ("str", "date", "int", "list[str]", "type", "mode", "entity", "location", "object")


@lru_cache(maxsize=1)
def load_plover_schema() -> PloverSchema:
    """``data/plover_fields.tsv`` and ``data/plover_types.tsv``, validated line by line."""
    fields: dict[str, str] = {}
    for path, number, cells in _data_rows("data/plover_fields.tsv"):
        if len(cells) != 3:
            raise DictionaryError(path, number, "expected 'name<TAB>type<TAB>meaning'")
        name, kind = cells[0], cells[1]
        if kind.rstrip("?") not in PLOVER_FIELD_TYPES:
            raise DictionaryError(path, number, f"unknown type {kind!r}: use {', '.join(PLOVER_FIELD_TYPES)}")
        if name in fields:
            raise DictionaryError(path, number, f"field {name!r} is listed twice")
        fields[name] = kind
    types: dict[str, tuple[str, ...]] = {}
    for path, number, cells in _data_rows("data/plover_types.tsv"):
        name = cells[0]
        if not name.isupper() or not name.isalpha() or len(cells) > 2:
            raise DictionaryError(path, number, "expected 'TYPE<TAB>mode,mode,...' with an upper-case type")
        if name in types:
            raise DictionaryError(path, number, f"type {name!r} is listed twice")
        modes = tuple(m.strip() for m in cells[1].split(",")) if len(cells) == 2 and cells[1] else ()
        if any(not m for m in modes):
            raise DictionaryError(path, number, "an empty mode between commas")
        types[name] = modes
    contexts, code_contexts = _load_plover_contexts()
    return PloverSchema(fields, types, contexts, code_contexts)


def _load_plover_contexts() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """``data/plover_contexts.tsv``: the context vocabulary, then CAMEO code -> contexts."""
    vocabulary: tuple[str, ...] = ()
    by_code: dict[str, tuple[str, ...]] = {}
    for path, number, cells in _data_rows("data/plover_contexts.tsv"):
        if len(cells) != 2 or not cells[1]:
            raise DictionaryError(path, number, "expected 'code<TAB>context,context'")
        values = tuple(c.strip() for c in cells[1].split(","))
        if cells[0] == "contexts":
            vocabulary = values
            continue
        if not (cells[0].isdigit() and 2 <= len(cells[0]) <= 4):
            raise DictionaryError(path, number, f"{cells[0]!r} is not a CAMEO code (2-4 digits, as a string)")
        unknown = [c for c in values if c not in vocabulary]
        if unknown:
            raise DictionaryError(path, number, f"unknown context {unknown[0]!r}: the first line lists them")
        if cells[0] in by_code:
            raise DictionaryError(path, number, f"CAMEO code {cells[0]} is listed twice")
        by_code[cells[0]] = values
    return vocabulary, by_code


def _data_rows(name: str) -> list[tuple[str, int, list[str]]]:
    ref = resources.files("eventwire").joinpath(name)
    rows = []
    for number, line in enumerate(ref.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((str(ref), number, [c.strip() for c in line.split("\t")]))
    return rows


def _float_or_none(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None

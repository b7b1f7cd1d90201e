"""The ``query`` filters (actor, dyad, root, dates, text, ...) as SQL conditions and parameters."""

from __future__ import annotations

import re
from typing import Any

from ..errors import StoreError
from .rows import parse_date


def _event_filters(**f: Any) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []

    def prefix(column: str, value: str) -> None:
        where.append(f"starts_with({column}, ?)")
        params.append(value.strip().upper())

    if f["actor"]:
        where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
        params += [f["actor"].strip().upper()] * 2
    if f["source"]:
        prefix("source_code", f["source"])
    if f["target"]:
        prefix("target_code", f["target"])
    if f["dyad"]:
        parts = [p for p in re.split(r"[-,>/ ]+", f["dyad"].strip()) if p]
        if len(parts) != 2:
            raise StoreError(f"dyad {f['dyad']!r} must name two actors, e.g. USA-LBY")
        prefix("source_code", parts[0])
        prefix("target_code", parts[1])
    if f["root"] is not None and f["root"] != "":
        root = str(f["root"]).strip()
        where.append("cameo_root = ?")
        params.append(root.zfill(2) if root.isdigit() else root)
    if f["quad"] is not None:
        where.append("quad_class = ?")
        params.append(int(f["quad"]))
    for key, op in (("since", ">="), ("until", "<=")):
        if f[key]:
            day = parse_date(f[key])
            if day is None:
                raise StoreError(f"{key} {f[key]!r} is not an ISO date (YYYY-MM-DD)")
            where.append(f"date {op} ?")
            params.append(day)
    if f["country"]:
        where.append("(location_country = ? OR source_country = ? OR target_country = ?)")
        params += [f["country"].strip().upper()] * 3
    if f["text"]:
        where.append("contains(lower(sentence), ?)")
        params.append(f["text"].lower())
    if f.get("min_confidence"):
        where.append("confidence >= ?")
        params.append(float(f["min_confidence"]))
    return where, params

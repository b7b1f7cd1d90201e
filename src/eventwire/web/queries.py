"""Read-only aggregate queries behind the dashboard API.

Every function takes a DuckDB cursor from the store's read-only connection and
returns plain Python values. The aggregation happens in DuckDB, so a browser
never receives more rows than a page, a chart or a map needs, whatever the size
of the store. User input only ever reaches SQL as a ``?`` parameter; the only
text spliced into SQL is chosen from constants in this module.

The event filters are the store's own (``eventwire query`` semantics), so the
dashboard and the command line always agree on what "actor LBY" means.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..store.filters import _event_filters

# Columns of an event row in a list (the table). The sentence is included because
# it is what a reader scans; the full JSON is only sent by the detail endpoint.
LIST_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "date", "source_code", "source_name",
    "target_code", "target_name", "cameo", "cameo_root", "cameo_name", "quad_class",
    "goldstein", "modality", "location_name", "location_country", "location_lat",
    "location_lon", "trigger_text", "rule", "confidence", "sentence",
)  # fmt: skip

INTERVALS = {"day": "day", "week": "week", "month": "month"}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters of ``eventwire query``; every field is optional."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    root: str | None = None
    quad: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    text: str | None = None
    include_unasserted: bool = False

    def where(self, extra: list[str] | None = None) -> tuple[str, str, list[Any]]:
        """(view, " WHERE ..." or "", params) for these filters plus ``extra`` conditions."""
        where, params = _event_filters(
            actor=self.actor, source=self.source, target=self.target, dyad=self.dyad,
            root=self.root, quad=self.quad,
            since=self.since.isoformat() if self.since else None,
            until=self.until.isoformat() if self.until else None,
            country=self.country, text=self.text,
        )  # fmt: skip
        where = where + (extra or [])
        view = "events" if self.include_unasserted else "asserted_events"
        return view, (" WHERE " + " AND ".join(where)) if where else "", params


def _records(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN from an empty mean
        return None
    return value


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


# ---------------------------------------------------------------- events


# Sort keys of the event table -> the SQL column; the only text of a sort spliced into SQL.
SORT_COLUMNS = {
    "date": "date", "source": "source_code", "target": "target_code", "cameo": "cameo",
    "quad": "quad_class", "goldstein": "goldstein", "location": "location_name",
    "trigger": "trigger_text", "confidence": "confidence",
}  # fmt: skip


def _order_by(sort: str, descending: bool) -> str:
    column = SORT_COLUMNS[sort]
    direction = "DESC" if descending else "ASC"
    # Ties (and NULLs, always last) keep a stable order, so pages never overlap.
    then = "" if column == "date" else ", date DESC NULLS LAST"
    return f"ORDER BY {column} {direction} NULLS LAST{then}, event_id"


def list_events(
    cur: Any, f: EventFilter, *, page: int, page_size: int, sort: str = "date",
    descending: bool = True,
) -> dict[str, Any]:
    """One page of events (newest first by default), with the total count of matches."""
    view, where, params = f.where()
    total = cur.execute(f"SELECT count(*) FROM {view}{where}", params).fetchone()[0]
    cur.execute(
        f"SELECT {', '.join(LIST_COLUMNS)} FROM {view}{where} "
        f"{_order_by(sort, descending)} LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    )
    return {"total": total, "page": page, "page_size": page_size, "rows": _records(cur)}


def iter_events_csv(
    cur: Any, f: EventFilter, *, sort: str = "date", descending: bool = True, chunk: int = 5000
) -> Iterator[str]:
    """Every matching event as CSV text (header first), in table order, ``chunk`` rows at a time."""
    view, where, params = f.where()
    cur.execute(
        f"SELECT {', '.join(LIST_COLUMNS)} FROM {view}{where} {_order_by(sort, descending)}", params
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LIST_COLUMNS)
    while True:
        rows = cur.fetchmany(chunk)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if not rows:
            return


def _csv_value(value: Any) -> Any:
    value = _plain(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _clip_span(
    role: str, text: str | None, start: int | None, end: int | None, offset: int, within: str
) -> dict[str, Any] | None:
    """A span relative to ``within`` (which starts at ``offset`` in the article), or None.

    Offsets in the store refer to the article; if they do not land on the span's
    text inside ``within`` (an article re-cleaned differently, say), the text is
    searched for instead, so a highlight is never put on the wrong words.
    """
    if start is None or end is None:
        return None
    s, e = start - offset, end - offset
    if 0 <= s < e <= len(within) and (not text or within[s:e] == text):
        return {"role": role, "start": s, "end": e, "text": within[s:e]}
    if text:
        found = within.find(text)
        if found >= 0:
            return {"role": role, "start": found, "end": found + len(text), "text": text}
    return None


def _sentence_offset(cur: Any, content_hash: str, index: int, sentence: str) -> int | None:
    row = cur.execute(
        "SELECT start_char FROM sentences WHERE content_hash = ? AND sentence_index = ?",
        [content_hash, index],
    ).fetchone()
    if row and row[0] is not None:
        return int(row[0])
    row = cur.execute(
        "SELECT strpos(text, ?) FROM articles WHERE content_hash = ?", [sentence, content_hash]
    ).fetchone()
    return int(row[0]) - 1 if row and row[0] else None


def event_spans(event: dict[str, Any], offset: int, within: str) -> list[dict[str, Any]]:
    """The source, target and trigger spans of an event row, relative to ``within``."""
    spans = []
    for role in ("source", "target", "trigger"):
        span = _clip_span(
            role, event.get(f"{role}_text"), event.get(f"{role}_start"),
            event.get(f"{role}_end"), offset, within,
        )  # fmt: skip
        if span:
            spans.append(span)
    return spans


def get_event(cur: Any, event_id: str) -> dict[str, Any] | None:
    """An event, its evidence (sentence spans, rule, confidence) and its article's other events."""
    cur.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    rows = _records(cur)
    if not rows:
        return None
    row = rows[0]
    sentence = row["sentence"] or ""
    offset = _sentence_offset(cur, row["content_hash"], row["sentence_index"], sentence)
    spans = event_spans(row, offset if offset is not None else 0, sentence)
    article = cur.execute(
        "SELECT doc_id, title, url, source, published FROM articles WHERE content_hash = ?",
        [row["content_hash"]],
    ).fetchone()
    cur.execute(
        "SELECT event_id, sentence_index, date, source_code, target_code, cameo, cameo_name, "
        "quad_class, goldstein, modality, trigger_text FROM events "
        "WHERE content_hash = ? AND event_id <> ? ORDER BY sentence_index, trigger_start, event_id",
        [row["content_hash"], event_id],
    )
    others = _records(cur)
    drop = {"json", "content_hash", "source_sectors", "target_sectors"}
    event = {k: v for k, v in row.items() if k not in drop}
    event["source_sectors"] = list(row.get("source_sectors") or [])
    event["target_sectors"] = list(row.get("target_sectors") or [])
    return {
        "event": event,
        "evidence": {
            "sentence": sentence,
            "sentence_start": offset,
            "spans": spans,
            "rule": row["rule"],
            "confidence": row["confidence"],
        },
        "article": {
            "doc_id": article[0] if article else row["doc_id"],
            "title": article[1] if article else None,
            "url": article[2] if article else None,
            "source": article[3] if article else None,
            "published": _plain(article[4]) if article else None,
        },
        "other_events": others,
    }


def get_article(cur: Any, doc_id: str) -> dict[str, Any] | None:
    """An article's cleaned text and the spans of all its events (offsets into the text)."""
    cur.execute(
        "SELECT content_hash, doc_id, title, url, source, published, text FROM articles "
        "WHERE doc_id = ? ORDER BY ingested_at, content_hash LIMIT 1",
        [doc_id],
    )
    rows = _records(cur)
    if not rows:
        return None
    article = rows[0]
    text = article.pop("text") or ""
    cur.execute(
        "SELECT event_id, sentence_index, date, cameo, cameo_name, quad_class, goldstein, "
        "modality, source_code, source_text, source_start, source_end, target_code, "
        "target_text, target_start, target_end, trigger_text, trigger_start, trigger_end "
        "FROM events WHERE content_hash = ? ORDER BY trigger_start, event_id",
        [article.pop("content_hash")],
    )
    events = []
    for row in _records(cur):
        spans = event_spans(row, 0, text)
        events.append(
            {
                "event_id": row["event_id"], "sentence_index": row["sentence_index"],
                "date": row["date"], "cameo": row["cameo"], "cameo_name": row["cameo_name"],
                "quad_class": row["quad_class"], "goldstein": row["goldstein"],
                "modality": row["modality"], "source_code": row["source_code"],
                "target_code": row["target_code"], "spans": spans,
            }
        )  # fmt: skip
    return {**article, "text": text, "events": events}


# ---------------------------------------------------------------- aggregates


def top_actors(cur: Any, f: EventFilter, *, top: int) -> list[dict[str, Any]]:
    """Most frequent actor codes, with counts as source and as target."""
    view, where, params = f.where()
    cur.execute(
        f"""
        WITH roles AS (
            SELECT source_code AS code, source_name AS name, 1 AS as_source, 0 AS as_target
            FROM {view}{where}
            UNION ALL
            SELECT target_code, target_name, 0, 1 FROM {view}{where}
        )
        SELECT code, mode(name) AS name, sum(as_source)::BIGINT AS as_source,
               sum(as_target)::BIGINT AS as_target, count(*) AS total
        FROM roles WHERE code IS NOT NULL
        GROUP BY code ORDER BY total DESC, code LIMIT ?
        """,
        [*params, *params, top],
    )
    return _records(cur)


def dyad_series(
    cur: Any, f: EventFilter, *, a: str, b: str, interval: str, directed: bool
) -> list[dict[str, Any]]:
    """Events between ``a`` and ``b`` (code prefixes) per interval: count, mean Goldstein."""
    a, b = a.strip().upper(), b.strip().upper()
    ab = "(starts_with(source_code, ?) AND starts_with(target_code, ?))"
    ba = "(starts_with(source_code, ?) AND starts_with(target_code, ?))"
    pair = ab if directed else f"({ab} OR {ba})"
    pair_params = [a, b] if directed else [a, b, b, a]
    view, where, params = f.where([pair, "date IS NOT NULL"])
    unit = INTERVALS[interval]
    cur.execute(
        f"""
        SELECT date_trunc('{unit}', date)::DATE AS period, count(*) AS count,
               avg(goldstein) AS mean_goldstein,
               count(*) FILTER (WHERE starts_with(source_code, ?) AND starts_with(target_code, ?))
                   AS a_to_b,
               count(*) FILTER (WHERE starts_with(source_code, ?) AND starts_with(target_code, ?))
                   AS b_to_a
        FROM {view}{where} GROUP BY 1 ORDER BY 1
        """,
        [a, b, b, a, *params, *pair_params],
    )
    rows = _records(cur)
    for r in rows:
        r["mean_goldstein"] = _round(r["mean_goldstein"])
    return rows


def network(cur: Any, f: EventFilter, *, top: int, edges: int | None = None) -> dict[str, Any]:
    """The top-N actors and the weighted edges between them, cooperation and conflict apart.

    With ``edges``, only the strongest ``edges`` edges are kept, and the nodes they join.
    """
    view, where, params = f.where(["source_code IS NOT NULL", "target_code IS NOT NULL"])
    cur.execute(
        f"""
        WITH e AS (SELECT source_code, target_code, source_name, target_name, quad_class,
                          goldstein FROM {view}{where}),
        ends AS (SELECT source_code AS code, source_name AS name FROM e
                 UNION ALL SELECT target_code, target_name FROM e),
        nodes AS (SELECT code, mode(name) AS name, count(*) AS count FROM ends
                  GROUP BY code ORDER BY count DESC, code LIMIT ?)
        SELECT code, name, count FROM nodes ORDER BY count DESC, code
        """,
        [*params, top],
    )
    nodes = _records(cur)
    codes = [n["code"] for n in nodes]
    if not codes:
        return {"nodes": [], "edges": []}
    cur.execute(
        f"""
        SELECT source_code AS source, target_code AS target,
               CASE WHEN quad_class <= 2 THEN 'cooperation' ELSE 'conflict' END AS kind,
               count(*) AS weight, avg(goldstein) AS mean_goldstein
        FROM {view}{where}
          AND list_contains(?, source_code) AND list_contains(?, target_code)
          AND source_code <> target_code
        GROUP BY 1, 2, 3 ORDER BY weight DESC, 1, 2, 3
        """,
        [*params, codes, codes],
    )
    links = _records(cur)
    for e in links:
        e["mean_goldstein"] = _round(e["mean_goldstein"])
    if edges is not None:
        links = links[:edges]
        joined = {e["source"] for e in links} | {e["target"] for e in links}
        nodes = [n for n in nodes if n["code"] in joined]
    return {"nodes": nodes, "edges": links}


def map_points(cur: Any, f: EventFilter, *, top: int) -> dict[str, Any]:
    """Events per located place (name, lat, lon, count, mean Goldstein) and per country."""
    view, where, params = f.where(["location_lat IS NOT NULL", "location_lon IS NOT NULL"])
    cur.execute(
        f"""
        SELECT location_name AS name, location_country AS country,
               round(location_lat, 3) AS lat, round(location_lon, 3) AS lon,
               count(*) AS count, avg(goldstein) AS mean_goldstein
        FROM {view}{where} GROUP BY 1, 2, 3, 4 ORDER BY count DESC, name LIMIT ?
        """,
        [*params, top],
    )
    points = _records(cur)
    for p in points:
        p["mean_goldstein"] = _round(p["mean_goldstein"])
    view, where, params = f.where(["location_country IS NOT NULL"])
    cur.execute(
        f"""
        SELECT location_country AS country, count(*) AS count, avg(goldstein) AS mean_goldstein
        FROM {view}{where} GROUP BY 1 ORDER BY count DESC, country
        """,
        params,
    )
    countries = _records(cur)
    numeric = iso_numeric()
    for c in countries:
        c["mean_goldstein"] = _round(c["mean_goldstein"])
        c["iso_numeric"] = numeric.get(c["country"])
    return {"points": points, "countries": countries}


def timeline(cur: Any, f: EventFilter) -> list[dict[str, Any]]:
    """Events per day, split by QuadClass, with the day's mean Goldstein."""
    view, where, params = f.where(["date IS NOT NULL"])
    cur.execute(
        f"""
        SELECT date, count(*) AS total,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4,
               avg(goldstein) AS mean_goldstein
        FROM {view}{where} GROUP BY date ORDER BY date
        """,
        params,
    )
    days = _records(cur)
    for d in days:
        d["mean_goldstein"] = _round(d["mean_goldstein"])
    return days


def summary(cur: Any) -> dict[str, Any]:
    """What the page needs to set up its filters: totals, date range, CAMEO roots present."""
    events, asserted, first, last = cur.execute(
        "SELECT (SELECT count(*) FROM events), count(*), min(date), max(date) FROM asserted_events"
    ).fetchone()
    articles = cur.execute("SELECT count(*) FROM articles").fetchone()[0]
    cur.execute(
        "SELECT cameo_root AS root, count(*) AS count FROM asserted_events GROUP BY 1 ORDER BY 1"
    )
    names = root_names()
    roots = [{**r, "name": names.get(r["root"], "")} for r in _records(cur)]
    return {
        "articles": articles,
        "events": events,
        "asserted_events": asserted,
        "first_date": _plain(first),
        "last_date": _plain(last),
        "roots": roots,
    }


@lru_cache(maxsize=1)
def root_names() -> dict[str, str]:
    """CAMEO root code -> name, from the packaged CAMEO table."""
    from ..cameo import load_cameo

    return {code: entry.name for code, entry in load_cameo().items() if len(code) == 2}


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, str]:
    """ISO3 -> ISO 3166 numeric code, which is how the vendored world shapes name countries."""
    import pycountry

    return {c.alpha_3: c.numeric for c in pycountry.countries}

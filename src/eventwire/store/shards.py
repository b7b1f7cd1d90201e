"""The Dask engine's Parquet shards: written atomically per partition, read back for
``eventwire load``, and queried in place (``ShardEvents``, ``query --parquet DIR``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..cache import write_atomic
from ..errors import StoreError
from ..models import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Mention,
    Rejected,
    Sentence,
)
from .db import Store, store_error
from .rows import (
    _INT,
    _STR,
    _STRS,
    EVENT_FIELDS,
    WriteStats,
    _first_line,
    _numpy_columns,
    _select_cast,
    copy_to_parquet,
    event_from_json,
    event_row,
    read_parquet_rows,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import pandas as pd


# A shard is written by one Dask worker and loaded by `eventwire load`:
#   NAME.parquet            one row per event (the events table columns, with json)
#   NAME.articles.parquet   one row per article: article fields, content_hash,
#                           focus_country, warnings, and its sentences and mentions
#                           as lists of structs
#   NAME.errors.parquet     Rejected records (only when there are some)
# The events file is written last and each file atomically (temp + rename), so a
# shard whose events file exists is complete.

SHARD_ARTICLE_FIELDS: list[tuple[str, str]] = [
    ("content_hash", _STR), ("doc_id", _STR), ("text", _STR), ("published", _STR),
    ("title", _STR), ("url", _STR), ("source", _STR), ("language", _STR),
    ("origin", _STR), ("raw_chars", _INT), ("focus_country", _STR), ("warnings", _STRS),
    ("sentences", "sentences"), ("mentions", "mentions"),
]  # fmt: skip
SHARD_ERROR_FIELDS: list[tuple[str, str]] = [
    ("doc_id", _STR), ("stage", _STR), ("reason", _STR), ("origin", _STR),
]  # fmt: skip


def shard_paths(path: str | Path) -> tuple[Path, Path, Path]:
    """(events, articles, errors) file paths of the shard at ``path`` (the events file)."""
    path = Path(path)
    stem = path.name[: -len(".parquet")] if path.name.endswith(".parquet") else path.name
    return (
        path.with_name(stem + ".parquet"),
        path.with_name(stem + ".articles.parquet"),
        path.with_name(stem + ".errors.parquet"),
    )


def write_parquet_shard(items: Iterable[CodedArticle | Rejected], path: str | Path) -> int:
    """Write coded articles (and Rejected records) as one Parquet shard; returns event rows.

    ``path`` names the events file (``shard-00001.parquet``); the articles and
    errors files go next to it. Safe to call from a Dask worker: it touches no
    database.
    """
    events_path, articles_path, errors_path = shard_paths(path)
    articles: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Rejected):
            errors.append(dataclasses.asdict(item))
            continue
        art = item.article
        articles.append(
            {
                "content_hash": item.content_hash, "doc_id": art.doc_id, "text": art.text,
                "published": art.published, "title": art.title, "url": art.url,
                "source": art.source, "language": art.language, "origin": art.origin,
                "raw_chars": art.raw_chars, "focus_country": item.focus_country,
                "warnings": list(item.warnings),
                "sentences": [
                    {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
                    for s in item.sentences
                ],
                "mentions": [
                    {"sentence_index": m.sentence_index, **m.actor.to_json()}
                    for m in item.mentions
                ],
            }
        )  # fmt: skip
        events.extend(event_row(e, item.content_hash) for e in item.events)
    events_path.parent.mkdir(parents=True, exist_ok=True)
    if errors:
        _write_parquet_atomic(errors, SHARD_ERROR_FIELDS, errors_path)
    _write_parquet_atomic(articles, SHARD_ARTICLE_FIELDS, articles_path)
    _write_parquet_atomic(events, EVENT_FIELDS, events_path)
    return len(events)


def _write_parquet_atomic(rows: list[dict[str, Any]], fields: list[tuple[str, str]], path: Path) -> None:
    try:
        write_atomic(path, lambda tmp: copy_to_parquet(_numpy_columns(rows, fields), _select_cast(fields), tmp))
    except OSError as exc:
        raise store_error(exc, path, "write") from exc


def read_parquet_shard(path: str | Path) -> Iterator[CodedArticle | Rejected]:
    """The CodedArticle and Rejected records of one shard (the inverse of write_parquet_shard)."""
    events_path, articles_path, errors_path = shard_paths(path)
    for p in (events_path, articles_path):
        if not p.exists():
            raise StoreError(
                f"incomplete shard {events_path}: {p} is missing. Rerun the job that wrote it."
            )
    try:
        event_rows = read_parquet_rows(events_path, ["content_hash", "json"])
        article_rows = read_parquet_rows(articles_path)
        error_rows = read_parquet_rows(errors_path) if errors_path.exists() else []
    except (OSError, duckdb.Error) as exc:
        raise StoreError(f"cannot read shard {events_path}: {_first_line(str(exc))}") from exc
    by_article: dict[str, list[Event]] = {}
    for row in event_rows:
        by_article.setdefault(row["content_hash"], []).append(event_from_json(json.loads(row["json"])))
    for row in error_rows:
        yield Rejected(row["doc_id"], row["stage"], row["reason"], row["origin"] or "")
    for row in article_rows:
        article = Article(
            doc_id=row["doc_id"], text=row["text"], published=row["published"],
            title=row["title"], url=row["url"], source=row["source"],
            language=row["language"], origin=row["origin"] or "", raw_chars=row["raw_chars"] or 0,
        )  # fmt: skip
        yield CodedArticle(
            article=article,
            sentences=tuple(
                Sentence(row["doc_id"], s["index"], s["start"], s["end"], s["text"])
                for s in row["sentences"] or []
            ),
            mentions=tuple(
                Mention(
                    row["doc_id"], m["sentence_index"],
                    Actor(m["code"], m["country"], tuple(m["sectors"] or ()), m["name"],
                          m["text"], m["start"], m["end"], m["resolution"], m["evidence"]),
                )  # fmt: skip
                for m in row["mentions"] or []
            ),
            events=tuple(by_article.get(row["content_hash"], ())),
            content_hash=row["content_hash"],
            focus_country=row["focus_country"],
            warnings=tuple(row["warnings"] or ()),
        )


def expand_shard_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Shard events files named by ``paths`` (files, or directories searched for *.parquet)."""
    found: list[Path] = []
    for p in map(Path, paths):
        candidates = sorted(p.glob("*.parquet")) if p.is_dir() else [p]
        for c in candidates:
            if c.name.endswith((".articles.parquet", ".errors.parquet")):
                continue
            if not c.exists():
                raise StoreError(f"no shard at {c}")
            found.append(c)
    return found


def load_parquet_shards(
    store: Store, paths: Iterable[str | Path], *, batch_size: int = 50,
    progress: Callable[[Path, WriteStats], None] | None = None,
) -> WriteStats:  # fmt: skip
    """Ingest Parquet shards (from the Dask engine) into ``store``, then rebuild event groups.

    Idempotent like every write: articles already stored are skipped.
    """
    total = WriteStats()
    for path in expand_shard_paths(paths):
        stats = store.write_many(read_parquet_shard(path), batch_size=batch_size)
        total.add(stats)
        if progress:
            progress(path, stats)
    store.rebuild_groups()
    return total


class ShardEvents(Store):
    """The Dask engine's Parquet shards, queried in place by DuckDB (``query --parquet DIR``).

    Offers ``Store``'s reads (``events``, ``sql``) over an in-memory DuckDB whose
    ``events`` and ``asserted_events`` views read the shard files; nothing is copied.
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:  # noqa: D107 - no Store file to open
        paths = list(paths)
        files = expand_shard_paths(paths)
        if not files:
            raise StoreError(f"no event shards (*.parquet) in {', '.join(map(str, paths))}: "
                             "code with `eventwire code --engine dask --shards DIR` first")
        self.path = Path(str(paths[0]))
        self.read_only = True
        self.group_window_days = 1
        self._index = None
        self.memory_limit = None
        listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        try:
            self._con = duckdb.connect(":memory:")
            self._con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet([{listing}])")
            self._con.execute("CREATE VIEW asserted_events AS SELECT * FROM events WHERE modality = 'asserted'")
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "read shards") from exc

    def sql(self, query: str) -> pd.DataFrame:
        try:
            return self.con.execute(query).df()
        except duckdb.Error as exc:
            raise StoreError(f"SQL over shards failed: {exc}") from exc

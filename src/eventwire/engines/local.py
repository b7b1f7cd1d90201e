"""Code many inputs: read -> pipeline -> store and/or event file, with a summary.

This is the library function behind ``eventwire code``; it never prints: progress
and rejections are reported through callbacks so the CLI decides how they look.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from ..coding.coder import run
from ..config import Settings
from ..errors import OutputError
from ..ingest.readers import DEFAULT_COLUMNS, Columns, read_inputs
from ..models import Article, CodedArticle, Event, Rejected, Summary
from . import runtime

log = logging.getLogger(__name__)

CSV_COLUMNS = [
    "event_id", "doc_id", "sentence_index", "date", "date_source", "date_expression", "end_date",
    "source_code", "source_country", "source_sectors", "source_name", "source_text",
    "target_code", "target_country", "target_sectors", "target_name", "target_text",
    "cameo", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover_type", "plover_mode",
    "modality", "location_name", "location_country", "location_lat", "location_lon",
    "trigger_text", "trigger_start", "trigger_end", "rule", "confidence", "sentence",
]


def csv_row(event: Event) -> dict[str, Any]:
    """The ``CSV_COLUMNS`` of the store's row of an event (``store.rows.event_row``), a list
    (the sectors) joined with ``;`` as in every CSV."""
    from ..store.rows import event_row  # here: duckdb loads only when a CSV is written

    row = event_row(event, "")
    return {c: ";".join(row[c]) if isinstance(row[c], list) else row[c] for c in CSV_COLUMNS}


class EventWriter:
    """Writes events as JSONL (the public contract) or CSV."""

    def __init__(self, stream: IO[str], fmt: str = "jsonl") -> None:
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown output format {fmt!r}; use jsonl or csv")
        self.stream = stream
        self.fmt = fmt
        self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writeheader()

    def write(self, event: Event) -> None:
        if self._csv is not None:
            self._csv.writerow(csv_row(event))
        else:
            self.stream.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")


OUTPUT_FORMATS = ("jsonl", "csv")


def open_output(path: str | Path) -> IO[str]:
    """A text stream to write ``path``, gzip-compressed when it ends in ``.gz``.

    Raises ``OutputError`` naming the path when it cannot be created.
    """
    import gzip

    try:
        if str(path).endswith(".gz"):
            return gzip.open(path, "wt", encoding="utf-8", newline="")
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check that the folder "
                          "exists and is writable") from exc


def code_files(
    paths: Sequence[str],
    *,
    date: str | None = None,
    db: str | Path | None = "eventwire.duckdb",
    out: str | Path | IO[str] | None = None,
    fmt: str = "jsonl",
    settings: Settings | None = None,
    stdin: IO[str] | None = None,
    on_article: Callable[[CodedArticle | Rejected], None] | None = None,
    batch_size: int = 50,
    columns: Columns | None = None,
) -> Summary:
    """Code every article in ``paths`` (files, directories, ``-``) into ``db`` and/or ``out``."""
    settings = settings or Settings()
    summary = Summary(unasserted_kept=settings.include_unasserted)
    with ExitStack() as stack:
        store = None
        if db is not None:
            from ..store import INGEST_MEMORY, Store

            # A small DuckDB buffer pool: this loop only appends (see Store._connect).
            # Shared: `eventwire serve` may read the file while we code (see handoff).
            store = Store(db, group_window_days=settings.group_window_days, memory_limit=INGEST_MEMORY,
                          share_with_readers=True)
            store.release()  # free while the models load; the first write reopens it
            stack.callback(store.close)
        writer = None
        if out is not None:
            if fmt not in OUTPUT_FORMATS:
                raise OutputError(f"--format {fmt!r} cannot be written by code: use one of "
                                  f"{', '.join(OUTPUT_FORMATS)} (and `eventwire export` for the others)")
            if isinstance(out, (str, Path)) and str(out) != "-":
                stream = stack.enter_context(open_output(out))
            elif isinstance(out, (str, Path)):
                import sys

                stream = sys.stdout
            else:
                stream = out
            writer = EventWriter(stream, fmt)

        runtime.bound_heap()
        runtime.freeze_long_lived(settings)
        items: Iterator[Article | Rejected] = read_inputs(
            paths, default_date=date, max_article_chars=settings.max_article_chars, stdin=stdin,
            columns=columns or DEFAULT_COLUMNS)
        if store is not None and writer is None:
            # Nothing to print, so articles already stored need not be parsed again (crash resume).
            items = _skip_stored(items, store, summary)
        pending: list[CodedArticle | Rejected] = []

        def flush() -> None:
            # Batched appends: one transaction per batch, so a crash loses only whole articles.
            if store is not None and pending:
                stats = store.write_many(pending, batch_size=len(pending))
                summary.stored += stats.articles
                pending.clear()
                store.yield_to_readers()
            runtime.release_memory()

        stack.enter_context(runtime.collect_per_batch())
        since_flush = 0
        for item in run(items, settings):
            if store is not None:
                pending.append(item)
                # A reader waiting for the file gets it now, not after the next batch.
                store.yield_to_readers()
            since_flush += 1
            if since_flush >= batch_size:
                flush()
                since_flush = 0
            if isinstance(item, Rejected):
                summary.errors += 1
                summary.rejected.append(item)
            else:
                summary.articles += 1
                summary.sentences += len(item.sentences)
                for event in item.events:
                    if event.modality != "asserted":
                        summary.unasserted += 1
                        if not settings.include_unasserted:
                            continue
                    summary.events += 1
                    if writer is not None:
                        writer.write(event)
            if on_article is not None:
                on_article(item)
        flush()
        if store is not None:
            store.rebuild_groups()
    return summary


def _skip_stored(items: Iterator[Article | Rejected], store: Any, summary: Summary,
                 chunk: int = 32) -> Iterator[Article | Rejected]:
    """Articles already in the store (same content hash) are not parsed again. The store
    is asked once per ``chunk`` items; their order is kept."""
    from ..coding.coder import content_hash

    def check(pending: list[Article | Rejected]) -> Iterator[Article | Rejected]:
        hashes = [content_hash(item.text) if isinstance(item, Article) else None for item in pending]
        stored = store.stored_hashes(sorted({h for h in hashes if h is not None}))
        store.yield_to_readers()
        for item, key in zip(pending, hashes, strict=True):
            if key in stored:
                summary.already_stored += 1
                continue
            yield item

    pending: list[Article | Rejected] = []
    for item in items:
        pending.append(item)
        if len(pending) >= chunk:
            yield from check(pending)
            pending = []
    yield from check(pending)


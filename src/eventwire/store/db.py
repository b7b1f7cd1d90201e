"""The DuckDB store: schema, idempotent ingest, near-duplicate clusters, event groups, reads.

The store package is the only one that imports ``duckdb``. The table layout and the event
grouping rule are documented in ``data/schema.sql``.

Writing is idempotent and crash-safe. The article's ``content_hash`` is its key:
an article already stored (under any ``doc_id``) is skipped. Each article's
rows go in within one transaction (``write_many`` puts a whole batch of
articles in one transaction, which is still all-or-nothing per article), so a
run killed with ``kill -9`` leaves only whole articles, and rerunning it
completes the rest.

Reads default to asserted events (the ``asserted_events`` view). ``Store.sql``
runs user SQL on a separate read-only connection with file access disabled, so
it cannot change the store or write files.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from ..config import environment
from ..errors import StoreError
from ..models import (
    CodedArticle,
    Rejected,
    parse_published,
)
from . import dedup, handoff
from .filters import _event_filters
from .groups import _GROUP_DAYS_SQL, _GROUP_PREPARE_SQL, _GROUP_ROWS_SQL, _GROUP_TEMP_TABLES, anchor_days
from .rows import (
    TABLE_FIELDS,
    WriteStats,
    _cast_list,
    _first_line,
    _now,
    _numpy_columns,
    _select_cast,
    copy_to_parquet,
    event_row,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import pandas as pd

# pandas is imported where reads build DataFrames, never on the coding path (importing
# it costs ~30 MB of RSS). Ingest, the Parquet shards and the exports hand DuckDB numpy columns,
# and DuckDB reads and writes Parquet itself: eventwire does not use pyarrow.

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

# Migrations from version N-1 to N, applied in order to older files. data/schema.sql
# runs after them (it only creates what is missing), so a migration only has to
# change what already exists.
#   v1: meta, articles (no near-duplicate columns), sentences, mentions, events, errors.
#   v2: near-duplicate clusters (articles.cluster_id, articles.minhash) and event_groups.
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS cluster_id VARCHAR",
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS minhash BLOB",
        "UPDATE articles SET cluster_id = content_hash WHERE cluster_id IS NULL",
    ],
}

_PID = re.compile(r"PID (\d+)")
# DuckDB buffer pool of a writable store, and the smaller one the streaming coder
# (engines.local.code_files) asks for while it appends (see Store._connect).
DEFAULT_MEMORY = "96MB"
INGEST_MEMORY = "32MB"
_LOCK_HOLDER = re.compile(r"lock is held in (.+?) \(PID")


# ---------------------------------------------------------------- errors


def store_error(exc: BaseException, path: str | Path, action: str) -> StoreError:
    """Turn a duckdb (or OS) exception into a StoreError that says how to fix it."""
    text = str(exc)
    where = str(path)
    if "Conflicting lock" in text or "Could not set lock" in text:
        pid = _PID.search(text)
        holder = _LOCK_HOLDER.search(text)
        who = f"process {pid.group(1)}" if pid else "another process"
        if pid and holder:
            who = f"process {pid.group(1)} ({holder.group(1)})"
        kill = f" or stop it (kill {pid.group(1)})" if pid else ""
        return StoreError(
            f"cannot {action} {where}: the database is locked by {who} (PID "
            f"{pid.group(1) if pid else 'unknown'}). Wait for that program to finish{kill}, "
            "or use another file with --db."
        )
    if "Read-only file system" in text or "Permission denied" in text or isinstance(
        exc, PermissionError
    ):
        reason = "read-only file system" if "Read-only file system" in text else "permission denied"
        return StoreError(
            f"cannot {action} {where}: {reason}. Pass --db with a writable location "
            "(e.g. --db ~/eventwire.duckdb), or --no-db to code without storing."
        )
    if "No space left on device" in text:
        return StoreError(
            f"cannot {action} {where}: the disk is full. Free some space or write elsewhere."
        )
    if "different configuration than existing connections" in text:
        return StoreError(
            f"cannot {action} {where}: it is already open in this process in another mode "
            "(read-write vs read-only). Close the other Store first, or pass it instead of the path."
        )
    if "Corrupt database file" in text or "checksum" in text.lower():
        return StoreError(
            f"cannot {action} {where}: the database file is damaged ({_first_line(text)}). "
            "Restore it from a backup, or code into a new file with --db."
        )
    if "not a valid DuckDB database" in text:
        return StoreError(
            f"{where} is not a DuckDB database, so eventwire cannot {action} it. "
            "Pass --db with a new file name, or move that file away."
        )
    if "read-only mode" in text or "file system operations are disabled" in text:
        return StoreError(
            f"refused: eventwire SQL is read-only and cannot change the store or touch "
            f"files ({_first_line(text)}). Use SELECT queries only."
        )
    return StoreError(f"cannot {action} {where}: {_first_line(text)}")


# The database library's error class, for layers that must not import duckdb (the web app).
DatabaseError = duckdb.Error


def _check_duckdb_file(path: Path) -> None:
    """Refuse an existing file that is not a DuckDB database.

    DuckDB would open some such files by other means (a ``.csv`` becomes an
    in-memory database with a view over it), so everything written would be lost.
    """
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        with path.open("rb") as fh:
            header = fh.read(12)
    except OSError as exc:
        raise store_error(exc, path, "open") from exc
    if header[8:12] != b"DUCK":
        raise StoreError(
            f"{path} is not a DuckDB database, so eventwire cannot open it. "
            "Pass --db with a new file name, or move that file away."
        )


# ---------------------------------------------------------------- the store


class Store:
    """An eventwire DuckDB file.

    >>> store = Store("events.duckdb")            # doctest: +SKIP
    >>> store.write_many(coded_articles); store.rebuild_groups()
    >>> store.events(dyad="USA-LBY", since="2019-04-01")

    ``group_window_days`` is the date tolerance of the event-group rule (see
    ``rebuild_groups``). Open with ``read_only=True`` to read a store that another
    process may also be reading.
    """

    # Set when the store lets go of the file for readers (share_with_readers); a class
    # default so that subclasses which skip __init__ (ShardEvents) close cleanly.
    _sharing: handoff.Signal | None = None

    def __init__(
        self, path: str | Path, *, read_only: bool = False, group_window_days: int = 1,
        memory_limit: str | None = None, share_with_readers: bool = False,
    ) -> None:
        self.path = Path(path).expanduser()
        self.memory_limit = memory_limit
        self.read_only = read_only
        self.group_window_days = group_window_days
        self._index: dedup.NearDuplicateIndex | None = None
        if read_only and not self.path.exists():
            raise StoreError(
                f"no eventwire store at {self.path}: code some articles into it first "
                "(eventwire code ... --db FILE), or pass the right --db."
            )
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise store_error(exc, self.path, "create") from exc
        existed = self.path.exists() and self.path.stat().st_size > 0
        self._sharing: handoff.Signal | None = None
        if share_with_readers and not read_only:
            self._sharing = handoff.Signal(handoff.writer_path(self.path), exclusive=True)
        self._con: duckdb.DuckDBPyConnection | None = (
            self._connect_shared() if self._sharing else self._connect(read_only)
        )
        try:
            self._prepare_schema()
            if existed and not read_only:
                self.check_blocks()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ connection

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        _check_duckdb_file(self.path)
        try:
            if read_only:
                # Read-only and no file access: user SQL can neither change the
                # store nor write (or read) other files.
                return duckdb.connect(
                    str(self.path), read_only=True, config={"enable_external_access": False}
                )
            # Ingest streams in small batches; a modest buffer pool keeps the coder's
            # peak memory flat (DuckDB spills to disk beyond it). The streaming coder
            # passes a smaller one: it reads little back, so cached table blocks (16 MB
            # after 1,000 articles at 96 MB, growing with the store) buy it nothing.
            # Bulk SQL needs more (a million synthetic events fail at 32 MB).
            # EVENTWIRE_DUCKDB_MEMORY overrides both.
            limit = environment().duckdb_memory or self.memory_limit or DEFAULT_MEMORY
            return duckdb.connect(str(self.path), config={"memory_limit": limit})
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "open") from exc

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            if self._sharing is None:
                raise StoreError(f"the store {self.path} is closed")
            self._con = self._connect_shared()  # let go for readers: take it back
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._sharing is not None:
            self._sharing.drop()
            handoff.remove(self._sharing.path)
            self._sharing = None

    # ------------------------------------------------------------ sharing the file with readers

    def _connect_shared(self) -> duckdb.DuckDBPyConnection:
        """Open for writing as a sharing writer: say so, then wait for readers to let go.

        See ``handoff``: a server closes its read connection when its requests in
        flight are answered, so the wait is short; a program that holds the file
        longer (an old server, a notebook) gets the usual lock message after
        ``EVENTWIRE_LOCK_WAIT`` seconds (default 120: a long CSV download holds the
        server's connection until it ends).
        """
        assert self._sharing is not None
        self._sharing.hold()
        started = time.monotonic()
        deadline = started + float(environment().lock_wait or 120)
        pause, warned = 0.01, False
        while True:
            try:
                return self._connect(read_only=False)
            except StoreError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    self._sharing.drop()
                    raise
                if not warned and time.monotonic() - started > 5:
                    log.warning("waiting for another program to close %s: %s", self.path, exc)
                    warned = True
            time.sleep(pause)
            pause = min(pause * 1.5, 0.1)

    def yield_to_readers(self) -> bool:
        """Close the file if a reader waits for it (it reopens on next use). True if closed.

        The streaming coder calls this between articles, so a server reading the
        same file waits at most for the commit in progress. Only a store opened
        with ``share_with_readers=True`` ever lets go.
        """
        if self._sharing is None or self._con is None or not handoff.readers_waiting(self.path):
            return False
        self.release()
        return True

    def release(self) -> None:
        """Close the file until the next use, which reopens it (``share_with_readers`` only)."""
        if self._sharing is None:
            return
        if self._con is not None:
            self._con.close()
            self._con = None
        self._sharing.drop()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode})"

    # ------------------------------------------------------------ schema

    def schema_version(self) -> int | None:
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "meta" not in tables:
            return None if not tables else 0
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        row = rows[0] if rows else None
        if row is None:
            return 0
        try:
            return int(row[0])
        except ValueError:
            return 0

    def _prepare_schema(self) -> None:
        try:
            version = self.schema_version()
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "read") from exc
        if version == 0:
            raise StoreError(
                f"{self.path} is a DuckDB file but not an eventwire store (it has no "
                "meta.schema_version). Pass --db with another file name."
            )
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer eventwire (store schema v{version}; this "
                f"eventwire reads up to v{SCHEMA_VERSION}). Upgrade eventwire "
                "(pip install -U eventwire), or use another --db."
            )
        if self.read_only:
            if version is None:
                raise StoreError(f"{self.path} is an empty database, not an eventwire store yet")
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} uses store schema v{version}; open it once for writing "
                    f"(e.g. eventwire stats --db {self.path}) to upgrade it to v{SCHEMA_VERSION}."
                )
            return
        try:
            self.con.execute("BEGIN TRANSACTION")
            if version is not None:
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    log.info("migrating %s to store schema v%d", self.path, target)
                    for statement in MIGRATIONS.get(target, []):
                        self.con.execute(statement)
            self.con.execute(_schema_sql())
            now = _now().isoformat()
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            self.con.execute(
                "INSERT OR IGNORE INTO meta VALUES ('created_at', ?), ('created_with', ?)",
                [now, f"eventwire {_package_version()}"],
            )
            if version is not None and version < SCHEMA_VERSION:
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('migrated_at', ?)", [now]
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise store_error(exc, self.path, "set up the schema of") from exc

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # no transaction was open

    # ------------------------------------------------------------ writes

    def has_article(self, content_hash: str) -> bool:
        return content_hash in self.stored_hashes([content_hash])

    def stored_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Those of ``content_hashes`` whose article is stored (one query for many)."""
        if not content_hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE list_contains(?, content_hash)", [list(content_hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def write(self, coded: CodedArticle) -> bool:
        """Store one article in one transaction. False if its content is already stored."""
        return self._write_batch([coded]).articles == 1

    def write_many(
        self, items: Iterable[CodedArticle | Rejected], batch_size: int = 50
    ) -> WriteStats:
        """Store coded articles (batched appends) and Rejected records.

        Each batch is one transaction, so an article is always stored whole or
        not at all. If a batch fails, its articles are retried one by one and an
        article that still fails becomes a Rejected record (stage ``store``) in
        the errors table; the rest of the run goes on.
        """
        stats = WriteStats()
        batch: list[CodedArticle] = []
        for item in items:
            if isinstance(item, Rejected):
                self.write_rejected(item)
                stats.rejected += 1
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                stats.add(self._write_batch_or_each(batch))
                batch = []
        if batch:
            stats.add(self._write_batch_or_each(batch))
        return stats

    def _write_batch_or_each(self, batch: list[CodedArticle]) -> WriteStats:
        try:
            return self._write_batch(batch)
        except StoreError:
            if len(batch) == 1:
                raise
        stats = WriteStats()
        for coded in batch:
            try:
                stats.add(self._write_batch([coded]))
            except StoreError as exc:
                if "disk is full" in str(exc) or "locked" in str(exc):
                    raise
                self.write_rejected(
                    Rejected(coded.article.doc_id, "store", str(exc), coded.article.origin)
                )
                stats.failed += 1
        return stats

    def _write_batch(self, batch: Sequence[CodedArticle]) -> WriteStats:
        self._require_writable()
        stats = WriteStats()
        hashes = list(dict.fromkeys(c.content_hash for c in batch))
        stored = {
            r[0]
            for r in self.con.execute(
                "SELECT content_hash FROM articles WHERE list_contains(?, content_hash)", [hashes]
            ).fetchall()
        }
        index = self._near_duplicates()
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", "sentences", "mentions", "events")}
        now = _now()
        seen: set[str] = set()
        for coded in batch:
            key = coded.content_hash
            if key in stored or key in seen:
                stats.duplicates += 1
                continue
            seen.add(key)
            minhash = dedup.compute_minhash(coded.article.text)
            rows["articles"].append(self._article_row(coded, minhash, index, now))
            doc_id = coded.article.doc_id
            for s in coded.sentences:
                rows["sentences"].append(
                    {"content_hash": key, "doc_id": doc_id, "sentence_index": s.index,
                     "start_char": s.start, "end_char": s.end, "text": s.text}
                )  # fmt: skip
            for m in coded.mentions:
                a = m.actor
                rows["mentions"].append(
                    {"content_hash": key, "doc_id": doc_id, "sentence_index": m.sentence_index,
                     "code": a.code, "country": a.country, "sectors": list(a.sectors),
                     "name": a.name, "text": a.text, "start_char": a.start, "end_char": a.end,
                     "resolution": a.resolution, "evidence": a.evidence}
                )  # fmt: skip
            event_ids: set[str] = set()
            for event in coded.events:
                if event.event_id in event_ids:
                    continue  # the same event coded twice in one article is one event
                event_ids.add(event.event_id)
                rows["events"].append(event_row(event, key))
            stats.articles += 1
            stats.events += len(event_ids)
        if not stats.articles:
            return stats
        # The views are registered outside the transaction: unregistering inside an
        # aborted one would raise and hide the real error.
        views = {
            table: self._register(table, table_rows) for table, table_rows in rows.items() if table_rows
        }
        try:
            self.con.execute("BEGIN TRANSACTION")
            for table, view in views.items():
                fields = TABLE_FIELDS[table]
                columns = ", ".join(f'"{name}"' for name, _ in fields)
                self.con.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {_select_cast(fields)} FROM {view}"
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            self._index = None  # it may hold articles that were rolled back
            raise store_error(exc, self.path, "write to") from exc
        finally:
            for view in views.values():
                self.con.unregister(view)
        return stats

    def _article_row(
        self,
        coded: CodedArticle,
        minhash: Any,
        index: dedup.NearDuplicateIndex,
        now: dt.datetime,
    ) -> dict[str, Any]:
        art = coded.article
        return {
            "content_hash": coded.content_hash,
            "doc_id": art.doc_id,
            "url": art.url,
            "source": art.source,
            "title": art.title,
            "published": parse_published(art.published),
            "text": art.text,
            "language": art.language,
            "origin": art.origin,
            "raw_chars": art.raw_chars,
            "focus_country": coded.focus_country,
            "warnings": list(coded.warnings),
            "cluster_id": index.assign(coded.content_hash, minhash),
            "minhash": dedup.signature_bytes(minhash) if minhash is not None else None,
            "ingested_at": now,
        }

    def _register(self, table: str, rows: list[dict[str, Any]]) -> str:
        view = f"_incoming_{table}"
        self.con.register(view, _numpy_columns(rows, TABLE_FIELDS[table]))
        return view

    def write_rejected(self, rej: Rejected) -> None:
        """Record something that could not be read, coded or stored in the errors table."""
        self._require_writable()
        try:
            self.con.execute(
                "INSERT INTO errors VALUES (?, ?, ?, ?, ?)",
                [rej.doc_id, rej.stage, rej.reason, rej.origin, _now()],
            )
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "write to") from exc

    def check_blocks(self) -> None:
        """Read every stored value once; raise ``StoreError`` if a block is damaged.

        DuckDB checks a block's checksum only when it reads the block, and appending
        reads none of the old ones: without this, coding into a damaged file succeeds
        and the damage shows later, on some reads only. A store opened for writing is
        checked first; it costs one scan of the file: 0.7-0.9 s for a store of 20,000
        articles and 60,000 events (81 MB) on the 2-core dev VM. ``count(col)`` would
        be 20x cheaper but reads only validity masks and misses damaged data blocks."""
        tables = self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
        for (table,) in tables:
            try:
                self.con.execute(f'SELECT max(hash(COLUMNS(*))) FROM "{table}"').fetchall()
            except duckdb.Error as exc:
                raise store_error(exc, self.path, "write to") from exc

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it without read_only to write")

    def _near_duplicates(self) -> dedup.NearDuplicateIndex:
        if self._index is None:
            index = dedup.NearDuplicateIndex()
            try:
                cursor = self.con.execute(
                    "SELECT content_hash, minhash, cluster_id FROM articles WHERE minhash IS NOT NULL"
                )
                # fetchmany until an empty chunk: DuckDB refuses other work on a
                # connection with an unfinished result
                while chunk := cursor.fetchmany(10_000):
                    index.load(chunk)
            except duckdb.Error as exc:
                raise store_error(exc, self.path, "write to") from exc
            self._index = index
        return self._index

    # ------------------------------------------------------------ groups

    def rebuild_groups(self) -> None:
        """Recompute ``event_groups``: coded events grouped into real-world events.

        Only asserted events are grouped. The key is (source_code, target_code,
        cameo_root, location_country). Events of articles in one near-duplicate
        cluster count once: a cluster's events with one key form one unit, dated
        by their earliest date. Units with the same key whose dates fall within
        ``group_window_days`` of the group's first date are one real-world event
        (anchored at the first date, not chained). Undated units of a key stay
        apart, one group per cluster. num_mentions counts event rows,
        num_articles distinct articles, num_sources distinct outlets (article
        source, else URL host, else doc_id).
        """
        self._require_writable()
        con = self.con
        # Grouping aggregates every event at once: 5,000 articles ran out of the
        # coder's 32 MB pool, so it gets the default pool for its duration.
        raise_limit = self.memory_limit is not None and environment().duckdb_memory is None
        if raise_limit:
            con.execute(f"SET memory_limit = '{DEFAULT_MEMORY}'")
        try:
            try:
                for statement in _GROUP_PREPARE_SQL:
                    con.execute(statement)
                days = con.execute(_GROUP_DAYS_SQL).fetchnumpy()
            except duckdb.Error as exc:
                raise store_error(exc, self.path, "group the events of") from exc
            keys, day = np.asarray(days["key_no"]), np.asarray(days["day"])
            # Numpy columns (days since 1970) rather than Arrow: see the imports at the top.
            con.register("_group_anchor_days", {
                "key_no": keys.astype(np.int64),
                "unit_day": day.astype(np.int32),
                "anchor_day": anchor_days(keys, day, self.group_window_days).astype(np.int32),
            })  # fmt: skip
            try:
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE _group_anchors AS SELECT key_no, "
                    "CAST(DATE '1970-01-01' + unit_day AS DATE) AS unit_date, "
                    "CAST(DATE '1970-01-01' + anchor_day AS DATE) AS anchor FROM _group_anchor_days"
                )
            except duckdb.Error as exc:
                raise store_error(exc, self.path, "group the events of") from exc
            finally:
                con.unregister("_group_anchor_days")
            try:
                # Replacing the table is several times faster than deleting
                # every row of it (the commit rewrites far less); data/schema.sql
                # recreates it empty, with its key.
                con.execute("BEGIN TRANSACTION")
                con.execute("DROP TABLE IF EXISTS event_groups")
                con.execute(_schema_sql())
                con.execute(f"INSERT INTO event_groups BY NAME {_GROUP_ROWS_SQL}")
                con.execute("COMMIT")
            except duckdb.Error as exc:
                self._rollback()
                raise store_error(exc, self.path, "write event groups to") from exc
        finally:
            for table in _GROUP_TEMP_TABLES:
                con.execute(f"DROP TABLE IF EXISTS {table}")
            if raise_limit:
                con.execute(f"SET memory_limit = '{self.memory_limit}'")

    # ------------------------------------------------------------ reads

    def events(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        root: str | int | None = None,
        quad: int | None = None,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        text: str | None = None,
        include_unasserted: bool = False,
        min_confidence: float | None = None,
        limit: int | None = None,
        as_dataframe: bool = True,
    ) -> pd.DataFrame | list[dict[str, Any]]:
        """Events matching every given filter, newest first.

        Actor filters match CAMEO code prefixes (``actor="LBY"`` finds LBYMIL):
        ``actor`` as source or target, ``dyad="USA-LBY"`` source USA and target
        LBY (directed). ``country`` (ISO3) matches the location or either
        actor's country. ``text`` is a case-insensitive substring of the sentence.
        Dates are ISO (``since``/``until`` inclusive). Only asserted events unless
        ``include_unasserted``; only events at least ``min_confidence`` sure when given.
        """
        where, params = _event_filters(
            actor=actor, source=source, target=target, dyad=dyad, root=root, quad=quad,
            since=since, until=until, country=country, text=text, min_confidence=min_confidence,
        )  # fmt: skip
        view = "events" if include_unasserted else "asserted_events"
        matching = f"FROM {view}" + (" WHERE " + " AND ".join(where) if where else "")
        order = " ORDER BY date DESC NULLS LAST, event_id"  # event_id is unique: a total order
        try:
            if limit is not None and 0 <= int(limit) <= _LATE_ROWS:
                # Reading all 49 columns alongside the filter costs more than
                # finding the few rows wanted first (50 of 1,000,000 by dyad: 60-66
                # vs 41-57 ms side by side), so pick the ids, then read their rows.
                ids = [r[0] for r in self.con.execute(
                    f"SELECT event_id {matching}{order} LIMIT {int(limit)}", params
                ).fetchall()]  # fmt: skip
                wanted = "list_contains(?::VARCHAR[], event_id)"
                frame = self.con.execute(f"SELECT * FROM events WHERE {wanted}{order}", [ids]).df()
            else:
                sql = f"SELECT * {matching}{order}"
                if limit is not None:
                    sql += f" LIMIT {int(limit)}"
                frame = self.con.execute(sql, params).df()
        except duckdb.Error as exc:
            raise store_error(exc, self.path, "query") from exc
        if as_dataframe:
            return frame
        return [_plain(r) for r in frame.to_dict(orient="records")]

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts: articles, clusters, events, groups, errors; events by root, top dyads, per day."""
        try:
            return self._stats(top)
        except duckdb.Error as exc:  # e.g. a damaged block: one line, not a traceback
            raise store_error(exc, self.path, "read") from exc

    def _stats(self, top: int) -> dict[str, Any]:
        q = self.con.execute
        names = _root_names()

        def scalar(sql: str) -> Any:
            rows = q(sql).fetchall()
            return rows[0][0] if rows else None

        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "articles": scalar("SELECT count(*) FROM articles"),
            "clusters": scalar("SELECT count(DISTINCT cluster_id) FROM articles"),
            "events": scalar("SELECT count(*) FROM events"),
            "asserted_events": scalar("SELECT count(*) FROM asserted_events"),
            "event_groups": scalar("SELECT count(*) FROM event_groups"),
            "errors": scalar("SELECT count(*) FROM errors"),
            "first_date": _iso(scalar("SELECT min(date) FROM asserted_events")),
            "last_date": _iso(scalar("SELECT max(date) FROM asserted_events")),
            "by_modality": dict(
                q("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
            ),
            "by_root": [
                {"root": r, "name": names.get(r, ""), "events": n}
                for r, n in q(
                    "SELECT cameo_root, count(*) FROM asserted_events GROUP BY 1 ORDER BY 1"
                ).fetchall()
            ],
            "by_quad": dict(
                q("SELECT quad_class, count(*) FROM asserted_events GROUP BY 1 ORDER BY 1").fetchall()
            ),
            "top_dyads": [
                {"source": s, "target": t, "events": n}
                for s, t, n in q(
                    "SELECT coalesce(source_code, '-'), coalesce(target_code, '-'), count(*) "
                    "FROM asserted_events GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
                    [top],
                ).fetchall()
            ],
            "per_day": [
                {"date": _iso(d), "events": n}
                for d, n in q(
                    "SELECT date, count(*) FROM asserted_events WHERE date IS NOT NULL "
                    "GROUP BY 1 ORDER BY 1"
                ).fetchall()
            ],
            "errors_by_stage": dict(
                q("SELECT stage, count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
            ),
        }

    def sql(self, query: str) -> pd.DataFrame:
        """Run user SQL on a read-only connection with file access disabled.

        Any write (DELETE, INSERT, CREATE, COPY ... TO, ATTACH) raises StoreError.
        """
        return self.query_rows(query).frame()

    def query_rows(self, query: str, params: list[Any] | None = None) -> Rows:
        """Like ``sql`` but returns the result as ``Rows`` (Python values, DuckDB types kept)."""
        with self._read_only_connection() as con:
            try:
                relation = con.sql(query, params=params) if params else con.sql(query)
                if relation is None:  # a statement without a result (e.g. SET)
                    return Rows([], [], [])
                return Rows(list(relation.columns), [str(t) for t in relation.types], relation.fetchall())
            except duckdb.Error as exc:
                raise store_error(exc, self.path, "run SQL on") from exc

    def _read_only_connection(self) -> _ReadOnly:
        return _ReadOnly(self)


class _ReadOnly:
    """Context manager giving a read-only, no-file-access connection to the store.

    DuckDB does not allow a read-only and a read-write connection to one file in
    one process, so a read-write store closes its connection for the duration.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reopen = False

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        if self.store.read_only:
            return self.store.con
        self.store.close()
        self.reopen = True
        self.con = self.store._connect(read_only=True)
        return self.con

    def __exit__(self, *exc: object) -> None:
        if self.reopen:
            self.con.close()
            self.store._con = self.store._connect(read_only=False)


@dataclass
class Rows:
    """A query result: column names, their DuckDB types (``VARCHAR[]``, ``DATE``...) and the
    rows as tuples of Python values (lists, dates, datetimes, dicts for structs)."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def without(self, *names: str) -> Rows:
        """These rows without the columns ``names`` (those it has)."""
        keep = [i for i, c in enumerate(self.columns) if c not in names]
        return Rows([self.columns[i] for i in keep], [self.types[i] for i in keep],
                    [tuple(row[i] for i in keep) for row in self.rows])  # fmt: skip

    def frame(self) -> pd.DataFrame:
        """A DataFrame with the column types Arrow's ``to_pandas`` gives: intN (float64
        when there are NULLs), floatN, bool, pandas strings, ``datetime.date`` objects,
        datetime64 for timestamps, Decimal for DECIMAL and HUGEINT, numpy arrays for lists."""
        import pandas as pd

        series = [_series([row[i] for row in self.rows], t) for i, t in enumerate(self.types)]
        frame = pd.DataFrame(dict(enumerate(series)), index=pd.RangeIndex(len(self.rows)))
        frame.columns = pd.Index(self.columns, dtype=object)
        return frame

    def write_parquet(self, path: str | Path) -> None:
        """Write the rows as a Parquet file with their DuckDB types (lists and dates native)."""
        columns: dict[str, np.ndarray] = {}
        casts: list[tuple[str, str, bool]] = []
        for i, sql_type in enumerate(self.types):
            nested = _is_nested(sql_type)
            convert = _to_json if nested else _scan_value(sql_type)
            values = (row[i] for row in self.rows)
            key = f"c{i}"  # the result's names may repeat or be empty
            columns[key] = np.fromiter(map(convert, values), dtype=object, count=len(self.rows))
            casts.append((key, sql_type, nested))
        copy_to_parquet(columns, _cast_list(casts, names=self.columns), path)


def _is_nested(sql_type: str) -> bool:
    return sql_type.endswith("]") or sql_type.startswith(("STRUCT", "MAP", "UNION"))


def _to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _scan_value(sql_type: str) -> Callable[[Any], Any]:
    """How a value of ``sql_type`` reaches DuckDB's numpy scan: as it is, or as text that
    casts back exactly (DECIMAL, HUGEINT and the types numpy objects cannot carry)."""
    if sql_type in _SCANNED_AS_IS:
        return lambda value: value
    return lambda value: None if value is None else str(value)


_SCANNED_AS_IS = {"VARCHAR", "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
                  "USMALLINT", "UINTEGER", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP", "BLOB"}  # fmt: skip


# DuckDB integer types -> numpy dtypes (Arrow's to_pandas makes a column with NULLs float64).
_INT_DTYPES = {"TINYINT": "int8", "SMALLINT": "int16", "INTEGER": "int32", "BIGINT": "int64",
               "UTINYINT": "uint8", "USMALLINT": "uint16", "UINTEGER": "uint32", "UBIGINT": "uint64"}  # fmt: skip
_TIME_UNITS = {"TIMESTAMP": "us", "TIMESTAMP_NS": "ns", "TIMESTAMP_MS": "ms", "TIMESTAMP_S": "s"}


def _series(values: list[Any], sql_type: str) -> pd.Series:
    """One result column as Arrow's ``to_pandas`` converts it (see ``Rows.frame``)."""
    import pandas as pd

    missing = any(v is None for v in values)
    if sql_type in _INT_DTYPES:
        if missing:
            return pd.Series([np.nan if v is None else v for v in values], dtype="float64")
        return pd.Series(values, dtype=_INT_DTYPES[sql_type])
    if sql_type in ("FLOAT", "DOUBLE"):
        return pd.Series([np.nan if v is None else v for v in values],
                         dtype="float32" if sql_type == "FLOAT" else "float64")  # fmt: skip
    if sql_type == "BOOLEAN" and not missing:
        return pd.Series(values, dtype=bool)
    if sql_type == "VARCHAR":
        return pd.Series(values, dtype=_string_dtype())
    if sql_type in _TIME_UNITS:
        return pd.Series(values, dtype=f"datetime64[{_TIME_UNITS[sql_type]}]")
    if sql_type in ("HUGEINT", "UHUGEINT"):
        values = [None if v is None else decimal.Decimal(v) for v in values]
    elif sql_type == "TIMESTAMP WITH TIME ZONE":
        series = pd.Series(values)
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            return series.dt.as_unit("us")
    elif sql_type.endswith("]"):  # a list becomes a numpy array of its items
        child = sql_type[: sql_type.rindex("[")]
        values = [None if v is None else _objects(v) if child == "VARCHAR" else _series(list(v), child).to_numpy()
                  for v in values]  # fmt: skip
    return pd.Series(_objects(values), dtype=object)  # dates, dicts, bytes, Decimals stay objects


def _objects(values: Sequence[Any]) -> np.ndarray:
    column = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):  # one by one: numpy would broadcast equal-length lists
        column[i] = value
    return column


@functools.cache
def _string_dtype() -> Any:
    """The dtype pandas gives text by default: ``str`` from pandas 3, ``object`` before."""
    import pandas as pd

    return pd.Series(["text"]).dtype


# Up to this many rows, Store.events finds the ids first and then reads their rows.
_LATE_ROWS = 10_000


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A DataFrame record with numpy/pandas values turned into plain Python ones."""
    import pandas as pd  # loaded already: rows come from DataFrame.to_dict

    out: dict[str, Any] = {}
    for key, value in row.items():
        if hasattr(value, "tolist"):
            value = value.tolist()
        elif isinstance(value, pd.Timestamp):
            value = value.date().isoformat() if key in ("date", "end_date") else value.isoformat()
        elif value is pd.NaT:
            value = None
        elif isinstance(value, float) and value != value:
            value = None
        out[key] = value
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# ---------------------------------------------------------------- helpers


def _schema_sql() -> str:
    return resources.files("eventwire").joinpath("data/schema.sql").read_text(encoding="utf-8")


def _package_version() -> str:
    try:
        from importlib.metadata import version

        return version("eventwire")
    except Exception:  # noqa: BLE001 - metadata is missing in a plain checkout
        return "unknown"


def _root_names() -> dict[str, str]:
    """CAMEO root names for stats; empty if the CAMEO table cannot be loaded."""
    try:
        from ..cameo import load_cameo

        return {code: entry.name for code, entry in load_cameo().items() if len(code) == 2}
    except Exception:  # noqa: BLE001 - names are cosmetic in stats; the codes still print
        return {}

"""Dask: code partitions of the input on a cluster, one Parquet shard per partition.

The client reads the input as a stream and cuts it into partitions of
``partition_size`` articles. Each partition is coded on a worker by the same
``coding.coder.run`` as the local engine (the worker keeps one ``Coder`` per process,
so the model loads once per worker) and written as one shard
``SHARDS/part-<key>.parquet`` (see ``store.write_parquet_shard``; the files are
written to a temp name and renamed, the events file last).

``<key>`` is a hash of the content hashes in the partition, so a rerun over the
same input finds the shards it already wrote and skips those partitions. A
worker that dies mid-partition loses nothing: the scheduler runs the partition
again on another worker (``retries`` covers tasks that raise). The shards are
loaded with ``eventwire load SHARDS --db FILE`` or queried in place with
``eventwire query --parquet SHARDS``.

This module has no coding logic of its own.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import EventwireError
from ..models import Article, Rejected, Summary

if TYPE_CHECKING:
    from ..ingest.readers import Columns

log = logging.getLogger(__name__)

SHARD_PREFIX = "part-"
TASK_PREFIX = "eventwire-partition"  # Dask key prefix, shown on the dashboard
RETRIES = 2


@dataclass(slots=True)
class PartitionResult:
    """What one worker did with one partition (small, so it travels back cheaply)."""

    key: str
    shard: str
    articles: int = 0
    sentences: int = 0
    events: int = 0
    unasserted: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    skipped: bool = False  # the shard existed already
    seconds: float = 0.0
    worker: str = ""


@dataclass
class DaskSummary(Summary):
    """The outcome of :func:`code_on_dask`: the local engine's counters (articles,
    sentences, events, errors, rejects) plus the partitions; ``line()`` is what the CLI prints."""

    shards: Path = field(default=Path("."), kw_only=True)
    partitions: int = 0
    skipped_partitions: int = 0
    already_done: int = 0  # articles in partitions whose shard existed
    workers: int = 0
    setup_seconds: float = 0.0  # cluster start and model load on every worker
    coding_seconds: float = 0.0  # first submit to last shard

    def add(self, result: PartitionResult) -> None:
        self.partitions += 1
        if result.skipped:
            self.skipped_partitions += 1
            self.already_done += result.articles
            return
        self.articles += result.articles
        self.sentences += result.sentences
        self.events += result.events
        self.unasserted += result.unasserted
        self.errors += len(result.rejected)
        self.rejected.extend(result.rejected)

    def line(self) -> str:
        done = (
            f", {self.skipped_partitions} already done ({self.already_done} articles)"
            if self.skipped_partitions
            else ""
        )
        return (
            f"{self.counts()} in {self.partitions} "
            f"partitions{done} on {self.workers} worker{'' if self.workers == 1 else 's'}; "
            f"shards in {self.shards}"
        )


# ---------------------------------------------------------------- partitions


def partition_key(items: Sequence[Article | Rejected]) -> str:
    """A stable name for a partition: a hash of its articles' content hashes, in order.

    Read errors have no content; their doc_id, origin and reason stand in for it. The
    text is hashed here rather than through ``coding.coder.content_hash`` so the client
    never imports spaCy.
    """
    h = hashlib.sha256()
    for item in items:
        if isinstance(item, Rejected):
            h.update(f"rejected|{item.doc_id}|{item.origin}|{item.stage}|{item.reason}".encode())
        else:
            h.update(hashlib.sha256(item.text.encode("utf-8")).digest())
        h.update(b"\n")
    return h.hexdigest()[:20]


def shard_path(shards: Path, key: str) -> Path:
    return shards / f"{SHARD_PREFIX}{key}.parquet"


def partition(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    """Cut a stream into lists of ``size`` items without reading ahead of them."""
    if size < 1:
        raise EventwireError(f"partition_size must be at least 1, not {size}")
    batch: list[Article | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_partition(
    items: list[Article | Rejected], shard: str, key: str, settings: Settings | None = None
) -> PartitionResult:
    """Code one partition and write it as a shard. Runs on a worker (or anywhere).

    ``coding.coder.get_coder`` caches the Coder per process, so each worker loads the
    model once however many partitions it codes. Memory is handled as in
    ``engines.local.code_files`` (see ``runtime``): the partition is the batch.
    """
    from ..coding.coder import run
    from ..store import write_parquet_shard
    from . import runtime

    started = time.perf_counter()
    result = PartitionResult(key=key, shard=shard, worker=_worker_name())
    coded = []
    runtime.bound_heap()
    with _portable_errors(), runtime.collect_per_batch():
        stream = list(run(items, settings))
    for item in stream:
        coded.append(item)
        if isinstance(item, Rejected):
            result.rejected.append(item)
            continue
        result.articles += 1
        result.sentences += len(item.sentences)
        for event in item.events:
            if event.modality != "asserted":
                result.unasserted += 1
                if not (settings and settings.include_unasserted):
                    continue
            result.events += 1
    with _portable_errors():
        write_parquet_shard(coded, shard)
    del coded, stream
    runtime.release_memory()
    result.seconds = time.perf_counter() - started
    return result


def warm_worker(settings: Settings | None = None) -> str:
    """Load the model, the knowledge and the shard writer on this process now, so a broken
    dictionary fails before any partition is sent and no partition pays for first-use costs."""
    from .. import store  # noqa: F401 - duckdb imports once, here
    from ..coding.coder import get_coder
    from . import runtime  # noqa: F401

    with _portable_errors():
        runtime.freeze_long_lived(settings)  # loads the Coder, then keeps it out of collections
        coder = get_coder(settings)
        warmup = Article(
            doc_id="<warmup>",
            text="Russia rejected the British proposal in Paris on Thursday.",
            published="2019-04-18",
        )
        for _ in coder.run([warmup]):
            pass
    return _worker_name()


class _PortableError(EventwireError):
    def __init__(self, cls: type[EventwireError], message: str) -> None:
        super().__init__(message)
        self.cls = cls

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.cls, (str(self),))


@contextmanager
def _portable_errors() -> Iterator[None]:
    """Re-raise our errors in a form the worker can send back to the client intact."""
    try:
        yield
    except EventwireError as exc:  # DictionaryError pickles itself (errors.py)
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - any unpicklable subclass
            raise _PortableError(type(exc), str(exc)) from None
        raise


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "local"


# ---------------------------------------------------------------- the engine


def code_on_dask(
    paths: Sequence[str | Path],
    *,
    date: str | None = None,
    shards: str | Path = "events",
    workers: int = 2,
    scheduler: str | None = None,
    settings: Settings | None = None,
    partition_size: int = 50,
    on_partition: Callable[[PartitionResult], None] | None = None,
    columns: Columns | None = None,
) -> DaskSummary:
    """Code files/directories on Dask into Parquet shards under ``shards``.

    With ``scheduler`` (``tcp://host:8786``) the existing cluster is used;
    otherwise a local cluster of ``workers`` processes (one thread each) is started
    and closed. Partitions whose shard exists are skipped, so an interrupted run is
    resumed by running the same command again.
    """
    from ..ingest.readers import DEFAULT_COLUMNS, read_inputs

    settings = settings or Settings()
    items = read_inputs(
        [str(p) for p in paths], default_date=date, max_article_chars=settings.max_article_chars,
        columns=columns or DEFAULT_COLUMNS,
    )
    return code_items_on_dask(
        items,
        shards=shards,
        workers=workers,
        scheduler=scheduler,
        settings=settings,
        partition_size=partition_size,
        on_partition=on_partition,
    )


def code_items_on_dask(
    items: Iterable[Article | Rejected],
    *,
    shards: str | Path = "events",
    workers: int = 2,
    scheduler: str | None = None,
    settings: Settings | None = None,
    partition_size: int = 50,
    on_partition: Callable[[PartitionResult], None] | None = None,
) -> DaskSummary:
    """:func:`code_on_dask` over articles already read (an iterable, consumed lazily)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise EventwireError(
            "the dask engine needs dask[distributed]: pip install 'dask[distributed]'"
        ) from exc

    settings = settings or Settings()
    shards = Path(shards)
    try:
        shards.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EventwireError(f"cannot create the shard folder {shards}: {exc}") from exc
    summary = DaskSummary(shards=shards, unasserted_kept=bool(settings and settings.include_unasserted))
    started = time.perf_counter()
    cluster: Any = None
    if scheduler is None:
        if workers < 1:
            raise EventwireError(f"--workers must be at least 1, not {workers}")
        # Any free port for the scheduler's HTTP server: 8787 may belong to another cluster.
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        log.info("Dask dashboard: %s", cluster.dashboard_link)
    try:
        try:
            client = Client(cluster if cluster is not None else scheduler)
        except OSError as exc:
            raise EventwireError(
                f"cannot reach the Dask scheduler {scheduler}: {exc}. "
                "Is `dask scheduler` running there?"
            ) from exc
        with client:
            if scheduler is not None:
                try:
                    client.wait_for_workers(1, timeout=60)
                except TimeoutError as exc:
                    raise EventwireError(
                        f"no Dask worker joined {scheduler} within 60 s; start one "
                        f"with `dask worker {scheduler}`"
                    ) from exc
            warmed = client.run(warm_worker, settings)
            summary.workers = len(warmed)
            summary.setup_seconds = time.perf_counter() - started
            coding_started = time.perf_counter()
            for result in _submit_all(
                client,
                items,
                shards,
                settings,
                partition_size,
                max_in_flight=2 * max(summary.workers, 1),
            ):
                summary.add(result)
                if on_partition is not None:
                    on_partition(result)
            summary.coding_seconds = time.perf_counter() - coding_started
    finally:
        if cluster is not None:
            cluster.close()
    return summary


def _submit_all(
    client: Any,
    items: Iterable[Article | Rejected],
    shards: Path,
    settings: Settings,
    size: int,
    max_in_flight: int,
) -> Iterator[PartitionResult]:
    """Submit partitions as the input is read, keeping at most ``max_in_flight`` queued
    so a huge input never sits in the client's memory."""
    from distributed import as_completed

    pending = as_completed(loop=client.loop)
    members: dict[str, list[Article | Rejected]] = {}
    seen: set[str] = set()

    def drain(block_until: int) -> Iterator[PartitionResult]:
        while pending.count() > block_until:
            future = next(pending)
            key = future.key.removeprefix(f"{TASK_PREFIX}-")
            part = members.pop(key)
            try:
                yield future.result()
            except EventwireError:
                raise  # a bad dictionary or model fails every partition: stop now
            except (
                Exception
            ) as exc:  # the worker died on every try (KilledWorker), or coding raised
                log.error("partition %s failed: %s", key, exc)
                reason = (
                    f"partition {key} failed after {RETRIES} retries "
                    f"({type(exc).__name__}: {exc}); rerun to try it again"
                )
                yield PartitionResult(
                    key=key,
                    shard="",
                    rejected=[
                        a
                        if isinstance(a, Rejected)
                        else Rejected(a.doc_id, "code", reason, a.origin)
                        for a in part
                    ],
                )

    for part in partition(items, size):
        key = partition_key(part)
        if key in seen:  # the same articles twice in the input: one shard is enough
            continue
        seen.add(key)
        shard = shard_path(shards, key)
        if shard.exists():
            yield PartitionResult(
                key=key,
                shard=str(shard),
                skipped=True,
                articles=sum(isinstance(a, Article) for a in part),
            )
            continue
        members[key] = part
        future = client.submit(
            code_partition,
            part,
            str(shard),
            key,
            settings,
            key=f"{TASK_PREFIX}-{key}",
            retries=RETRIES,
            pure=False,
        )
        pending.add(future)
        yield from drain(max_in_flight)
    yield from drain(0)


__all__ = [
    "DaskSummary",
    "PartitionResult",
    "code_items_on_dask",
    "code_on_dask",
    "code_partition",
    "partition",
    "partition_key",
    "shard_path",
    "warm_worker",
]

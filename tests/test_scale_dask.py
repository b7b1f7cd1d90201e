"""The Dask engine on a real local cluster: same events as the local engine, reruns
skip finished partitions, a worker killed mid-partition loses nothing."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import cloudpickle
import pytest
from conftest import SEED_PATH, SHARED
from distributed import Client, LocalCluster, WorkerPlugin

from eventwire.config import Settings
from eventwire.engines.dask import (
    TASK_PREFIX,
    code_items_on_dask,
    code_on_dask,
    partition,
    partition_key,
    shard_path,
)
from eventwire.errors import DictionaryError
from eventwire.models import Article, CodedArticle, Rejected
from eventwire.store import Store, load_parquet_shards, read_parquet_shard

# Workers unpickle the kill plugin; this module is not importable there.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

INVENTED = [
    "Colombian police arrested two members of the Gulf Clan in Medellin on Monday.",
    "The Mexican government condemned the attack on journalists in Sinaloa.",
    "Venezuela accused Colombia of sheltering armed groups near the border.",
    "Brazil and Paraguay agreed to share intelligence on arms trafficking.",
    "Honduran prosecutors charged a former police chief with drug trafficking.",
    "Guatemala's president met US officials in Washington to discuss migration.",
    "Peru deployed troops to the VRAEM valley after an ambush killed seven soldiers.",
]
SETTINGS = Settings(max_article_chars=4_000)  # "too-long" is rejected: errors travel in shards too
PARTITION_SIZE = 3


def corpus() -> list[Article]:
    """The seed article, six short InsightCrime lines (invented news without ../shared) and
    one article over the size limit: 8 articles, 3 partitions."""
    path = SHARED / "devdata" / "insightcrime_articles.txt"
    if path.exists() and SEED_PATH.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if 0 < len(ln) < 2_500][
            :6
        ]
        seed = SEED_PATH.read_text(encoding="utf-8")
    else:
        lines, seed = INVENTED[:6], " ".join(INVENTED)
    articles = [Article(doc_id="seed", text=seed, published="2019-04-19", origin="seed")]
    articles += [
        Article(doc_id=f"ic-{i}", text=text, published="2019-06-01", origin=f"ic:{i + 1}")
        for i, text in enumerate(lines)
    ]
    articles.append(Article(doc_id="too-long", text=" ".join([seed] * 10), origin="too-long"))
    return articles


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return corpus()


@pytest.fixture(scope="module")
def reference(articles: list[Article]) -> dict[str, object]:
    """The local engine's output for the same articles."""
    from eventwire.coding.coder import run

    out = list(run(articles, SETTINGS))
    coded = [c for c in out if isinstance(c, CodedArticle)]
    return {
        "event_ids": sorted(e.event_id for c in coded for e in c.events),
        "by_doc": {c.article.doc_id: sorted(e.event_id for e in c.events) for c in coded},
        "doc_ids": sorted(c.article.doc_id for c in coded),
        "rejected": sorted(r.doc_id for r in out if isinstance(r, Rejected)),
    }


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


def read_shards(folder: Path) -> tuple[list[str], list[str], list[str]]:
    event_ids, doc_ids, rejected = [], [], []
    for shard in sorted(folder.glob("part-*.parquet")):
        if shard.name.endswith((".articles.parquet", ".errors.parquet")):
            continue
        for item in read_parquet_shard(shard):
            if isinstance(item, Rejected):
                rejected.append(item.doc_id)
            else:
                doc_ids.append(item.article.doc_id)
                event_ids.extend(e.event_id for e in item.events)
    return sorted(event_ids), sorted(doc_ids), sorted(rejected)


def test_scale_dask_matches_local_engine_and_loads(articles, reference, cluster, tmp_path):
    summary = code_items_on_dask(
        articles,
        shards=tmp_path / "shards",
        scheduler=cluster.scheduler_address,
        settings=SETTINGS,
        partition_size=PARTITION_SIZE,
    )
    assert summary.workers == 2
    assert summary.partitions == 3 and summary.skipped_partitions == 0
    assert summary.articles == len(reference["doc_ids"])
    assert summary.errors == len(reference["rejected"]) == 1
    assert summary.events == sum(1 for _ in reference["event_ids"]) - summary.unasserted
    assert "3 partitions" in summary.line() and "1 errors" in summary.line()
    event_ids, doc_ids, rejected = read_shards(tmp_path / "shards")
    assert event_ids, "the corpus should produce events"
    assert event_ids == reference["event_ids"]
    assert doc_ids == reference["doc_ids"]
    assert rejected == reference["rejected"] == ["too-long"]
    # `eventwire load` path: the shards go into a real DuckDB file with the same events.
    with Store(tmp_path / "events.duckdb") as store:
        load_parquet_shards(store, [tmp_path / "shards"])
        stored = sorted(store.sql("select event_id from events")["event_id"])
    assert stored == reference["event_ids"]


def test_scale_dask_starts_and_closes_its_own_cluster(articles, reference, tmp_path):
    """Without a scheduler (the CLI's default) a LocalCluster of ``workers`` processes is used."""
    subset = articles[:4]
    summary = code_items_on_dask(
        subset,
        shards=tmp_path / "shards",
        workers=2,
        settings=SETTINGS,
        partition_size=PARTITION_SIZE,
    )
    assert (summary.workers, summary.partitions, summary.articles) == (2, 2, 4)
    assert summary.setup_seconds > 0 and summary.coding_seconds > 0
    expected = sorted(i for a in subset for i in reference["by_doc"][a.doc_id])
    assert read_shards(tmp_path / "shards")[0] == expected


class KillWorkerOnce(WorkerPlugin):
    """Kills the worker process the first time any worker starts coding a partition."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):  # noqa: ANN001 - Dask's hook
        if finish != "executing" or not str(key).startswith(TASK_PREFIX):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, json.dumps({"pid": os.getpid(), "key": str(key)}).encode())
        os.close(fd)
        os._exit(1)  # a hard crash: no exception, no cleanup; the nanny starts a new worker


@pytest.fixture(scope="module")
def killed_run(articles, cluster, tmp_path_factory):
    """A run on the shared cluster during which one worker dies while coding a partition."""
    tmp = tmp_path_factory.mktemp("killed")
    marker = tmp / "killed.json"
    with Client(cluster) as client:
        client.register_plugin(KillWorkerOnce(str(marker)), name="kill-once")
        try:
            summary = code_items_on_dask(
                articles,
                shards=tmp / "shards",
                scheduler=cluster.scheduler_address,
                settings=SETTINGS,
                partition_size=PARTITION_SIZE,
            )
        finally:
            client.unregister_worker_plugin("kill-once")
    return summary, tmp / "shards", json.loads(marker.read_text())


def test_scale_dask_killed_worker_loses_no_partition(killed_run, reference):
    summary, shards, killed = killed_run
    assert killed["key"].startswith(TASK_PREFIX)  # the crash did happen
    assert killed["pid"] != os.getpid()
    assert summary.partitions == 3 and summary.skipped_partitions == 0
    assert summary.errors == 1  # only the oversized article
    assert read_shards(shards) == (
        reference["event_ids"],
        reference["doc_ids"],
        reference["rejected"],
    )
    assert shard_path(shards, killed["key"].removeprefix(f"{TASK_PREFIX}-")).exists()


def test_scale_dask_rerun_skips_finished_partitions(
    articles, reference, cluster, killed_run, tmp_path
):
    shards = tmp_path / "shards"
    shutil.copytree(killed_run[1], shards)
    written = {p: p.stat().st_mtime_ns for p in shards.glob("*.parquet")}
    # One partition lost (as after a crash): only that one is coded again.
    lost_key = partition_key(articles[:PARTITION_SIZE])
    for p in shards.glob(f"part-{lost_key}*.parquet"):
        p.unlink()
    second = code_items_on_dask(
        articles,
        shards=shards,
        scheduler=cluster.scheduler_address,
        settings=SETTINGS,
        partition_size=PARTITION_SIZE,
    )
    assert (second.partitions, second.skipped_partitions) == (3, 2)
    assert second.articles == PARTITION_SIZE
    assert second.already_done == len(articles) - PARTITION_SIZE
    assert "2 already done" in second.line()
    for p, mtime in written.items():
        if not p.name.startswith(f"part-{lost_key}"):
            assert p.stat().st_mtime_ns == mtime, f"{p.name} was rewritten"
    assert read_shards(shards) == (
        reference["event_ids"],
        reference["doc_ids"],
        reference["rejected"],
    )
    third = code_items_on_dask(
        articles,
        shards=shards,
        scheduler=cluster.scheduler_address,
        settings=SETTINGS,
        partition_size=PARTITION_SIZE,
    )
    assert (third.articles, third.events, third.skipped_partitions) == (0, 0, 3)


def test_scale_dask_code_on_dask_reads_files(articles, reference, cluster, tmp_path):
    """The CLI's entry point: paths are read on the client, then coded on the cluster."""
    path = tmp_path / "news.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"id": a.doc_id, "text": a.text, "date": a.published}) + "\n")
    summary = code_on_dask(
        [path],
        shards=tmp_path / "shards",
        scheduler=cluster.scheduler_address,
        settings=SETTINGS,
        partition_size=PARTITION_SIZE,
    )
    assert summary.partitions == 3
    assert summary.articles + summary.errors == len(articles)
    assert summary.events > 0


@pytest.mark.parametrize(
    ("n", "size", "sizes"),
    [
        (0, 3, []),
        (1, 3, [1]),
        (3, 3, [3]),
        (8, 3, [3, 3, 2]),
        (8, 1, [1] * 8),
        (5, 50, [5]),
    ],
)
def test_scale_partition_cuts_streams(n, size, sizes):
    parts = list(partition((Article(f"d{i}", f"text {i}") for i in range(n)), size))
    assert [len(p) for p in parts] == sizes
    assert [a.doc_id for p in parts for a in p] == [f"d{i}" for i in range(n)]


def test_scale_partition_key_depends_on_content_not_ids():
    a = [Article("x", "Russia rejected the proposal."), Article("y", "Egypt hosted talks.")]
    renamed = [
        Article("other", "Russia rejected the proposal."),
        Article("y2", "Egypt hosted talks."),
    ]
    assert partition_key(a) == partition_key(renamed)
    assert partition_key(a) != partition_key(a[::-1])
    assert partition_key(a) != partition_key(a[:1])
    rejected = [Rejected("z", "read", "not UTF-8", "f.txt:3")]
    assert partition_key(rejected) != partition_key([Rejected("z", "read", "empty", "f.txt:3")])


def test_scale_dask_bad_dictionary_fails_fast_with_its_line(articles, cluster, tmp_path):
    """A broken user dictionary fails on the workers before any partition is sent, and the
    client gets the DictionaryError with its ``file:line``, not a pickling error."""
    bad = tmp_path / "bad_actors.yaml"
    bad.write_text("actors:\n  - name: Foo\n    code: [unclosed\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad_actors\.yaml:\d+: "):
        code_items_on_dask(
            articles,
            shards=tmp_path / "shards",
            scheduler=cluster.scheduler_address,
            settings=SETTINGS.replace(actors_files=(str(bad),)),
            partition_size=PARTITION_SIZE,
        )
    assert not list((tmp_path / "shards").glob("part-*"))

"""While `code_files` codes, garbage is collected once per batch instead of by the automatic
collector; the host's collector setting comes back afterwards."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from eventwire.engines.local import code_files
from eventwire.models import CodedArticle, Rejected

TEXT = "Kenyan police clashed with protesters in Nairobi on {}."


def _corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": str(i), "text": TEXT.format(i), "date": "2020-03-02"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


@pytest.mark.parametrize("db", [True, False], ids=["store", "jsonl-only"])
def test_collects_once_per_batch_and_restores_the_collector(tmp_path: Path, db: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.engines import runtime

    releases: list[int] = []
    seen: list[bool] = []
    real_release = runtime.release_memory
    monkeypatch.setattr(runtime, "release_memory", lambda: (releases.append(len(seen)), real_release()))

    def record(item: CodedArticle | Rejected) -> None:
        seen.append(gc.isenabled())

    assert gc.isenabled()
    summary = code_files([str(_corpus(tmp_path / "in.jsonl", 7))], db=tmp_path / "e.duckdb" if db else None,
                         out=tmp_path / "out.jsonl", on_article=record, batch_size=3)
    assert summary.articles == 7
    assert seen == [False] * 7  # no automatic collection while coding
    assert gc.isenabled()
    # After articles 3 and 6 (the callback of the third runs after its flush), and at the end.
    assert releases == [2, 5, 7]


def test_a_host_that_turned_the_collector_off_keeps_it_off(tmp_path: Path) -> None:
    gc.disable()
    try:
        code_files([str(_corpus(tmp_path / "in.jsonl", 2))], db=None, out=tmp_path / "out.jsonl")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_dask_partition_is_coded_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """scale.code_partition (what a Dask worker runs) codes with the collector off and
    collects once the shard is written."""
    from eventwire.coding import coder as pipeline
    from eventwire.engines import dask as scale
    from eventwire.engines import runtime
    from eventwire.models import Article

    states: list[bool] = []
    releases: list[int] = []
    real_release = runtime.release_memory
    monkeypatch.setattr(runtime, "release_memory", lambda: (releases.append(len(states)), real_release()))
    real_run = pipeline.run

    def run(items, settings=None):  # the real coder, watched
        for item in real_run(items, settings):
            states.append(gc.isenabled())
            yield item

    monkeypatch.setattr(pipeline, "run", run)
    items = [Article(doc_id=str(i), text=TEXT.format(i), published="2020-03-02") for i in range(3)]
    result = scale.code_partition(items, str(tmp_path / "part-x"), "x")
    assert result.articles == 3 and result.events >= 3
    assert states == [False] * 3 and releases == [3]
    assert gc.isenabled()

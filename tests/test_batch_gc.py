"""While `code_files` codes, garbage is collected once per batch instead of by the automatic
collector; the host's collector setting comes back afterwards."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from eventwire.batch import code_files
from eventwire.models import CodedArticle, Rejected

TEXT = "Kenyan police clashed with protesters in Nairobi on {}."


def _corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": str(i), "text": TEXT.format(i), "date": "2020-03-02"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


@pytest.mark.parametrize("db", [True, False], ids=["store", "jsonl-only"])
def test_collects_once_per_batch_and_restores_the_collector(tmp_path: Path, db: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.batch as batch

    releases: list[int] = []
    seen: list[bool] = []
    real_release = batch._release_memory
    monkeypatch.setattr(batch, "_release_memory", lambda: (releases.append(len(seen)), real_release()))

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

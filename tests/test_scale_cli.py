"""`eventwire code --engine dask` then `eventwire load`, against `eventwire code` (local engine),
checked through the API on real DuckDB files."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

runner = CliRunner()

NEWS = [
    {
        "id": "n1",
        "date": "2022-02-28",
        "text": "Ukraine accused Russia of shelling Kharkiv on Monday.",
    },
    {
        "id": "n2",
        "date": "2022-03-01",
        "text": "Ukrainian officials met Polish diplomats in Warsaw.",
    },
    {
        "id": "n3",
        "date": "2022-03-02",
        "text": "Turkey hosted talks between Russian and Ukrainian ministers.",
    },
    {"id": "n4", "text": "{not json"},
]


@pytest.mark.slow  # two Dask clusters start, ~20 s on an idle 2-CPU machine
def test_scale_cli_dask_engine_then_load_equals_local_engine(tmp_path):
    news = tmp_path / "news.jsonl"
    news.write_text(
        "\n".join(json.dumps(r) if "date" in r else r["text"] for r in NEWS) + "\n",
        encoding="utf-8",
    )
    shards = tmp_path / "shards"
    result = runner.invoke(
        app, ["code", str(news), "--engine", "dask", "--workers", "1", "--shards", str(shards)]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())  # rich wraps long lines
    assert "3 articles" in said and "1 errors" in said and "on 1 worker;" in said
    assert list(shards.glob("part-*.errors.parquet")), "the unreadable line goes into the shard"

    again = runner.invoke(
        app, ["code", str(news), "--engine", "dask", "--workers", "1", "--shards", str(shards)]
    )
    assert again.exit_code == 0, again.output
    said = " ".join(again.stderr.split())
    assert "0 articles" in said and "already done (3 articles)" in said

    loaded = runner.invoke(app, ["load", str(shards), "--db", str(tmp_path / "dask.duckdb")])
    assert loaded.exit_code == 0, loaded.output
    local = runner.invoke(app, ["code", str(news), "--db", str(tmp_path / "local.duckdb")])
    assert local.exit_code == 0, local.output

    def ids(name: str) -> list[str]:
        db = eventwire.open(tmp_path / name)
        return sorted(db.sql("select event_id from events")["event_id"])

    assert ids("dask.duckdb") == ids("local.duckdb")
    assert ids("dask.duckdb"), "the news should produce events"

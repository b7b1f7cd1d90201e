"""Store commands (query, stats, sql, export, load) through the CLI runner, checked via the API."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from test_store_factory import corpus
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import GDELT_COLUMNS
from eventwire.store import Store, read_parquet_shard, write_parquet_shard

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "e.duckdb"
    with Store(path) as store:
        store.write_many(corpus(20))
        store.rebuild_groups()
    return path


@pytest.mark.parametrize("command", ["query", "stats", "sql", "export", "load"])
def test_store_cli_help_has_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: eventwire " + command in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dyad", "USA-LBY", "--format", "jsonl"], 12),
        (["--dyad", "USA-LBY", "--all", "--format", "jsonl"], 15),
        (["--root", "19", "--limit", "3", "--format", "jsonl"], 3),
    ],
)
def test_store_cli_query_jsonl(db: Path, args: list[str], expected: int) -> None:
    result = runner.invoke(app, ["query", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == expected
    with Store(db, read_only=True) as store:
        ids = set(store.events(include_unasserted="--all" in args)["event_id"])
    assert {r["event_id"] for r in records} <= ids


def test_store_cli_query_table_and_csv(db: Path) -> None:
    table = runner.invoke(app, ["query", "--db", str(db), "--actor", "RUS"])
    assert table.exit_code == 0 and "RUS" in table.stdout and "events" in table.stdout
    csv = runner.invoke(app, ["query", "--db", str(db), "--actor", "RUS", "--format", "csv"])
    assert csv.stdout.splitlines()[0].startswith("event_id,")


def test_store_cli_stats(db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"] == 20
    assert "top dyads" in runner.invoke(app, ["stats", "--db", str(db)]).stdout


def test_store_cli_sql_read_and_refused_write(db: Path) -> None:
    ok = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "csv"])
    assert ok.exit_code == 0 and ok.stdout.splitlines() == ["n", "20"]
    bad = runner.invoke(app, ["sql", "DELETE FROM events", "--db", str(db)])
    assert bad.exit_code == 1 and "read-only" in bad.stderr and "Traceback" not in bad.output
    with Store(db, read_only=True) as store:
        assert store.stats()["events"] == 60


def test_store_cli_missing_db_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no eventwire store" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_store_cli_export_gdelt(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt",
                                 "--where", "cameo_root = '19'", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype={"EventRootCode": str})
    assert len(frame) > 0 and set(frame["EventRootCode"]) == {"19"}


def test_store_parquet_shards_round_trip_and_load(tmp_path: Path) -> None:
    items = corpus(12)
    shard_dir = tmp_path / "shards"
    assert write_parquet_shard(items[:6], shard_dir / "part-0.parquet") == 18
    assert write_parquet_shard(items[6:], shard_dir / "part-1.parquet") == 18
    assert list(read_parquet_shard(shard_dir / "part-0.parquet")) == items[:6]
    db = tmp_path / "loaded.duckdb"
    for _ in range(2):  # loading twice is idempotent
        result = runner.invoke(app, ["load", str(shard_dir), "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert "skipped 12 already stored" in result.stderr
    with Store(db, read_only=True) as loaded, Store(tmp_path / "direct.duckdb") as direct:
        direct.write_many(items)
        direct.rebuild_groups()
        for table in ("articles", "sentences", "mentions", "events", "event_groups"):
            q = f"SELECT count(*) FROM {table}"
            assert loaded.sql(q).iloc[0, 0] == direct.sql(q).iloc[0, 0], table


def test_store_incomplete_shard_is_refused(tmp_path: Path) -> None:
    write_parquet_shard(corpus(2), tmp_path / "p.parquet")
    (tmp_path / "p.articles.parquet").unlink()
    result = runner.invoke(app, ["load", str(tmp_path / "p.parquet"), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1 and "incomplete shard" in result.stderr


def test_store_cli_query_parquet_shards_in_place(tmp_path):
    """`eventwire query --parquet DIR` reads the Dask shards without loading them (issue #7)."""
    import json as _json

    from typer.testing import CliRunner

    from eventwire.cli import app
    from eventwire.coding.coder import code_article
    from eventwire.models import Article
    from eventwire.store import write_parquet_shard

    coded = code_article(Article("w1", "Russian troops shelled Kharkiv on Monday.", published="2022-03-02"))
    shards = tmp_path / "events"
    shards.mkdir()
    assert write_parquet_shard([coded], shards / "part-0001.parquet") == len(coded.events) > 0
    result = CliRunner().invoke(app, ["query", "--parquet", str(shards), "--actor", "RUS", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [_json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["source"]["country"] == "RUS" for r in rows)
    empty = CliRunner().invoke(app, ["query", "--parquet", str(tmp_path)])
    assert empty.exit_code == 1 and "no event shards" in empty.stderr

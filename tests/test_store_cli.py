"""Store commands (query, stats, sql, export, load) through the CLI runner, checked via the API."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_store_factory import corpus, make_coded, random_text
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


@pytest.fixture
def gaps_db(tmp_path: Path) -> Path:
    """A store with the gaps real coding leaves: an undated event, no target, no place,
    an actor without sectors, an article without a date (its minhash is a BLOB)."""
    path = tmp_path / "gaps.duckdb"
    specs = [{"date": None, "target": None, "location": None, "source": "USA"},
             {"date": "2019-04-06", "source": "IGOUNO", "target": "LBYMIL"}]  # fmt: skip
    with Store(path) as store:
        store.write(make_coded(random_text(1), "undated", specs, published=None))
        store.rebuild_groups()
    return path


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and result.exception is None, (args, result.output, result.exception)
    assert "Traceback" not in result.output, result.output
    return result.stdout


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


def test_store_cli_query_undated_event_every_format(gaps_db: Path) -> None:
    table = _ok(["query", "--db", str(gaps_db), "--all", "--format", "table"])
    assert "2 events" in table and "2019-04-06" in table and "NaT" not in table
    jsonl = _ok(["query", "--db", str(gaps_db), "--all", "--format", "jsonl"])
    rows = [json.loads(line) for line in jsonl.splitlines()]
    assert sorted(r["date"] or "" for r in rows) == ["", "2019-04-06"]
    assert any(r["target"] is None and r["location"] is None for r in rows)
    frame = pd.read_csv(io.StringIO(_ok(["query", "--db", str(gaps_db), "--all", "--format", "csv"])),
                        keep_default_na=False, dtype=str)  # fmt: skip
    assert sorted(frame["date"]) == ["", "2019-04-06"] and "NaT" not in frame.to_csv()


_TYPES_SQL = ("SELECT * FROM (VALUES (1, DATE '2019-04-05', ['a', 'b'], '\\xAA\\x00'::BLOB, {'x': 1}, 1.5),"
              " (NULL, NULL, []::VARCHAR[], NULL, NULL, 'nan'::DOUBLE)) t(n, day, sectors, bytes, struct, real)")


def test_store_cli_sql_blob_nulls_dates_lists_every_format(gaps_db: Path) -> None:
    """BLOBs are hex text in JSON and CSV (articles.minhash used to raise OverflowError)."""
    with Store(gaps_db, read_only=True) as store:
        minhash = bytes(store.query_rows("SELECT minhash FROM articles").rows[0][0])
    articles = ["sql", "SELECT doc_id, published, minhash, warnings FROM articles", "--db", str(gaps_db)]
    record = json.loads(_ok([*articles, "--format", "jsonl"]))
    assert record == {"doc_id": "undated", "published": None, "minhash": minhash.hex(), "warnings": []}
    assert _ok([*articles, "--format", "csv"]).splitlines()[1] == f"undated,,{minhash.hex()},"
    table = _ok([*articles, "--format", "table"])
    assert minhash[:8].hex() in table and f"({len(minhash)} bytes)" in table

    typed = ["sql", _TYPES_SQL, "--db", str(gaps_db)]
    rows = [json.loads(line) for line in _ok([*typed, "--format", "jsonl"]).splitlines()]
    assert rows == [
        {"n": 1, "day": "2019-04-05", "sectors": ["a", "b"], "bytes": "aa00", "struct": {"x": 1}, "real": 1.5},
        {"n": None, "day": None, "sectors": [], "bytes": None, "struct": None, "real": None},
    ]
    assert _ok([*typed, "--format", "csv"]).splitlines() == [
        "n,day,sectors,bytes,struct,real", '1,2019-04-05,a;b,aa00,"{""x"": 1}",1.5', ",,,,,"]
    table = _ok([*typed, "--format", "table"])
    assert "2019-04-05" in table and "aa00" in table and "nan" not in table.lower() and "None" not in table


def test_store_cli_sql_table_prints_brackets_as_text(gaps_db: Path) -> None:
    table = _ok(["sql", "SELECT '[red]x[/red] [/x]' AS a", "--db", str(gaps_db)])
    assert "[red]x[/red] [/x]" in table


def test_store_cli_query_table_prints_brackets_as_text(tmp_path: Path) -> None:
    """A stray closing tag in a place name used to raise MarkupError (a traceback)."""
    from eventwire.models import Location

    path = tmp_path / "brackets.duckdb"
    with Store(path) as store:
        store.write(make_coded(random_text(2), "b", [{"location": Location("[/x]", "LBY", 32.9, 13.2)}]))
    table = _ok(["query", "--db", str(path), "--format", "table"])
    assert "[/x]" in table


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "plover", "gdelt"])
def test_store_cli_export_undated_event_without_target(gaps_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"e.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(gaps_db), "--format", fmt, str(out)])
    assert result.exit_code == 0 and result.exception is None, (result.output, result.exception)
    assert "wrote 2" in result.stderr
    if fmt == "csv":  # integers stay integers beside NULLs (pandas wrote target_start 20.0)
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert sorted(frame["date"]) == ["", "2019-04-06"] and sorted(frame["target_start"]) == ["", "20"]
        assert sorted(frame["source_sectors"]) == ["", "IGO;UNO"]
    elif fmt == "parquet":
        with duckdb.connect() as con:
            rows = con.execute("SELECT date, target_start FROM read_parquet(?) ORDER BY date", [str(out)]).fetchall()
        assert rows == [(dt.date(2019, 4, 6), 20), (None, None)]


def test_store_cli_stats_without_dates_or_events(tmp_path: Path) -> None:
    undated, empty = tmp_path / "undated.duckdb", tmp_path / "empty.duckdb"
    with Store(undated) as store:
        store.write(make_coded(random_text(3), "u", [{"date": None, "target": None}], published=None))
    Store(empty).close()
    for path, events in ((undated, 1), (empty, 0)):
        text = _ok(["stats", "--db", str(path)])
        assert "no dated events" in text and "None" not in text
        assert ("top dyads" in text) == bool(events)
        assert json.loads(_ok(["stats", "--db", str(path), "--json"]))["first_date"] is None

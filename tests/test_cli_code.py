"""`eventwire code` through the CLI runner, checked through the API against a real DuckDB file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

runner = CliRunner()

GOOD = "Russian troops attacked the Ukrainian city of Kharkiv on Monday."


@pytest.fixture()
def batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    bad_utf8 = tmp_path / "latin.txt"
    bad_utf8.write_bytes("Caf\xe9 owners protested in Paris.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text(
        json.dumps({"id": "w1", "date": "2022-02-28", "text": "Ukraine accused Russia of shelling Kharkiv."}) + "\n"
        + '{"id": "w2", "text": "broken\n'
        + json.dumps({"id": "w3", "date": "2022-03-01", "text": "Ukrainian officials met Polish diplomats in Warsaw."})
        + "\n",
        encoding="utf-8",
    )
    return tmp_path, [good, binary, bad_utf8, empty, jsonl]


def test_cli_code_bad_inputs_reported_rest_coded(batch):
    tmp_path, files = batch
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["code", *map(str, files), "--date", "2022-02-28", "--db", str(db)])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.stderr
    for name in ("binary.txt", "latin.txt", "empty.txt", "wire.jsonl:2"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "3 articles" in result.stderr and "4 errors" in result.stderr
    store = eventwire.open(db)
    docs = set(store.sql("SELECT doc_id FROM articles")["doc_id"])
    assert docs == {str(files[0]), "w1", "w3"}
    assert len(store.sql("SELECT * FROM errors")) == 4


def test_cli_code_exit_code_nonzero_only_when_nothing_read(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["code", str(binary), "--no-db", "--out", "-"])
    assert result.exit_code == 1
    assert "binary.txt" in result.stderr


def test_cli_code_out_jsonl_and_idempotent_store(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "e.duckdb"
    out = tmp_path / "events.jsonl"
    for _ in range(2):
        result = runner.invoke(app, ["code", str(good), "--date", "2022-02-28", "--db", str(db), "--out", str(out)])
        assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert any(e["cameo_root"] == "19" and e["source"]["country"] == "RUS" for e in events)
    assert all(e["date"] == "2022-02-28" for e in events if e["cameo_root"] == "19")
    store = eventwire.open(db)
    assert len(store.sql("SELECT * FROM articles")) == 1
    assert len(store.sql("SELECT * FROM events")) == len(events)


def test_cli_code_csv_to_stdout(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", str(good), "--no-db", "--out", "-", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header[:3] == ["event_id", "doc_id", "sentence_index"]


def test_cli_code_rejects_bad_date(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", str(good), "--no-db", "--date", "19/04/2019"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr

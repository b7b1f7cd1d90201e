"""The Python API mirrors the CLI: open (read_only), events, export, explain, code, sql, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire
from eventwire.errors import StoreError

TEXT = ("Russian troops attacked the Ukrainian city of Kharkiv on Monday. "
        "Ukraine accused Russia of shelling Kharkiv.")


@pytest.mark.parametrize("name", ["open", "code_text", "code_files", "explain_text", "events_frame"])
def test_api_functions_have_a_docstring_with_an_example(name: str) -> None:
    doc = getattr(eventwire, name).__doc__
    assert doc and ">>>" in doc, name


@pytest.mark.parametrize("name", ["events", "export", "explain", "code", "sql", "stats"])
def test_api_eventdb_methods_have_a_docstring_with_an_example(name: str) -> None:
    doc = getattr(eventwire.EventDB, name).__doc__
    assert doc and ">>>" in doc, name


def test_api_code_text_as_dataframe_has_the_store_columns(tmp_path: Path) -> None:
    events = eventwire.code_text(TEXT, date="2022-02-28")
    frame = eventwire.code_text(TEXT, date="2022-02-28", as_dataframe=True)
    assert len(frame) == len(events) >= 2
    assert list(frame["cameo"]) == [e.cameo for e in events]
    with eventwire.open(tmp_path / "e.duckdb") as db:
        db.code(TEXT, date="2022-02-28")
        stored = db.events()
    assert set(frame.columns) <= set(stored.columns)
    assert frame.groupby("date").size().sum() == len(events)  # dates are real dates, ready to plot


def test_api_read_only_store_reads_exports_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    with eventwire.open(path) as db:
        written = db.code(TEXT, date="2022-02-28")
    asserted = [e for e in written if e.modality == "asserted"]  # "of shelling" is only alleged
    assert len(asserted) < len(written)
    with eventwire.open(path, read_only=True) as db:
        assert len(db.events()) == len(asserted)
        assert len(db.events(include_unasserted=True)) == len(written)
        assert db.stats()["events"] == len(written)
        assert int(db.sql("SELECT count(*) AS n FROM events")["n"][0]) == len(written)
        assert db.export(tmp_path / "e.plover.jsonl", "plover") >= 1
        first = json.loads((tmp_path / "e.plover.jsonl").read_text().splitlines()[0])
        assert first["event"] in {"ASSAULT", "ACCUSE"}
        assert "== sentence 0" in db.explain("Russia rejected the proposal.", date="2019-04-19")
        with pytest.raises(StoreError):
            db.code("Egypt hosted talks.", date="2019-04-19")


def test_api_code_stores_an_article_once_as_the_cli_does(tmp_path: Path) -> None:
    """db.code() and `eventwire code` store the cleaned text under its 32-hex hash, once."""
    from eventwire.ingest.clean import clean_text

    raw = TEXT.replace(". ", ".  ") + "\n\nSource link\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    path = tmp_path / "e.duckdb"
    eventwire.code_files([str(tmp_path / "a.txt")], date="2022-02-28", db=str(path))
    with eventwire.open(path) as db:
        events = db.code(raw, date="2022-02-28")
        articles = db.sql("SELECT content_hash, text FROM articles")
        stored = int(db.sql("SELECT count(*) AS n FROM events")["n"][0])
    assert len(articles) == 1
    assert articles["text"][0] == clean_text(raw) != raw
    assert len(articles["content_hash"][0]) == 32
    assert stored == len(events) >= 2
    with eventwire.open(tmp_path / "f.duckdb") as db:  # the other order: the API first
        db.code(raw, date="2022-02-28")
        first = db.sql("SELECT content_hash, text FROM articles")
    assert first.equals(articles)
    summary = eventwire.code_files([str(tmp_path / "a.txt")], date="2022-02-28", db=str(tmp_path / "f.duckdb"))
    with eventwire.open(tmp_path / "f.duckdb", read_only=True) as db:
        assert int(db.sql("SELECT count(*) AS n FROM articles")["n"][0]) == 1
    assert summary.errors == 0 and summary.already_stored == 1

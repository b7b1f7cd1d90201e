"""A rerun into the same store parses only what is new, in input order (batch._skip_stored)."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.engines.local import code_files
from eventwire.models import CodedArticle, Rejected
from eventwire.store import Store

TEXTS = {
    "a": "Russia condemned the attack on Ukraine on Monday.",
    "b": "The Colombian army arrested three rebels near the border with Venezuela.",
    "c": "Egypt hosted talks between Israel and Hamas in Cairo.",
    "x": "France imposed sanctions on Iran over its nuclear programme.",
    "y": "Kenyan police clashed with protesters in Nairobi.",
}


def _jsonl(path: Path, ids: list[str], broken_after: str | None = None) -> Path:
    lines = []
    for doc_id in ids:
        lines.append(json.dumps({"id": doc_id, "text": TEXTS[doc_id], "date": "2020-03-02"}))
        if doc_id == broken_after:
            lines.append('{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rerun_codes_only_new_articles_in_order(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = code_files([str(_jsonl(tmp_path / "first.jsonl", ["a", "b", "c"]))], db=db)
    assert (first.articles, first.already_stored, first.errors) == (3, 0, 0)

    seen: list[str] = []

    def record(item: CodedArticle | Rejected) -> None:
        seen.append(item.article.doc_id if isinstance(item, CodedArticle) else f"error:{item.doc_id}")

    second_input = _jsonl(tmp_path / "second.jsonl", ["a", "x", "b", "y", "c"], broken_after="y")
    second = code_files([str(second_input)], db=db, on_article=record)
    assert second.already_stored == 3
    assert second.articles == 2 and second.errors == 1
    assert [s for s in seen if not s.startswith("error:")] == ["x", "y"]
    assert len(seen) == 3  # the broken line is reported, not dropped
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_skip_check_spans_several_chunks(tmp_path: Path) -> None:
    # More records than one lookup chunk (32): every stored one is skipped, none is lost.
    db = tmp_path / "events.duckdb"
    records = [{"id": f"r{i}", "text": f"{TEXTS['a']} Report {i}.", "date": "2020-03-02"} for i in range(40)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records[:35]) + "\n", encoding="utf-8")
    assert code_files([str(path)], db=db).articles == 35
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    again = code_files([str(path)], db=db)
    assert (again.already_stored, again.articles) == (35, 5)

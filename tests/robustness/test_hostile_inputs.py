"""Hostile inputs, second round (issue #17): each gives one line naming the input, in
bounded time and memory, and every other input is still coded."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.models import Article, Rejected

GOOD = "Security forces detained twelve protesters in Khartoum on Monday, witnesses said."


def _read(paths: list[Path | str]) -> tuple[list[Article], list[Rejected]]:
    """Read in a thread so that a blocking open fails the test instead of hanging it."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.extend(read_inputs([str(p) for p in paths])),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "reading blocked"
    return ([i for i in result if isinstance(i, Article)],
            [i for i in result if isinstance(i, Rejected)])


# -- 1. FIFOs, sockets and devices -------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_hostile_fifo_socket_in_directory_and_given_directly(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "b_pipe.txt")
    os.mkfifo(folder / "c_pipe.jsonl")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "d_sock.txt"))
        direct = tmp_path / "direct.jsonl"
        os.mkfifo(direct)
        started = time.monotonic()
        articles, rejected = _read([folder, direct, "/dev/null"])
    finally:
        sock.close()
    assert time.monotonic() - started < 20
    assert [a.text for a in articles] == [GOOD]
    reasons = {Path(r.origin).name: r.reason for r in rejected}
    assert set(reasons) == {"b_pipe.txt", "c_pipe.jsonl", "d_sock.txt", "direct.jsonl", "null"}
    assert "FIFO" in reasons["b_pipe.txt"] and "FIFO" in reasons["c_pipe.jsonl"]
    assert "FIFO" in reasons["direct.jsonl"]
    assert "socket" in reasons["d_sock.txt"]
    assert "character device" in reasons["null"]
    for r in rejected:
        assert "\n" not in r.reason and "not a regular file" in r.reason
        assert r.message().startswith(f"{r.origin}: read: ")


# -- 8. invisible text --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200c\u200d\u2060\ufeff", "\u200c" * 5000 + "\n\n\u200d", "\u00ad\u180e\u3164\u2800\u200e"],
    ids=["zero-width", "many-joiners", "fillers"],
)
def test_hostile_invisible_text_is_reported_empty(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "invisible.txt"
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    articles, [r] = _read([bad, good])
    assert [a.text for a in articles] == [GOOD]
    assert r.origin == str(bad) and "empty" in r.reason and "invisible" in r.reason


@pytest.mark.parametrize("text", ["🔥🙏", "وزير", "ক্ষ", "a\u200db"])
def test_hostile_visible_text_with_joiners_is_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(text, encoding="utf-8")
    articles, rejected = _read([path])
    assert not rejected and len(articles) == 1


# -- 3, 4. alias bombs and non-UTF-8 in the user's dictionaries and settings ---------


def _alias_bomb(head: str) -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) references in ~500 bytes."""
    lines = [head]
    previous = "a"
    for level in range(9):
        lines.append(f"x{level}: &b{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = f"b{level}"
    return "\n".join(lines) + "\n"


ACTOR_BOMB = _alias_bomb("people:\n  - &a {name: Jane Doe, roles: [{code: GBRGOV}]}")
CONFIG_BOMB = _alias_bomb("a0: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]")
LATIN_ACTORS = "people:\n  - {name: Ghassan Salamé, roles: [{code: LBNGOV}]}\n".encode("latin-1")


def _limit_memory(limit: int = 2 * 1024**3) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _run_cli_bounded(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Run the real CLI in a subprocess with 2 GB of address space and a 60 s timeout."""
    import subprocess
    import sys

    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", "from eventwire.cli import main; main()", *args],
        capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
        env={**os.environ, "EVENTWIRE_NO_CACHE": "1", **(env or {})},
    )
    return proc.returncode, proc.stderr, time.monotonic() - started


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("bomb.yaml", ACTOR_BOMB.encode(), [":3: YAML alias *a is not allowed"]),
        ("latin.yaml", LATIN_ACTORS, [":2: actor file is not valid UTF-8", "0xE9", "byte offset 32"]),
    ],
    ids=["alias-bomb", "latin-1"],
)
def test_hostile_actor_file_gives_one_line(tmp_path: Path, name: str, data: bytes, words) -> None:
    actors = tmp_path / name
    actors.write_bytes(data)
    article = tmp_path / "good.txt"
    article.write_text(GOOD, encoding="utf-8")
    code, stderr, took = _run_cli_bounded(["code", str(article), "--no-db", "--out", os.devnull,
                                           "--actors", str(actors)])
    assert took < 60
    assert code == 1
    assert stderr.strip().count("\n") == 0, stderr
    assert stderr.startswith(f"error: {actors}:")
    for word in words:
        assert word in stderr


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (CONFIG_BOMB.encode(), [":2: YAML alias *a is not allowed"]),
        ("# Salamé\nbatch_size: 4\n".encode("latin-1"), [":1: settings file is not valid UTF-8", "offset 7"]),
        (b"batch_size: [4\n", [":2: malformed YAML"]),
    ],
    ids=["alias-bomb", "latin-1", "syntax"],
)
def test_hostile_settings_file_gives_one_line(tmp_path: Path, data: bytes, words) -> None:
    config = tmp_path / "settings.yaml"
    config.write_bytes(data)
    article = tmp_path / "good.txt"
    article.write_text(GOOD, encoding="utf-8")
    code, stderr, took = _run_cli_bounded(["code", str(article), "--no-db", "--out", os.devnull],
                                          env={"EVENTWIRE_CONFIG": str(config)})
    assert code == 1 and took < 60
    assert stderr.strip().count("\n") == 0, stderr
    assert stderr.startswith(f"error: {config}:")
    for word in words:
        assert word in stderr


def test_hostile_pattern_file_aliases_and_encoding_are_refused(tmp_path: Path) -> None:
    from eventwire.errors import DictionaryError
    from eventwire.events.patterns import load_patterns

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("- &a {code: '190', verb: shell}\n- *a\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bomb\.yaml:2: YAML alias \*a is not allowed"):
        load_patterns([bomb])
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("- {code: '190', verb: bombardé}\n".encode("latin-1"))
    with pytest.raises(DictionaryError, match=r"latin\.yaml:1: .*0xE9 at byte offset 29"):
        load_patterns([latin])


# -- 5. export --where cannot widen the export ----------------------------------------


@pytest.fixture
def export_store(tmp_path: Path) -> Path:
    from test_store_factory import make_coded, random_text

    from eventwire.store import Store

    path = tmp_path / "e.duckdb"
    specs = [
        {"cameo": "042", "date": "2019-04-05", "source": "USAGOV", "target": "LBYGOV"},
        {"cameo": "190", "date": "2019-04-06"},
        {"cameo": "190", "date": "2019-04-07", "modality": "hypothetical"},
        {"cameo": "111", "date": "2019-04-08", "modality": "negated"},
    ]
    with Store(path) as store:
        store.write(make_coded(random_text(1), "a", specs))
        store.rebuild_groups()
    return path


@pytest.mark.parametrize(
    "where",
    [
        "1=1) OR (1=1",
        "1=1\n) OR (\n1=1",
        "cameo_root = '19' UNION ALL SELECT * FROM events_export",
        "1=1) UNION ALL SELECT * FROM events_export WHERE (1=1",
        "1=1 ORDER BY date LIMIT 1",
        "1=1 GROUP BY ALL",
        "1=1 QUALIFY true",
        "1=1; SELECT * FROM events_export",
        "1=1) --",
    ],
)
def test_hostile_where_cannot_escape_its_condition(export_store: Path, tmp_path: Path, where: str) -> None:
    from eventwire.errors import StoreError
    from eventwire.export import export

    out = tmp_path / "x.jsonl"
    with pytest.raises(StoreError) as info:
        export(export_store, out, "jsonl", where=where)
    message = str(info.value)
    assert message.startswith("--where ") and "condition" in message and "\n" not in message.split(". ")[0]
    assert not out.exists()


@pytest.mark.parametrize(
    ("where", "all_events", "expected"),
    [
        ("1=1", False, 2),  # the non-asserted events stay out
        ("1=1 OR modality <> 'asserted'", False, 2),
        ("modality <> 'asserted'", False, 0),
        ("event_id IN (SELECT event_id FROM events)", False, 2),  # a subquery only filters
        ("cameo_root = '19'", True, 2),
        ("1=1", True, 4),
    ],
)
def test_hostile_where_only_narrows(export_store: Path, tmp_path: Path, where: str, all_events: bool,
                                    expected: int) -> None:
    from eventwire.export import export

    out = tmp_path / "x.jsonl"
    assert export(export_store, out, "jsonl", where=where, include_unasserted=all_events) == expected
    assert len(out.read_text(encoding="utf-8").splitlines()) == expected


# -- 7. duplicate and oversized ids ---------------------------------------------------


def test_hostile_duplicate_ids_get_a_suffix_and_a_warning(tmp_path: Path, caplog) -> None:
    import json
    import logging

    first = tmp_path / "a.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "x", "text": "Rebels attacked an army base near Gao."},
        {"id": "x", "text": "Rebels attacked an army base near Gao."},  # the same article again
        {"id": "x", "text": "Police arrested three journalists in Caracas."},
        {"id": "x#2", "text": "Troops left the city on Monday."},
    ]), encoding="utf-8")
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"id": "x", "text": GOOD}) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.readers"):
        articles, rejected = _read([first, second])
    assert not rejected
    assert [a.doc_id for a in articles] == ["x", "x", "x#2", "x#2#2", "x#3"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{first}:3: id 'x' is already used by {first}:1 for a different text; this article is stored as 'x#2'",
        f"{first}:4: id 'x#2' is already used by {first}:3 for a different text; this article is stored as 'x#2#2'",
        f"{second}:1: id 'x' is already used by {first}:1 for a different text; this article is stored as 'x#3'",
    ]


def test_hostile_oversized_id_is_refused_with_its_line(tmp_path: Path) -> None:
    import json

    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "i" * 100_000, "text": GOOD}) + "\n"
                    + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    articles, [r] = _read([path])
    assert [a.doc_id for a in articles] == ["ok"]
    assert r.origin == f"{path}:1" and r.doc_id == f"{path}:1"
    assert '"id" is 100,000 characters, over the limit of 512' in r.reason


# -- 6. a damaged store -------------------------------------------------------------


@pytest.fixture(scope="module")
def damaged_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A real store of 400 articles with 64 kB of 0xFF written over a block of ``events``."""
    import shutil

    import duckdb
    from test_store_factory import corpus

    from eventwire.store import Store

    folder = tmp_path_factory.mktemp("damaged")
    clean = folder / "clean.duckdb"
    with Store(clean) as store:
        store.write_many(corpus(400))
        store.rebuild_groups()
    with duckdb.connect(str(clean), read_only=True) as con:
        event_ids = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()]
    size = clean.stat().st_size
    damaged = folder / "damaged.duckdb"
    for offset in range(size // 4 // 4096 * 4096, size - 65536, 65536):  # past the headers
        shutil.copy(clean, damaged)
        with damaged.open("r+b") as handle:
            handle.seek(offset)
            handle.write(b"\xff" * 65536)
        try:
            with duckdb.connect(str(damaged), read_only=True) as con:
                con.execute("SELECT count(*) FROM articles").fetchall()  # the rest still opens
                con.execute("SELECT max(hash(COLUMNS(*))) FROM events").fetchall()
        except duckdb.Error as exc:
            if "checksum" in str(exc) and "articles" not in str(exc):
                return damaged, event_ids
    pytest.fail("no offset damaged the events table")


def test_hostile_damaged_store_refuses_writes_with_one_line(damaged_store, tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from eventwire.cli import app
    from eventwire.errors import StoreError
    from eventwire.store import Store

    path = tmp_path / "copy.duckdb"
    shutil.copy(damaged_store[0], path)
    with pytest.raises(StoreError, match="the database file is damaged"):
        Store(path)
    article = tmp_path / "good.txt"
    article.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(article), "--db", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot write to {path}: the database file is damaged")
    assert "checksum" in lines[0] and "--db" in lines[0]


def test_hostile_damaged_store_dashboard_answers_json(damaged_store) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventwire.web import create_app

    path, event_ids = damaged_store
    statuses: dict[int, int] = {}
    with TestClient(create_app(path), raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        for event_id in event_ids[::25]:
            response = client.get(f"/api/events/{event_id}")
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.headers["content-type"] == "application/json"
            if response.status_code != 200:
                assert response.status_code == 503
                assert "the database file is damaged" in response.json()["detail"]
        listing = client.get("/api/events", params={"page_size": 500})
        assert listing.status_code in (200, 503) and listing.headers["content-type"] == "application/json"
    assert statuses.get(503), statuses


@pytest.mark.parametrize(
    "args",
    [["stats"], ["query", "--limit", "100000", "--format", "jsonl"], ["sql", "SELECT * FROM events"],
     ["export", "OUT"]],
    ids=["stats", "query", "sql", "export"],
)
def test_hostile_damaged_store_reads_fail_with_one_line(damaged_store, tmp_path: Path, args) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = damaged_store[0]
    args = [str(tmp_path / "out.jsonl") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(app, [*args, "--db", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "the database file is damaged" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()

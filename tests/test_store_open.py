"""Opening a store: schema versions and migrations, and clean errors for every way it fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from test_store_factory import corpus, make_coded, random_text

from eventwire.errors import StoreError
from eventwire.store import SCHEMA_VERSION, Store

# The v1 schema, written by hand as the first eventwire release created it: no
# near-duplicate columns on articles and no event_groups table.
V1_SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE articles (content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, url VARCHAR,
    source VARCHAR, title VARCHAR, published DATE, text VARCHAR, language VARCHAR,
    origin VARCHAR, raw_chars INTEGER, focus_country VARCHAR, warnings VARCHAR[],
    ingested_at TIMESTAMP NOT NULL);
CREATE TABLE sentences (content_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE mentions (content_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL, code VARCHAR, country VARCHAR, sectors VARCHAR[],
    name VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER, resolution VARCHAR,
    evidence VARCHAR);
CREATE TABLE errors (doc_id VARCHAR, stage VARCHAR, reason VARCHAR, origin VARCHAR,
    logged_at TIMESTAMP);
INSERT INTO articles VALUES ('h1', 'old-1', NULL, 'Old Wire', 'Old', '2019-04-01', 'old text',
    'en', 'old.txt', 8, 'LBY', [], TIMESTAMP '2019-04-02 10:00:00');
"""


def _v1_db(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute(V1_SCHEMA)
    # v1 events had the same columns as today's: copy the current definition.
    schema = (Path(__file__).resolve().parents[1] / "src/eventwire/data/schema.sql").read_text()
    start = schema.index("CREATE TABLE IF NOT EXISTS events")
    con.execute(schema[start : schema.index(");", start) + 2])
    con.close()


def test_store_new_file_gets_current_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "sub" / "dir" / "e.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
        meta = dict(store.sql("SELECT key, value FROM meta").values.tolist())
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["created_with"].startswith("eventwire")


def test_store_migrates_v1(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _v1_db(path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        old = store.sql("SELECT doc_id, cluster_id, minhash FROM articles").iloc[0].tolist()
        assert old[:2] == ["old-1", "h1"] and old[2] is None
        assert store.write(make_coded(random_text(1), "new-1"))
        store.rebuild_groups()
        assert store.stats()["articles"] == 2 and store.stats()["event_groups"] == 1
        assert "migrated_at" in set(store.sql("SELECT key FROM meta")["key"])
    with Store(path, read_only=True) as store:  # reopening does not migrate again
        assert store.schema_version() == SCHEMA_VERSION


def test_store_read_only_refuses_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _v1_db(path)
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(path, read_only=True)


def test_store_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 5)])
    con.close()
    with pytest.raises(StoreError, match=rf"newer eventwire .*v{SCHEMA_VERSION + 5}.*Upgrade"):
        Store(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"doc_id,text\n1,hello\n" * 200, "not a DuckDB database"),
        (b"\x00" * 8192, "not a DuckDB database"),
    ],
)
def test_store_file_that_is_not_duckdb(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Store(path)
    assert path.read_bytes() == content  # never overwritten


def test_store_other_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store(path)


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no eventwire store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


HOLDER = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)


@pytest.mark.parametrize("read_only", [False, True])
def test_store_locked_by_another_process_names_the_pid(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "e.duckdb"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"  # type: ignore[union-attr]
        with pytest.raises(StoreError) as info:
            Store(path, read_only=read_only)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    message = str(info.value)
    assert f"PID {holder.pid}" in message
    assert f"kill {holder.pid}" in message and "--db" in message


def _read_only_dir(tmp_path: Path) -> Path:
    target = tmp_path / "ro"
    target.mkdir()
    if os.geteuid() == 0:  # root ignores permissions: use a read-only mount
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(target)],
                              capture_output=True)  # fmt: skip
        if done.returncode != 0:
            pytest.skip(f"running as root and cannot mount a read-only tmpfs: {done.stderr!r}")
    else:
        target.chmod(0o500)
    return target


def _release(target: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["umount", str(target)], check=False)
    else:
        target.chmod(0o700)


def test_store_read_only_directory_says_so(tmp_path: Path) -> None:
    target = _read_only_dir(tmp_path)
    try:
        with pytest.raises(StoreError) as info:
            Store(target / "e.duckdb")
    finally:
        _release(target)
    message = str(info.value)
    assert "read-only file system" in message or "permission denied" in message
    assert "--db" in message and "--no-db" in message


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM events",
        "INSERT INTO errors VALUES ('x', 'read', 'r', 'o', NULL)",
        "DROP TABLE articles",
        "CREATE TABLE t (x INTEGER)",
        "UPDATE meta SET value = '9'",
        "COPY events TO '{tmp}/leak.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "SELECT * FROM read_csv('/etc/hostname')",
    ],
)
def test_store_sql_refuses_writes(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "e.duckdb"
    with Store(path) as store:
        store.write_many(corpus(3))
        before = store.sql("SELECT count(*) FROM events").iloc[0, 0]
        with pytest.raises(StoreError, match="read-only"):
            store.sql(statement.format(tmp=tmp_path))
        assert store.sql("SELECT count(*) FROM events").iloc[0, 0] == before
        assert store.write(make_coded(random_text(50), "after"))  # still writable
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_store_sql_on_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    with Store(path) as store:
        store.write_many(corpus(3))
    with Store(path, read_only=True) as store:
        assert store.sql("SELECT count(*) AS n FROM asserted_events")["n"].iloc[0] == 8
        with pytest.raises(StoreError, match="read-only"):
            store.write(make_coded(random_text(50), "after"))

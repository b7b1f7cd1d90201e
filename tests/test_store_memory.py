"""Ingest and the Parquet shards stay off pandas (≈30 MB of RSS) and pyarrow (not a dependency)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from test_store_factory import make_coded, make_event, random_text

from eventwire.models import CodedArticle
from eventwire.store import EVENT_FIELDS, Store, read_parquet_shard, shard_paths, write_parquet_shard

TESTS = Path(__file__).resolve().parent


def test_store_ingest_and_grouping_import_neither_pandas_nor_pyarrow(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(TESTS)!r})
        from test_store_factory import corpus
        from eventwire.store import Store
        with Store({str(tmp_path / "e.duckdb")!r}) as store:
            stats = store.write_many(corpus(12), batch_size=5)
            store.rebuild_groups()
            groups = store.con.execute("SELECT count(*) FROM event_groups").fetchone()[0]
        print(stats.articles, groups > 0, "pandas" in sys.modules, "pyarrow" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["12", "True", "False", "False"]


def test_store_columns_keep_types_nulls_and_empty_lists(tmp_path: Path) -> None:
    # Every batch column all-NULL or all-empty-list, then one with values: the numpy
    # columns handed to DuckDB must still land as the table's types.
    bare = make_coded(random_text(3), "bare")
    bare = dataclasses.replace(
        bare,
        events=tuple(dataclasses.replace(e, goldstein=2, location=None, end_date=None) for e in bare.events),
        warnings=(),
    )
    full = make_coded(random_text(4), "full")
    full = dataclasses.replace(
        full,
        events=(*full.events, make_event(full.content_hash, "full", 2, cameo="0233", source=None)),
        warnings=("odd, \"quoted\" warning", "é"),
    )
    with Store(tmp_path / "e.duckdb") as store:
        store.write_many([bare], batch_size=1)
        store.write_many([full], batch_size=1)
        con = store.con
        warnings = dict(con.execute("SELECT doc_id, warnings FROM articles").fetchall())
        assert warnings == {"bare": [], "full": ["odd, \"quoted\" warning", "é"]}
        goldstein = con.execute("SELECT DISTINCT goldstein FROM events WHERE doc_id = 'bare'").fetchall()
        assert goldstein == [(2.0,)]
        types = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall())  # fmt: skip
        assert types["goldstein"] == "DOUBLE" and types["source_sectors"] == "VARCHAR[]"
        row = con.execute(
            "SELECT source_code, source_sectors, published FROM events JOIN articles USING (content_hash) "
            "WHERE cameo = '0233'"
        ).fetchone()
        assert row[0] is None and row[1] is None
        assert isinstance(row[2], dt.date) or row[2] is None


def test_store_parquet_shard_round_trip(tmp_path: Path) -> None:
    coded = [make_coded(random_text(5), "a"), make_coded(random_text(6), "b")]
    shard = tmp_path / "shard-00001.parquet"
    assert write_parquet_shard(coded, shard) == sum(len(c.events) for c in coded)
    back = list(read_parquet_shard(shard))
    assert [c.content_hash for c in back] == [c.content_hash for c in coded]
    assert [c.events for c in back] == [c.events for c in coded]
    def parts(c: CodedArticle) -> tuple:
        return c.article, c.sentences, c.mentions, c.focus_country, c.warnings

    assert [parts(c) for c in back] == [parts(c) for c in coded]


def test_store_parquet_shard_imports_neither_pandas_nor_pyarrow(tmp_path: Path) -> None:
    """A Dask worker writes shards with DuckDB alone (and `eventwire load` reads them so)."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(TESTS)!r})
        from test_store_factory import make_coded, random_text
        from eventwire.models import Rejected
        from eventwire.store import read_parquet_shard, write_parquet_shard
        shard = {str(tmp_path / "part-1.parquet")!r}
        write_parquet_shard([make_coded(random_text(4), "a"), Rejected("b", "read", "empty", "b.txt")], shard)
        back = list(read_parquet_shard(shard))
        print(len(back), "pandas" in sys.modules, "pyarrow" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False", "False"]


def test_store_parquet_shard_column_types(tmp_path: Path) -> None:
    import duckdb

    shard = tmp_path / "part-1.parquet"
    write_parquet_shard([make_coded(random_text(4), "a")], shard)
    events, articles, _errors = shard_paths(shard)

    def types(path: Path) -> dict[str, str]:
        sql = "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))"
        return dict(duckdb.execute(sql, [str(path)]).fetchall())

    event_types = types(events)
    assert list(event_types) == [name for name, _ in EVENT_FIELDS]
    assert event_types["date"] == "DATE" and event_types["quad_class"] == "TINYINT"
    assert event_types["source_sectors"] == "VARCHAR[]" and event_types["location_geonameid"] == "BIGINT"
    article_types = types(articles)
    assert article_types["raw_chars"] == "INTEGER" and article_types["published"] == "VARCHAR"
    assert article_types["sentences"] == 'STRUCT("index" INTEGER, "start" INTEGER, "end" INTEGER, "text" VARCHAR)[]'
    assert article_types["mentions"].startswith("STRUCT(sentence_index INTEGER, code VARCHAR, country VARCHAR, "
                                                "sectors VARCHAR[], ")


def test_store_grouping_gets_a_larger_pool_than_ingest_and_gives_it_back(tmp_path: Path) -> None:
    from test_store_factory import corpus

    with Store(tmp_path / "e.duckdb", memory_limit="32MB") as store:
        store.write_many(corpus(6), batch_size=3)

        def limit() -> str:
            return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

        ingest = limit()
        seen: list[str] = []
        execute = store.con.execute

        class Spy:
            def __getattr__(self, name: str):
                return getattr(store._con_real, name)

            def execute(self, sql: str, *args):
                if sql.startswith("INSERT INTO event_groups"):
                    seen.append(execute("SELECT current_setting('memory_limit')").fetchone()[0])
                return execute(sql, *args)

        store._con_real, store._con = store._con, Spy()
        try:
            store.rebuild_groups()
        finally:
            store._con = store._con_real
        assert limit() == ingest
        assert len(seen) == 1 and seen[0] != ingest

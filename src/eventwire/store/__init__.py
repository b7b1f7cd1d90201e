"""The store: the only package that imports ``duckdb``.

``db`` opens the file, migrates the schema, writes coded articles idempotently and reads
them back; ``rows`` is the one row shape of each table; ``groups`` groups events across
articles; ``filters`` turns query flags into SQL; ``shards`` writes and reads the Dask
engine's Parquet shards; ``dedup`` finds near-duplicate articles; ``handoff`` lets a
writer and readers take turns on one file. It never imports the coder: it stores rows.
"""

from .db import (
    DEFAULT_MEMORY,
    INGEST_MEMORY,
    MIGRATIONS,
    SCHEMA_VERSION,
    DatabaseError,
    Rows,
    Store,
    store_error,
)
from .groups import anchor_days
from .rows import (
    ARTICLE_FIELDS,
    ERROR_FIELDS,
    EVENT_FIELDS,
    MENTION_FIELDS,
    SENTENCE_FIELDS,
    TABLE_FIELDS,
    WriteStats,
    event_from_json,
    event_row,
    parse_date,
)
from .shards import (
    ShardEvents,
    expand_shard_paths,
    load_parquet_shards,
    read_parquet_shard,
    shard_paths,
    write_parquet_shard,
)

__all__ = [
    "ARTICLE_FIELDS", "DEFAULT_MEMORY", "ERROR_FIELDS", "EVENT_FIELDS", "INGEST_MEMORY", "MENTION_FIELDS",
    "MIGRATIONS", "SCHEMA_VERSION", "SENTENCE_FIELDS", "TABLE_FIELDS", "DatabaseError", "Rows", "ShardEvents", "Store",
    "WriteStats", "anchor_days", "event_from_json", "event_row", "expand_shard_paths", "load_parquet_shards",
    "parse_date", "read_parquet_shard", "shard_paths", "store_error", "write_parquet_shard",
]  # fmt: skip

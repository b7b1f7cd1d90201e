"""JSON Lines, CSV and Parquet exports: the flat event columns (lists joined with ``;`` in CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.drop_columns([c for c in ("json",) if c in table.column_names]).to_pandas()


def write_jsonl(table: pa.Table, path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for text in table.column("json").to_pylist():
            fh.write(text + "\n")
    return table.num_rows


LIST_SEPARATOR = ";"
# Columns no CSV carries: the JSON contract (it has its own format) and the MinHash bytes.
INTERNAL_COLUMNS = ("json", "minhash")


def join_list(value: Any) -> Any:
    """A list cell as one string, ``IGO;UNO``: the list convention of every CSV we write."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "tolist"):  # numpy arrays from DuckDB/pandas
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready for CSV: list columns joined with ``;``, internal columns dropped."""
    frame = frame.drop(columns=[c for c in INTERNAL_COLUMNS if c in frame.columns])
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: hasattr(v, "__len__")
                                                          and not isinstance(v, (str, bytes))).any():
            frame[col] = frame[col].map(join_list)
    return frame


def write_csv(table: pa.Table, path: Path) -> int:
    frame = csv_frame(_frame(table))
    frame.to_csv(path, index=False, encoding="utf-8")
    return len(frame)


def write_parquet(table: pa.Table, path: Path) -> int:
    pq.write_table(table, path)
    return table.num_rows

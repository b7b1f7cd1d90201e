"""JSON Lines, CSV and Parquet exports: the flat event columns (lists joined with ``;`` in CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ..store import Rows


def write_jsonl(table: Rows, path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for text in table.column("json"):
            fh.write(text + "\n")
    return len(table)


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


def json_value(value: Any) -> Any:
    """A query value (``Rows`` holds Python values) as JSON can carry it: BLOBs as hex
    text, dates and times ISO 8601, DECIMAL as a number, NaN and NULL as null."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return str(value)  # UUID, INTERVAL (timedelta) and the rest: their text


def csv_cell(value: Any) -> str:
    """A query value as one CSV cell: lists ``;``-joined, structs and maps as JSON text,
    BLOBs as hex, NULL and NaN empty; integers stay integers even beside NULLs."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(json_value(value), ensure_ascii=False)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (dt.date, dt.time)) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def write_rows_csv(table: Rows, stream: Any) -> int:
    """``table`` as CSV (header first) on a text stream, cell by cell with ``csv_cell``."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return len(table)


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready for CSV: list columns joined with ``;``, internal columns dropped."""
    frame = frame.drop(columns=[c for c in INTERNAL_COLUMNS if c in frame.columns])
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: hasattr(v, "__len__")
                                                          and not isinstance(v, (str, bytes))).any():
            frame[col] = frame[col].map(join_list)
    return frame


def write_csv(table: Rows, path: Path) -> int:
    # From the rows, not a DataFrame: pandas makes an integer column with NULLs float ("24.0").
    with path.open("w", encoding="utf-8", newline="") as fh:
        return write_rows_csv(table.without(*INTERNAL_COLUMNS), fh)


def write_parquet(table: Rows, path: Path) -> int:
    table.write_parquet(path)
    return len(table)

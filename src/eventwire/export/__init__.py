"""Exports of stored events: GDELT 2.0, PLOVER JSON, CSV, Parquet and JSON Lines.

``core`` selects the events (the ``events_export`` view, with a checked ``where``) and
writes the file atomically; ``gdelt``, ``plover`` and ``tabular`` (CSV, Parquet, JSON
Lines) each turn the selected rows into one format. The formats are described in
``core``'s docstring.
"""

from .core import FORMATS, check_where, export, select_events, write_atomic
from .gdelt import GDELT_COLUMNS, GeoPlace, gdelt_geo, gdelt_row, parse_gdelt_columns
from .plover import load_plover_schema, plover_record
from .tabular import LIST_SEPARATOR, csv_cell, csv_frame, join_list, json_value, write_rows_csv

__all__ = [
    "FORMATS", "GDELT_COLUMNS", "LIST_SEPARATOR", "GeoPlace", "check_where", "csv_cell", "csv_frame", "export",
    "gdelt_geo", "gdelt_row", "join_list", "json_value", "load_plover_schema", "parse_gdelt_columns",
    "plover_record", "select_events", "write_atomic", "write_rows_csv",
]  # fmt: skip

"""The one event row shape: store.rows.EVENT_FIELDS. schema.sql declares the same columns
in the same order, and every other list of event columns (the CSV of `code`, the
dashboard's table, `query`'s terminal table, the REST model) is a selection of it."""

from __future__ import annotations

import re

import pytest

from eventwire.store import EVENT_FIELDS, TABLE_FIELDS
from eventwire.store.db import _schema_sql

ROW = [name for name, _ in EVENT_FIELDS]


def _schema_columns(table: str) -> list[str]:
    body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", _schema_sql(), re.S)
    assert body, table
    return [line.split()[0] for line in body.group(1).splitlines()
            if line.strip() and not line.strip().startswith("--")]


@pytest.mark.parametrize("table", sorted(TABLE_FIELDS))
def test_store_rows_match_schema_sql(table: str) -> None:
    assert [name for name, _ in TABLE_FIELDS[table]] == _schema_columns(table)


def test_store_rows_every_event_column_list_is_a_selection_of_the_row() -> None:
    from eventwire.cli import _QUERY_COLUMNS
    from eventwire.engines.local import CSV_COLUMNS
    from eventwire.web.app import EventRow
    from eventwire.web.queries import LIST_COLUMNS

    for name, columns in [("CSV_COLUMNS", CSV_COLUMNS), ("LIST_COLUMNS", LIST_COLUMNS),
                          ("_QUERY_COLUMNS", _QUERY_COLUMNS), ("EventRow", list(EventRow.model_fields))]:
        assert set(columns) <= set(ROW), f"{name}: {sorted(set(columns) - set(ROW))} not in EVENT_FIELDS"

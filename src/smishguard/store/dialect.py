"""The few statements that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_duplicates(
    connection: Connection, table: Table, values: dict[str, Any]
) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when the row was new.

    Asks for a returned column rather than trusting rowcount, which drivers report
    differently for this statement."""
    key = next(iter(table.primary_key.columns))
    if connection.dialect.name == "postgresql":
        statement: Any = postgresql.insert(table).values(values).on_conflict_do_nothing()
    else:
        statement = sqlite.insert(table).values(values).on_conflict_do_nothing()
    return connection.execute(statement.returning(key)).first() is not None


# Rows per statement of a batch (SQLite takes 32,766 bound values, PostgreSQL 65,535).
ROWS_PER_INSERT = 500


def insert_many_ignoring_duplicates(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str
) -> set[Any]:
    """INSERT … ON CONFLICT DO NOTHING of many rows: one statement, compiled once and sent in
    batches (SQLAlchemy's "insertmanyvalues"); the ``key`` values of the rows that were new."""
    if not rows:
        return set()
    if connection.dialect.name == "postgresql":
        statement: Any = postgresql.insert(table).on_conflict_do_nothing()
    else:
        statement = sqlite.insert(table).on_conflict_do_nothing()
    return set(connection.execute(statement.returning(table.c[key]), list(rows)).scalars())

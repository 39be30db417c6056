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
    statement = _insert_or_nothing(connection, table).values(values).returning(key)
    return connection.execute(statement).first() is not None



def insert_many_ignoring_duplicates(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str
) -> set[Any]:
    """INSERT … ON CONFLICT DO NOTHING of many rows: one statement, compiled once and sent in
    batches (SQLAlchemy's "insertmanyvalues"); the ``key`` values of the rows that were new."""
    if not rows:
        return set()
    statement = _insert_or_nothing(connection, table).returning(table.c[key])
    return set(connection.execute(statement, list(rows)).scalars())


def _insert_or_nothing(connection: Connection, table: Table) -> Any:
    """INSERT … ON CONFLICT DO NOTHING in the connection's dialect."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


def escape_like(text: str) -> str:
    """``text`` as a LIKE pattern matches it literally, with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

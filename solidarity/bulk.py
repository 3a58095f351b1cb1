"""Inserting many rows at the speed of the database, for imports.

Django's bulk_create costs about 50 µs of Python per object (building the instance, then
the SQL of each value); an imported list of 50,000 people is about a million rows. Here
the values are prepared once per column kind and sent with COPY (PostgreSQL, psycopg's
copy) or executemany (SQLite). Callers pass model instances or plain tuples; primary keys
a caller needs in advance are reserved with reserve_ids().

Only for rows a registry action writes inside its own transaction: nothing here audits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, in order: the sequence's next values
    on PostgreSQL; on SQLite the next after the largest (the caller's transaction holds
    SQLite's write lock, so nobody else takes them)."""
    if count <= 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # noqa: S608
        start = int(cursor.fetchone()[0]) + 1
        # Later ordinary inserts must not reuse these ids: SQLite's AUTOINCREMENT tables
        # keep a counter; plain rowid tables take max(rowid)+1, which is past them.
        return list(range(start, start + count))


def _preparer(field: models.Field[Any, Any]) -> Any:
    """None when the value goes to the driver as it is; else the field's own preparation."""
    plain = (
        models.CharField, models.TextField, models.IntegerField, models.BooleanField,
        models.ForeignKey, models.AutoField, models.BigAutoField, models.SlugField,
        models.PositiveIntegerField, models.PositiveSmallIntegerField, models.URLField,
    )  # fmt: skip
    special = getattr(field, "get_db_prep_save", None)
    if type(field) in plain:
        return None
    return special


def insert(model: type[models.Model], objs: Sequence[models.Model], *, with_pk: bool) -> None:
    """INSERT model instances (auto_now_add filled in). `with_pk`: the instances carry
    their primary keys (from reserve_ids); otherwise the database assigns them."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    preparers = [_preparer(f) for f in fields]
    rows = []
    for obj in objs:
        row = []
        for field, prepare in zip(fields, preparers, strict=True):
            value = field.pre_save(obj, add=True)
            row.append(value if prepare is None else prepare(value, connection))
        rows.append(tuple(row))
    insert_rows(model, [f.column for f in fields], rows)


def insert_rows(
    model: type[models.Model], columns: list[str], rows: Iterable[tuple[Any, ...]]
) -> None:
    """INSERT plain tuples of already prepared values into `model`'s table."""
    table = model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(rows))  # noqa: S608

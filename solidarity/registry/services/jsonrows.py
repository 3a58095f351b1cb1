"""Related rows inside the row they belong to: a correlated subquery grouped into one JSON
array (json_group_array on SQLite, json_agg on PostgreSQL). A page then reads a person with
their aliases, or fifty people with their charges, in one query."""

from __future__ import annotations

import json
import re
from typing import Any

from django.db.models import Aggregate, F, Func, OuterRef, QuerySet, Subquery, TextField

KEY = re.compile(r"[a-z_]+")


class JSONArrayAgg(Aggregate):
    """The grouped rows' values as one JSON array (text on SQLite, json on PostgreSQL)."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSON_AGG", **extra)


class JSONRow(Func):
    """A JSON object of name: column. Django's JSONObject casts every key and value on
    PostgreSQL and builds a field instance for each cast at every compilation (50 per page);
    here the names, our own identifiers, are written into the SQL as they are."""

    output_field = TextField()

    def __init__(self, **fields: str) -> None:
        if not all(KEY.fullmatch(name) for name in fields):
            raise ValueError(f"JSONRow: names are identifiers, not {list(fields)}")
        self.names = list(fields)
        super().__init__(*(F(lookup) for lookup in fields.values()))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        parts, params = [], []
        for name, expression in zip(self.names, self.get_source_expressions(), strict=True):
            sql, found = compiler.compile(expression)
            parts.append(f"'{name}', {sql}")
            params.extend(found)
        function = "JSON_BUILD_OBJECT" if connection.vendor == "postgresql" else "JSON_OBJECT"
        return f"{function}({', '.join(parts)})", params


def json_rows(queryset: QuerySet[Any], link: str, **fields: str) -> Subquery:
    """The rows of `queryset` whose `link` is the outer row, as a JSON array of objects with
    `fields` (name=lookup); NULL when there are none."""
    grouped = queryset.filter(**{link: OuterRef("pk")}).order_by().values(link)
    return Subquery(grouped.annotate(rows=JSONArrayAgg(JSONRow(**fields))).values("rows"))


def decoded(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    return list(value if isinstance(value, list) else json.loads(value))

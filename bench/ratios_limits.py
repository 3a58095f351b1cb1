"""The limits `bench/ratios.py` measures the pages against: plain function views, each
running one indexed query that reads the same rows the page shows, and writing them out.

They exist only for the benchmark (`bench/ratios_settings.py` mounts them under /_limit/
beside the product's own URLs); no product settings or URLconf ever loads this module.
Served by the same process, middleware and database connection as the pages, they are the
floor a page of the same size of work can reach: what is left above it is the project's.
"""

# ruff: noqa: S608 - table names come from model metadata; every value is a bound parameter.
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape

from solidarity.registry import names
from solidarity.registry.models import Event, Person, PersonSearchTerm, PersonStatus

PAGE = 50
PERSON = Person._meta.db_table
EVENT = Event._meta.db_table
TERM = PersonSearchTerm._meta.db_table
STATUS = PersonStatus._meta.db_table
ROW_COLUMNS = "p.id, p.slug, p.name, p.name_latin, p.region, p.country"


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    # Table names come from the models' metadata; every value is a bound parameter.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _page(title: str, rows: Iterable[tuple[Any, ...]]) -> HttpResponse:
    body = "".join(
        "<li>" + " · ".join(escape("" if v is None else str(v)) for v in row) + "</li>"
        for row in rows
    )
    return HttpResponse(f"<!doctype html><title>{escape(title)}</title><ol>{body}</ol>")


def person(request: HttpRequest, slug: str) -> HttpResponse:
    """The person and their whole timeline: one query on the slug and the events' index."""
    rows = _rows(
        f"SELECT p.name, p.name_latin, p.story_en, e.type, e.date, e.place, e.text_en "
        f"FROM {PERSON} p LEFT JOIN {EVENT} e ON e.person_id = p.id "
        f"WHERE p.slug = %s AND p.consent_publish_name IN (%s) ORDER BY e.date, e.id",
        [slug, True],
    )
    return _page(slug, rows)


def _filtered(status: str, region: str) -> list[tuple[Any, ...]]:
    return _rows(
        f"SELECT {ROW_COLUMNS} FROM {PERSON} p "
        f"WHERE p.consent_publish_name IN (%s) AND p.region = %s "
        f"AND p.status_id = (SELECT id FROM {STATUS} WHERE code = %s) "
        f"ORDER BY p.name_latin, p.id LIMIT {PAGE}",
        [True, region, status],
    )


def _searched(query: str) -> list[tuple[Any, ...]]:
    """Every word must match one of the person's folded keys, as the search asks."""
    where, params = [], []
    for key, stems in names.query_tokens(query):
        wanted = sorted(stems) or [key]
        marks = ", ".join(["%s"] * len(wanted))
        where.append(
            f"p.id IN (SELECT person_id FROM {TERM} "
            f"WHERE term IN ({marks}) OR (term >= %s AND term < %s))"
        )
        params += [*wanted, key, key + "{"]
    if not where:
        return []
    return _rows(
        f"SELECT {ROW_COLUMNS} FROM {PERSON} p WHERE p.consent_publish_name IN (%s) AND "
        + " AND ".join(where)
        + f" ORDER BY p.name_latin, p.id LIMIT {PAGE}",
        [True, *params],
    )


def people(request: HttpRequest) -> HttpResponse:
    """A page of the list: by status and region, or by a name."""
    q = request.GET.get("q", "")
    if q:
        return _page(q, _searched(q))
    return _page("list", _filtered(request.GET.get("status", ""), request.GET.get("region", "")))


def api_people(request: HttpRequest) -> JsonResponse:
    """The API's page of people: the same rows as JSON."""
    q = request.GET.get("q", "")
    status, region = request.GET.get("status", ""), request.GET.get("region", "")
    found = _searched(q) if q else _filtered(status, region)
    keys = ("id", "slug", "name", "name_latin", "region", "country")
    items = [dict(zip(keys, row, strict=True)) for row in found]
    return JsonResponse({"items": items, "next": json.dumps([PAGE])})

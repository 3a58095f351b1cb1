"""Reads of the public pages from a PostgreSQL replica, when one is configured.

Only what a reader without an account asks for goes to the replica: GET and HEAD requests
with no session cookie and no API token, outside the staff pages, the admin and a writer's
letter page. Whoever has just written (a writer following their letter, a staff member
after a save) reads from the primary, so nobody waits for replication to see their own
change. Every write, and every read outside those requests, goes to the primary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Paths whose reads must see the newest writes (or that only staff use).
PRIMARY_ONLY = ("/staff/", "/admin/", "/letters/", "/i18n/")

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def may_read_from_replica(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIMARY_ONLY)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReadsFromReplicaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replica = may_read_from_replica(request)
        token = _reads_from_replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if replica and response.streaming:
            # A streamed file (prisoners.csv) reads as it is sent, after this returns.
            response.streaming_content = _from_replica(response.streaming_content)  # type: ignore[attr-defined]
        return response


def _from_replica(chunks: Iterable[bytes]) -> Iterator[bytes]:
    _reads_from_replica.set(True)
    try:
        yield from chunks
    finally:
        _reads_from_replica.set(False)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if _reads_from_replica.get() else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Explicit: left to Django, an object read from the replica would be saved there.
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"

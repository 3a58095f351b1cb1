"""Public pages kept as anonymous readers got them, dropped by the next audited change.

The key of a page is (the audit chain's head, today's date, the language, the host, the
full path). Every change of the registry is an action that appends to the audit chain
inside its own transaction (accounts.audit.record), so the head moves in the same commit
as the change: the first request after a consent is withdrawn, a name corrected or a
person transferred reads the new head, misses, and renders from the database. The old
copies are never asked for again and leave with PAGE_CACHE_SECONDS or the cache's own
limit. Reading the head is one query by primary key; a page found costs that and the
cache's get.

Only requests that carry nothing of the reader are served or stored: GET or HEAD, no
session cookie (staff pages and staff menus are never cached) and no flash messages; only
a 200 whose body holds no CSRF token and that sets no cookie is stored. The date is in
the key because pages count days (terms served, releases due).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

View = Callable[..., HttpResponse]

# The view's own headers worth keeping; the middleware adds the rest on every response.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Link")


def audit_head() -> str:
    """The newest audit entry's hash ('' on a database that has recorded nothing)."""
    from solidarity.accounts.models import AuditHead

    head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    return head or ""


def head_for(request: HttpRequest) -> str:
    """audit_head(), read at most once per request."""
    head = getattr(request, "_audit_head", None)
    if head is None:
        head = request._audit_head = audit_head()  # type: ignore[attr-defined]
    return head


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
    )


def registry_key(request: HttpRequest, *parts: str) -> str:
    """40 hex digits naming `parts` as the registry stands for this request (the audit
    chain's head is the first part): what is kept under it is never asked for again
    after a change."""
    named = "\x00".join([head_for(request), *parts])
    return hashlib.blake2b(named.encode(), digest_size=20).hexdigest()


def page_key(request: HttpRequest) -> str:
    """The cache key of this request's page: 40 hex digits under 'page:'."""
    return "page:" + registry_key(
        request,
        timezone.localdate().isoformat(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        # The host too: a page asked for through the onion address is never one kept for
        # the clearnet address (nor the reverse), should a page ever name its own host.
        request.get_host(),
        request.get_full_path(),
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
    )


def public_page(view: View) -> View:
    """Decorate a public function view: serve and keep its page as described above."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS <= 0 or _personal(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            headers = [(h, response.headers[h]) for h in _KEPT_HEADERS if h in response.headers]
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper

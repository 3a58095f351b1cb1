"""Response headers that every page gets (Django's SecurityMiddleware covers the rest)."""

import html
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from solidarity.untrusted import FORBIDDEN_CONTROL, UnreadableJson, load_json, walk_depth_safe

# No inline script anywhere, nothing from another host, no framing, no plugins.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Pages a browser must not keep on disk: every staff page, and a writer's letter page (its
# address is the letter's only key). A seized laptop's browser cache then holds none.
NO_STORE_PREFIXES = ("/staff/", "/admin/", "/letters/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(NO_STORE_PREFIXES):
            if "no-store" not in response.headers.get("Cache-Control", ""):
                response.headers["Cache-Control"] = "no-store"
        return response


_NUL_IN_BODY = (b"\x00", b"%00", b"\\u0000")
# Characters XML 1.0 forbids (U+0000–U+001F but tab, newline and CR): stored in a story,
# one took /feeds/updates.atom down. No field has a use for them; they are refused at
# every input, and cut from every XML output (xml_safe) in case one is stored anyway.


def xml_safe(text: str) -> str:
    return FORBIDDEN_CONTROL.sub("", text)


def _bad_json_field(value: Any, path: str = "") -> str | None:
    """The first field of a JSON document holding a forbidden control character."""
    if isinstance(value, str):
        return path or "body" if FORBIDDEN_CONTROL.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _bad_json_field(str(key), path) or _bad_json_field(
                item, f"{path}.{key}" if path else str(key)
            )
            if found:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _bad_json_field(item, f"{path}[{i}]")
            if found:
                return found
    return None


class RejectNulMiddleware:
    """Answer 400 to a NUL character in the address, a form or a JSON body.

    PostgreSQL cannot store or even compare text with NUL in it, so such a value reached
    a query as a server error (found by schemathesis). No field of ours has a use for it.
    In multipart posts only the fields are checked: an uploaded PDF is full of zero bytes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "").lower()
        if "%00" in query or "\x00" in request.path:
            if request.method == "GET" and not request.path.startswith(("/api/", "/staff/")):
                return _refuse_page(request)
            return _refuse()
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH"):
            if content_type.startswith(("multipart/", "application/x-www-form-urlencoded")):
                # The fields, not the files: an uploaded PDF is full of zero bytes.
                for key, values in request.POST.lists():
                    if any("\x00" in value for value in values):
                        return _refuse_form(key)
                    if any(FORBIDDEN_CONTROL.search(value) for value in values):
                        return _refuse_form(key, nul=False)
            elif any(marker in request.body.lower() for marker in _NUL_IN_BODY):
                return _refuse()
            elif "json" in content_type:
                try:
                    document = load_json(request.body)
                    field = walk_depth_safe(_bad_json_field, document)
                except UnreadableJson as error:
                    if error.reason.startswith("not JSON"):
                        document, field = None, None  # the view answers malformed JSON
                    else:
                        return JsonResponse({"detail": f"The body is {error.reason}."},
                                            status=400)  # fmt: skip
                if field:
                    return JsonResponse(
                        {"detail": f"The field {field[:80]} contains a control character "
                                   "(U+0000–U+001F other than tab, newline, CR); remove it."},
                        status=400,
                    )  # fmt: skip
        return self.get_response(request)


def _refuse_form(field: str, nul: bool = True) -> HttpResponse:
    """A page a person can read; the browser's Back keeps what they typed."""
    name = html.escape(field[:40])
    what = "a NUL character" if nul else "a control character"
    return HttpResponse(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Not sent</title></head><body>"
        f"<h1>Not sent</h1><p>The field <strong>{name}</strong> contains {what} (an "
        "invisible control character, often pasted from another program), which cannot be "
        "stored. Go back: your text is still in the form; retype or paste it as plain text."
        "</p></body></html>",
        status=400,
        content_type="text/html; charset=utf-8",
    )


def _refuse_page(request: HttpRequest) -> HttpResponse:
    """A public page's address with a NUL (a search box, mostly): the site's own page, in the
    reader's language, with the search to retype. (The language and session middleware have
    not run yet: the language comes from the request itself.)"""
    from django.shortcuts import render
    from django.utils import translation

    cleaned = request.GET.get("q", "").replace("\x00", "")[:200]
    with translation.override(translation.get_language_from_request(request)):
        return render(request, "nul_refused.html", {"cleaned": cleaned}, status=400)


def _refuse() -> HttpResponse:
    return HttpResponse(
        '{"detail": "NUL characters are not accepted"}', status=400, content_type="application/json"
    )


class AnonymousBodySizeMiddleware:
    """Refuse a large body from someone not signed in before a byte of it is read.

    Django spools uploads to disk while parsing (and RejectNulMiddleware parses forms), so
    a stranger's upload of any size used to be written out before any view said no. A
    request without a session cookie is anonymous whatever it claims: its body may be at
    most ANONYMOUS_BODY_MAX_BYTES, judged by Content-Length alone (413 otherwise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        api_client = "HTTP_AUTHORIZATION" in request.META and not multipart
        # (API clients' JSON is held to DATA_UPLOAD_MAX_MEMORY_SIZE by Django, also unread.)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not api_client:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.ANONYMOUS_BODY_MAX_BYTES:
                response = HttpResponse(
                    "Request too large.", status=413, content_type="text/plain; charset=utf-8"
                )
                response["Connection"] = "close"
                return response
        return self.get_response(request)

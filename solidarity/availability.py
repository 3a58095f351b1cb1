"""When the database is away: a clear 503 instead of a server error, and no restart needed.

Django turns any uncaught exception, in a view or in a middleware, into a call of the 500
handler inside the `except` block; there the exception is still at hand. A database that
cannot be reached (stopped, restarting, out of connections) becomes "503, try again in a
minute"; the next request opens a new connection (CONN_HEALTH_CHECKS), so the site comes
back by itself when the database does.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.views.defaults import server_error as django_server_error

UNAVAILABLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body><h1>Temporarily unavailable</h1>
<p>The registry cannot be reached just now. Nothing you sent was half-saved: please try again
in a minute.</p>
<p lang="ru">Реестр сейчас недоступен. Ничего из отправленного не сохранено наполовину —
попробуйте ещё раз через минуту.</p></body></html>
"""


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        wants_json = request.path.startswith("/api/")
        response = HttpResponse(
            '{"detail": "temporarily unavailable, try again in a minute"}' if wants_json
            else UNAVAILABLE,
            status=503,
            content_type="application/json" if wants_json else "text/html; charset=utf-8",
        )  # fmt: skip
        response["Retry-After"] = "60"
        return response
    try:
        return django_server_error(request)
    except Exception:
        return HttpResponseServerError("Server error", content_type="text/plain")

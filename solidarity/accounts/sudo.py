"""Re-authentication ("sudo") before dangerous actions: password and second factor again."""

import functools
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

SESSION_KEY = "sudo_until"


def grant(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = time.time() + settings.SUDO_SECONDS


def active(request: HttpRequest) -> bool:
    return bool(request.session.get(SESSION_KEY, 0) > time.time())


def redirect_to_sudo(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect("/staff/sudo/?" + urlencode({"next": request.get_full_path()}))


def sudo_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not active(request):
            return redirect_to_sudo(request)
        return view(request, *args, **kwargs)

    return wrapper

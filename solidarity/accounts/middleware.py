"""No staff page with a password alone: the staff area and the admin need a second factor."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from . import audit, sudo, throttle

STAFF_PREFIXES = ("/staff/", "/admin/")
# Reachable before the second factor: signing in, proving it, or enrolling the first one.
OPEN_PATHS = ("/staff/login/", "/staff/logout/")
HALF_SIGNED_IN_PATHS = ("/staff/verify/", "/staff/enrol/", "/staff/webauthn/login/")
# Admin sections that change accounts also need a fresh re-authentication.
SUDO_PREFIXES = ("/admin/accounts/user/",)


class StaffGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit.set_acting_user(getattr(request, "user", None))
        try:
            return self._gate(request)
        finally:
            audit.reset_acting_user(token)

    def _gate(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if not path.startswith(STAFF_PREFIXES) or path.startswith(OPEN_PATHS):
            return self.get_response(request)
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return HttpResponseRedirect(
                "/staff/login/?" + urlencode({"next": request.get_full_path()})
            )
        if not user.is_verified():  # type: ignore[union-attr,attr-defined]
            if path.startswith(HALF_SIGNED_IN_PATHS):
                return self.get_response(request)
            return HttpResponseRedirect(
                "/staff/verify/?" + urlencode({"next": request.get_full_path()})
            )
        if path.startswith(SUDO_PREFIXES) and not sudo.active(request):
            return sudo.redirect_to_sudo(request)
        return self.get_response(request)


class AnonymousPostLimitMiddleware:
    """Every form sent by someone not signed in counts against their sender's hourly limit
    (a keyed hash of the address, no address kept; accounts/throttle.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # API clients prove themselves by token (and a wrong one is refused at once).
        api_client = request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META
        if request.method == "POST" and not signed_in and not api_client:
            limit = settings.ANONYMOUS_POSTS_PER_SENDER_PER_HOUR
            if not throttle.sender_allows(request, "posts", limit):
                return HttpResponse(
                    _("Too many forms from your connection this hour. Please try again later."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)

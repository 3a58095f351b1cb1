"""No staff page with a password alone: the staff area and the admin need a second factor."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from . import audit, sudo

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

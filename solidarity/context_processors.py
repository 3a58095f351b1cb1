from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Perm, allowed


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.SITE_NAME}


def demo(request: HttpRequest) -> dict[str, object]:
    """DEMO_DATA: demo people are loaded, so every page carries the demo notice."""
    from solidarity.registry.services.home import demo_loaded

    return {"DEMO_DATA": demo_loaded}  # called by the template only when it is shown


# (URL name, label, permission): the staff menu, shown on every staff page to whoever may
# open each entry.
STAFF_MENU = [
    ("staff-home", _("Staff"), Perm.STAFF_AREA),
    ("desk-people", _("Registry"), Perm.REGISTRY_VIEW),
    ("desk-cases", _("Cases"), Perm.REGISTRY_VIEW),
    ("desk-facilities", _("Facilities"), Perm.REGISTRY_VIEW),
    ("desk-reports", _("Reports"), Perm.REGISTRY_VIEW),
    ("intake-home", _("Intake"), Perm.INTAKE_REVIEW),
    ("letters-moderation-queue", _("Letters"), Perm.LETTERS_MODERATE),
    ("letters-translation-queue", _("Translation"), Perm.LETTERS_TRANSLATE),
    ("support-dashboard", _("Support"), Perm.SUPPORT),
    ("opendata-import", _("Import"), Perm.REGISTRY_EDIT),
]


def staff_menu(request: HttpRequest) -> dict[str, object]:
    """The staff menu for pages under /staff/ (none elsewhere: public pages stay public)."""
    if not request.path.startswith("/staff/") or not allowed(request.user, Perm.STAFF_AREA):
        return {}
    verified = getattr(request.user, "is_verified", None)
    if verified is not None and not verified():
        return {}  # before the second factor (enrolment, its check): every link leads back
    entries = [(reverse(name), label) for name, label, perm in STAFF_MENU
               if allowed(request.user, perm)]  # fmt: skip
    # The entry whose address is the longest start of this page's is the current one.
    matching = [url for url, _label in entries if request.path.startswith(url)]
    current = max(matching, key=len) if matching else None
    return {"STAFF_MENU": [(url, label, url == current) for url, label in entries]}

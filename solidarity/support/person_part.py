"""The support desk's part of a public person page (registry.extensions): open needs."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest


def has_open_needs() -> Exists:
    """A column of the person page's query: whether there is anything for this part."""
    from .models import Need, NeedStatus

    needs = Need.objects.filter(person=OuterRef("pk"))
    return Exists(needs.exclude(status__in=[NeedStatus.CLOSED, NeedStatus.COVERED]))


def person_part(request: HttpRequest, person: Any) -> tuple[str, dict[str, Any]] | None:
    from .templatetags.support import open_needs

    if not getattr(person, "has_open_needs", True):
        return None  # the page's own query said so: no query here
    context = open_needs(person)
    return ("support/open_needs.html", context) if context["needs"] else None

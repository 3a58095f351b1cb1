"""The support desk's part of a public person page (registry.extensions): open needs."""

from typing import Any

from django.http import HttpRequest


def person_part(request: HttpRequest, person: Any) -> tuple[str, dict[str, Any]] | None:
    from .templatetags.support import open_needs

    context = open_needs(person)
    return ("support/open_needs.html", context) if context["needs"] else None

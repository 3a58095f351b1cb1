"""Where the apps above the registry add to its pages, so that the registry imports none
of them (dependencies point down: letters and support know the registry, not the reverse).

An app registers, in its AppConfig.ready(), a function (request, person) -> (template
name, context) or None; the public person page renders each part in registration order.
A part may also register a column of the page's one person query (an expression, e.g. an
EXISTS that says whether the part has anything to show), read as an attribute of the person:
a part with nothing to show then costs no query of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PersonPart = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]

_person_parts: dict[str, PersonPart] = {}
_person_columns: dict[str, Callable[[], Any]] = {}
_facility_parts: dict[str, PersonPart] = {}


def add_person_part(name: str, part: PersonPart) -> None:
    """Register `part` under `name` (registering a name again replaces it)."""
    _person_parts[name] = part


def add_person_column(name: str, expression: Callable[[], Any]) -> None:
    """Annotate the public person page's person with `name` = expression() (an expression
    over the person row, OuterRef("pk") for its id)."""
    _person_columns[name] = expression


def person_columns() -> dict[str, Any]:
    return {name: make() for name, make in _person_columns.items()}


def _render(parts: dict[str, PersonPart], request: HttpRequest, obj: Any) -> list[SafeString]:
    rendered = []
    for part in parts.values():
        found = part(request, obj)
        if found is not None:
            template, context = found
            rendered.append(mark_safe(render_to_string(template, context, request)))  # noqa: S308
    return rendered


def person_parts(request: HttpRequest, person: Any) -> list[SafeString]:
    """The rendered parts for a public person page (consent is each part's own check)."""
    return _render(_person_parts, request, person)


def add_facility_part(name: str, part: PersonPart) -> None:
    """Register a part of the staff page of a facility: (request, facility) -> (template,
    context) or None."""
    _facility_parts[name] = part


def facility_parts(request: HttpRequest, facility: Any) -> list[SafeString]:
    """The rendered parts for a facility's staff page."""
    return _render(_facility_parts, request, facility)

"""Small helpers that build registry rows for tests (real rows, real database)."""

from typing import Any

from solidarity.registry import models as m
from solidarity.registry.names import slugify_name


def make_person(
    name: str, *, status: str = "remand", tags: list[str] | None = None, **fields: Any
) -> m.Person:
    fields.setdefault("slug", slugify_name(name))
    fields.setdefault("consent_publish_name", True)
    fields.setdefault("country", "RU")
    person = m.Person.objects.create(
        name=name, status=m.PersonStatus.objects.get(code=status), **fields
    )
    if tags:
        person.tags.set(m.Tag.objects.filter(slug__in=tags))
    return person


def make_facility(**fields: Any) -> m.Facility:
    fields.setdefault("kind", "sizo")
    fields.setdefault("country", "RU")
    return m.Facility.objects.create(**fields)


def make_case(name: str, *, defendants: list[m.Person] = (), **fields: Any) -> m.Case:  # type: ignore[assignment]
    fields.setdefault("slug", slugify_name(name))
    fields.setdefault("country", "RU")
    case = m.Case.objects.create(name_en=name, **fields)
    for person in defendants:
        m.CaseDefendant.objects.create(case=case, person=person)
    return case


def article(number: str, code: str = "RU") -> m.Article:
    return m.Article.objects.get(code__code=code, number=number)

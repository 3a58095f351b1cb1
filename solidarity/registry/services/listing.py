"""The public list of prisoners: filters shared by the pages, and later the API and exports."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from ..models import Article, Case, CaseDefendant, Person, PersonStatus, Tag
from .search import filter_by_name


@dataclass(frozen=True)
class PeopleFilter:
    q: str = ""
    status: str = ""
    country: str = ""
    region: str = ""
    article: str = ""
    case: str = ""
    tag: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "PeopleFilter":
        """From query parameters; values are cut to sane lengths, never rejected."""

        def value(name: str, limit: int = 100) -> str:
            return str(params.get(name, "") or "").strip()[:limit]

        return cls(
            q=value("q", 200),
            status=value("status"),
            country=value("country").upper()[:2],
            region=value("region"),
            article=value("article"),
            case=value("case"),
            tag=value("tag"),
        )

    def is_empty(self) -> bool:
        return not any(vars(self).values())

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def public_people(flt: PeopleFilter) -> QuerySet[Person]:
    """Consented people matching the filter, in a stable order."""
    people: QuerySet[Person] = Person.objects.public()
    if flt.status:
        people = people.filter(status__code=flt.status)
    if flt.country:
        people = people.filter(country=flt.country)
    if flt.region:
        people = people.filter(region=flt.region)
    if flt.article:
        code, _sep, number = flt.article.rpartition(":")
        charges = {"charges__article__number": number}
        if code:
            charges["charges__article__code__code"] = code
        people = people.filter(
            id__in=Person.objects.filter(**charges).values("id")  # type: ignore[misc]
        )
    if flt.case:
        defendants = CaseDefendant.objects.filter(case__slug=flt.case)
        people = people.filter(id__in=defendants.values("person_id"))
    if flt.tag:
        people = people.filter(tags__slug=flt.tag)
    if flt.q:
        people = filter_by_name(people, flt.q)
    return people.select_related("status").order_by("name_latin", "id")


def filter_choices() -> dict[str, object]:
    """What the filter form offers; only values that occur among public people."""
    public = Person.objects.public()

    def distinct(column: str) -> list[str]:
        values = public.exclude(**{column: ""}).values_list(column, flat=True)
        return list(values.order_by(column).distinct())

    return {
        "statuses": PersonStatus.objects.filter(person__in=public).distinct(),
        "countries": distinct("country"),
        "regions": distinct("region"),
        "tags": Tag.objects.filter(person__in=public).distinct(),
        "cases": Case.objects.filter(defendants__in=public).distinct(),
        "articles": Article.objects.filter(charges__person__in=public)
        .select_related("code")
        .distinct(),
    }

"""The public list of prisoners: filters shared by the pages, and later the API and exports."""

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils.functional import cached_property

from ..models import (
    Article,
    Case,
    CaseDefendant,
    Charge,
    Person,
    PersonStatus,
    Tag,
    public_q,
)
from .search import filter_by_name

CASE_MENU_LIMIT = 200


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


class CappedPaginator(Paginator):
    """Counts the matches up to `cap` (at least as far as the requested page reaches);
    past that, `capped` is true and the page says "more than". The count then reads at most
    that many index entries, however large the registry, instead of every match.

    `rows`, if given, is the same queryset with the columns the page shows: the page's
    slice is read from it, the count from the plain one.

    `count_key`, if given, names the count in the pages cache (registry.pagecache) for
    REGISTRY_COUNT_SECONDS: the caller makes it of the audit chain's head and the filter,
    so that any change of the registry counts afresh. Walking up to `cap` matches cost
    the list page more than reading its fifty rows (4 ms of 25 at 50,000 people)."""

    def __init__(
        self, object_list: Any, per_page: int, cap: int, requested: object, rows: Any = None,
        count_key: str = "",
    ) -> None:  # fmt: skip
        super().__init__(object_list, per_page)
        self.rows = rows
        self.count_key = count_key
        try:
            number = max(1, int(str(requested)))
        except ValueError:
            number = 1
        self.cap = max(cap, number * per_page)

    @cached_property
    def count(self) -> int:
        from django.core.cache import caches

        key = f"count:{self.cap}:{self.count_key}" if self.count_key else ""
        kept = caches["pages"].get(key) if key else None
        if kept is not None:
            return int(kept)
        # Unordered: the database may stop at the cap instead of sorting every match first.
        unordered = self.object_list.order_by()  # type: ignore[attr-defined]
        counted = int(unordered[: self.cap + 1].count())
        if key and settings.REGISTRY_COUNT_SECONDS > 0:
            caches["pages"].set(key, counted, settings.REGISTRY_COUNT_SECONDS)
        return counted

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def _get_page(self, *args: Any, **kwargs: Any) -> Any:
        sliced, *rest = args
        if self.rows is not None:
            # The page's people are chosen on the plain query, and only those fifty get
            # the row's columns: otherwise the database works out the columns' subqueries
            # for every match before sorting them (3 ms for 130 matches on SQLite).
            chosen = sliced.values("pk")
            ordering = self.object_list.query.order_by  # type: ignore[attr-defined]
            sliced = self.rows.filter(pk__in=chosen).order_by(*ordering)
        return super()._get_page(sliced, *rest, **kwargs)  # type: ignore[misc]


# How long the filter choices (and the menus made of them) are kept at most.
CHOICES_SECONDS = 300


def filter_choices() -> tuple[dict[str, object], str]:
    """(the filter menus' choices, the key they are kept under): kept until any person is
    added or saved, for CHOICES_SECONDS at most.

    Saving a person (a consent change included) moves the newest updated_at, so a menu
    never offers a value that only a now-hidden person has. One indexed MAX per request.
    """
    newest = Person.objects.aggregate(newest=Max("updated_at"))["newest"]
    key = f"registry:filter-choices:{newest.timestamp() if newest else 0}"
    choices = cache.get(key)
    if choices is None:
        choices = _filter_choices()
        cache.set(key, choices, CHOICES_SECONDS)
    return choices, key


# A menu: its options as (value, another value that also selects it, label as HTML).
Menu = list[tuple[str, str, str]]


def filter_menus() -> tuple[dict[str, object], dict[str, Menu | None]]:
    """The filter choices, and the same as the form's menus in the active language, labels
    escaped: the form is then a join, not a template loop over hundreds of options (3 ms a
    request at 50,000 people). Built once per process, language and state of the
    choices."""
    from django.utils.translation import get_language

    choices, key = filter_choices()
    language = get_language() or "en"
    now = time.monotonic()
    built = _built_menus.get((key, language))
    # As long as the choices themselves are kept: a renamed case or tag shows within it.
    if built is None or now - built[0] > CHOICES_SECONDS:
        if len(_built_menus) > 16:
            _built_menus.clear()
        built = _built_menus[key, language] = (now, _menus(choices))
    return choices, built[1]


_built_menus: dict[tuple[str, str], tuple[float, dict[str, Menu | None]]] = {}


def _menus(choices: Any) -> dict[str, Menu | None]:
    from django.utils.html import escape

    from ..places import country_name, place_name

    def menu(pairs: Any) -> Menu:
        return [(value, also, str(escape(label))) for value, also, label in pairs]

    articles = choices["articles"]
    return {
        "statuses": menu((s.code, "", s.name) for s in choices["statuses"]),
        "countries": menu((c, "", country_name(c)) for c in choices["countries"]),
        "regions": menu((r, "", place_name(r)) for r in choices["regions"]),
        "articles": menu(
            (f"{a.code.code}:{a.number}", a.number, f"{a.label()} — {a.title}") for a in articles
        ),
        "cases": None
        if choices["cases"] is None
        else menu((c.slug, "", c.name) for c in choices["cases"]),
        "tags": menu((t.slug, "", t.name) for t in choices["tags"]),
    }


def _filter_choices() -> dict[str, object]:
    """What the filter form offers: only values that occur among public people.

    Each choice is one indexed EXISTS probe, so the cost grows with the number of choices,
    not of people. A long list of cases is not offered as a menu (the case page links here).
    """
    public = Person.objects.public()

    def distinct(column: str, limit: int = 500) -> list[str]:
        # A skip scan: one index probe per distinct value instead of reading every person.
        found: list[str] = []
        ordered = public.order_by(column).values_list(column, flat=True)
        while len(found) < limit:
            value = ordered.filter(**{f"{column}__gt": found[-1] if found else ""}).first()
            if value is None:
                break
            found.append(value)
        return found

    cases = None
    if Case.objects.count() <= CASE_MENU_LIMIT:
        cases = Case.objects.filter(
            Exists(CaseDefendant.objects.filter(public_q("person__"), case=OuterRef("pk")))
        )
    return {
        "statuses": list(PersonStatus.objects.filter(Exists(public.filter(status=OuterRef("pk"))))),
        "countries": distinct("country"),
        "regions": distinct("region"),
        "tags": list(
            Tag.objects.filter(
                Exists(Person.tags.through.objects.filter(public_q("person__"), tag=OuterRef("pk")))
            )
        ),
        "cases": None if cases is None else list(cases),
        "articles": list(
            Article.objects.filter(
                Exists(Charge.objects.filter(public_q("person__"), article=OuterRef("pk")))
            ).select_related("code")
        ),
    }

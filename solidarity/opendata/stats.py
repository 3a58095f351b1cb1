"""The published figures: counts over consented people only, for /stats/ and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.utils.translation import get_language

from solidarity.registry.models import Charge, Event, EventType, Person, PersonStatus, public_q
from solidarity.registry.places import place_name

TOP = 20


def _label(obj: Any, field: str) -> str:
    ru = (get_language() or "en").startswith("ru")
    return str(
        getattr(obj, f"{field}_ru" if ru else f"{field}_en", "") or getattr(obj, f"{field}_en")
    )


def by_status() -> list[dict[str, Any]]:
    counts = dict(Person.objects.public().values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"key": s.code, "label": _label(s, "name"), "count": counts.get(s.pk, 0)}
        for s in PersonStatus.objects.all()
        if counts.get(s.pk)
    ]


def by_article() -> list[dict[str, Any]]:
    rows = (
        Charge.objects.filter(public_q("person__"))
        .values("article__code__code", "article__number", "article__title_en", "article__title_ru")
        .annotate(n=Count("person", distinct=True))
        .order_by("-n", "article__number")[:TOP]
    )
    ru = (get_language() or "en").startswith("ru")
    return [
        {
            "key": f"{r['article__code__code']}:{r['article__number']}",
            "label": f"{r['article__number']} — "
            + (r["article__title_ru"] if ru else r["article__title_en"]),
            "count": r["n"],
        }
        for r in rows
    ]


def by_region() -> list[dict[str, Any]]:
    rows = (
        Person.objects.public()
        .exclude(region="")
        .values("country", "region")
        .annotate(n=Count("id"))
        .order_by("-n", "region")[:TOP]
    )
    return [{"key": f"{r['country']}:{r['region']}", "label": place_name(r["region"]),
             "count": r["n"]}
            for r in rows]  # fmt: skip


def _years(rows: Any) -> list[dict[str, Any]]:
    counts: dict[int, int] = {}
    for value in rows:
        if value is not None:
            counts[value.year] = counts.get(value.year, 0) + 1
    return [{"key": str(y), "label": str(y), "count": counts[y]} for y in sorted(counts)]


def by_detention_year() -> list[dict[str, Any]]:
    """People by the year of their first detention (the first event dated that way)."""
    firsts = (
        Event.objects.filter(public_q("person__"), type=EventType.DETENTION, date__isnull=False)
        .values("person")
        .annotate(first=Min("date"))
        .values_list("first", flat=True)
    )
    return _years(firsts)


def events_by_year(kind: str) -> list[dict[str, Any]]:
    dates = Event.objects.filter(public_q("person__"), type=kind, date__isnull=False).values_list(
        "date", flat=True
    )
    return _years(dates)


def all_figures() -> dict[str, Any]:
    public = Person.objects.public()
    return {
        "behind_bars": public.filter(status__behind_bars=True).count(),
        "total": public.count(),
        "by_status": by_status(),
        "by_article": by_article(),
        "by_region": by_region(),
        "by_detention_year": by_detention_year(),
        "new_cases_by_year": events_by_year(EventType.DETENTION),
        "releases_by_year": events_by_year(EventType.RELEASE),
    }

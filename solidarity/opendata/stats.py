"""The published figures, for /stats/ and the API: counts over consented, real people only.

`Person.objects.counted()` is the set every figure starts from: the public people (consent
to publish the name) less fictional ones (the demo's letter addressee). The method is told
on /stats/ and /data/methodology/; change those when a rule here changes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.registry.models import Charge, Event, EventType, Person, PersonStatus, public_q
from solidarity.registry.places import place_name

TOP = 20
UNKNOWN = "unknown"  # the key of the row of people or events whose date is not known


def counted_q(prefix: str = "person__") -> Q:
    """The people counted, reached through a relation."""
    return public_q(prefix) & Q(**{f"{prefix}is_fictional": False})


def _label(obj: Any, field: str) -> str:
    ru = (get_language() or "en").startswith("ru")
    return str(
        getattr(obj, f"{field}_ru" if ru else f"{field}_en", "") or getattr(obj, f"{field}_en")
    )


def by_status() -> list[dict[str, Any]]:
    counts = dict(Person.objects.counted().values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"key": s.code, "label": _label(s, "name"), "count": counts.get(s.pk, 0)}
        for s in PersonStatus.objects.all()
        if counts.get(s.pk)
    ]


def by_article() -> list[dict[str, Any]]:
    rows = (
        Charge.objects.filter(counted_q())
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
        Person.objects.counted()
        .exclude(region="")
        .values("country", "region")
        .annotate(n=Count("id"))
        .order_by("-n", "region")[:TOP]
    )
    return [{"key": f"{r['country']}:{r['region']}", "label": place_name(r["region"]),
             "count": r["n"]}
            for r in rows]  # fmt: skip


def _years(dates: Any, unknown: int = 0) -> list[dict[str, Any]]:
    counts: dict[int, int] = {}
    for value in dates:
        if value is not None:
            counts[value.year] = counts.get(value.year, 0) + 1
    rows = [{"key": str(y), "label": str(y), "count": counts[y]} for y in sorted(counts)]
    if unknown:
        rows.append({"key": UNKNOWN, "label": _("date unknown"), "count": unknown})
    return rows


def _sort_key(date: Any) -> tuple[int, int, int]:
    return date.sort_key()  # type: ignore[no-any-return]


def first_detentions() -> dict[int, Any]:
    """Each counted person's first detention: its date, or None where it is not known.

    The first is the first in the person's timeline (the events' `order`). Among detentions
    of the same order an undated one may be the earlier: then the first date is not known,
    and the person is counted under "date unknown", never under a later dated detention.
    """
    rows = (
        Event.objects.filter(counted_q(), type=EventType.DETENTION)
        .values_list("person_id", "order", "date")
        .order_by()
    )
    firsts: dict[int, tuple[int, Any]] = {}
    for person, order, stored in rows.iterator(chunk_size=5000):
        date = stored or None
        known = firsts.get(person)
        if known is None or order < known[0]:
            firsts[person] = (order, date)
        elif order == known[0] and known[1] is not None:
            firsts[person] = (order, None if date is None else min(date, known[1], key=_sort_key))
    return {person: date for person, (_order, date) in firsts.items()}


def by_detention_year() -> list[dict[str, Any]]:
    """People by the year of their first detention; "date unknown" where it has no date."""
    dates = list(first_detentions().values())
    return _years([d for d in dates if d is not None], unknown=dates.count(None))


def events_by_year(kind: str) -> list[dict[str, Any]]:
    """Events of a kind (detentions, releases) by year; undated ones as "date unknown"."""
    events = Event.objects.filter(counted_q(), type=kind)
    dates = events.filter(date__isnull=False).exclude(date="").values_list("date", flat=True)
    unknown = events.filter(Q(date__isnull=True) | Q(date="")).count()
    return _years(dates, unknown=unknown)


def as_of() -> dict[str, Any]:
    """The date the figures were computed and the registry's last change behind them."""
    changed = Person.objects.counted().aggregate(last=Max("updated_at"))["last"]
    return {
        "date": timezone.localdate().isoformat(),
        "last_change": timezone.localtime(changed).date().isoformat() if changed else None,
    }


def all_figures() -> dict[str, Any]:
    counted = Person.objects.counted()
    return {
        "as_of": as_of(),
        "behind_bars": counted.filter(status__behind_bars=True).count(),
        "total": counted.count(),
        "by_status": by_status(),
        "by_article": by_article(),
        "by_region": by_region(),
        "by_detention_year": by_detention_year(),
        "new_cases_by_year": events_by_year(EventType.DETENTION),
        "releases_by_year": events_by_year(EventType.RELEASE),
    }

"""What the home page shows a journalist or a first-time helper: counts per status, the
latest events, and who can be helped now (birthdays soon, releases soon).

Everything starts from Person.objects.public(); birthdays need the consent to publish the
day and month, facilities are never shown here. The lists are cached until the registry
changes (and for an hour at most, since "soon" moves with the calendar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from solidarity.registry import release
from solidarity.registry.models import Event, Person, PersonStatus, Sentence

BIRTHDAYS_AHEAD = dt.timedelta(days=14)
RELEASES_AHEAD = dt.timedelta(days=90)
LATEST_EVENTS = 8


@dataclass(frozen=True)
class Soon:
    """One line of "who you can help now". Names only, never a Person: the lists are cached
    (in the shared cache in production), and a row would carry its private fields along."""

    slug: str
    name: str
    name_latin: str
    date: dt.date
    note: str = ""  # e.g. a 29 February birthday kept on 28 February
    is_range: bool = False
    latest: dt.date | None = None


def _soon(person: Any, date: dt.date, **more: Any) -> Soon:
    return Soon(person.slug, person.name, person.name_latin or "", date, **more)


def status_counts() -> list[tuple[Any, int]]:
    """(status, number of people counted) for the statuses that have anyone, in order: the
    public people less the fictional ones, as the statistics count them."""
    counts = dict(Person.objects.counted().values_list("status").annotate(n=Count("id")).order_by())
    return [(s, counts[s.pk]) for s in PersonStatus.objects.all() if counts.get(s.pk)]


def latest_events(limit: int = LATEST_EVENTS) -> list[Any]:
    """The newest dated events of public people (no place or facility: that is an address)."""
    return list(
        Event.objects.filter(person__in=Person.objects.public(), date__isnull=False)
        .exclude(date="")
        .select_related("person")
        .only("id", "type", "date", "person__slug", "person__name", "person__name_latin")
        .order_by("-date", "-order", "-id")[:limit]
    )


def _next_birthday(month: int, day: int, today: dt.date) -> tuple[dt.date, bool]:
    for year in (today.year, today.year + 1):
        moved = month == 2 and day == 29 and not _leap(year)
        date = dt.date(year, 2, 28) if moved else dt.date(year, month, day)
        if date >= today:
            return date, moved
    raise AssertionError("unreachable")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def birthdays_soon(today: dt.date) -> list[Soon]:
    """People behind bars whose birthday (shown with their consent) falls in two weeks."""
    people = Person.objects.public().filter(
        status__behind_bars=True,
        consent_publish_birthday="day_month",
        birth_date__regex=r"^\d{4}-\d{2}-\d{2}$",
    )
    found = []
    for person in people.only("slug", "name", "name_latin", "birth_date", "is_demo"):
        birth = person.birth_date
        if birth is None or birth.month is None or birth.day is None:
            continue
        date, moved = _next_birthday(birth.month, birth.day, today)
        if date <= today + BIRTHDAYS_AHEAD:
            found.append(_soon(person, date, note="29.02" if moved else ""))
    return sorted(found, key=lambda s: s.date)


def releases_soon(today: dt.date) -> list[Soon]:
    """People behind bars whose expected release (art. 72 credit applied) is near."""
    sentences = (
        Sentence.objects.filter(person__in=Person.objects.public().filter(status__behind_bars=True))
        .select_related("person", "case")
        .defer("person__letter_address", "person__private_notes", "person__full_name")
        .prefetch_related("custody_periods", "person__charges__article__code")
    )
    found = []
    for sentence in sentences:
        computed = release.for_sentence(sentence, list(sentence.person.charges.all()))
        if computed.release and today <= computed.release <= today + RELEASES_AHEAD:
            found.append(
                _soon(sentence.person, computed.release, is_range=computed.is_range,
                      latest=computed.release_latest)
            )  # fmt: skip
    return sorted(found, key=lambda s: s.date)


def help_now() -> dict[str, list[Soon]]:
    from solidarity.registry.actions import cache_version

    today = timezone.localdate()
    key = f"registry:help-now:{cache_version()}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = {"birthdays": birthdays_soon(today), "releases": releases_soon(today)}
        cache.set(key, found, 3600)
    return found


def demo_loaded() -> bool:
    """Whether any demo person is in the registry (then every page says so)."""
    from solidarity.registry.actions import cache_version

    key = f"registry:demo-loaded:{cache_version()}"
    loaded = cache.get(key)
    if loaded is None:
        loaded = Person.objects.filter(is_demo=True).exists()
        cache.set(key, loaded, 60)
    return bool(loaded)

"""Solidarity evenings: whom to write to, a printable packet, and the letters written there."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts import audit
from solidarity.letters.models import Channel, Letter, LetterEvent, State
from solidarity.letters.precheck import rules
from solidarity.registry.models import Person

from ..models import Evening

RECENT_DAYS = 90
BIRTHDAY_DAYS = 30


def days_to_birthday(person: Person, today: dt.date) -> int | None:
    birth = person.birth_date
    if birth is None or birth.month is None or birth.day is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            day = dt.date(year, birth.month, birth.day)
        except ValueError:  # 29 February
            day = dt.date(year, 3, 1)
        if day >= today:
            return (day - today).days
    return None


def suggestions(evening: Evening, limit: int = 20) -> list[tuple[Person, int, int | None]]:
    """People who can receive letters through the group, fewest letters lately first and a
    near birthday before that: (person, letters in 90 days, days to the birthday)."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    people = (
        Person.objects.with_public_address()
        .filter(accepts_letters=True, status__behind_bars=True)
        .annotate(recent=Count("letters", filter=Q(letters__created_at__gte=since)))
        .order_by("recent", "name_latin")[:500]
    )
    ranked = []
    for person in people:
        soon = days_to_birthday(person, evening.date)
        near = soon is not None and soon <= BIRTHDAY_DAYS
        ranked.append((0 if near else 1, person.recent, person.name_latin, person, soon))  # type: ignore[attr-defined]
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    return [(p, recent, soon) for _near, recent, _name, p, soon in ranked[:limit]]


def plan(actor: Any, day: dt.date, place: str, organisers: str) -> Evening:
    """A new evening, with the ten people to write to that suggestions() puts first."""
    place = place.strip()[:200]
    if not place:
        raise ValidationError({"place": _("Where is the evening?")})
    with transaction.atomic():
        evening = Evening.objects.create(date=day, place=place, organisers=organisers.strip()[:300])
        audit.record(actor, "support.evening.create", obj=evening)
    choose(actor, evening, [p for p, _recent, _birthday in suggestions(evening, 10)])
    return evening


class NotPublic(Exception):
    """A person chosen for an evening has not consented to publication."""


def choose(actor: Any, evening: Evening, people: list[Person]) -> None:
    """Set the evening's people; only people who consented to publication can be printed
    in a packet handed out to strangers, whatever ids the form sent."""
    public = set(
        Person.objects.public().filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    if any(p.pk not in public for p in people):
        raise NotPublic(_("Only people whose names may be published can be chosen."))
    with transaction.atomic():
        evening.people.set(people)
        audit.record(actor, "support.evening.choose", obj=evening,
                     details={"people": len(people)})  # fmt: skip


def sheets(evening: Evening) -> list[dict[str, Any]]:
    """The packet's pages: only what the person consented to show."""
    avoid = ", ".join(
        str(rules()["categories"][c]["advice_en"]).split(".")[0] for c in ("war", "case", "insult")
    )
    pages = []
    chosen = evening.people.filter(pk__in=Person.objects.public().values("pk"))
    for person in chosen.select_related("facility").order_by("name_latin"):
        address = ""
        if person.consent_publish_address and person.facility:
            lines = [person.full_name, person.facility.postal_address]
            if person.birth_date and person.consent_publish_birthday != "none":
                lines[0] = f"{person.full_name}, {person.birth_date.year}"
            address = "\n".join(line for line in lines if line)
        soon = days_to_birthday(person, evening.date)
        birthday = ""
        shown = person.consent_publish_birthday == "day_month"
        if soon is not None and soon <= 60 and person.birth_date and shown:
            birthday = _("%(date)s — in %(days)s days") % {
                "date": f"{person.birth_date.day:02d}.{person.birth_date.month:02d}",
                "days": soon,
            }  # fmt: skip
        pages.append({
            "name": f"{person.name} ({person.name_latin})" if person.name_latin else person.name,
            "lines": [
                (_("Address for the envelope"), address),
                (_("About them"), person.story_ru or person.story_en),
                (_("Birthday"), birthday),
                (_("What to write"), _("Everyday life: the weather, books, animals, your town; "
                                       "questions they can answer. In Russian, by hand, "
                                       "clearly. Add a blank sheet and an envelope.")),
                (_("What to avoid"), avoid + "; " + _("codes, abbreviations, swearing") + "."),
            ],
        })  # fmt: skip
    return pages


def register_letters(actor: Any, evening: Evening, counts: dict[int, int]) -> int:
    """The handwritten letters of the evening, into the letters tracking as posted."""
    chosen = {p.pk: p for p in evening.people.all()}
    total = 0
    with transaction.atomic():
        for person_id, count in counts.items():
            person = chosen.get(person_id)
            if person is None or count <= 0:
                continue
            for _n in range(min(count, 200)):
                letter = Letter.objects.create(
                    token_digest=secrets.token_hex(32), submission_key=secrets.token_urlsafe(32),
                    person=person, body=_("Handwritten at the solidarity evening of %(date)s.")
                    % {"date": evening.date.isoformat()},
                    language="ru", channel=Channel.POST, state=State.DISPATCHED,
                )  # fmt: skip
                LetterEvent.objects.create(letter=letter, state=State.DISPATCHED)
                total += 1
        evening.letters_registered += total
        evening.save(update_fields=["letters_registered"])
        audit.record(actor, "support.evening.letters", obj=evening, details={"letters": total})
    return total

"""What a row of the public list shows beside the name: the articles, the region, the date
of the first detention, the latest term and, with consent to publish the address, the
facility. Four queries for a whole page, whatever its length."""

from __future__ import annotations

from typing import Any

from ..models import Charge, Event, Facility, Sentence


def attach(people: list[Any]) -> None:
    """Set row_articles, row_detained, row_term and row_facility on each person."""
    ids = [p.pk for p in people]
    articles: dict[int, list[str]] = {}
    charges = Charge.objects.filter(person_id__in=ids).select_related("article__code")
    for charge in charges.order_by("person_id", "id"):
        label = charge.label()
        if label not in articles.setdefault(charge.person_id, []):
            articles[charge.person_id].append(label)
    detained: dict[int, Any] = {}
    events = Event.objects.filter(person_id__in=ids, type="detention").exclude(date="")
    for person_id, date in events.filter(date__isnull=False).values_list("person_id", "date"):
        if date is None:
            continue
        if person_id not in detained or date.sort_key() < detained[person_id].sort_key():
            detained[person_id] = date
    terms: dict[int, str] = {}
    for sentence in Sentence.objects.filter(person_id__in=ids).order_by("pronounced_on", "id"):
        if sentence.has_term():
            terms[sentence.person_id] = sentence.term_label()  # the latest one wins
    # Where someone is held is their address: only with their consent.
    consenting = {p.facility_id for p in people if p.consent_publish_address and p.facility_id}
    facilities = Facility.objects.in_bulk(consenting)
    for person in people:
        person.row_articles = articles.get(person.pk, [])
        person.row_detained = detained.get(person.pk)
        person.row_term = terms.get(person.pk, "")
        held = person.facility_id if person.consent_publish_address else None
        person.row_facility = facilities.get(held) if held else None

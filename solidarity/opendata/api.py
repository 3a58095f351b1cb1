"""The JSON API, /api/v1/: the public registry as data, read with cursor pagination.

Only people who consented to publication appear, in every endpoint: lists, details,
charges, events, cases (their defendants) and statistics. Filters are the public list's
(registry/services/listing.py), so an API query and a page of the site agree.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError

from solidarity.registry.models import Case, Charge, Event, Facility, Person, public_q
from solidarity.registry.services.listing import PeopleFilter, public_people

from . import columns, stats

api = NinjaAPI(
    title="Solidarity open data",
    version="1",
    description="People prosecuted for their politics who consented to publication, their "
    "cases, charges, events and facilities. Identifiers are stable; lists are paged with "
    "an opaque `cursor` (pass `next` from one page to get the next).",
    urls_namespace="api-v1",
)

MAX_LIMIT = 200
# Documented in the schema, so clients (and schemathesis) know the bounds.
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]


class PersonOut(Schema):
    id: str
    name: str
    name_latin: str
    aliases: list[str]
    status: str
    country: str
    region: str
    birth_date: str | None
    tags: list[str]
    articles: list[str]
    cases: list[str]
    facility: str | None
    accepts_letters: bool
    updated_at: str


class ChargeOut(Schema):
    person: str
    case: str
    code: str
    article: str
    part: str | None
    status: str


class SentenceOut(Schema):
    person: str
    case: str
    kind: str
    years: int
    months: int
    days: int
    regime: str | None
    pronounced_on: str | None


class EventOut(Schema):
    person: str
    type: str
    date: str | None
    place: str | None
    facility: str | None
    text_en: str
    text_ru: str


class PersonDetail(PersonOut):
    story_en: str
    story_ru: str
    letter_name: str | None
    charges: list[ChargeOut]
    sentences: list[SentenceOut]
    events: list[EventOut]


class CaseOut(Schema):
    id: str
    name_en: str
    name_ru: str
    country: str
    region: str
    description_en: str
    description_ru: str
    defendants: list[str]


class FacilityOut(Schema):
    id: str
    kind: str
    number: str
    name_en: str
    name_ru: str
    regime: str | None
    country: str
    region: str
    postal_address: str


class PeoplePage(Schema):
    items: list[PersonOut]
    next: str | None


class ChargePage(Schema):
    items: list[ChargeOut]
    next: str | None


class EventPage(Schema):
    items: list[EventOut]
    next: str | None


class CasePage(Schema):
    items: list[CaseOut]
    next: str | None


class FacilityPage(Schema):
    items: list[FacilityOut]
    next: str | None


class Count(Schema):
    key: str
    label: str
    count: int


class StatsOut(Schema):
    behind_bars: int
    total: int
    by_status: list[Count]
    by_article: list[Count]
    by_region: list[Count]
    by_detention_year: list[Count]
    new_cases_by_year: list[Count]
    releases_by_year: list[Count]


class Problem(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]]


def answers(ok: Any, *, missing: bool = False) -> dict[int, Any]:
    """Every status an endpoint can give, so that clients (and schemathesis) know them."""
    codes: dict[int, Any] = {200: ok, 400: Problem, 422: Invalid}
    if missing:
        codes[404] = Problem
    return codes


class PeopleFilters(Schema):
    q: str = ""
    status: str = ""
    country: str = ""
    region: str = ""
    article: str = ""
    case: str = ""
    tag: str = ""


# --- paging ----------------------------------------------------------------------------


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise HttpError(400, "cursor: not a cursor this API gave out") from error
    if not isinstance(values, list) or len(values) != size:
        raise HttpError(400, "cursor: not a cursor this API gave out")
    return values


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit: between 1 and {MAX_LIMIT}")
    return limit


def _page_by_id(
    queryset: QuerySet[Any], cursor: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """Keyset paging on the primary key: stable while rows are added."""
    if cursor:
        (last,) = _decode(cursor, 1)
        if not isinstance(last, int):
            raise HttpError(400, "cursor: not a cursor this API gave out")
        queryset = queryset.filter(pk__gt=last)
    rows = list(queryset.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (_encode([rows[-1].pk]) if more and rows else None)


# --- people ----------------------------------------------------------------------------


def _person(person: Person) -> dict[str, Any]:
    flat = columns.row(person)
    split = columns.SEPARATOR
    return {
        **{k: flat[k] for k in ("id", "name", "name_latin", "status", "country", "region",
                                "accepts_letters", "updated_at")},
        "aliases": [a for a in flat["aliases"].split(split) if a],
        "birth_date": flat["birth_date"] or None,
        "tags": [t for t in flat["tags"].split(split) if t],
        "articles": [a for a in flat["articles"].split(split) if a],
        "cases": [c for c in flat["cases"].split(split) if c],
        "facility": flat["facility"] or None,
    }  # fmt: skip


@api.get("/people", response=answers(PeoplePage), tags=["people"])
def list_people(
    request: HttpRequest,
    filters: Query[PeopleFilters],
    cursor: str | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """People who consented to publication, filtered like the public list."""
    limit = _limit(limit)
    people = public_people(PeopleFilter.from_params(filters.dict()))
    if cursor:
        name_latin, pk = _decode(cursor, 2)
        if not isinstance(name_latin, str) or not isinstance(pk, int):
            raise HttpError(400, "cursor: not a cursor this API gave out")
        people = people.filter(Q(name_latin__gt=name_latin) | Q(name_latin=name_latin, id__gt=pk))
    rows = list(columns.with_relations(people.defer(*columns.PRIVATE_ONLY))[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    following = _encode([rows[-1].name_latin, rows[-1].pk]) if more and rows else None
    return {"items": [_person(p) for p in rows], "next": following}


@api.get("/people/{person_id}", response=answers(PersonDetail, missing=True), tags=["people"])
def get_person(request: HttpRequest, person_id: str) -> dict[str, Any]:
    person = (
        columns.with_relations(Person.objects.public().defer(*columns.PRIVATE_ONLY))
        .filter(slug=person_id)
        .first()
    )
    if person is None:
        raise HttpError(404, f"no published person with id {person_id!r}")
    address = person.consent_publish_address
    return {
        **_person(person),
        "story_en": person.story_en,
        "story_ru": person.story_ru,
        "letter_name": person.full_name if address and person.full_name else None,
        "charges": [_charge(c) for c in person.charges.all()],
        "sentences": [_sentence(s) for s in person.sentences.select_related("case")],
        "events": [_event(e, address) for e in person.events.select_related("facility")],
    }


def _charge(charge: Charge) -> dict[str, Any]:
    return {
        "person": charge.person.slug, "case": charge.case.slug,
        "code": charge.article.code.code, "article": charge.article.number,
        "part": charge.part or None, "status": charge.status,
    }  # fmt: skip


def _sentence(sentence: Any) -> dict[str, Any]:
    return {
        "person": sentence.person.slug, "case": sentence.case.slug, "kind": sentence.kind,
        "years": sentence.years, "months": sentence.months, "days": sentence.days,
        "regime": sentence.regime or None,
        "pronounced_on": sentence.pronounced_on.isoformat() if sentence.pronounced_on else None,
    }  # fmt: skip


def _event(event: Event, address: bool) -> dict[str, Any]:
    return {
        "person": event.person.slug, "type": event.type,
        "date": event.date.isoformat() if event.date else None,
        "place": event.place or None,
        "facility": event.facility.slug if address and event.facility else None,
        "text_en": event.text_en, "text_ru": event.text_ru,
    }  # fmt: skip


@api.get("/charges", response=answers(ChargePage), tags=["charges"])
def list_charges(
    request: HttpRequest, article: str = "", cursor: str | None = None, limit: Limit = 50
) -> dict[str, Any]:
    """Charges of published people; `article` as in the people filter (205.2 or RU:205.2)."""
    charges = Charge.objects.filter(public_q("person__")).select_related(
        "person", "case", "article__code"
    )
    if article:
        code, _sep, number = article.rpartition(":")
        charges = charges.filter(article__number=number[:8])
        if code:
            charges = charges.filter(article__code__code=code[:8])
    rows, following = _page_by_id(charges, cursor, _limit(limit))
    return {"items": [_charge(c) for c in rows], "next": following}


@api.get("/events", response=answers(EventPage), tags=["events"])
def list_events(
    request: HttpRequest, type: str = "", cursor: str | None = None, limit: Limit = 50
) -> dict[str, Any]:
    """Timeline events of published people; the facility only with address consent."""
    events = Event.objects.filter(public_q("person__")).select_related("person", "facility")
    if type:
        events = events.filter(type=type[:16])
    rows, following = _page_by_id(events, cursor, _limit(limit))
    return {
        "items": [_event(e, e.person.consent_publish_address) for e in rows],
        "next": following,
    }


def _case(case: Case) -> dict[str, Any]:
    return {
        "id": case.slug, "name_en": case.name_en, "name_ru": case.name_ru,
        "country": case.country, "region": case.region,
        "description_en": case.description_en, "description_ru": case.description_ru,
        "defendants": sorted(p.slug for p in case.defendants.all() if p.consent_publish_name),
    }  # fmt: skip


@api.get("/cases", response=answers(CasePage), tags=["cases"])
def list_cases(
    request: HttpRequest, cursor: str | None = None, limit: Limit = 50
) -> dict[str, Any]:
    rows, following = _page_by_id(
        Case.objects.prefetch_related("defendants"), cursor, _limit(limit)
    )
    return {"items": [_case(c) for c in rows], "next": following}


@api.get("/cases/{case_id}", response=answers(CaseOut, missing=True), tags=["cases"])
def get_case(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = Case.objects.prefetch_related("defendants").filter(slug=case_id).first()
    if case is None:
        raise HttpError(404, f"no case with id {case_id!r}")
    return _case(case)


def _facility(facility: Facility) -> dict[str, Any]:
    return {
        "id": facility.slug, "kind": facility.kind, "number": facility.number,
        "name_en": facility.name_en, "name_ru": facility.name_ru,
        "regime": facility.regime or None, "country": facility.country,
        "region": facility.region, "postal_address": facility.postal_address,
    }  # fmt: skip


@api.get("/facilities", response=answers(FacilityPage), tags=["facilities"])
def list_facilities(
    request: HttpRequest, cursor: str | None = None, limit: Limit = 50
) -> dict[str, Any]:
    rows, following = _page_by_id(Facility.objects.all(), cursor, _limit(limit))
    return {"items": [_facility(f) for f in rows], "next": following}


@api.get(
    "/facilities/{facility_id}", response=answers(FacilityOut, missing=True), tags=["facilities"]
)
def get_facility(request: HttpRequest, facility_id: str) -> dict[str, Any]:
    facility = Facility.objects.filter(slug=facility_id).first()
    if facility is None:
        raise HttpError(404, f"no facility with id {facility_id!r}")
    return _facility(facility)


@api.get("/stats", response=answers(StatsOut), tags=["statistics"])
def get_stats(request: HttpRequest) -> dict[str, Any]:
    """The figures of /stats/, over published people only."""
    return stats.all_figures()

"""The JSON API, /api/v1/: the public registry as data, read with cursor pagination.

Only people who consented to publication appear, in every endpoint: lists, details,
charges, events, cases (their defendants) and statistics. Filters are the public list's
(registry/services/listing.py), so an API query and a page of the site agree.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.responses import Status
from ninja.security import HttpBearer

from solidarity.accounts import tokens
from solidarity.accounts.models import IdempotentRequest
from solidarity.errors import describe
from solidarity.registry import actions
from solidarity.registry.models import (
    CONSENT_FIELDS,
    Case,
    Charge,
    ConsentMethod,
    Event,
    EventType,
    Facility,
    Person,
    PersonStatus,
    public_q,
)
from solidarity.registry.partial_date import PartialDate, PartialDateError
from solidarity.registry.services.listing import PeopleFilter, public_people

from . import columns, stats


class Docs(Swagger):
    """Swagger UI from our own static files, with a plain link to openapi.json and the
    licence above it: the schema is reachable without JavaScript."""

    template = "opendata/api_docs.html"


class LicensedAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, **kwargs: Any) -> HttpResponse:
        """Every answer names the data's licence (RFC 8288 rel="license")."""
        response = super().create_response(request, data, **kwargs)
        response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
        return response


api = LicensedAPI(
    title="Solidarity open data",
    version="1",
    description="People prosecuted for their politics who consented to publication, their "
    "cases, charges, events and facilities. Identifiers are stable; lists are paged with "
    "an opaque `cursor` (pass `next` from one page to get the next). The data are published "
    f"under {settings.OPEN_DATA_LICENSE_TITLE} ({settings.OPEN_DATA_LICENSE}): credit "
    f"{settings.OPEN_DATA_ATTRIBUTION}. Every answer carries the licence in a "
    '`Link: <...>; rel="license"` header.',
    urls_namespace="api-v1",
    docs=Docs(),
    openapi_extra={
        "info": {
            "license": {
                "name": settings.OPEN_DATA_LICENSE_TITLE,
                "identifier": settings.OPEN_DATA_LICENSE,
            }
        }
    },
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


class AsOf(Schema):
    date: str = Field(description="the day the figures were computed (YYYY-MM-DD)")
    last_change: str | None = Field(description="the day the registry last changed")


class StatsOut(Schema):
    as_of: AsOf
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


def _person(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: record[k] for k in ("id", "name", "name_latin", "status", "country", "region",
                                  "accepts_letters", "updated_at", *columns.LISTS)},
        "birth_date": record["birth_date"] or None,
        "facility": record["facility"] or None,
    }  # fmt: skip


def _person_of(pk: int) -> dict[str, Any]:
    return _person(next(columns.records([pk])))


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
    page = list(people.values_list("id", "name_latin")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    following = _encode([page[-1][1], page[-1][0]]) if more and page else None
    items = [_person(r) for r in columns.records([pk for pk, _name in page])]
    return {"items": items, "next": following}


@api.get("/people/{person_id}", response=answers(PersonDetail, missing=True), tags=["people"])
def get_person(request: HttpRequest, person_id: str) -> dict[str, Any]:
    person = (
        Person.objects.public()
        .defer(*columns.PRIVATE_ONLY)
        .prefetch_related(Prefetch("charges", Charge.objects.select_related("article__code")))
        .filter(slug=person_id)
        .first()
    )
    if person is None:
        raise HttpError(404, f"no published person with id {person_id!r}")
    address = person.consent_publish_address
    return {
        **_person_of(person.pk),
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
        # Where it happened says where the person is: only with address consent.
        "place": (event.place or None) if address else None,
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
    """Timeline events of published people; place and facility only with address consent."""
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
        Case.objects.public().prefetch_related("defendants"), cursor, _limit(limit)
    )
    return {"items": [_case(c) for c in rows], "next": following}


@api.get("/cases/{case_id}", response=answers(CaseOut, missing=True), tags=["cases"])
def get_case(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = Case.objects.public().prefetch_related("defendants").filter(slug=case_id).first()
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


# --- writing, for staff through API tokens ---------------------------------------------------


class TokenAuth(HttpBearer):
    """Authorization: Bearer sol_<prefix>_<secret>, with the registry:write scope."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return tokens.check(token, "registry:write")


class PersonIn(Schema):
    id: str = Field(pattern=r"^[a-z0-9][-a-z0-9]{0,79}$", description="the new stable id")
    name: str = Field(min_length=1, max_length=200)
    name_latin: str = Field("", max_length=200)
    status: str = Field(max_length=20, description="a status code, e.g. remand")
    country: str = Field("", pattern=r"^([A-Z]{2})?$")
    region: str = Field("", max_length=100)
    birth_date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    consent_publish_name: bool = False
    consent_publish_address: bool = False


class PersonPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    name_latin: str | None = Field(None, max_length=200)
    status: str | None = Field(None, max_length=20)
    country: str | None = Field(None, pattern=r"^([A-Z]{2})?$")
    region: str | None = Field(None, max_length=100)
    birth_date: str | None = None
    consent_publish_name: bool | None = None
    consent_publish_address: bool | None = None
    facility: str | None = Field(
        None, max_length=80, description="a facility id: the person was moved there (a transfer)"
    )
    version: int | None = Field(
        None, description="the version you read; a change made since is refused (409)"
    )


class EventIn(Schema):
    person: str = Field(max_length=80)
    type: str = Field(max_length=16)
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    place: str = Field("", max_length=200)
    text_en: str = Field("", max_length=5000)
    text_ru: str = Field("", max_length=5000)
    facility: str | None = Field(
        None, max_length=80, description="a facility id; a transfer there moves the person"
    )


class StaffPersonOut(PersonOut):
    consent_publish_name: bool
    consent_publish_address: bool


class EventCreated(Schema):
    id: int
    person: str
    type: str
    date: str | None


def writes(ok: Any, created: int = 200) -> dict[int, Any]:
    return {created: ok, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Invalid}


def _staff_person(person: Person) -> dict[str, Any]:
    return {
        **_person_of(person.pk),
        "consent_publish_name": person.consent_publish_name,
        "consent_publish_address": person.consent_publish_address,
    }


def _status(code: str) -> PersonStatus:
    status = PersonStatus.objects.filter(code=code).first()
    if status is None:
        raise HttpError(400, f"status: unknown status {code!r}")
    return status


def _partial_date(value: str | None, field: str) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except PartialDateError as error:
        raise HttpError(400, f"{field}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from error


def _idempotent(
    request: HttpRequest, key: str | None, payload: dict[str, Any], make: Any
) -> tuple[int, dict[str, Any]]:
    """Run `make` once per Idempotency-Key; a retry with the same body gets the same answer,
    a different body under the same key is refused (409)."""
    token = request.auth  # type: ignore[attr-defined]
    fingerprint = hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str).encode()
    ).hexdigest()
    if not key:
        return make()  # type: ignore[no-any-return]
    if len(key) > 100:
        raise HttpError(400, "Idempotency-Key: at most 100 characters")
    with transaction.atomic():
        earlier = IdempotentRequest.objects.select_for_update().filter(token=token, key=key).first()
        if earlier is not None:
            if earlier.fingerprint != fingerprint:
                raise HttpError(409, "Idempotency-Key: used before with a different request")
            return earlier.status, earlier.body  # type: ignore[return-value]
        status, body = make()
        IdempotentRequest.objects.create(token=token, key=key, fingerprint=fingerprint,
                                         status=status, body=body)  # fmt: skip
    return status, body


@api.post("/people", response=writes(StaffPersonOut, 201), auth=TokenAuth(), tags=["writing"])
def create_person(
    request: HttpRequest,
    payload: PersonIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """Create a person (staff token with registry:write). Send an Idempotency-Key header to
    retry safely: the same key and body give the same answer, once."""

    def make() -> tuple[int, dict[str, Any]]:
        if Person.objects.filter(slug=payload.id).exists():
            raise HttpError(409, f"id: {payload.id!r} exists; PATCH /people/{payload.id}")
        values = {
            "slug": payload.id, "name": payload.name, "name_latin": payload.name_latin,
            "status": _status(payload.status), "country": payload.country,
            "region": payload.region,
            "birth_date": _partial_date(payload.birth_date, "birth_date"),
        }  # fmt: skip
        consent = [(scope, ConsentMethod.OTHER) for scope, field in CONSENT_FIELDS.items()
                   if getattr(payload, field, False)]  # fmt: skip
        with _refused():
            person = actions.create_person(request.auth.user, values, consent=consent)  # type: ignore[attr-defined]
        return 201, _staff_person(person)

    status, body = _idempotent(request, idempotency_key, payload.dict(), make)
    return Status(status, body)


@api.patch(
    "/people/{person_id}", response=writes(StaffPersonOut), auth=TokenAuth(), tags=["writing"]
)
def update_person(request: HttpRequest, person_id: str, payload: PersonPatch) -> dict[str, Any]:
    """Change the fields given; the rest stay as they are."""
    person = Person.objects.filter(slug=person_id).first()
    if person is None:
        raise HttpError(404, f"no person with id {person_id!r}")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    if "status" in changes:
        changes["status"] = _status(str(changes["status"]))
    if "birth_date" in changes:
        changes["birth_date"] = _partial_date(changes["birth_date"], "birth_date")
    if "facility" in changes:
        changes["facility"] = _facility_named(changes["facility"])
    for field, value in changes.items():
        if value is None and field in ("name", "name_latin", "country", "region"):
            raise HttpError(400, f"{field}: may not be null")
    with _refused():
        person = actions.update_person(request.auth.user, person, changes, version=version,  # type: ignore[attr-defined]
                                       consent_method=ConsentMethod.OTHER)  # fmt: skip
    return _staff_person(person)


def _facility_named(slug: str | None) -> Facility | None:
    if not slug:
        return None
    found = Facility.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(400, f"facility: no facility with id {slug!r}")
    return found


@contextmanager
def _refused() -> Iterator[None]:
    """ValidationError from an action -> 400 naming the fields; a stale version -> 409."""
    try:
        yield
    except actions.StaleEdit as error:
        raise HttpError(409, "; ".join(error.messages)) from error
    except ValidationError as error:
        raise HttpError(400, "; ".join(describe(error))) from error


@api.post("/events", response=writes(EventCreated, 201), auth=TokenAuth(), tags=["writing"])
def create_event(
    request: HttpRequest,
    payload: EventIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """Add a dated event to a person's timeline."""

    def make() -> tuple[int, dict[str, Any]]:
        person = Person.objects.filter(slug=payload.person).first()
        if person is None:
            raise HttpError(404, f"person: no person with id {payload.person!r}")
        if payload.type not in EventType.values:
            raise HttpError(400, f"type: one of {', '.join(EventType.values)}")
        values: dict[str, Any] = {
            "type": payload.type, "date": _partial_date(payload.date, "date"),
            "place": payload.place, "text_en": payload.text_en, "text_ru": payload.text_ru,
        }  # fmt: skip
        facility = _facility_named(payload.facility)
        actor = request.auth.user  # type: ignore[attr-defined]
        with _refused():
            if payload.type == EventType.TRANSFER and facility is not None:
                # "Moved to": the same transfer as the desk's, with its consequences.
                event = actions.transfer_person(actor, person, facility, date=values["date"])
                details = {k: v for k, v in values.items() if k not in ("type", "date") and v}
                actions.update_row(actor, event, details)
            else:
                event = actions.add_event(actor, person, {**values, "facility": facility})
        date = event.date.isoformat() if event.date else None
        return 201, {"id": event.pk, "person": person.slug, "type": event.type, "date": date}

    status, body = _idempotent(request, idempotency_key, payload.dict(), make)
    return Status(status, body)

"""What the public person page shows, in four queries whatever the record's length.

1. the person with status and facility, and as JSON arrays: other spellings, tags, cases
   and the citations of the record itself;
2. the charges (article, code, case), 3. the sentences (case) with their custody periods,
4. the timeline (facility); each row of 2-4 with its own citations as a JSON array.

The related rows come back inside the row they belong to (a correlated subquery grouped
into one JSON array, json_group_array on SQLite, json_agg on PostgreSQL), so a long
timeline costs no extra round trip, and no query runs while the template renders.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery

from .. import extensions
from ..fields import to_partial_date
from ..models import Case as CaseModel
from ..models import (
    CaseDefendant,
    Charge,
    ChargeStatus,
    Citation,
    CustodyPeriod,
    Event,
    EventType,
    Person,
    PersonAlias,
    Sentence,
    Tag,
)
from .jsonrows import decoded, json_rows
from .prepared import Prepared

PRIVATE_FIELDS = ("letter_address", "private_notes")
CHARGE_COLUMNS = (
    "person_id", "part", "stage", "date", "status", "article__number", "article__title_en",
    "article__title_ru", "article__title_be", "article__code__code",
    "article__code__short_en", "article__code__short_ru", "article__code__short_be",
    "article__code__subarticle_mark", "case__slug", "case__name_en", "case__name_ru",
)  # fmt: skip
EVENT_COLUMNS = (
    "person_id", "type", "date", "order", "place", "text_en", "text_ru",
    "facility__slug", "facility__name_en", "facility__name_ru",
)  # fmt: skip


def citations_of(kind: int) -> Subquery:
    """The citations of each row of content type `kind`, with their source's title, address
    and publisher."""
    return json_rows(
        Citation.objects.filter(content_type_id=kind),
        "object_id",
        id="id", quote="quote", title="source__title", url="source__url",
        publisher="source__publisher",
    )  # fmt: skip


@dataclass(frozen=True)
class CitedSource:
    title: str
    url: str
    publisher: str


@dataclass(frozen=True)
class Cited:
    """What the `citations` template tag shows of a Citation."""

    quote: str
    source: CitedSource


def cited(value: Any) -> list[Cited]:
    rows = sorted(decoded(value), key=lambda row: row["id"])
    return [Cited(r["quote"], CitedSource(r["title"], r["url"] or "", r["publisher"] or ""))
            for r in rows]  # fmt: skip


@dataclass
class PersonPage:
    person: Person
    aliases: list[str]
    tags: list[Tag]
    cases: list[CaseModel]
    charges: Sequence[Charge]
    sentences: Sequence[Sentence]
    events: Sequence[Event]


@dataclass(frozen=True)
class Queries:
    person: Prepared[Person]  # by slug
    charges: Prepared[Charge]  # by person_id, as the other two
    sentences: Prepared[Sentence]
    events: Prepared[Event]


@functools.lru_cache(maxsize=4)
def _queries(kinds: tuple[int, int, int, int]) -> Queries:
    """The page's four queries, built and compiled once per process (Django spends 20 times
    longer compiling these annotated queries than the database spends running them); each
    request runs them with its own value. Keyed by the content type ids, which a test
    database may renumber."""
    person_kind, charge_kind, sentence_kind, event_kind = kinds
    person = (
        Person.objects.public()
        .select_related("status", "facility")
        .defer(*PRIVATE_FIELDS)
        .annotate(
            alias_rows=json_rows(PersonAlias.objects.all(), "person", id="id", name="name"),
            tag_rows=json_rows(
                Person.tags.through.objects.all(), "person",
                id="tag_id", slug="tag__slug", name_en="tag__name_en", name_ru="tag__name_ru",
            ),
            case_rows=json_rows(
                CaseDefendant.objects.all(), "person",
                id="case_id", slug="case__slug", name_en="case__name_en", name_ru="case__name_ru",
            ),
            cited=citations_of(person_kind),
            **extensions.person_columns(),
        )
        .order_by()
    )  # fmt: skip
    charges = (
        Charge.objects.select_related("article__code", "case")
        .only(*CHARGE_COLUMNS)
        .annotate(cited=citations_of(charge_kind))
    )
    periods = json_rows(
        CustodyPeriod.objects.all(), "sentence", id="id", kind="kind", start="start", end="end"
    )
    sentences = Sentence.objects.select_related("case").annotate(
        period_rows=periods, cited=citations_of(sentence_kind)
    )
    # The timeline shows each event's facility (with consent), never its case: no join.
    events = (
        Event.objects.select_related("facility")
        .only(*EVENT_COLUMNS)
        .annotate(cited=citations_of(event_kind))
    )
    return Queries(
        Prepared(person, "slug"),
        Prepared(charges, "person_id", integer=True),
        Prepared(sentences, "person_id", integer=True),
        Prepared(events, "person_id", integer=True),
    )


def load(slug: str) -> PersonPage | None:
    """The page of the public person with `slug`, or None."""
    kinds = tuple(
        ContentType.objects.get_for_model(model).id for model in (Person, Charge, Sentence, Event)
    )
    queries = _queries(kinds)  # type: ignore[arg-type]
    person = next(iter(queries.person(slug)), None)
    if person is None:
        return None
    charges = queries.charges(person.pk)
    sentences = queries.sentences(person.pk)
    events = queries.events(person.pk)
    # Django's get_FOO_display() hashes every lazy label of the choices (a gettext each):
    # 13 per event. One look-up table per request instead.
    types, statuses = dict(EventType.choices), dict(ChargeStatus.choices)
    for event in events:
        event.type_label = types.get(event.type, event.type)  # type: ignore[attr-defined]
    for charge in charges:
        charge.status_label = statuses.get(charge.status, charge.status)  # type: ignore[attr-defined]
    for row in [person, *charges, *sentences, *events]:
        row.citations = cited(row.cited)  # type: ignore[attr-defined]
    for sentence in sentences:
        periods = [
            CustodyPeriod(id=p["id"], sentence=sentence, kind=p["kind"],
                          start=to_partial_date(p["start"]), end=to_partial_date(p["end"]))
            for p in decoded(sentence.period_rows)  # type: ignore[attr-defined]
        ]  # fmt: skip
        # Model order: by start (the text form sorts in time order).
        sentence.periods = sorted(periods, key=lambda p: (str(p.start or ""), p.id))  # type: ignore[attr-defined]
    tags = [Tag(id=t["id"], slug=t["slug"], name_en=t["name_en"], name_ru=t["name_ru"])
            for t in decoded(person.tag_rows)]  # type: ignore[attr-defined]  # fmt: skip
    cases = [CaseModel(id=c["id"], slug=c["slug"], name_en=c["name_en"], name_ru=c["name_ru"])
             for c in decoded(person.case_rows)]  # type: ignore[attr-defined]  # fmt: skip
    aliases = sorted(decoded(person.alias_rows), key=lambda a: a["id"])  # type: ignore[attr-defined]
    return PersonPage(
        person=person,
        aliases=[a["name"] for a in aliases],
        tags=sorted(tags, key=lambda t: t.slug),
        cases=sorted(cases, key=lambda c: (c.name_en, c.pk)),
        charges=charges,
        sentences=sentences,
        events=events,
    )

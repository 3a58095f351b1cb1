"""The published columns of a person, and the private ones: the data dictionary in code.

Every output (API, CSV, JSON, the full dump, feeds, calendars) reads people through
`public_rows` or `private_rows`, so the consent rules live here once: a person appears only
with consent to publish the name; the facility and the name for envelopes only with consent
to publish the address.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from solidarity.registry.models import (
    CaseDefendant,
    Charge,
    Person,
    PersonAlias,
    public_birth_date,
)

# How a partial date is written (YYYY, YYYY-MM or YYYY-MM-DD): a pattern in datapackage.json.
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


@dataclass(frozen=True)
class Column:
    """A column of a published table: its meaning (in the reader's language) and its type
    as Frictionless Table Schema names it (string, integer, boolean, datetime), which the
    files follow: booleans are written `true` and `false`, missing values as empty cells."""

    name: str
    description: str | Promise
    private: bool = False
    type: str = "string"
    pattern: str = ""


COLUMNS = [
    Column("id", _("Stable identifier (also the address /prisoners/<id>/).")),
    Column("name", _("Name as the person writes it, in the original script.")),
    Column("name_latin", _("Name in Latin letters.")),
    Column("aliases", _("Other spellings, separated by ' | '.")),
    Column(
        "status",
        _(
            "Status code: wanted, detained, house_arrest, remand, sentenced, "
            "colony, released, emigrated, extradition, deceased, unknown."
        ),
    ),
    Column("country", _("ISO 3166 code of the country that prosecutes.")),
    Column("region", _("Region of the prosecution.")),
    Column(
        "birth_date",
        _(
            "YYYY, YYYY-MM or YYYY-MM-DD, as precise as known and as the "
            "person consented to (none, the year, or the date)."
        ),
        pattern=PARTIAL_DATE,
    ),
    Column("tags", _("Tags (anarchist, anti-fascist, ...), separated by ' | '.")),
    Column("articles", _("Criminal-code articles charged, as CODE:NUMBER[/part], ' | '.")),
    Column("cases", _("Identifiers of the person's cases, ' | '.")),
    Column(
        "facility",
        _(
            "Identifier of the facility where the person is held; empty "
            "without consent to publish the address."
        ),
    ),
    Column(
        "letter_name",
        _("Full name with patronymic for envelopes; empty without consent to publish the address."),
    ),
    Column(
        "accepts_letters",
        _("true if letters can be sent through this group, else false."),
        type="boolean",
    ),
    Column("story_en", _("Short story in English.")),
    Column("story_ru", _("Short story in Russian.")),
    Column("updated_at", _("When the record last changed (UTC, ISO 8601)."), type="datetime"),
    Column(
        "consent_publish_name",
        _("Consent to publish the name (private export only)."),
        True,
        type="boolean",
    ),
    Column("consent_publish_address", _("Consent to publish the address."), True, type="boolean"),
    Column("consent_publish_photo", _("Consent to publish a photo."), True, type="boolean"),
    Column(
        "consent_publish_birthday",
        _("Consent to publish the birthday: none, year (the year only) or day_month."),
        True,
    ),
    Column("letter_address", _("Address for letters where it is not the facility's."), True),
    Column("private_notes", _("Private notes of the group."), True),
]
PUBLIC_COLUMNS = [c.name for c in COLUMNS if not c.private]
# Encrypted columns no public output reads: left undecrypted (and unread) there.
PRIVATE_ONLY = ("letter_address", "private_notes")
PRIVATE_COLUMNS = [c.name for c in COLUMNS]
SEPARATOR = " | "


# Columns with several values: lists in records and the API, joined in the files.
LISTS = ("aliases", "tags", "articles", "cases")


def _among(queryset: QuerySet[Any], column: str, ids: list[int]) -> QuerySet[Any]:
    """`queryset` rows whose `column` is one of `ids`: one array parameter on PostgreSQL
    (`= ANY(%s)`) rather than 2,000 (an IN list costs psycopg and Django twice the time to
    send, 1.1 s against 0.5 s for the 45,000 people of an export)."""
    if connection.vendor != "postgresql":
        return queryset.filter(**{f"{column}__in": ids})
    table = queryset.model._meta.db_table
    return queryset.filter(
        # Names from model metadata; the ids go as one bound parameter.
        RawSQL(f'"{table}"."{column}" = ANY(%s)', (ids,), output_field=BooleanField())  # noqa: S611
    )


def records(
    people: QuerySet[Person] | list[int], *, private: bool = False, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """People (a queryset, or ids in the order wanted) as records of the columns, with lists
    for the columns of several values; private=True adds the private columns and ignores
    the address consent (for coordinators' private export only).

    Plain values and four lookups per chunk of people, not model instances with prefetched
    relations: those cost most of the time of a full export (measured: 14.3 s for 45,000
    people).
    """
    fields = ["id", "slug", "name", "name_latin", "status__code", "country", "region",
              "birth_date", "facility__slug", "full_name", "accepts_letters", "story_en",
              "story_ru", "updated_at", "consent_publish_address",
              "consent_publish_birthday"]  # fmt: skip
    if private:
        fields += ["consent_publish_name", "consent_publish_photo", "letter_address",
                   "private_notes"]  # fmt: skip
    ids = people if isinstance(people, list) else list(people.values_list("id", flat=True))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        found = {r["id"]: r for r in _among(Person.objects.all(), "id", part).values(*fields)}
        aliases: dict[int, list[str]] = {}
        for pid, name in _among(PersonAlias.objects.all(), "person_id", part).order_by("name") \
                .values_list("person_id", "name"):  # fmt: skip
            aliases.setdefault(pid, []).append(name)
        tags: dict[int, list[str]] = {}
        for pid, slug in _among(Person.tags.through.objects.all(), "person_id", part).values_list(
            "person_id", "tag__slug"
        ):
            tags.setdefault(pid, []).append(slug)
        articles: dict[int, set[str]] = {}
        for pid, code, number, part_no in _among(
            Charge.objects.all(), "person_id", part
        ).values_list("person_id", "article__code__code", "article__number", "part"):
            articles.setdefault(pid, set()).add(
                f"{code}:{number}" + (f"/{part_no}" if part_no else "")
            )
        cases: dict[int, list[str]] = {}
        for pid, slug in _among(CaseDefendant.objects.all(), "person_id", part).values_list(
            "person_id", "case__slug"
        ):
            cases.setdefault(pid, []).append(slug)
        for pid in part:
            r = found[pid]
            address = private or r["consent_publish_address"]
            data: dict[str, Any] = {
                "id": r["slug"], "name": r["name"], "name_latin": r["name_latin"],
                "aliases": aliases.get(pid, []), "status": r["status__code"],
                "country": r["country"], "region": r["region"],
                "birth_date": (r["birth_date"].isoformat() if r["birth_date"] else "")
                if private else public_birth_date(r["birth_date"],
                                                  r["consent_publish_birthday"]),
                "tags": sorted(tags.get(pid, [])),
                "articles": sorted(articles.get(pid, set())),
                "cases": sorted(cases.get(pid, [])),
                "facility": (r["facility__slug"] or "") if address else "",
                "letter_name": r["full_name"] if address else "",
                "accepts_letters": r["accepts_letters"], "story_en": r["story_en"],
                "story_ru": r["story_ru"], "updated_at": r["updated_at"].isoformat(),
            }  # fmt: skip
            if private:
                data |= {k: r[k] for k in ("consent_publish_name", "consent_publish_address",
                                           "consent_publish_photo", "consent_publish_birthday",
                                           "letter_address", "private_notes")}  # fmt: skip
            yield data


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a row of a file: several values joined with SEPARATOR."""
    return {k: SEPARATOR.join(v) if k in LISTS else v for k, v in record.items()}


def public_rows(
    people: QuerySet[Person] | None = None, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """Consented people as rows, in a stable order, read in chunks (memory stays flat)."""
    base = people if people is not None else Person.objects.public()
    base = base.filter(consent_publish_name=True).order_by("name_latin", "id")
    return map(flat, records(base, chunk=chunk))


def private_rows(chunk: int = 2000) -> Iterator[dict[str, Any]]:
    return map(
        flat, records(Person.objects.order_by("name_latin", "id"), private=True, chunk=chunk)
    )


def csv_cell(value: Any) -> Any:
    """A value as the data dictionary writes it in a CSV file: booleans `true`/`false` (not
    Python's True/False), None as an empty cell; everything else as it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: csv_cell(v) for k, v in row.items()}

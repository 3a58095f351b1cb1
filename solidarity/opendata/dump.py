"""The full dump: every table of the registry as rows, public (consented) or private.

One JSON file (`solidarity-export.json`, all tables) or one CSV file per table, each with a
data dictionary. Identifiers are the slugs the site uses; rows refer to each other by them,
so an import into an empty database rebuilds the same registry.
"""

# ruff: noqa: S608 - the COPY statements name tables from model metadata; no value is interpolated.
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from solidarity.accounts import audit
from solidarity.files import open_private, write_private_text
from solidarity.registry.models import (
    Article,
    Case,
    Charge,
    CriminalCode,
    Event,
    Facility,
    FacilityAlias,
    Person,
    Sentence,
)
from solidarity.spreadsheets import SafeDictWriter

from . import columns

FORMAT = "solidarity-export/1"


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[columns.Column]
    rows: Callable[[bool], Iterator[dict[str, Any]]]


def _c(
    name: str, description: str | Promise, type: str = "string", pattern: str = ""
) -> columns.Column:
    return columns.Column(name, description, type=type, pattern=pattern)


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _published(private: bool, prefix: str = "") -> Q:
    return Q() if private else Q(**{f"{prefix}consent_publish_name": True})


def facility_rows(private: bool) -> Iterator[dict[str, Any]]:
    aliases: dict[int, list[str]] = {}
    for facility_id, name in FacilityAlias.objects.order_by("name").values_list(
        "facility_id", "name"
    ):
        aliases.setdefault(facility_id, []).append(name)
    for f in Facility.objects.order_by("slug"):
        yield {
            "id": f.slug, "kind": f.kind, "number": f.number, "name_en": f.name_en,
            "name_ru": f.name_ru, "regime": f.regime, "country": f.country,
            "region": f.region, "postal_address": f.postal_address,
            "aliases": columns.SEPARATOR.join(aliases.get(f.pk, [])),
        }  # fmt: skip


def case_rows(private: bool) -> Iterator[dict[str, Any]]:
    for c in (Case.objects.all() if private else Case.objects.public()).order_by("slug"):
        yield {
            "id": c.slug, "name_en": c.name_en, "name_ru": c.name_ru, "country": c.country,
            "region": c.region, "description_en": c.description_en,
            "description_ru": c.description_ru,
        }  # fmt: skip


def people_rows(private: bool) -> Iterator[dict[str, Any]]:
    return columns.private_rows() if private else columns.public_rows()


CHARGE_VALUES = ("person__slug", "case__slug", "article__code__code", "article__number", "part",
                 "date", "status")  # fmt: skip
SENTENCE_VALUES = ("person__slug", "case__slug", "kind", "years", "months", "days", "regime",
                   "court", "pronounced_on", "in_force_on")  # fmt: skip


def charge_rows(private: bool) -> Iterator[dict[str, Any]]:
    charges = Charge.objects.filter(_published(private, "person__")).order_by(
        "person__slug", "case__slug", "article__sort_key", "part", "id"
    )
    # Plain values, not model instances (60,000 charges: 3.4 s as instances).
    names = ("person", "case", "code", "article", "part", "date", "status")
    for values in charges.values_list(*CHARGE_VALUES).iterator(chunk_size=5000):
        row = dict(zip(names, values, strict=True))
        row["date"] = _date(row["date"])
        yield row


def sentence_rows(private: bool) -> Iterator[dict[str, Any]]:
    sentences = Sentence.objects.filter(_published(private, "person__")).order_by(
        "person__slug", "case__slug", "id"
    )
    names = ("person", "case", "kind", "years", "months", "days", "regime", "court",
             "pronounced_on", "in_force_on")  # fmt: skip
    for values in sentences.values_list(*SENTENCE_VALUES).iterator(chunk_size=5000):
        row = dict(zip(names, values, strict=True))
        row["pronounced_on"], row["in_force_on"] = (_date(row["pronounced_on"]),
                                                    _date(row["in_force_on"]))  # fmt: skip
        yield row


def event_rows(private: bool) -> Iterator[dict[str, Any]]:
    # Plain values, not model instances: 500,000 events in seconds rather than a minute.
    events = (
        Event.objects.filter(_published(private, "person__"))
        .order_by("person__slug", "order", "date", "id")
        .values_list("person__slug", "type", "date", "order", "place", "case__slug",
                     "facility__slug", "text_en", "text_ru", "person__consent_publish_address")
    )  # fmt: skip
    for (person, kind, date, order, place, case, facility, text_en, text_ru,
         address) in events.iterator(chunk_size=5000):  # fmt: skip
        yield {
            "person": person, "type": kind, "date": _date(date), "order": order,
            "place": place if private or address else "", "case": case or "",
            "facility": (facility or "") if private or address else "",
            "text_en": text_en, "text_ru": text_ru,
        }  # fmt: skip


DATE = columns.PARTIAL_DATE
TABLES = [
    Table("facilities", [
        _c("id", _("Stable identifier of the facility.")),
        _c("kind", _("sizo, colony, prison, ... (see the registry's facility kinds).")),
        _c("number", _("Number, as in SIZO-2.")), _c("name_en", _("Name in English.")),
        _c("name_ru", _("Name in Russian.")), _c("regime", _("general, strict, special, ...")),
        _c("country", _("ISO 3166 code.")), _c("region", _("Region.")),
        _c("postal_address", _("Postal address for letters, in Russian postal order.")),
        _c("aliases", _("Other names, separated by ' | '.")),
    ], facility_rows),
    Table("cases", [
        _c("id", _("Stable identifier of the case.")), _c("name_en", _("Name in English.")),
        _c("name_ru", _("Name in Russian.")), _c("country", _("ISO 3166 code.")),
        _c("region", _("Region.")), _c("description_en", _("Description in English.")),
        _c("description_ru", _("Description in Russian.")),
    ], case_rows),
    Table("people", columns.COLUMNS, people_rows),
    Table("charges", [
        _c("person", _("Person id.")), _c("case", _("Case id.")),
        _c("code", _("Criminal code: RU, BY.")),
        _c("article", _("Article number, e.g. 205.2.")), _c("part", _("Part of the article.")),
        _c("date", _("When charged, as precise as known."), pattern=DATE),
        _c("status", _("charged, convicted, acquitted, dropped, requalified.")),
    ], charge_rows),
    Table("sentences", [
        _c("person", _("Person id.")), _c("case", _("Case id.")),
        _c("kind", _("imprisonment, suspended, fine, restriction, forced_labour, treatment.")),
        _c("years", _("Term: years."), "integer"), _c("months", _("Term: months."), "integer"),
        _c("days", _("Term: days."), "integer"),
        _c("regime", _("Regime of the colony.")), _c("court", _("Court.")),
        _c("pronounced_on", _("Date of the verdict."), pattern=DATE),
        _c("in_force_on", _("Date it took effect."), pattern=DATE),
    ], sentence_rows),
    Table("events", [
        _c("person", _("Person id.")), _c("type", _("detention, custody, house_arrest, charge, "
           "search, wanted, sentence, appeal, transfer, solitary, release, extradition, "
           "emigration, death.")),
        _c("date", _("As precise as known."), pattern=DATE),
        _c("order", _("Sort order among same-date events."), "integer"),
        _c("place", _("Place; empty without consent to publish the address.")),
        _c("case", _("Case id, if any.")),
        _c("facility", _("Facility id; empty without consent to publish the address.")),
        _c("text_en", _("What happened, in English.")),
        _c("text_ru", _("What happened, in Russian.")),
    ], event_rows),
]  # fmt: skip
BY_NAME = {t.name: t for t in TABLES}


def names(table: Table, private: bool) -> list[str]:
    return [c.name for c in table.columns if private or not c.private]


def dictionary(private: bool) -> str:
    scope = (
        "This is a PRIVATE export: it holds unpublished people and private fields."
        if private
        else "Only people who consented to publication are included."
    )
    lines = [
        "# Data dictionary", "",
        "Identifiers are stable; rows refer to each other by them. Dates are YYYY, YYYY-MM or "
        f"YYYY-MM-DD, as precise as known. {scope}",
    ]  # fmt: skip
    for table in TABLES:
        lines += ["", f"## {table.name}", "", "| column | meaning |", "| --- | --- |"]
        lines += [
            f"| `{c.name}` | {c.description} |" for c in table.columns if private or not c.private
        ]
    return "\n".join(lines) + "\n"


def export(
    actor: Any,
    out: Path,
    fmt: str,
    private: bool,
    progress: Callable[[str, int], None] = lambda table, rows: None,
) -> list[Path]:
    """Write the dump and record who took it (the private one under its own action)."""
    files = write(out, fmt, private, progress)
    with transaction.atomic():
        audit.record(
            actor, "opendata.export.private" if private else "opendata.export",
            details={"format": fmt, "files": [f.name for f in files]},
        )  # fmt: skip
    return files


# --- COPY TO on PostgreSQL ---------------------------------------------------------------
#
# The tables whose cells are columns of the database (no decryption, no computed terms) are
# written by PostgreSQL itself: COPY (SELECT ...) TO STDOUT in CSV, the same rows in the same
# order as the Python path above, every text cell through safe_cell's rule in SQL.


def _safe_sql(column: str) -> str:
    """spreadsheets.safe_cell() in SQL: text a spreadsheet would run as a formula gets a
    leading quote; plain numbers ("-12") stay as they are. Empty text becomes NULL, so that
    COPY writes an empty cell, not "" (as the Python path writes it)."""
    return (
        f"NULLIF(CASE WHEN {column} ~ '^[-=+@\\t\\r]' "
        f"AND {column} !~ '^[+-]?[0-9]+([.][0-9]+)?$' "
        f"THEN '''' || {column} ELSE {column} END, '')"
    )


def _copy_sql(table: str, private: bool) -> str | None:
    """The SELECT of `table` for COPY, or None where only the Python path can write it
    (people: decrypted and computed columns)."""
    p, e, c, f = (m._meta.db_table for m in (Person, Event, Case, Facility))
    ch, ar, co = Charge._meta.db_table, Article._meta.db_table, CriminalCode._meta.db_table
    se, fa = Sentence._meta.db_table, FacilityAlias._meta.db_table
    published = "" if private else "WHERE p.consent_publish_name"
    address = "TRUE" if private else "p.consent_publish_address"
    s = _safe_sql
    if table == "facilities":
        aliases = (
            f"(SELECT string_agg(a.name, ' | ' ORDER BY a.name) FROM {fa} a "
            "WHERE a.facility_id = f.id)"
        )
        return (
            f"SELECT {s('f.slug')}, {s('f.kind')}, {s('f.number')}, {s('f.name_en')}, "
            f"{s('f.name_ru')}, {s('f.regime')}, {s('f.country')}, {s('f.region')}, "
            f"{s('f.postal_address')}, {s(aliases)} FROM {f} f ORDER BY f.slug"
        )
    if table == "charges":
        return (
            f"SELECT {s('p.slug')}, {s('k.slug')}, {s('co.code')}, {s('ar.number')}, "
            f"{s('x.part')}, {s('x.date')}, {s('x.status')} FROM {ch} x "
            f"JOIN {p} p ON p.id = x.person_id JOIN {c} k ON k.id = x.case_id "
            f"JOIN {ar} ar ON ar.id = x.article_id JOIN {co} co ON co.id = ar.code_id "
            f"{published} ORDER BY p.slug, k.slug, ar.sort_key, x.part, x.id"
        )
    if table == "sentences":
        return (
            f"SELECT {s('p.slug')}, {s('k.slug')}, {s('x.kind')}, x.years, x.months, x.days, "
            f"{s('x.regime')}, {s('x.court')}, {s('x.pronounced_on')}, {s('x.in_force_on')} "
            f"FROM {se} x JOIN {p} p ON p.id = x.person_id JOIN {c} k ON k.id = x.case_id "
            f"{published} ORDER BY p.slug, k.slug, x.id"
        )
    if table == "events":
        place = f"CASE WHEN {address} THEN x.place ELSE '' END"
        facility = f"CASE WHEN {address} THEN COALESCE(f.slug, '') ELSE '' END"
        case = "COALESCE(k.slug, '')"
        return (
            f'SELECT {s("p.slug")}, {s("x.type")}, {s("x.date")}, x."order", {s(place)}, '
            f"{s(case)}, {s(facility)}, {s('x.text_en')}, {s('x.text_ru')} "
            f"FROM {e} x JOIN {p} p ON p.id = x.person_id "
            f"LEFT JOIN {c} k ON k.id = x.case_id LEFT JOIN {f} f ON f.id = x.facility_id "
            f'{published} ORDER BY p.slug, x."order", x.date, x.id'
        )
    return None


def _copy_to(path: Path, sql: str, header: list[str]) -> int:
    """COPY the rows of `sql` into `path` as CSV under `header`; returns the rows written."""
    with open_private(path, "wb") as handle, connection.cursor() as cursor:
        handle.write((",".join(header) + "\n").encode())
        raw = cursor.cursor  # psycopg's own cursor: its copy() streams COPY's output
        with raw.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                handle.write(chunk)
        return int(raw.rowcount)


def write(
    out: Path, fmt: str, private: bool, progress: Callable[[str, int], None],
    *, use_copy: bool = True,
) -> list[Path]:  # fmt: skip
    """Write the dump into `out`; returns the files written. On PostgreSQL the tables of
    plain columns are written by COPY unless `use_copy` is false (the tests compare both)."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "DATA-DICTIONARY.md"]
    # 0600 like every file of the export: a private one holds what the site never shows.
    write_private_text(written[0], dictionary(private))
    if fmt == "json":
        path = out / "solidarity-export.json"
        with open_private(path, "w", encoding="utf-8") as handle:
            handle.write(f'{{"format": "{FORMAT}", "private": {json.dumps(private)}')
            for table in TABLES:
                handle.write(f', "{table.name}": [')
                for n, row in enumerate(table.rows(private)):
                    handle.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
                    if n % 5000 == 4999:
                        progress(table.name, n + 1)
                handle.write("\n]")
            handle.write("}\n")
        return [*written, path]
    copying = use_copy and connection.vendor == "postgresql"
    for table in TABLES:
        path = out / f"{table.name}.csv"
        sql = _copy_sql(table.name, private) if copying else None
        if sql is not None:
            progress(table.name, _copy_to(path, sql, names(table, private)))
            written.append(path)
            continue
        with open_private(path, "w", encoding="utf-8", newline="") as handle:
            # Rows end in \n, as PostgreSQL's COPY writes them: one export, one convention.
            writer = SafeDictWriter(
                handle, fieldnames=names(table, private), extrasaction="ignore", lineterminator="\n"
            )
            writer.writeheader()
            for n, row in enumerate(table.rows(private)):
                writer.writerow(columns.csv_row(row))
                if n % 5000 == 4999:
                    progress(table.name, n + 1)
        written.append(path)
    return written

"""The full dump: every table of the registry as rows, public (consented) or private.

One JSON file (`solidarity-export.json`, all tables) or one CSV file per table, each with a
data dictionary. Identifiers are the slugs the site uses; rows refer to each other by them,
so an import into an empty database rebuilds the same registry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from solidarity.accounts import audit
from solidarity.files import open_private, write_private_text
from solidarity.registry.models import Case, Charge, Event, Facility, Sentence
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
    for f in Facility.objects.order_by("slug"):
        yield {
            "id": f.slug, "kind": f.kind, "number": f.number, "name_en": f.name_en,
            "name_ru": f.name_ru, "regime": f.regime, "country": f.country,
            "region": f.region, "postal_address": f.postal_address,
            "aliases": columns.SEPARATOR.join(a.name for a in f.aliases.order_by("name")),
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


def charge_rows(private: bool) -> Iterator[dict[str, Any]]:
    charges = (
        Charge.objects.filter(_published(private, "person__"))
        .select_related("person", "case", "article__code")
        .order_by("person__slug", "case__slug", "article__sort_key", "part", "id")
    )
    for c in charges.iterator(chunk_size=2000):
        yield {
            "person": c.person.slug, "case": c.case.slug, "code": c.article.code.code,
            "article": c.article.number, "part": c.part, "date": _date(c.date),
            "status": c.status,
        }  # fmt: skip


def sentence_rows(private: bool) -> Iterator[dict[str, Any]]:
    sentences = (
        Sentence.objects.filter(_published(private, "person__"))
        .select_related("person", "case")
        .order_by("person__slug", "case__slug", "id")
    )
    for s in sentences.iterator(chunk_size=2000):
        yield {
            "person": s.person.slug, "case": s.case.slug, "kind": s.kind, "years": s.years,
            "months": s.months, "days": s.days, "regime": s.regime, "court": s.court,
            "pronounced_on": _date(s.pronounced_on), "in_force_on": _date(s.in_force_on),
        }  # fmt: skip


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


def write(out: Path, fmt: str, private: bool, progress: Callable[[str, int], None]) -> list[Path]:
    """Write the dump into `out`; returns the files written."""
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
    for table in TABLES:
        path = out / f"{table.name}.csv"
        with open_private(path, "w", encoding="utf-8", newline="") as handle:
            writer = SafeDictWriter(handle, fieldnames=names(table, private), extrasaction="ignore")
            writer.writeheader()
            for n, row in enumerate(table.rows(private)):
                writer.writerow(columns.csv_row(row))
                if n % 5000 == 4999:
                    progress(table.name, n + 1)
        written.append(path)
    return written

"""The public files and their Frictionless data package (`/data/datapackage.json`).

The files are the public dump's tables (dump.TABLES, read with private=False: the consent
rules of columns.py and the registry's public querysets, nothing wider), people under their
old name `prisoners`. The descriptor is built from the same columns the files are written
from, so a column cannot be added to a file without being described.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from . import columns, dump


@dataclass(frozen=True)
class PublicFile:
    name: str  # the file's name without extension, and the resource's name
    table: dump.Table
    title: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (field, resource, its field)


def files() -> list[PublicFile]:
    tables = dump.BY_NAME
    to = {"person": ("prisoners", "id"), "case": ("cases", "id")}
    return [
        PublicFile("prisoners", tables["people"], _("People"), ("id",), ()),
        PublicFile("cases", tables["cases"], _("Cases"), ("id",), ()),
        PublicFile(
            "charges", tables["charges"], _("Charges"), (),
            (("person", *to["person"]), ("case", *to["case"])),
        ),
        PublicFile(
            "sentences", tables["sentences"], _("Sentences"), (),
            (("person", *to["person"]), ("case", *to["case"])),
        ),
        PublicFile(
            "events", tables["events"], _("Timeline events"), (),
            (("person", *to["person"]), ("case", *to["case"]),
             ("facility", "facilities", "id")),
        ),
        PublicFile("facilities", tables["facilities"], _("Facilities"), ("id",), ()),
    ]  # fmt: skip


def by_name(name: str) -> PublicFile | None:
    return next((f for f in files() if f.name == name), None)


def public_columns(file: PublicFile) -> list[columns.Column]:
    return [c for c in file.table.columns if not c.private]


def licence() -> dict[str, str]:
    """The licence of the data, from the settings (OPEN_DATA_LICENSE*)."""
    return {
        "name": settings.OPEN_DATA_LICENSE,
        "title": settings.OPEN_DATA_LICENSE_TITLE,
        "path": settings.OPEN_DATA_LICENSE_URL,
    }


def _field(column: columns.Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": str(column.description),
    }
    if column.type == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    if column.pattern:
        field["constraints"] = {"pattern": column.pattern}
    return field


def descriptor(base_url: str) -> dict[str, Any]:
    """datapackage.json: every public CSV file, its fields, keys and licence. `base_url` is
    the address of /data/ (the files' paths are relative to the descriptor)."""
    resources = []
    for file in files():
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in public_columns(file)],
            "missingValues": [""],
        }
        if file.primary_key:
            schema["primaryKey"] = list(file.primary_key)
        if file.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": field, "reference": {"resource": resource, "fields": target}}
                for field, resource, target in file.foreign_keys
            ]
        resources.append(
            {
                "name": file.name,
                "title": file.title,
                "path": f"{file.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "solidarity-open-data",
        "title": _("Political prisoners: open data"),
        "description": _(
            "People prosecuted for their politics who consented to publication, with their "
            "cases, charges, sentences, timeline events and the facilities they are held in. "
            "Dates are YYYY, YYYY-MM or YYYY-MM-DD, as precise as known."
        ),
        "homepage": base_url,
        "licenses": [licence()],
        "sources": [{"title": settings.OPEN_DATA_ATTRIBUTION, "path": base_url}],
        "resources": resources,
    }

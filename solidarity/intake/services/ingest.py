"""A document in, a Source and its proposals out: all of it or none of it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from solidarity.accounts import audit
from solidarity.registry.hiding import text_digest
from solidarity.registry.models import Facility, Source
from solidarity.registry.partial_date import PartialDate

from .. import linking
from ..extract.pipeline import extract
from ..models import Proposal, ProposalKind


@dataclass
class Ingested:
    source: Source
    created: bool
    proposals: int


def _title(text: str, name: str) -> str:
    """A source's title when nobody gave one: the file's name, not the text's first line.
    The text is encrypted at rest and a testimony's first line may name someone hidden,
    while a title is kept in clear and shown with citations on public pages."""
    return name[:300]


def ingest_text(
    actor: Any,
    text: str,
    *,
    name: str,
    title: str = "",
    url: str = "",
    publisher: str = "",
    published: datetime.date | None = None,
) -> Ingested:
    """Store a document once (by its content) and propose what it tells for review.

    `title`, `url`, `publisher` and `published` describe the source (the reviewer's, or the
    page's own metadata); `published` also gives dates without a year their year (marked
    inferred). The extraction runs before the transaction, so a document that cannot be read
    leaves nothing behind; everything after it is one transaction with its audit entry."""
    digest = text_digest(text)
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        return Ingested(existing, False, 0)
    result = extract(text, source=name, published=published)
    with transaction.atomic():
        existing = Source.objects.select_for_update().filter(sha256=digest).first()
        if existing is not None:
            return Ingested(existing, False, 0)
        source = Source.objects.create(
            title=(title or _title(text, name))[:300], url=url[:500],
            publisher=publisher[:200], text=text, language=result["language"],
            published_on=PartialDate(published.year, published.month, published.day)
            if published else None,
        )  # fmt: skip
        rows = _proposals(source, text, result)
        Proposal.objects.bulk_create(rows)
        audit.record(
            actor, "intake.source.ingest", obj=source,
            details={"file": name, "proposals": len(rows), "language": result["language"]},
        )  # fmt: skip
    return Ingested(source, True, len(rows))


def _quote(text: str, start: int, end: int) -> str:
    return text[start:end]


def _proposals(source: Source, text: str, result: dict[str, Any]) -> list[Proposal]:
    rows: list[Proposal] = []
    for person in result["persons"]:
        match, found = linking.best_match(person["name"])
        if match is None and person["name_latin"] != person["name"]:
            match, more = linking.best_match(person["name_latin"])
            found = found or more
        start, end = person["mentions"][0]
        rows.append(Proposal(
            source=source,
            kind=ProposalKind.LINK if match else ProposalKind.PERSON,
            subject=person["name"],
            person_id=match.person_id if match else None,
            data={
                "name": person["name"], "name_latin": person["name_latin"],
                "mentions": person["mentions"],
                "candidates": [
                    {"id": c.person_id, "name": c.name, "score": round(c.score, 1)}
                    for c in found
                ],
            },
            quote=_quote(text, start, end), start=start, end=end,
        ))  # fmt: skip
    directory: list[tuple[str, list[str]]] | None = None  # read once, when first needed
    for kind, facet in (
        (ProposalKind.CHARGE, "charges"),
        (ProposalKind.SENTENCE, "sentences"),
        (ProposalKind.EVENT, "events"),
    ):
        for row in result[facet]:
            data = {
                k: v for k, v in row.items() if k not in ("evidence", "start", "end", "sentence")
            }
            if facet == "events" and row.get("facility"):
                # "в ИК-2" → the directory's facility, when the name is one facility's only
                data["facility_text"] = row["facility"]
                directory = _facility_names() if directory is None else directory
                data["facility"] = facility_for(row["facility"], directory)
            # The citation quotes the whole sentence; the offsets mark the words that told.
            rows.append(Proposal(
                source=source, kind=kind, subject=row["person"], data=data,
                quote=_quote(text, *row["sentence"]).strip(),
                start=row["start"], end=row["end"],
            ))  # fmt: skip
    for order, row in enumerate(rows):
        row.order = order
    return rows


def _fold(name: str) -> str:
    return re.sub(r"\W+", "", name or "").lower()


def _facility_names() -> list[tuple[str, list[str]]]:
    """(slug, folded names and aliases) of every facility in the directory."""
    return [
        (f.slug, [_fold(n) for n in (f.name_en, f.name_ru, *(a.name for a in f.aliases.all()))])
        for f in Facility.objects.prefetch_related("aliases").only("slug", "name_en", "name_ru")
    ]


def facility_for(text: str, directory: list[tuple[str, list[str]]]) -> str:
    """The slug of the one facility in `directory` (_facility_names) a text's words name
    ("ИК-2", "СИЗО-1 Москвы"), or "" when none or several do."""
    key = _fold(text)
    if not key:
        return ""
    # the name, or the name followed by more words ("ИК-2" names "ИК-2 Мордовии", not "ИК-22")
    found = {
        slug
        for slug, folded_names in directory
        if any(f == key or (f.startswith(key) and not f[len(key)].isdigit()) for f in folded_names)
    }
    return found.pop() if len(found) == 1 else ""

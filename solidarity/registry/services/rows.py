"""What a row of the public list shows beside the name: the articles, the region, the date
of the first detention, the latest term and, with consent to publish the address, the
facility. The facts come back as columns of the page's own query (JSON arrays, see
jsonrows.py); only the facilities of those who consent take one more query."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from ..models import Article, Charge, CriminalCode, Event, Facility, Person, Sentence
from ..partial_date import PartialDate
from .jsonrows import decoded, json_rows

# What a row reads of the person itself (with the status, joined): nothing private.
ROW_PERSON_COLUMNS = (
    "slug", "name", "name_latin", "status", "is_demo", "region", "country", "facility",
    "consent_publish_address",
)  # fmt: skip
ARTICLE_COLUMNS = {
    "number": "article__number", "mark": "article__code__subarticle_mark",
    "short_en": "article__code__short_en", "short_ru": "article__code__short_ru",
    "short_be": "article__code__short_be",
}  # fmt: skip


@cache
def _row_columns() -> dict[str, Any]:
    """The three JSON columns, built once per process (each query resolves its own copy)."""
    detentions = Event.objects.filter(type="detention", date__isnull=False).exclude(date="")
    return {
        "row_charge_rows": json_rows(
            Charge.objects.all(), "person", id="id", part="part", stage="stage", **ARTICLE_COLUMNS
        ),
        "row_detention_rows": json_rows(detentions, "person", date="date"),
        "row_sentence_rows": json_rows(
            Sentence.objects.all(), "person",
            id="id", on="pronounced_on", years="years", months="months", days="days",
        ),
    }  # fmt: skip


def with_row_columns(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people with their charges, detention dates and terms as JSON columns."""
    return people.annotate(**_row_columns())


@lru_cache(maxsize=4096)
def _charge_label(language: str, part: str, stage: str, *article: str) -> str:
    """A charge's label as Charge.label() writes it; labels repeat across a page and pages."""
    number, mark, short_en, short_ru, short_be = article
    code = CriminalCode(subarticle_mark=mark, short_en=short_en, short_ru=short_ru,
                        short_be=short_be)  # fmt: skip
    return Charge(article=Article(number=number, code=code), part=part, stage=stage).label()


def _pronounced(sentence: dict[str, Any]) -> tuple[bool, str, int]:
    return (sentence["on"] is not None, sentence["on"] or "", sentence["id"])


def attach(people: list[Any]) -> None:
    """Set row_articles, row_detained, row_term and row_facility on each person of a page
    read through with_row_columns()."""
    language = get_language() or "en"
    for person in people:
        articles: list[str] = []
        for charge in sorted(decoded(person.row_charge_rows), key=lambda c: c["id"]):
            values = [str(charge[k] or "") for k in ARTICLE_COLUMNS]
            label = _charge_label(language, charge["part"] or "", charge["stage"] or "", *values)
            if label not in articles:
                articles.append(label)
        person.row_articles = articles
        dates = [PartialDate.parse(str(d["date"])) for d in decoded(person.row_detention_rows)]
        person.row_detained = min(dates, key=PartialDate.sort_key) if dates else None
        sentences = sorted(
            decoded(person.row_sentence_rows),
            key=lambda s: (s["on"] is not None, s["on"] or "", s["id"]),
        )
        terms = [Sentence(years=s["years"], months=s["months"], days=s["days"]) for s in sentences]
        person.row_term = next((t.term_label() for t in reversed(terms) if t.has_term()), "")
    # Where someone is held is their address: only with their consent.
    consenting = {p.facility_id for p in people if p.consent_publish_address and p.facility_id}
    facilities = Facility.objects.in_bulk(consenting) if consenting else {}
    for person in people:
        held = person.facility_id if person.consent_publish_address else None
        person.row_facility = facilities.get(held) if held else None

"""The leak crawl: hidden people carry marker strings in every field, and every public
address — derived from the URL configuration, then followed link by link, in English and
Russian — plus the API, feeds, calendars, CSV/JSON files, statistics, report PDFs and the
public export, is read for them. One marker anywhere fails the test.

Seeded: a hidden person in every text field (aliases, needs, ledger entries, events,
a birthday), an eponymous case whose only defendant is hidden, a hidden co-defendant in a
public case, and a person public by name only, whose address, envelope name and event
place are markers."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from pypdf import PdfReader

from solidarity.fields import EncryptedTextField
from solidarity.opendata import dump
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_case, make_person
from solidarity.support.models import Entry, Need

MARK = "leakmark"
SKIP_FIELDS = {"slug", "name", "name_latin", "country"}


def markers_for(model: type[models.Model], tag: str) -> dict[str, str]:
    """A marker in every free-text field of the model."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in SKIP_FIELDS or field.choices:
            continue
        if isinstance(field, models.CharField | models.TextField | EncryptedTextField):
            limit = getattr(field, "max_length", None) or 200
            values[field.name] = f"LEAKMARK-{tag}-{field.name}"[:limit]
    return values


@pytest.fixture
def hidden_world(db, alice, facility):
    hidden = make_person(
        "LEAKMARK-name Скрытый",
        slug="leakmark-hidden",
        consent_publish_name=False,
        facility=facility,
        accepts_letters=True,
        status="colony",
        **markers_for(m.Person, "hidden"),
    )
    m.Person.objects.filter(pk=hidden.pk).update(birth_date="1991-03-09")
    m.PersonAlias.objects.create(person=hidden, name="LEAKMARK-alias")
    co = make_person(
        "LEAKMARK-co Сообщник",
        slug="leakmark-co",
        consent_publish_name=False,
        **markers_for(m.Person, "co"),
    )
    # The eponymous case: named after its only (hidden) defendant.
    make_case("LEAKMARK-case", slug="leakmark-case", defendants=[hidden], name_ru="LEAKMARK-дело")
    # A public case with a hidden co-defendant.
    make_case("Public case", slug="public-case", defendants=[alice, co])
    article = m.Article.objects.get(code__code="RU", number="205.2")
    case = m.Case.objects.get(slug="public-case")
    for person in (hidden, co):
        m.Charge.objects.create(person=person, case=case, article=article, part="2")
        m.Event.objects.create(
            person=person,
            type="detention",
            facility=facility,
            date=PartialDate.parse("2024-05-03"),
            place="LEAKMARK-place",
            text_en="LEAKMARK-event-en",
            text_ru="LEAKMARK-event-ru",
        )
    # Public by name only: address, envelope name and event place stay hidden.
    vera = make_person(
        "Вера Безадресная",
        slug="vera-open",
        facility=facility,
        full_name="LEAKMARK-envelope",
        letter_address="LEAKMARK-letteraddr",
        private_notes="LEAKMARK-vera-notes",
    )
    m.Event.objects.create(
        person=vera,
        type="transfer",
        facility=facility,
        date=PartialDate.parse("2025-01-10"),
        place="LEAKMARK-vera-place",
    )
    need = Need.objects.create(
        person=hidden,
        kind=Need._meta.get_field("kind").choices[0][0],
        description="LEAKMARK-need",
        parcel_rules="LEAKMARK-rules",
        amount=Decimal("50"),
        currency="EUR",
    )
    today = dt.date.today()
    for day in (today.replace(day=1), today.replace(day=1) - dt.timedelta(days=20)):
        Entry.objects.create(
            kind="spend",
            category="lawyer",
            date=day,
            amount=Decimal("37.13"),
            currency="EUR",
            rate=Decimal("1"),
            base_amount=Decimal("37.13"),
            person=hidden,
            need=need,
            note="LEAKMARK-ledger",
        )
    return hidden


def public_routes() -> list[str]:
    """Every route of the URL configuration outside /staff/ and /admin/."""
    found: list[str] = []

    def walk(patterns, prefix: str = "") -> None:  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append(prefix + str(p.pattern))

    walk(get_resolver().url_patterns)
    return [r for r in found if not r.startswith(("staff/", "admin/", "^admin/", "static"))]


def concrete(route: str, slugs: list[str], months: list[str]) -> list[str]:
    """Addresses for a route: every slug for slug parameters (hidden ones included)."""
    if "(?P<month>" in route:
        body = route.strip("^$").replace("\\.", ".")
        return ["/" + re.sub(r"\(\?P<month>[^)]*\)", mo, body) for mo in months]
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not names:
        return ["/" + route]
    paths = []
    for slug in slugs:
        path = route
        for name in names:
            value = {"token": "x" * 43, "pk": "1"}.get(name, slug)
            path = re.sub(r"<(?:\w+:)?" + name + ">", value, path)
        paths.append("/" + path)
    return paths


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", errors="replace")


LINK = re.compile(r'(?:href|src)="([^"#]+)')


def crawl(client: Client, start: list[str], limit: int = 700) -> tuple[dict[str, str], int]:
    seen: dict[str, str] = {}
    queue = list(dict.fromkeys(start))
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        body = text_of(response) if response.status_code == 200 else ""
        if MARK in urlsplit(path).path.lower():
            # Asking for a hidden person's own address: it must not exist.
            assert response.status_code in (301, 302, 404), path
            seen[path] = ""
            continue
        seen[path] = body
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        for link in LINK.findall(body):
            target = urlsplit(urljoin(path, link.replace("&amp;", "&")))
            if target.netloc and target.netloc != "testserver":
                continue
            url = target.path + (f"?{target.query}" if target.query else "")
            if url.startswith(("/staff", "/admin", "/static")) or url in seen:
                continue
            queue.append(url)
    return seen, len(seen)


def test_it_shows_no_marker_of_a_hidden_person_anywhere_public(hidden_world, tmp_path):
    routes = public_routes()
    assert "prisoners/<slug:slug>/" in routes and "api/v1/people" in routes
    slugs = list(m.Person.objects.values_list("slug", flat=True))
    slugs += list(m.Case.objects.values_list("slug", flat=True))
    slugs += list(m.Facility.objects.values_list("slug", flat=True))
    slugs += ["by_status", "by_article", "by_region"]
    today = dt.date.today()
    months = sorted({f"{d:%Y-%m}" for d in (today, today.replace(day=1) - dt.timedelta(days=1))})
    start = [p for r in routes for p in concrete(r, slugs, months)]
    start += [
        f"/api/v1/{t}?limit=200" for t in ("people", "charges", "events", "cases", "facilities")
    ]
    # Searches for the hidden names (the query itself, echoed back, carries no marker).
    start += ["/prisoners/?q=Скрытый", "/prisoners/?q=Сообщник", "/api/v1/people?q=Skrytyj"]
    leaks: list[str] = []
    pages = 0
    for language in ("en", "ru"):
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.cookies["django_language"] = language
        seen, count = crawl(client, start)
        pages += count
        leaks += [f"{language} {path}" for path, body in seen.items() if MARK in body.lower()]
    for fmt in ("csv", "json"):
        folder = tmp_path / fmt
        for path in dump.export(None, folder, fmt, private=False):
            if MARK in path.read_text(encoding="utf-8", errors="replace").lower():
                leaks.append(f"public export {path.name}")
    print(f"{pages} public addresses read")
    assert pages > 100
    assert leaks == []

"""What each row of the public list shows beside the name comes back with the page's own
query: the same facts on SQLite and PostgreSQL, and a page of fifty costs no more queries
than a page of one."""

import pytest

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import article, make_case, make_person


@pytest.fixture
def rows(alice, facility):
    case = make_case("Row case", slug="row-case", defendants=[alice])
    m.Charge.objects.create(person=alice, case=case, article=article("205.2"), part="2")
    m.Charge.objects.create(person=alice, case=case, article=article("280.3"))
    m.Charge.objects.create(person=alice, case=case, article=article("205.2"), part="2")
    for date in ("2023-05-04", "2022", "2022-03"):
        m.Event.objects.create(person=alice, type="detention", date=PartialDate.parse(date))
    m.Event.objects.create(person=alice, type="search", date=PartialDate.parse("2021"))
    m.Sentence.objects.create(person=alice, case=case, years=9)  # undated
    m.Sentence.objects.create(person=alice, case=case, years=2, months=6,
                              pronounced_on=PartialDate.parse("2023-01-10"))  # fmt: skip
    m.Sentence.objects.create(person=alice, case=case, kind="fine",
                              pronounced_on=PartialDate.parse("2024-01-10"))  # fmt: skip
    hidden = make_person("Вера Закрытая", slug="vera", facility=facility)
    return alice, hidden


def row_of(body: str, slug: str) -> str:
    start = body.index(f'href="/prisoners/{slug}/"')
    return body[start : body.index("</li>", start)]


def test_it_shows_articles_first_detention_latest_term_and_facility(client, rows):
    body = client.get("/prisoners/").content.decode()
    alice = row_of(body, "alisa-andreeva")
    assert "Art. 205.2 Part 2 CC RF, Art. 280.3 CC RF" in alice  # each label once, in order
    assert "detained 2022" in alice  # the year-only date sorts first
    assert "2 years 6 months" in alice and "9 years" not in alice
    assert "SIZO-1 Testgrad" in alice
    assert "SIZO-1 Testgrad" not in row_of(body, "vera")  # no consent to the address


def test_it_shows_them_in_russian(client, rows):
    body = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "ч. 2 ст. 205.2 УК РФ, ст. 280.3 УК РФ" in row_of(body, "alisa-andreeva")


def test_it_reads_a_long_page_in_as_many_queries_as_a_short_one(client, rows, facility, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # the page as rendered, not a kept copy
    settings.REGISTRY_COUNT_SECONDS = 0  # and counted
    client.get("/prisoners/")
    with CaptureQueriesContext(connection) as short:
        client.get("/prisoners/")
    for n in range(40):
        person = make_person(f"Пётр Номер{n}", slug=f"petr-{n}", facility=facility,
                             consent_publish_address=True)  # fmt: skip
        m.Event.objects.create(person=person, type="detention", date=PartialDate.parse("2024"))
    client.get("/prisoners/")  # the filter menus, rebuilt once after people were added
    with CaptureQueriesContext(connection) as long:
        body = client.get("/prisoners/").content.decode()
    assert body.count("detained 2024") == 40
    # Count, page (with the rows' facts), facilities with consent, the menus' freshness.
    assert len(long.captured_queries) == len(short.captured_queries) <= 4

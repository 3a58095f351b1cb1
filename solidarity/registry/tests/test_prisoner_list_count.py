"""The public list counts its matches only up to a cap (REGISTRY_COUNT_CAP, at least as far
as the page asked for reaches) and says "more than" beyond it: the same people, in the
same order, on SQLite and PostgreSQL (the suite runs on both; see conftest/settings)."""

import re

import pytest

from solidarity.registry.tests.factories import make_person

SURNAMES = ["Абрамов", "Белов", "Волков", "Громов", "Дёмин", "Ершов", "Жуков", "Зайцев",
            "Ильин", "Козлов", "Лебедев", "Морозов"]  # fmt: skip


@pytest.fixture
def twelve(db, settings):
    settings.REGISTRY_PAGE_SIZE = 3
    settings.REGISTRY_COUNT_CAP = 5
    return [
        make_person(f"Иван {surname}", region="Moscow" if n % 2 else "Perm region")
        for n, surname in enumerate(SURNAMES)
    ]


def in_order(people) -> list[str]:
    """The list's order: by the name in Latin letters, then by id."""
    return [p.name for p in sorted(people, key=lambda p: (p.name_latin, p.pk))]


def names_on(body: str) -> list[str]:
    return re.findall(r'<a href="/prisoners/[^/]+/">([^<]+)</a>', body)


def test_it_says_more_than_the_cap_instead_of_counting_every_match(client, twelve):
    r = client.get("/prisoners/")
    body = r.content.decode()
    assert "More than 5 people found" in body
    assert "Page 1</span>" in body and "Page 1 of" not in body
    assert names_on(body) == in_order(twelve)[:3]
    assert 'rel="next" href="?page=2"' in body


def test_it_pages_past_the_cap_in_the_same_order(client, twelve):
    seen = []
    for number in range(1, 5):
        body = client.get("/prisoners/", {"page": number}).content.decode()
        seen += names_on(body)
    assert seen == in_order(twelve)
    last = client.get("/prisoners/", {"page": 4}).content.decode()
    assert "12 people found" in last  # the page reaches past the cap: counted to the end
    assert 'rel="next"' not in last


def test_it_counts_exactly_under_the_cap(client, twelve):
    few = client.get("/prisoners/", {"q": "Громов"}).content.decode()
    assert "1 person found" in few
    assert names_on(few) == ["Иван Громов"]


def test_it_says_more_than_in_russian(client, twelve):
    body = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Найдено более 5 человек" in body
    assert "Страница 1<" in body


def test_it_counts_a_filter_again_only_after_a_change(client, twelve, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.registry import actions

    settings.PAGE_CACHE_SECONDS = 0  # the page itself rendered each time; the count kept
    settings.REGISTRY_COUNT_CAP = 100
    url = "/prisoners/?region=Moscow"
    assert "6 people found" in client.get(url).content.decode()

    def counted() -> tuple[bool, str]:
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).content.decode()
        return any("COUNT(" in q["sql"] for q in ctx.captured_queries), body

    again, body = counted()
    assert not again and "6 people found" in body
    actions.record_consent(actions.System("test"), twelve[1], "name", False, method="person")
    again, body = counted()
    assert again and "5 people found" in body

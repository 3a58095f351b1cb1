import pytest
from django.test import override_settings

from solidarity.registry import actions
from solidarity.registry import models as m
from solidarity.registry.tests.factories import article, make_case, make_person


@pytest.fixture
def lev(db):
    person = make_person(
        "Лев Скорякин",
        slug="lev-skoryakin",
        status="emigrated",
        region="Moscow",
        tags=["anarchist"],
    )
    case = make_case("Left Block", slug="left-block", defendants=[person])
    m.Charge.objects.create(person=person, case=case, article=article("213"), part="2")
    return person


@pytest.mark.parametrize("q", ["Скорякин", "Skoryakin", "skorjakin", "Скорякина", "lev skor"])
def test_it_finds_a_person_across_scripts_and_spellings(client, lev, alice, q):
    r = client.get("/prisoners/", {"q": q})
    assert r.status_code == 200
    assert r.context["page"].paginator.count == 1
    assert "/prisoners/lev-skoryakin/" in r.content.decode()
    assert "alisa-andreeva" not in r.content.decode()


def test_it_finds_by_an_alias(client, lev):
    m.PersonAlias.objects.create(person=lev, name="Lyova")
    r = client.get("/prisoners/", {"q": "Лёва"})
    assert r.context["page"].paginator.count == 1


def test_it_stops_finding_a_removed_alias(client, lev):
    alias = actions.add_alias(actions.System("test"), lev, "Пушкин")
    assert client.get("/prisoners/", {"q": "Pushkin"}).context["page"].paginator.count == 1
    actions.remove_alias(actions.System("test"), alias)
    assert client.get("/prisoners/", {"q": "Pushkin"}).context["page"].paginator.count == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "emigrated"}, {"lev-skoryakin"}),
        ({"status": "remand"}, {"alisa-andreeva"}),
        ({"region": "Moscow"}, {"lev-skoryakin", "alisa-andreeva"}),
        ({"country": "ru"}, {"lev-skoryakin", "alisa-andreeva"}),
        ({"country": "BY"}, set()),
        ({"article": "213"}, {"lev-skoryakin"}),
        ({"article": "RU:213"}, {"lev-skoryakin"}),
        ({"article": "BY:213"}, set()),
        ({"case": "left-block"}, {"lev-skoryakin"}),
        ({"tag": "anarchist"}, {"lev-skoryakin", "alisa-andreeva"}),
        ({"tag": "anarchist", "status": "remand"}, {"alisa-andreeva"}),
        ({"status": "no-such-status"}, set()),
    ],
)
def test_it_filters(client, lev, alice, params, expected):
    r = client.get("/prisoners/", params)
    assert r.status_code == 200
    assert {p.slug for p in r.context["page"]} == expected


@override_settings(REGISTRY_PAGE_SIZE=2)
def test_it_paginates_and_keeps_filters_in_links(client, db):
    for i in range(5):
        make_person(f"Тест Человеков{i}", slug=f"test-{i}", region="Perm")
    r = client.get("/prisoners/", {"region": "Perm", "page": 2})
    body = r.content.decode()
    assert r.context["page"].number == 2
    assert len(r.context["page"]) == 2
    assert "region=Perm&amp;page=3" in body
    # A page number out of range falls back to the last page instead of failing.
    assert client.get("/prisoners/", {"page": "999"}).status_code == 200
    assert client.get("/prisoners/", {"page": "abc"}).status_code == 200


def test_it_survives_hostile_queries(client, lev):
    for q in ["%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "a" * 5000]:
        r = client.get("/prisoners/", {"q": q})
        assert r.status_code == 200
        assert "<script>alert" not in r.content.decode()
    # NUL is refused everywhere (PostgreSQL cannot compare text holding it): a 400, no 500.
    assert client.get("/prisoners/", {"q": "\x00"}).status_code == 400


def test_it_lists_in_russian(client, lev):
    r = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru")
    body = r.content.decode()
    assert "Заключённые" in body
    assert "Найден 1 человек" in body


def test_it_offers_menus_in_the_page_language(client, lev, alice):
    import re

    def options(body: str, menu: str) -> list[str]:
        select = re.search(rf'<select id="{menu}".*?</select>', body, re.S)
        assert select, menu
        return re.findall(r"<option[^>]*>([^<]*)</option>", select[0])[1:]

    english = client.get("/prisoners/").content.decode()
    russian = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Russia" in options(english, "country") and "Россия" in options(russian, "country")
    [article] = [o for o in options(russian, "article") if "213" in o]
    assert article.startswith("ст. 213 УК РФ — ")
    assert "bound method" not in english + russian
    # The selected value is marked, and only it.
    chosen = client.get("/prisoners/", {"article": "RU:213"}).content.decode()
    assert len(re.findall(r'<option value="RU:213" selected>', chosen)) == 1
    assert chosen.count(" selected>") == 1

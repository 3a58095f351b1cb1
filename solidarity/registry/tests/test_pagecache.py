"""Public pages are kept for anonymous readers and dropped by the next audited change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.accounts.models import User
from solidarity.registry import actions
from solidarity.registry.tests.factories import make_person

SYSTEM = actions.System("test")
PAGE = "/prisoners/alisa-andreeva/"


def _queries(client, url: str, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_it_serves_a_kept_page_with_one_query(client, alice):
    first, body = _queries(client, PAGE)
    again, kept = _queries(client, PAGE)
    assert first > 1
    assert again == 1  # the audit chain's head, by primary key
    assert kept == body


def test_it_obeys_a_consent_withdrawal_on_the_next_request(client, alice):
    assert "Андреева" in client.get(PAGE).content.decode()
    assert "alisa-andreeva" in client.get("/prisoners/").content.decode()
    assert "alisa-andreeva" in client.get("/prisoners/?q=Андреева").content.decode()
    actions.record_consent(SYSTEM, alice, "name", False, method="person")
    assert client.get(PAGE).status_code == 404
    assert "alisa-andreeva" not in client.get("/prisoners/").content.decode()
    assert "alisa-andreeva" not in client.get("/prisoners/?q=Андреева").content.decode()


def test_it_shows_a_correction_on_the_next_request(client, alice):
    client.get(PAGE)
    actions.update_person(SYSTEM, alice, {"name": "Андреева Алиса Павловна"})
    assert "Павловна" in client.get(PAGE).content.decode()


def test_it_keeps_each_language_apart(client, alice):
    english = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    russian = client.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'lang="en"' in english and 'lang="ru"' in russian


def test_it_keeps_each_query_apart(client, alice):
    make_person("Скорякин Лев", slug="lev-skoryakin")
    assert "lev-skoryakin" not in client.get("/prisoners/?q=Андреева").content.decode()
    assert "lev-skoryakin" in client.get("/prisoners/?q=Скорякин").content.decode()


def test_it_never_keeps_a_signed_in_readers_page(client, alice):
    user = User.objects.create_user("reader", password="x" * 20)
    client.force_login(user)
    client.get(PAGE)  # the menus and flags the page reads are cached apart
    first, _ = _queries(client, PAGE)
    again, _ = _queries(client, PAGE)
    assert again > 1 and again == first


def test_it_keeps_nothing_when_turned_off(client, alice, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(PAGE)
    first, _ = _queries(client, PAGE)
    again, _ = _queries(client, PAGE)
    assert again == first > 1


def test_it_keeps_each_host_apart(client, alice, settings):
    settings.ALLOWED_HOSTS = ["testserver", "solidarity2vxz.onion"]
    _queries(client, PAGE)
    onion, _ = _queries(client, PAGE, HTTP_HOST="solidarity2vxz.onion")
    assert onion > 1  # rendered for this host, not the clearnet host's copy
    again, _ = _queries(client, PAGE, HTTP_HOST="solidarity2vxz.onion")
    assert again == 1

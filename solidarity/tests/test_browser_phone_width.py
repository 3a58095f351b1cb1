"""Every HTML page, public and staff, fits a 390 px phone with no sideways scroll, in
English and Russian (public pages in Belarusian too). The addresses come from the URL
configuration through the authorization matrix (one path per route), so a new page is
swept as soon as it exists. The desktop width (1280 px) is checked too: nothing there
may scroll sideways either."""

from __future__ import annotations

import pytest
from django.test import Client

from solidarity.conftest import sign_in_with_second_factor
from solidarity.tests import test_authorization_matrix as matrix
from solidarity.tests.test_authorization_matrix import MATRIX, routes

# The matrix's seeded registry, as a fixture of this module.
world = matrix.world

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


def html_paths(client: Client, ids: dict[str, int]) -> list[str]:
    """The paths among the matrix's that answer this client with an HTML page."""
    paths = []
    for route in routes():
        if route not in MATRIX:
            continue  # admin model pages: the admin is its own (Django's) design
        path = MATRIX[route][0].format(
            letter=ids["letter"], source=ids["registry.source"], batch=ids["batch"]
        )
        response = client.get(path)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            paths.append(path)
    return sorted(set(paths))


def overflowing(browser, base: str, paths: list[str], language: str, cookies=()) -> list[str]:  # type: ignore[no-untyped-def]
    wide = []
    for width in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            locale={"ru": "ru-RU", "be": "be-BY"}.get(language, "en-GB"),
        )
        context.add_cookies([{"name": "django_language", "value": language, "url": base}, *cookies])
        page = context.new_page()
        for path in paths:
            page.goto(base + path)
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                wide.append(f"{width}px {language} {path}: {scroll} > {inner}")
        context.close()
    return wide


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_it_fits_every_public_page_on_a_phone(
    transactional_db, browser, live_server, world, language
):
    paths = html_paths(Client(), world)
    assert "/" in paths and "/prisoners/alisa-andreeva/" in paths
    assert "/prisoners/alisa-andreeva/write/" in paths and "/stats/" in paths
    assert overflowing(browser, live_server.url, paths, language) == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_fits_every_staff_page_on_a_phone(
    transactional_db, browser, live_server, world, coordinator, language
):
    import time

    from solidarity.accounts import sudo

    client = sign_in_with_second_factor(Client(), coordinator)
    session = client.session
    session[sudo.SESSION_KEY] = time.time() + 600
    session.save()
    paths = [p for p in html_paths(client, world) if p.startswith("/staff/")]
    assert "/staff/" in paths and "/staff/letters/moderate/" in paths
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}  # fmt: skip
    assert overflowing(browser, live_server.url, paths, language, [cookie]) == []

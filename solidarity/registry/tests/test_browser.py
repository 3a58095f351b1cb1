"""The main registry journey in a real Chromium, with and without JavaScript."""

import os

import pytest

from solidarity.conftest import BROWSER_REQUIRED, CHROMIUM, chromium_available
from solidarity.registry.demo import load_demo

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; the ORM calls around it are
# ordinary synchronous test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not chromium_available():
        message = f"Chromium not found at {CHROMIUM}"
        if BROWSER_REQUIRED:
            pytest.fail(message + " and SOLIDARITY_REQUIRE_BROWSER=1 forbids skipping")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_finds_a_prisoner_across_scripts_and_reads_the_page(
    browser, live_server, demo, javascript
):
    context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    requested_hosts = set()
    page.on("request", lambda r: requested_hosts.add(r.url.split("/")[2]))
    page.goto(f"{live_server.url}/prisoners/")
    page.fill("#q", "Скорякина")
    page.click("form.filters button[type=submit]")
    assert page.locator("p.count").inner_text() == "1 person found"
    page.click("text=Лев Скорякин")
    assert page.url.endswith("/prisoners/lev-skoryakin/")
    assert page.locator("h1").inner_text().startswith("Лев Скорякин")
    assert "5 years 6 months" in page.content()
    assert page.locator("ol.timeline > li").count() == 11
    page.click("button[value=ru]")
    assert page.locator("h2", has_text="Хронология").count() == 1
    assert "5 лет 6 месяцев" in page.content()
    # Nothing is fetched from any other host.
    assert requested_hosts == {live_server.url.split("/")[2]}
    context.close()

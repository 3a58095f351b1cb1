"""The main registry journey in a real Chromium, with and without JavaScript."""

import pytest

from solidarity.registry.demo import load_demo

pytestmark = pytest.mark.browser


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
    failed = []
    page.on("request", lambda r: requested_hosts.add(r.url.split("/")[2]))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
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
    assert failed == []
    context.close()

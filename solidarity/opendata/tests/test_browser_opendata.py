"""What a journalist sees of the open data, in Chromium, on a phone and a desktop, in
English and Russian: the licence and the files on /data/, the "as of" date and the method
on /stats/, the methodology page, and the API docs' link to openapi.json with JavaScript off."""

import pytest

from solidarity.conftest import reader_context

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"licence": "You may reuse these data", "as_of": "As of", "method": "Who is included",
           "column": "Article number, e.g. 205.2."},
    "ru": {"licence": "Эти данные можно использовать", "as_of": "По состоянию на",
           "method": "Кто включён", "column": "Номер статьи, например 205.2."},
}  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_shows_the_licence_files_and_method(transactional_db, browser, live_server, world,
                                               language, width):  # fmt: skip
    words = WORDS[language]
    context = reader_context(browser, live_server, language, width)
    page = context.new_page()
    page.goto(f"{live_server.url}/data/")
    assert page.locator("p.licence").inner_text().startswith(words["licence"])
    assert (
        page.locator("a[rel=license]")
        .first.get_attribute("href")
        .startswith("https://creativecommons.org/")
    )
    assert words["column"] in page.locator("#columns-charges + table").inner_text()
    # Column names are identifiers: each stays on one line, never broken letter by letter.
    broken = page.evaluate("""() => [...document.querySelectorAll("main table code")]
        .filter(c => c.getClientRects().length > 1).map(c => c.textContent)""")
    assert broken == []
    with page.expect_download() as download:
        page.click("a[href='/data/sentences.csv']")
    assert download.value.suggested_filename == "sentences.csv"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.click("a[href='/data/methodology/']")
    assert words["method"] in page.locator("h2").all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"{live_server.url}/stats/")
    assert page.locator("p.as-of").inner_text().startswith(words["as_of"])
    assert page.locator("#method li").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_it_reaches_the_openapi_schema_without_javascript(transactional_db, browser,
                                                          live_server, world):  # fmt: skip
    context = reader_context(browser, live_server, "en", 390, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/data/")
    page.click("text=JSON API")
    assert page.url.endswith("/api/v1/docs")
    assert page.locator("noscript").count() == 1
    # The schema's body is read from the response the click brought, not from the page:
    # Chromium's JSON viewer may not have drawn it yet when the URL has changed.
    with page.expect_navigation() as navigation:
        page.click("#openapi-link")
    assert page.url.endswith("/api/v1/openapi.json")
    response = navigation.value
    assert response is not None and response.status == 200
    body = response.text()
    assert '"openapi"' in body and "CC-BY-4.0" in body
    context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_gives_calendar_links_on_site_url(transactional_db, browser, live_server, world,
                                             settings, language):  # fmt: skip
    # The page is opened through "localhost"; the site's one address is 127.0.0.1's.
    site = live_server.url.replace("localhost", "127.0.0.1")
    settings.SITE_URL = site
    context = reader_context(browser, live_server, language, 390)
    page = context.new_page()
    page.goto(f"{live_server.url.replace('127.0.0.1', 'localhost')}/data/")
    links = page.locator("a[href$='.ics']")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        f"{site}/calendar/birthdays.ics", f"{site}/calendar/releases.ics"
    ]  # fmt: skip
    response = page.request.get(links.first.get_attribute("href"))
    assert response.ok and b"BEGIN:VCALENDAR" in response.body()
    assert f"{site}/prisoners/".encode() in response.body()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_it_keeps_chart_labels_readable_on_a_phone(transactional_db, browser, live_server,
                                                   world, width):  # fmt: skip
    context = reader_context(browser, live_server, "ru", width)
    page = context.new_page()
    page.goto(f"{live_server.url}/stats/")
    heights = page.evaluate(
        "[...document.querySelectorAll('svg.chart text')].map(t => t.getBBox().height"
        " * t.getScreenCTM().d)"
    )
    assert heights and min(heights) >= 11  # px on screen: a chart scrolls, it never shrinks
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

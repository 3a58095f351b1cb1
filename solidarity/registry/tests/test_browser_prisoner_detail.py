"""The person page in a real Chromium: how to help, when the record was last updated,
timeline items a link can land on, and the Latin name for readers of Latin scripts.
English and Russian, at a phone's and a desktop's width."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from solidarity.conftest import reader_context
from solidarity.registry import models as m

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"help": "How to help", "updated": "Record last updated on", "write": "Write a letter"},
    "ru": {"help": "Как помочь", "updated": "Запись обновлена", "write": "Написать письмо"},
}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_tells_a_reader_how_to_help_and_how_fresh_the_record_is(
    browser, live_server, demo, language, width
):
    words = WORDS[language]
    context = reader_context(browser, live_server, language, width)
    page = context.new_page()
    lev = m.Person.objects.get(slug="lev-skoryakin")
    event = lev.events.order_by("-id").first()
    # A link from the feed lands on the event, not at the top of the page.
    page.goto(f"{live_server.url}/prisoners/lev-skoryakin/#event-{event.pk}")
    item = page.locator(f"ol.timeline li#event-{event.pk}")
    assert item.count() == 1
    assert page.locator("ol.timeline > li:not([id^=event-])").count() == 0
    assert page.evaluate("window.scrollY") > 0
    assert page.locator("section.how-to-help h2").inner_text() == words["help"]
    assert words["updated"] in page.locator("p.updated").inner_text()
    # The Latin name: beside the original in the heading, and in the title for Latin readers.
    assert page.locator("h1 .latin").inner_text() == "Lev Skoryakin"
    title = page.title()
    assert ("Lev Skoryakin" in title) == (language == "en")
    # Someone who receives letters through the site: the block links to the form.
    addressee = m.Person.objects.public().filter(accepts_letters=True).first()
    page.goto(f"{live_server.url}/prisoners/{addressee.slug}/")
    with page.expect_navigation(wait_until="load"):  # measured with its style sheet applied
        page.locator("section.how-to-help a", has_text=words["write"]).click()
    assert page.url.endswith(f"/prisoners/{addressee.slug}/write/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize(("language", "width"), [("ru", 390), ("en", 1280)])
def test_it_shows_a_consented_photo_within_the_screen(browser, live_server, demo, language,
                                                      width):  # fmt: skip
    from solidarity.registry import actions
    from solidarity.registry.tests.test_desk_person_photo import camera_jpeg

    lev = m.Person.objects.get(slug="lev-skoryakin")
    actions.set_photo(None, lev, camera_jpeg(1600, 1200))
    actions.record_consent(None, lev, "photo", True, method="lawyer")
    context = reader_context(browser, live_server, language, width)
    page = context.new_page()
    page.goto(f"{live_server.url}/prisoners/lev-skoryakin/")
    photo = page.locator("img.person-photo")
    assert photo.count() == 1
    assert page.evaluate("document.querySelector('img.person-photo').naturalWidth") == 800
    box = photo.bounding_box()
    assert box is not None and 0 < box["width"] <= min(width, 320) + 1
    assert abs(box["height"] / box["width"] - 0.75) < 0.02  # proportions kept
    alt = photo.get_attribute("alt") or ""
    assert alt.startswith("Фотография" if language == "ru" else "Photo of")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

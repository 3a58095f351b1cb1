"""The home page, for a journalist and a first-time helper, in a real Chromium: counts per
status (only statuses that have people), the latest events, a call to write, who can be
helped now (birthdays in two weeks with consent, releases soon), and the demo notice on
every page once demo data is loaded. English and Russian, 390 and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.conftest import reader_context
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import article, make_case, make_person

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"help": "Who you can help now", "write": "Write to someone now"},
    "ru": {"help": "Кому можно помочь сейчас", "write": "Написать письмо сейчас"},
}


@pytest.fixture
def registry(transactional_db):
    today = timezone.localdate()
    soon = today + dt.timedelta(days=5)
    vera = make_person("Вера Именинница", slug="vera", status="colony",
                       consent_publish_birthday="day_month")  # fmt: skip
    m.Person.objects.filter(pk=vera.pk).update(birth_date=f"1990-{soon:%m-%d}")
    # The same birthday without consent to show it: never on the home page.
    quiet = make_person("Галина Скрытная", slug="galina", status="colony",
                        consent_publish_birthday="year")  # fmt: skip
    m.Person.objects.filter(pk=quiet.pk).update(birth_date=f"1991-{soon:%m-%d}")
    # A one-year sentence in force eleven months ago: released within the next 90 days.
    pavel = make_person("Павел Скоро", slug="pavel", status="colony")
    case = make_case("Case of Pavel", slug="pavel-case", defendants=[pavel])
    m.Charge.objects.create(person=pavel, case=case, article=article("213"), part="2")
    start = today - dt.timedelta(days=330)
    m.Sentence.objects.create(person=pavel, case=case, years=1, regime="general",
                              pronounced_on=PartialDate.parse(start.isoformat()),
                              in_force_on=PartialDate.parse(start.isoformat()))  # fmt: skip
    m.Event.objects.create(person=pavel, type="detention", date=PartialDate.parse("2025-03-01"))
    latest = m.Event.objects.create(person=vera, type="sentence", date=PartialDate.parse("2026-01"))
    make_person("Скрытый Человек", slug="hidden", consent_publish_name=False, status="released")
    # Fictional demo people are public but never counted, as on the statistics page.
    for slug, status in (("fictional", "colony"), ("fictional-free", "released")):
        made = make_person(f"Fictional {slug}", slug=slug, status=status)
        m.Person.objects.filter(pk=made.pk).update(is_fictional=True)
    return {"latest": latest}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_shows_a_journalist_the_registry_at_a_glance(
    browser, live_server, registry, language, width
):
    words = WORDS[language]
    context = reader_context(browser, live_server, language, width)
    page = context.new_page()
    page.goto(live_server.url + "/")
    counts = page.locator("section.status-counts li").all_inner_texts()
    # Only statuses that have (public, real) people: three in colony, nobody released
    # publicly; the fictional people in colony and released are not counted.
    assert len(counts) == 1 and counts[0].endswith(": 3")
    assert "3" in page.inner_text("p.lead")
    help_now = page.locator("section.help-now")
    assert help_now.locator("h2").inner_text() == words["help"]
    assert help_now.locator("ul.birthdays li").all_inner_texts()[0].startswith("Вера Именинница")
    assert "Галина" not in help_now.inner_text()
    assert help_now.locator("ul.releases li").all_inner_texts()[0].startswith("Павел Скоро")
    # The newest event first; its link lands on the event itself.
    first = page.locator("section.latest li a").first
    assert first.get_attribute("href") == f"/prisoners/vera/#event-{registry['latest'].pk}"
    first.click()
    assert page.locator(f"#event-{registry['latest'].pk}").count() == 1
    page.goto(live_server.url + "/")
    page.click(f"text={words['write']}")
    assert "/write" in page.url or "/prisoners/" in page.url
    assert "Скрытый" not in page.content()
    page.wait_for_load_state("load")  # measured with its style sheet applied
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # No demo data, no demo notice.
    assert page.locator("p.demo").count() == 0
    context.close()


def test_it_puts_the_demo_notice_on_every_page_once_demo_data_is_loaded(
    browser, live_server, transactional_db
):
    call_command("load_demo", verbosity=0)
    page = browser.new_page()
    for path in ("/", "/prisoners/", "/cases/", "/facilities/", "/stats/", "/data/", "/write/"):
        page.goto(live_server.url + path)
        assert page.locator("p.demo").count() == 1, path
    page.close()

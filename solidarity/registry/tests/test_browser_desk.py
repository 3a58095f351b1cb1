"""The registry desk in a real Chromium: a coordinator's day, in English and Russian, at
390 px and 1280 px, with JavaScript off and on.

From a news item to a published record and back: create a person, cite the news, add a
case, a charge and a sentence with remand and read the release date, record consent and
see the public page, transfer and see the timeline and the writers told, merge a
duplicate, withdraw consent and see the person gone from every public page and file.
No page scrolls sideways.
"""

import pytest
from django.test import Client

from solidarity.letters.models import LetterEvent
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.transfers import NOTE
from solidarity.registry import models as m
from solidarity.registry.tests.factories import make_facility, make_person

pytestmark = pytest.mark.browser

LABELS = {
    "en": {"new": "New person", "save": "Save", "release": "Release expected"},
    "ru": {"new": "Новый человек", "save": "Сохранить", "release": "Ожидаемое освобождение"},
}


def _no_sideways_scroll(page):  # type: ignore[no-untyped-def]
    page.wait_for_load_state("load")  # with its style sheet applied
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{page.url}: {width} px wide in a {viewport} px window"


def _open(page, action: str):  # type: ignore[no-untyped-def]
    """The form posting to `action`, its <details> opened if it is folded away."""
    form = page.locator(f'form[action$="{action}"]')
    opener = form.locator("xpath=ancestor::details/summary")
    if opener.count() and not form.is_visible():
        opener.click()
    return form


def _submit(page, action: str):  # type: ignore[no-untyped-def]
    _open(page, action).locator("button[type=submit]").click()


@pytest.mark.parametrize(
    ("lang", "width", "javascript"),
    [("en", 390, False), ("ru", 390, True), ("en", 1280, True), ("ru", 1280, False)],
)
def test_it_walks_a_coordinators_day(browser, live_server, transactional_db, lang, width,
                                     javascript):  # fmt: skip
    from solidarity.accounts.models import User
    from solidarity.conftest import sign_in_with_second_factor

    colony = make_facility(slug="ik-3-far", name_en="IK-3 Far", name_ru="ИК-3", kind="ik",
                           postal_address="ул. Дальняя, 3")  # fmt: skip
    twin = make_person("Ivan Petrovsky", slug="ivan-petrovsky-old", consent_publish_name=False)
    m.Event.objects.create(person=twin, type="search", text_en="an earlier search")
    coordinator = User.objects.create_user("demo", password="p" * 16, is_staff=True,
                                           role="coordinator")  # fmt: skip
    client = sign_in_with_second_factor(Client(), coordinator)
    context = browser.new_context(
        locale="ru-RU" if lang == "ru" else "en-GB", java_script_enabled=javascript,
        viewport={"width": width, "height": 900},
    )  # fmt: skip
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    page = context.new_page()
    words = LABELS[lang]

    page.goto(f"{live_server.url}/staff/registry/")
    _no_sideways_scroll(page)
    page.click(f"text={words['new']}")
    page.fill("#id_name", "Иван Петровский")
    page.select_option("#id_status", str(m.PersonStatus.objects.get(code="remand").pk))
    page.fill("#id_birth_date", "1990")
    page.fill("#id_country", "RU")
    page.click(f"button:has-text('{words['save']}')")
    # Ivan Petrovsky is in the registry already under a Latin spelling: shown, set aside.
    assert "/staff/registry/people/ivan-petrovsky-old/" in page.content()
    _no_sideways_scroll(page)
    page.check("#id_not_a_duplicate")
    page.click(f"button:has-text('{words['save']}')")
    person = m.Person.objects.named("Иван Петровский").get()
    assert page.url.endswith(f"/staff/registry/people/{person.slug}/")
    _no_sideways_scroll(page)

    # The news item, cited.
    _open(page, "/events/")
    page.select_option("#id_event-type", "detention")
    page.fill("#id_event-date", "2024-03-10")
    page.fill("#id_event-source_url", "https://news.example.org/2024/03/10")
    page.fill("#id_event-source_title", "Detained in Tver")
    page.fill("#id_event-quote", "Ivan Petrovsky was detained on 10 March")
    _submit(page, "/events/")
    assert "Ivan Petrovsky was detained on 10 March" in page.content()

    # A case, a charge and a sentence with remand: the release date, with its arithmetic.
    _open(page, "/charges/")
    page.fill("#id_charge-new_case", "Tver case")
    page.fill("#id_charge-article", "205.2")
    page.fill("#id_charge-part", "2")
    _submit(page, "/charges/")
    errors = page.locator(".error").all_inner_texts()
    assert errors == [], errors
    case = m.Case.objects.get(name_en="Tver case")
    _open(page, "/sentences/")
    page.fill("#id_sentence-case", case.slug)
    page.fill("#id_sentence-years", "5")
    page.select_option("#id_sentence-regime", "general")
    page.fill("#id_sentence-in_force_on", "2025-01-15")
    page.fill("#id_sentence-remand_from", "2024-03-10")
    _submit(page, "/sentences/")
    assert words["release"] in page.content()
    _no_sideways_scroll(page)

    # Consent to publish the name: the public page opens.
    page.select_option("#id_consent-scope", "name")
    page.select_option("#id_consent-granted", "yes")
    page.select_option("#id_consent-method", "lawyer")
    _submit(page, "/consent/")
    public = context.new_page()
    assert public.goto(f"{live_server.url}/prisoners/{person.slug}/").status == 200
    _no_sideways_scroll(public)

    # A letter on its way, then a transfer: the timeline shows it, the writer is told.
    person.refresh_from_db()
    letter = submit_letter(person, body="Держись!", submission_key="walk")
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    page.reload()
    page.select_option("#id_transfer-facility", colony.slug)
    page.fill("#id_transfer-date", "2026-11")
    _submit(page, "/transfer/")
    assert m.Event.objects.filter(person=person, type="transfer", facility=colony).count() == 1
    shown = colony.name_ru if lang == "ru" else colony.name_en
    assert shown in page.locator("#timeline + ol").inner_text()
    assert [e.note for e in LetterEvent.objects.filter(letter=letter)].count(NOTE) == 1

    # The old record is the same man: merged, its facts and address move over.
    page.fill("#id_merge-other", "ivan-petrovsky-old")
    _submit(page, "/merge/")
    assert not m.Person.objects.filter(slug="ivan-petrovsky-old").exists()
    assert m.Event.objects.filter(person=person, type="search").exists()

    # Consent withdrawn: gone from every public page and file at the next request.
    page.select_option("#id_consent-scope", "name")
    page.select_option("#id_consent-granted", "no")
    page.select_option("#id_consent-method", "relative")
    _submit(page, "/consent/")
    assert public.goto(f"{live_server.url}/prisoners/{person.slug}/").status == 404
    for path in ("/prisoners/", "/data/prisoners.csv", "/api/v1/people", "/feeds/updates.atom",
                 "/cases/", "/stats/"):  # fmt: skip
        response = context.request.get(f"{live_server.url}{path}")
        assert response.status == 200, path
        body = response.text()
        assert person.slug not in body and "Петровский" not in body, path
    context.close()

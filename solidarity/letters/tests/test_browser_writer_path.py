"""The writer's path in a real Chromium, on a phone and a desktop, in English and Russian:
check before the rules box, a flagged letter asks before it is sent, the status link to
copy, the confirmation e-mail's link opened in the browser, then the letter erased."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from solidarity.conftest import reader_context
from solidarity.letters.models import Letter, State
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_facility, make_person

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"check": "Check my letter", "send": "Send", "anyway": "Send anyway",
           "not_sent": "Your letter is not sent yet", "state": "awaiting moderation",
           "copy": "Copy the link", "copied": "Copied", "erase": "Erase my letter and contact",
           "yes": "Yes, erase it", "erased": "Your letter was erased",
           "example": "An example of a good letter", "subject": "Your letter was received"},
    "ru": {"check": "Проверить письмо", "send": "Отправить", "anyway": "Всё равно отправить",
           "not_sent": "Письмо ещё не отправлено", "state": "принято",
           "copy": "Скопировать ссылку", "copied": "Скопировано",
           "erase": "Стереть письмо и мой контакт", "yes": "Да, стереть",
           "erased": "Ваше письмо стёрто", "example": "Пример хорошего письма",
           "subject": "Ваше письмо принято"},
}  # fmt: skip


def no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("width", [390, 1280])
def test_it_walks_a_writer_from_the_form_to_the_mailed_link_and_erasure(
    browser, live_server, transactional_db, run_tasks, settings, language, width
):
    settings.SITE_URL = live_server.url
    facility = make_facility(slug="ik-9", name_en="IK-9", name_ru="ИК-9",
                             postal_address="ул. Лесная, д. 9, г. Энск, 600009")  # fmt: skip
    make_person(
        "Вера Тестова", slug="vera", facility=facility, accepts_letters=True,
        name_latin="Vera Testova", full_name="Тестова Вера Игоревна",
        birth_date=PartialDate.parse("1991"), interests="Astronomy, knitting, old films.",
    )  # fmt: skip
    words = WORDS[language]
    context = reader_context(browser, live_server, language, width=width)
    page = context.new_page()
    page.goto(f"{live_server.url}/prisoners/vera/write/")
    assert ("Vera Testova" in page.inner_text("h1")) == (language == "en")
    assert "knitting" in page.content()
    page.click(f"text={words['example']}")  # the example opens in place
    no_sideways_scroll(page)

    page.fill("#id_body", "Дорогая Вера, держись! Пусть война скорее кончится.")
    page.fill("#id_signature", "Мия")
    page.fill("#id_contact", "mia.browser@example.org")
    page.click(f"button[name=check] >> text={words['check']}")  # rules box not ticked
    assert "война" in page.inner_text(".precheck")
    page.check("#id_rules")
    page.click(f"button[name=send] >> text={words['send']}")
    assert words["not_sent"] in page.inner_text(".precheck")
    assert not Letter.objects.exists()
    no_sideways_scroll(page)
    page.click(f"text={words['anyway']}")
    page.wait_for_url(re.compile(r".*/letters/[\w-]{40,}/$"))
    status_url = page.url
    assert page.input_value("#status-link") == status_url
    assert words["state"] in page.content()
    page.click(f"text={words['copy']}")  # the button exists only with JavaScript
    expect(page.locator("[data-copy] button")).to_have_text(words["copied"])
    no_sideways_scroll(page)

    run_tasks()  # the task worker sends the confirmation at once
    [message] = mail.outbox
    assert message.subject == words["subject"]
    [link] = re.findall(r"http://\S+", message.body)
    mailed = reader_context(browser, live_server, language, width=width).new_page()
    mailed.goto(link)
    assert mailed.url == status_url
    assert "Дорогая Вера, держись!" in mailed.content()

    mailed.click(f"text={words['erase']}")
    mailed.click(f"text={words['yes']}")
    assert words["erased"] in mailed.inner_text("h1")
    letter = Letter.objects.get()
    assert letter.body == "" and letter.contact == "" and letter.state == State.WITHDRAWN
    assert mailed.goto(status_url).status == 404
    context.close()


def test_it_offers_the_link_as_text_without_javascript(browser, live_server, transactional_db):
    facility = make_facility(slug="ik-8", name_en="IK-8", postal_address="г. Энск, 600008")
    make_person("Вера Тестова", slug="vera", facility=facility, accepts_letters=True)
    context = browser.new_context(java_script_enabled=False, locale="en-GB",
                                  viewport={"width": 390, "height": 800})  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/prisoners/vera/write/")
    page.fill("#id_body", "Дорогая Вера, у нас тёплая осень.")
    page.check("#id_rules")
    page.click("button[name=send]")
    page.wait_for_url(re.compile(r".*/letters/[\w-]{40,}/$"))
    assert page.input_value("#status-link").endswith(page.url.split("/", 3)[3])
    assert page.locator("[data-copy] button").count() == 0  # no button that cannot work
    context.close()

"""Tracking in a real Chromium, on a phone and a desktop, in English and Russian: a printed
batch is marked posted (its letters go on their way only then), the letters are filtered
by facility and by batch, a whole batch is marked delivered and leaves "on their way"."""

import pytest
from django.test import Client

from solidarity.conftest import sign_in_with_second_factor, staff_context
from solidarity.letters.models import Letter, State
from solidarity.letters.services.dispatch import build_post_batch, request_post_batch
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.tests.factories import make_facility, make_person

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"posted": "Mark as posted", "show": "Show", "deliver": "Mark the whole batch delivered",
           "on_the_way": "Letters on their way", "delivered": "Delivered, waiting for a reply"},
    "ru": {"posted": "Отметить отправленной", "show": "Показать",
           "deliver": "Отметить всю пачку доставленной", "on_the_way": "Письма в пути",
           "delivered": "Доставлены, ждут ответа"},
}  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_posts_filters_and_delivers_a_batch(browser, live_server, transactional_db, settings,
                                               language, width):  # fmt: skip
    settings.LETTERS_RETURN_ADDRESS = "Группа | а/я 1, г. Тест, 000001"
    words = WORDS[language]
    sizo = make_facility(slug="sizo-5", name_en="SIZO-5", name_ru="СИЗО-5",
                         postal_address="ул. Тюремная, 5, г. Тест, 000005")  # fmt: skip
    colony = make_facility(slug="ik-8", name_en="IK-8", name_ru="ИК-8",
                           postal_address="ул. Колонийная, 8, г. Тест, 000008")  # fmt: skip
    vera = make_person("Вера Тестова", slug="vera", facility=sizo, accepts_letters=True)
    pavel = make_person("Павел Тестов", slug="pavel", facility=colony, accepts_letters=True)
    ids = []
    for n, person in enumerate([vera, vera, pavel]):
        letter = submit_letter(person, body="Держитесь!", submission_key=f"k{n}")
        ids.append(advance(None, letter, "approve").pk)
    batch = build_post_batch(request_post_batch(None).pk)
    user = staff(Client(), "moderator")
    client = sign_in_with_second_factor(Client(), user)
    context = staff_context(browser, live_server, client, language, width)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/letters/dispatch/")
    assert not Letter.objects.filter(state=State.DISPATCHED).exists()  # printed, not posted
    page.get_by_role("button", name=words["posted"]).click()
    assert Letter.objects.filter(state=State.DISPATCHED).count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    vera.facility = colony  # moved after the letters were posted to the SIZO
    vera.save()
    page.goto(f"{live_server.url}/staff/letters/tracking/")
    page.select_option("#filter-facility", "sizo-5")
    page.get_by_role("button", name=words["show"], exact=True).click()
    shown = page.locator("ul.on-the-way li").all_inner_texts()
    assert len(shown) == 2 and all("Вера Тестова" in row for row in shown)
    assert all(("СИЗО-5" if language == "ru" else "SIZO-5") in row for row in shown)
    page.goto(f"{live_server.url}/staff/letters/tracking/")
    page.select_option("#filter-batch", str(batch.pk))
    page.get_by_role("button", name=words["show"], exact=True).click()
    assert page.locator("ul.on-the-way li").count() == 3
    page.get_by_role("button", name=words["deliver"]).click()
    assert page.locator("h1").inner_text() == words["on_the_way"]
    assert page.locator("ul.on-the-way li[id^=letter-]").count() == 0
    assert page.locator("ul.delivered li[id^=letter-]").count() == 3
    assert words["delivered"] in page.locator("h2").all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert set(Letter.objects.values_list("state", flat=True)) == {State.DELIVERED}
    context.close()

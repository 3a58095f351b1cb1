"""In a real Chromium, on a phone and a desktop, in English and Russian: a volunteer finds
the person a need is for by name, picks them, and a refused form keeps what was typed with
the problem beside its field. No JavaScript needed: "Find" re-shows the same form."""

import pytest
from django.test import Client

from solidarity.accounts.models import User
from solidarity.conftest import sign_in_with_second_factor, staff_context
from solidarity.support.models import Need

pytestmark = pytest.mark.browser

WORDS = {"en": ("Find", "Save", "The amount must be more than zero."),
         "ru": ("Найти", "Сохранить", None)}  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_finds_picks_and_keeps_what_was_typed(browser, live_server, transactional_db, alice,
                                                 language, width):  # fmt: skip
    find, save, problem = WORDS[language]
    user = User.objects.create_user("ed", password="p" * 16, is_staff=True, role="editor")
    client = sign_in_with_second_factor(Client(), user)
    context = staff_context(browser, live_server, client, language, width,
                            java_script_enabled=False)  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/support/needs/new/")
    page.fill("#description", "Appeal lawyer")
    page.fill("#amount", "-5")
    page.fill("#person-q", "Андреева")
    page.get_by_role("button", name=find, exact=True).click()
    assert page.locator("#description").input_value() == "Appeal lawyer"
    radio = page.locator("input[name=person][value=alisa-andreeva]")
    assert radio.is_checked()
    page.get_by_role("button", name=save, exact=True).click()
    assert page.locator("#amount").input_value() == "-5"
    assert page.locator("#amount-error").is_visible()
    if problem:
        assert page.locator("#amount-error").inner_text() == problem
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.fill("#amount", "300")
    page.select_option("#need-currency", "EUR")
    page.get_by_role("button", name=save, exact=True).click()
    page.wait_for_url("**/staff/support/needs/*/")
    assert Need.objects.get().person == alice
    context.close()

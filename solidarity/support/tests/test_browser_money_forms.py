"""In a real Chromium, on a phone and a desktop, in English and Russian, without
JavaScript: a refused money form (money received, money spent, the rate of the day) comes
back with everything typed and the problem beside its field; corrected, it is recorded."""

from decimal import Decimal

import pytest
from django.test import Client

from solidarity.conftest import sign_in_with_second_factor
from solidarity.support.models import Entry, Rate
from solidarity.support.services import ledger

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"income": "Record money received", "rate": "Record rate", "spend": "Record payment",
           "zero": "The amount must be more than zero.", "done": "Money received recorded."},
    "ru": {"income": "Записать поступление", "rate": "Записать курс", "spend": "Записать оплату",
           "zero": "Сумма должна быть больше нуля.", "done": "Поступление записано."},
}  # fmt: skip


def staff_page(browser, live_server, user, language: str, width: int):  # type: ignore[no-untyped-def]
    client = sign_in_with_second_factor(Client(), user)
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=False)  # fmt: skip
    context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": "django_language", "value": language, "url": live_server.url},
    ])  # fmt: skip
    return context, context.new_page()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_keeps_a_refused_money_form_as_typed(
    browser, live_server, transactional_db, coordinator, lawyer_need, language, width
):
    words = WORDS[language]
    context, page = staff_page(browser, live_server, coordinator, language, width)
    page.goto(f"{live_server.url}/staff/support/money/")
    form = page.locator("#income-form")
    form.locator("#in-amount").fill("-5")
    form.locator("#in-currency").select_option("USD")
    form.locator("#in-rate").fill("0.9")
    form.locator("#in-source").select_option("grant")
    form.locator("#in-donor").fill("Donor Typed")
    form.locator("#in-note").fill("Kept note")
    form.get_by_role("button", name=words["income"]).click()
    assert page.locator("#in-amount-error").inner_text() == words["zero"]
    assert page.locator("#in-amount").input_value() == "-5"
    assert page.locator("#in-currency").input_value() == "USD"
    assert page.locator("#in-rate").input_value() == "0.9"
    assert page.locator("#in-source").input_value() == "grant"
    assert page.locator("#in-donor").input_value() == "Donor Typed"
    assert page.locator("#in-note").input_value() == "Kept note"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#in-amount").fill("50")
    page.locator("#income-form").get_by_role("button", name=words["income"]).click()
    assert words["done"] in page.locator("p.notice").all_inner_texts()
    assert ledger.group_balance() == Decimal("45.00")

    # The rate of the day: its problem beside the rate, the currency kept.
    page.locator("#rate-currency").select_option("GEL")
    page.locator("#rate-value").fill("abc")
    page.locator("#rate-form").get_by_role("button", name=words["rate"]).click()
    assert page.locator("#rate-value-error").is_visible()
    assert page.locator("#rate-currency").input_value() == "GEL"
    assert page.locator("#rate-value").input_value() == "abc"
    assert not Rate.objects.filter(currency="GEL").exists()

    # Spent for a need, from its page: back on that page, the amount's problem beside it.
    page.goto(f"{live_server.url}/staff/support/needs/{lawyer_need.pk}/")
    page.locator("#out-amount").fill("100")
    page.locator("#out-note").fill("court fee")
    page.locator("#spend-form").get_by_role("button", name=words["spend"]).click()
    assert "Appeal lawyer" in page.locator("#description").input_value()
    assert page.locator("#out-amount-error").is_visible()
    assert page.locator("#out-amount").input_value() == "100"
    assert page.locator("#out-note").input_value() == "court fee"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Entry.objects.filter(kind="spend").count() == 0
    context.close()

"""Moderation in a real Chromium, on a phone and a desktop, in English and Russian: the
flagged words are marked in the letter (its markup shown as text, never run), explained in
the moderator's language; Reject looks unlike Approve and needs its confirmation box, and
the refusal appears beside the letter concerned."""

import pytest
from django.test import Client

from solidarity.conftest import sign_in_with_second_factor, staff_context
from solidarity.letters.models import Letter, State
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.tests.factories import make_person

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"war": "the war", "reject": "Reject", "yes": "Yes, reject this letter",
           "confirm": "Tick “Yes, reject this letter”"},
    "ru": {"war": "война", "reject": "Отклонить", "yes": "Да, отклонить это письмо",
           "confirm": "отметьте «Да, отклонить это письмо»"},
}  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_marks_flags_and_confirms_a_rejection(browser, live_server, transactional_db,
                                                 language, width):  # fmt: skip
    words = WORDS[language]
    vera = make_person("Вера Тестова", slug="vera", accepts_letters=True)
    calm = submit_letter(vera, body="Держись, Вера! Весна близко.", submission_key="k1")
    loud = submit_letter(vera, body="Держись! <img src=x onerror=alert(1)> Война кончится.",
                         submission_key="k2")  # fmt: skip
    user = staff(Client(), "moderator")
    client = sign_in_with_second_factor(Client(), user)
    context = staff_context(browser, live_server, client, language, width)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/letters/moderate/")
    card = page.locator(f"#letter-{loud.pk}")
    assert "Война" in card.locator(".letter mark").all_inner_texts()  # and the Latin words
    assert "<img src=x" in card.locator(".letter").inner_text()  # shown, never run
    assert card.locator(".letter img").count() == 0
    assert words["war"] in card.locator(".findings").inner_text()
    approve = card.locator("button[value=approve]")
    reject = card.locator("button[value=reject]")
    assert approve.evaluate("b => getComputedStyle(b).backgroundColor") != reject.evaluate(
        "b => getComputedStyle(b).backgroundColor"
    )
    card.locator("textarea").fill("Please leave out the war.")
    reject.click()
    card = page.locator(f"#letter-{loud.pk}")
    assert words["confirm"] in card.locator(".field-error").inner_text()
    assert card.locator("textarea").input_value() == "Please leave out the war."
    assert page.locator(f"#letter-{calm.pk} .field-error").count() == 0
    assert Letter.objects.get(pk=loud.pk).state == State.AWAITING_MODERATION
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card.get_by_label(words["yes"]).check()
    card.locator("button[value=reject]").click()
    assert Letter.objects.get(pk=loud.pk).state == State.REJECTED
    assert page.locator(f"#letter-{loud.pk}").count() == 0
    context.close()

"""Belarusian: the public pages and the letter form read in Belarusian, at a phone's and a
desktop's width, and a letter written in Belarusian goes through."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("width", [390, 1280])
def test_it_shows_the_public_pages_and_the_letter_form_in_belarusian(
    browser, live_server, demo, width
):
    context = browser.new_context(locale="be-BY", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/prisoners/")
    # A Belarusian browser gets Belarusian at once; the buttons offer the others.
    assert page.evaluate("document.documentElement.lang") == "be"
    assert page.locator("h1").inner_text() == "Вязні"
    assert page.locator("#country option[value='']").inner_text() == "любая"
    assert page.locator("form.lang button[value=ru]").inner_text() == "Русский"
    page.goto(f"{live_server.url}/prisoners/lev-skoryakin/")
    assert page.locator("h2", has_text="Храналогія").count() == 1
    page.goto(f"{live_server.url}/write/")
    page.wait_for_url(re.compile(r".*/prisoners/[\w-]+/write/$"))
    assert page.locator("h1").inner_text().startswith("Напісаць:")
    assert page.locator("label[for=id_body]").inner_text().startswith("Ваш ліст")
    page.fill("#id_body", "Прывітанне! Пішу табе з Вільні. Трымайся, мы памятаем пра цябе!")
    page.check("#id_rules")
    page.click("button[name=send]")
    page.wait_for_url(re.compile(r".*/letters/[\w-]{40,}/$"))
    assert "Захавайце адрас гэтай старонкі" in page.content()
    page.wait_for_load_state("load")  # measured with its style sheet applied
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()

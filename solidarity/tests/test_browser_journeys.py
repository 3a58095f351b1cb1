"""The main public journeys in a real Chromium, in English and Russian, with and without
JavaScript: find a prisoner across scripts, read the page, write a letter and follow it,
look at the statistics. (The staff journeys have their own browser tests: the letter path
in letters/, ingesting and accepting in intake/, money in support/.)"""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"stats": "Statistics", "status": "needs translation"},
    "ru": {"stats": "Статистика", "status": "на проверке у модератора"},
}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_reader_finds_a_prisoner_writes_and_follows_the_letter(
    browser, live_server, demo, language, javascript
):
    words = WORDS[language]
    context = browser.new_context(locale="ru-RU" if language == "ru" else "en-GB",
                                  java_script_enabled=javascript)  # fmt: skip
    page = context.new_page()
    # Across scripts and case endings: the Cyrillic genitive and a Latin spelling.
    for query in ("Скорякина", "skorjakin"):
        page.goto(f"{live_server.url}/prisoners/?q={query}")
        assert "Lev Skoryakin" in page.content() or "Лев Скорякин" in page.content()
    page.click("a[href='/prisoners/lev-skoryakin/']")
    assert "Лев Скорякин" in page.content()
    assert f'lang="{language}"' in page.content()
    # Nobody in the interview receives letters; the demo's fictional addressee does.
    page.goto(f"{live_server.url}/write/")
    page.wait_for_url(re.compile(r".*/prisoners/[\w-]+/write/$"))
    body = (
        "Привет! Пишу тебе из Берлина, здесь уже выпал снег. Держись!"
        if language == "ru"
        else "Hello! Writing to you from Berlin, the first snow fell today. Stay strong!"
    )
    page.fill("#id_body", body)
    page.check("#id_rules")
    page.click("button[name=send]")
    page.wait_for_url(re.compile(r".*/letters/[\w-]{40,}/$"))
    status = page.content()
    assert body.split("!")[0] in status
    # An English letter waits for a translator; a Russian one goes straight to moderation.
    assert words["status"] in status
    page.goto(f"{live_server.url}/stats/")
    assert words["stats"] in page.content() and "<svg" in page.content()
    context.close()

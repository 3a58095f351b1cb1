"""/staff/accounts/ in a real Chromium, in Russian on a phone and in English on a desktop:
a coordinator adds an editor and reads the passphrase to hand over; nothing scrolls
sideways."""

import re

import pytest
from django.test import Client

from solidarity.accounts.models import User
from solidarity.accounts.tests.test_keys_view import with_sudo
from solidarity.conftest import sign_in_with_second_factor, staff_context

pytestmark = pytest.mark.browser
WORDS = {
    "en": {"add": "Add the account", "role": "editor", "shown": "shown only now"},
    "ru": {"add": "Добавить учётную запись", "role": "редактор", "shown": "только сейчас"},
}


@pytest.mark.parametrize(("lang", "width"), [("ru", 390), ("en", 1280)])
def test_it_adds_an_editor_on_a_phone_and_on_a_desktop(browser, live_server,
                                                       transactional_db, lang, width):  # fmt: skip
    words = WORDS[lang]
    coordinator = User.objects.create_user("demo", password="p" * 16, is_staff=True,
                                           role="coordinator")  # fmt: skip
    client = with_sudo(sign_in_with_second_factor(Client(), coordinator))
    context = staff_context(browser, live_server, client, lang, width,
                            locale="ru-RU" if lang == "ru" else "en-GB")  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/accounts/")
    page.fill("#new-username", "nina")
    page.select_option("#new-role", "editor")
    page.click(f"button:has-text('{words['add']}')")
    notice = page.locator("#passphrase")
    assert words["shown"] in notice.inner_text()
    passphrase = notice.locator("code").inner_text()
    assert re.fullmatch(r"[a-z0-9]{5}(-[a-z0-9]{5}){4}", passphrase)
    assert User.objects.get(username="nina").check_password(passphrase)
    row = page.locator(f"#account-{User.objects.get(username='nina').pk}")
    assert row.locator("select option:checked").inner_text() == words["role"]
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

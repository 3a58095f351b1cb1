"""The whole path of a letter in a real Chromium: write in English, translate, moderate,
print the post batch (read back), mark delivered, attach the reply, read it as the writer."""

import io
import re
import zipfile

import pytest
from django.test import Client
from pypdf import PdfReader

from solidarity.accounts.models import User
from solidarity.conftest import sign_in_with_second_factor
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_facility, make_person

pytestmark = pytest.mark.browser


def staff_context(browser, live_server, username, role):  # type: ignore[no-untyped-def]
    user = User.objects.create_user(username, password="p" * 16, is_staff=True, role=role)
    client = sign_in_with_second_factor(Client(), user)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    return context


def test_it_carries_a_letter_from_writer_to_prisoner_and_back(
    browser, live_server, transactional_db, run_tasks
):
    facility = make_facility(slug="ik-7", name_en="IK-7", name_ru="ИК-7",
                             postal_address="ул. Лесная, д. 7, г. Энск, 600007")  # fmt: skip
    make_person(
        "Вера Тестова", slug="vera", facility=facility, accepts_letters=True,
        full_name="Тестова Вера Игоревна", birth_date=PartialDate.parse("1991"),
    )  # fmt: skip

    writer = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = writer.new_page()
    page.goto(f"{live_server.url}/prisoners/vera/")
    page.click("text=Write a letter")
    page.fill("#id_body", "Dear Vera, the river here is frozen and the children skate on it.")
    page.fill("#id_signature", "Mia")
    page.fill("#id_contact", "mia@example.org")
    page.check("#id_rules")
    page.click("button[value='1'][name=check]")
    assert "not in Russian" in page.content()
    page.click("button[name=send]")
    page.wait_for_url(re.compile(r".*/letters/[\w-]{40,}/$"))
    status_url = page.url
    assert "needs translation" in page.content()

    translator = staff_context(browser, live_server, "tina", "translator").new_page()
    translator.goto(f"{live_server.url}/staff/letters/translate/")
    translator.click("text=Take this letter")
    assert "mia@example.org" not in translator.content()
    translator.fill(
        "#translation", "Дорогая Вера, река у нас замёрзла, и дети катаются на коньках."
    )
    translator.click("text=Save and send to moderation")

    moderator = staff_context(browser, live_server, "mo", "moderator").new_page()
    moderator.goto(f"{live_server.url}/staff/letters/moderate/")
    assert "река у нас замёрзла" in moderator.content()
    moderator.click("button[value=approve]")
    moderator.goto(f"{live_server.url}/staff/letters/dispatch/")
    moderator.get_by_role("button", name="Print", exact=True).click()
    assert "The batch is being prepared" in moderator.content()
    run_tasks()  # the task worker renders the batch
    moderator.reload()
    with moderator.expect_download() as download:
        moderator.click("text=Download the zip")
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    pdf = PdfReader(io.BytesIO(archive.read(archive.namelist()[0])))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "река у нас замёрзла" in text
    assert "Тестова Вера Игоревна, 1991 г. р." in text
    assert "ул. Лесная, д. 7, г. Энск, 600007" in text
    moderator.click("text=Mark as posted")  # posted: only now on its way

    moderator.goto(f"{live_server.url}/staff/letters/tracking/")
    moderator.click("button[value=deliver]")
    moderator.goto(f"{live_server.url}/staff/letters/tracking/")
    moderator.click("text=Attach the reply")
    moderator.fill("#transcription", "Спасибо! Очень рада письму.")
    moderator.fill("#translation", "Thank you! I am very glad of the letter.")
    moderator.click("main button[type=submit]")
    moderator.wait_for_url(re.compile(r".*/staff/letters/tracking/$"))

    page.goto(status_url)
    content = page.content()
    assert "answered" in content
    assert "Thank you! I am very glad of the letter." in content
    assert "Дорогая Вера, река у нас замёрзла" in content  # the translation the writer sees
    writer.close()

"""The review desk in a real Chromium, without JavaScript: upload, then accept, edit, reject."""

import pytest

from solidarity.intake.models import Proposal, ProposalStatus
from solidarity.letters.tests.test_browser_letter_path import staff_context
from solidarity.registry.models import Charge, Event, Person

from .conftest import REPORT

pytestmark = pytest.mark.browser


def test_it_turns_a_report_into_registry_records(browser, live_server, transactional_db,
                                                 tmp_path, run_tasks):  # fmt: skip
    context = staff_context(browser, live_server, "edna", "editor")
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/intake/")
    document = tmp_path / "report.txt"
    document.write_text(REPORT, encoding="utf-8")
    page.set_input_files("#id_document", str(document))
    page.click("text=Read it")
    assert "being read in the background" in page.content()
    run_tasks()
    page.reload()
    page.click("text=report.txt")  # untitled: named by its file, not its first line

    belov = Proposal.objects.get(kind="person", subject="Kirill Belov")
    form = page.locator(f"#proposal-{belov.pk}")
    form.locator("text=Accept as a new person").click()
    assert Person.objects.named("Kirill Belov").exists()

    charge = Proposal.objects.get(kind="charge", subject="Kirill Belov")
    page.fill(f"#part-{charge.pk}", "2")  # edited before accepting
    page.locator(f"#proposal-{charge.pk}").locator("button[value=accept]").click()
    made = Charge.objects.get(person__in=Person.objects.named("Kirill Belov"))
    assert (made.article.number, made.part) == ("207.3", "2")

    event = Proposal.objects.filter(kind="event", subject="Kirill Belov",
                                    data__type="detention").get()  # fmt: skip
    page.fill(f"#place-{event.pk}", "Kazan")
    page.locator(f"#proposal-{event.pk}").locator("button[value=accept]").click()
    assert Event.objects.get(person__in=Person.objects.named("Kirill Belov")).place == "Kazan"

    ivanova = Proposal.objects.get(kind="person", subject="Maria Ivanova")
    page.fill(f"#reason-{ivanova.pk}", "not in our remit")
    page.locator(f"#proposal-{ivanova.pk}").locator("button[value=reject]").click()
    ivanova.refresh_from_db()
    assert ivanova.status == ProposalStatus.REJECTED
    assert "not in our remit" in page.locator(f"#proposal-{ivanova.pk}").inner_text()
    assert "accepted (edna)" in page.locator(f"#proposal-{belov.pk}").inner_text()


def _russian_editor(browser, live_server, **options):  # type: ignore[no-untyped-def]
    """A Chromium context signed in as an editor (second factor passed), in Russian."""
    from django.test import Client

    from solidarity.accounts.models import User
    from solidarity.conftest import sign_in_with_second_factor

    user = User.objects.create_user("ирина", password="p" * 16, is_staff=True, role="editor")
    client = sign_in_with_second_factor(Client(), user)
    context = browser.new_context(locale="ru-RU", **options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    return context


RU_REPORT = (
    "14 апреля 2023 года в Новосибирске задержали анархиста Артёма Васильева. Васильеву "
    "предъявили обвинение по ч. 2 ст. 205.2 УК РФ.\n"
)


def test_it_works_in_russian_too(browser, live_server, transactional_db, tmp_path, run_tasks):
    context = _russian_editor(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/intake/")
    assert "Загруженные документы" in page.content()
    document = tmp_path / "статья.txt"
    document.write_text(RU_REPORT, encoding="utf-8")
    page.set_input_files("#id_document", str(document))
    page.click("text=Прочитать")
    assert "читается в фоне" in page.content()
    run_tasks()
    page.reload()
    page.click("text=статья.txt")
    person = Proposal.objects.get(kind="person", subject="Артём Васильев")
    page.locator(f"#proposal-{person.pk}").locator("text=Принять как нового человека").click()
    assert Person.objects.named("Артём Васильев").exists()
    charge = Proposal.objects.get(kind="charge")
    page.locator(f"#proposal-{charge.pk}").locator("button[value=accept]").click()
    made = Charge.objects.get(person__in=Person.objects.named("Артём Васильев"))
    assert (made.article.number, made.part) == ("205.2", "2")
    assert "Принято" in page.content()


@pytest.mark.parametrize(("width", "javascript"), [(390, True), (1280, False)])
def test_it_reads_pasted_text_and_looks_again_until_it_is_done(
    browser, live_server, transactional_db, run_tasks, width, javascript
):
    from solidarity.registry.models import Source

    context = _russian_editor(
        browser, live_server, viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/intake/")
    page.fill("#id_text", "Олега Баранова задержали 2 мая. Ему вменяют ч. 2 ст. 280 УК РФ.")
    page.fill("#id_publisher", "Пример")
    page.fill("#id_published", "2024-05-10")
    page.click("text=Прочитать")
    assert "Читается" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    run_tasks()
    if javascript:
        page.wait_for_selector("text=Готово с вашего прошлого визита", timeout=15_000)
    else:
        page.click("text=Обновить страницу и посмотреть, готово ли")
    source = Source.objects.get()
    page.click(f"a[href='/staff/intake/sources/{source.pk}/'] >> nth=0")
    event = Proposal.objects.get(kind="event")
    assert "год взят из даты публикации" in page.locator(f"#proposal-{event.pk}").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

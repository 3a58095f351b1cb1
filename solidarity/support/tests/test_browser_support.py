"""In a real Chromium: a coordinator records a donation, pays a need, and the monthly
report shows both."""

import pytest
from django.utils import timezone

from solidarity.letters.tests.test_browser_letter_path import staff_context
from solidarity.support.models import Need

pytestmark = pytest.mark.browser


def test_it_records_a_donation_pays_a_need_and_reports_it(browser, live_server,
                                                          transactional_db, alice):  # fmt: skip
    need = Need.objects.create(person=alice, kind="lawyer", amount="300", currency="EUR",
                               description="Appeal")  # fmt: skip
    page = staff_context(browser, live_server, "cora2", "coordinator").new_page()
    page.goto(f"{live_server.url}/staff/support/")
    page.click("text=lawyer")
    page.fill("#in-amount", "250")
    page.fill("#in-donor", "Anonymous friend")
    page.click("text=Record money received")
    assert "Money received recorded." in page.content()
    assert "partly covered" in page.content()
    page.fill("#out-amount", "200")
    page.set_input_files("#out-receipt", files=[
        {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 paid"}
    ])  # fmt: skip
    page.click("text=Record payment")
    assert "Money spent recorded." in page.content()
    assert "50.00 EUR" in page.content()  # balance of the need
    need.refresh_from_db()
    month = timezone.localdate().strftime("%Y-%m")
    page.goto(f"{live_server.url}/reports/{month}/")
    report = page.content()
    assert "250.00 EUR" in report and "200.00 EUR" in report and "Alisa Andreeva" in report
    assert "Anonymous friend" not in report

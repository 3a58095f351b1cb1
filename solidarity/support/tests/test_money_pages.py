"""/staff/support/money/…: money in and out from staff pages, for coordinators only."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.letters.tests.test_translate import staff
from solidarity.support.models import Entry
from solidarity.support.services import ledger
from solidarity.support.tests.conftest import DAY


def _post(client, url, data):
    return client.post(url, data, follow=True).content.decode()


def test_it_records_money_received_and_spent(staff_client, rates, lawyer_need):
    body = _post(staff_client, "/staff/support/money/income/", {
        "date": "2026-10-15", "amount": "100", "currency": "EUR", "source": "donation",
        "donor": "A. Donor",
    })  # fmt: skip
    assert "Money received recorded." in body
    receipt = SimpleUploadedFile("r.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")
    body = _post(staff_client, "/staff/support/money/spend/", {
        "date": "2026-10-16", "amount": "2000", "currency": "RUB", "need": lawyer_need.pk,
        "receipt": receipt, "next": f"/staff/support/needs/{lawyer_need.pk}/",
    })  # fmt: skip
    assert "Money spent recorded." in body
    assert ledger.group_balance() == Decimal("80.00")
    spend = Entry.objects.get(kind="spend")
    download = staff_client.get(f"/staff/support/money/{spend.pk}/receipt")
    assert download.content == b"%PDF-1.4 receipt"
    assert "A. Donor" not in staff_client.get("/staff/support/money/").content.decode()


def test_it_names_the_problem_and_writes_nothing(staff_client, rates, lawyer_need):
    body = _post(staff_client, "/staff/support/money/income/", {
        "date": "2026-10-15", "amount": "-5", "currency": "EUR", "source": "donation",
    })  # fmt: skip
    assert 'id="in-amount-error">The amount must be more than zero.' in body
    body = _post(staff_client, "/staff/support/money/spend/", {
        "date": "2026-10-15", "amount": "5", "currency": "EUR", "need": lawyer_need.pk,
    })  # fmt: skip
    assert "Confirm to spend more than the balance." in body
    fake = SimpleUploadedFile("r.pdf", b"MZ not a pdf", content_type="application/pdf")
    body = _post(staff_client, "/staff/support/money/spend/", {
        "date": "2026-10-15", "amount": "5", "currency": "EUR", "need": lawyer_need.pk,
        "receipt": fake, "confirm_overspend": "1",
    })  # fmt: skip
    assert 'id="out-receipt-error">A receipt must be a PDF, JPEG or PNG file.' in body
    assert not Entry.objects.exists()


def test_it_keeps_a_refused_income_as_typed_with_the_problem_beside_its_field(staff_client, rates):
    r = staff_client.post("/staff/support/money/income/", {
        "date": "2026-10-15", "amount": "12,345", "currency": "USD", "rate": "0.91",
        "source": "grant", "donor": "A. Donor", "note": "for the appeal",
    })  # fmt: skip
    assert r.status_code == 200  # the page again, not a redirect that loses the typing
    body = r.content.decode()
    assert 'id="in-amount-error">At most two decimals (cents, kopecks).' in body
    assert 'id="in-amount" name="amount" value="12,345"' in body
    assert 'value="A. Donor"' in body and 'value="for the appeal"' in body
    assert 'id="in-rate" name="rate" value="0.91"' in body
    assert "<option selected>USD</option>" in body
    assert '<option value="grant" selected>' in body
    assert 'aria-describedby="in-amount-error"' in body
    assert not Entry.objects.exists()


def test_it_keeps_a_refused_spend_on_the_need_page(staff_client, rates, lawyer_need):
    page = f"/staff/support/needs/{lawyer_need.pk}/"
    r = staff_client.post("/staff/support/money/spend/", {
        "date": "2026-10-16", "amount": "2000", "currency": "RUB", "need": lawyer_need.pk,
        "note": "court fee", "next": page,
    })  # fmt: skip
    assert r.status_code == 200 and r.request["PATH_INFO"] == "/staff/support/money/spend/"
    body = r.content.decode()
    assert "Appeal lawyer" in body  # the need's own page, its form filled as it is
    assert 'id="out-amount-error">This is 20.00 EUR and the group has 0 EUR.' in body
    assert 'id="out-amount" name="amount" value="2000"' in body and 'value="court fee"' in body
    assert "<option selected>RUB</option>" in body
    assert not Entry.objects.exists()


def test_it_keeps_a_refused_rate_and_correction_as_typed(staff_client, rates):
    r = staff_client.post("/staff/support/money/rate/", {
        "date": "2026-11-01", "currency": "GEL", "rate": "-1",
    })  # fmt: skip
    body = r.content.decode()
    assert r.status_code == 200
    assert 'id="rate-value-error">The rate must be more than zero.' in body
    assert 'id="rate-value" name="rate" value="-1"' in body and "<option selected>GEL" in body
    r = staff_client.post("/staff/support/money/rate/", {"date": "1 Nov", "rate": "2"})
    assert 'id="rate-date-error">A date as YYYY-MM-DD.' in r.content.decode()
    entry = ledger.record_income(None, day=DAY, amount="100", currency_code="EUR",
                                 source="donation")  # fmt: skip
    r = staff_client.post(f"/staff/support/money/{entry.pk}/correct/", {"change": "-10"})
    body = r.content.decode()
    assert "Say why the entry is corrected." in body and 'value="-10"' in body
    assert ledger.group_balance() == Decimal("100.00")


def test_it_corrects_and_records_rates(staff_client, rates):
    _post(staff_client, "/staff/support/money/income/", {
        "date": "2026-10-15", "amount": "100", "currency": "EUR", "source": "donation",
    })  # fmt: skip
    entry = Entry.objects.get()
    assert "Correction recorded." in _post(
        staff_client,
        f"/staff/support/money/{entry.pk}/correct/",
        {"change": "-10", "reason": "fee"},
    )
    assert ledger.group_balance() == Decimal("90.00")
    assert "Rate recorded." in _post(staff_client, "/staff/support/money/rate/", {
        "date": "2026-11-01", "currency": "GEL", "rate": "0.34",
    })  # fmt: skip
    assert ledger.rate_for("GEL", entry.date.replace(month=11)) == Decimal("0.340000")


def test_it_keeps_money_from_editors(client, db):
    staff(client, "editor")
    assert client.get("/staff/support/money/").status_code == 403
    assert client.post("/staff/support/money/income/", {"amount": "5"}).status_code == 403


def test_it_sends_nobody_to_another_site_after_a_money_form(staff_client, rates, lawyer_need):
    """A link that posts the form with next=https://evil.example lands on our money page."""
    hostile = ["https://evil.example/", "//evil.example/", "\\\\evil.example/", "/\\evil.example",
               "javascript:alert(1)", "http:/evil.example", " https://evil.example"]  # fmt: skip
    for url, data in [
        ("/staff/support/money/income/", {"date": "2026-10-15", "amount": "1", "currency": "EUR",
                                          "source": "donation"}),
        ("/staff/support/money/spend/", {"date": "2026-10-16", "amount": "1", "currency": "EUR",
                                         "need": lawyer_need.pk}),
    ]:  # fmt: skip
        for target in hostile:
            r = staff_client.post(url, {**data, "next": target})
            assert r.status_code == 302 and r["Location"] == "/staff/support/money/", target
        r = staff_client.post(url, {**data, "next": f"/staff/support/needs/{lawyer_need.pk}/"})
        assert r["Location"] == f"/staff/support/needs/{lawyer_need.pk}/"

"""Random and hostile input to every form: no server error, no script reflected back.

hypothesis draws text (any Unicode, markup, oversized) for each field of the public letter
form, the search, the language switch and sign-in, and for staff forms (needs, money,
imports); raw bodies with invalid UTF-8 go to the same endpoints. Derandomised for CI.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))  # fmt: skip
SCRIPT = "<script>alert(1)</script>"
HOSTILE = st.sampled_from([
    SCRIPT, '"><img src=x onerror=alert(1)>', "' OR 1=1 --", "{{ 7*7 }}", "{% debug %}",
    "\u202e\u0000", "А" * 20_000, "javascript:alert(1)", "%00%ff", "\r\n\r\nHTTP/1.1 200 OK",
])  # fmt: skip
TEXT = st.one_of(HOSTILE, st.text(max_size=500))


def _clean(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", errors="replace")
    # Reflected text must come back escaped: the raw tags never appear.
    assert SCRIPT not in body and "<img src=x onerror" not in body


def _hidden(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


@pytest.mark.django_db
@FUZZ
@given(body=TEXT, signature=TEXT, contact=TEXT, action=st.sampled_from(["check", "send"]))
def test_the_letter_form_survives_anything(client, writable, body, signature, contact, action):
    page = client.get("/prisoners/alisa-andreeva/write/").content.decode()
    data = {**_hidden(page), "body": body, "signature": signature, "contact": contact,
            "rules": "on", action: "1"}  # fmt: skip
    _clean(client.post("/prisoners/alisa-andreeva/write/", data))


@pytest.mark.django_db
@FUZZ
@given(query=TEXT, status=TEXT, page=TEXT)
def test_the_search_and_filters_survive_anything(client, writable, query, status, page):
    _clean(client.get("/prisoners/", {"q": query, "status": status, "page": page}))
    _clean(client.get("/api/v1/people", {"q": query, "status": status}))


@pytest.mark.django_db
@FUZZ
@given(username=TEXT, password=TEXT, language=TEXT)
def test_sign_in_and_the_language_switch_survive_anything(client, username, password, language):
    _clean(client.post("/staff/login/", {"username": username, "password": password}))
    _clean(client.post("/i18n/setlang/", {"language": language, "next": language}))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/prisoners/alisa-andreeva/write/", "/staff/login/",
                                  "/i18n/setlang/", "/api/v1/events"])  # fmt: skip
def test_invalid_utf8_and_oversized_bodies_get_an_answer(client, writable, path):
    for body in (b"body=\xff\xfe\xfd&rules=on", b"\xc3\x28" * 1000, b"x=" + b"A" * 3_000_000):
        _clean(client.generic("POST", path, body,
                              content_type="application/x-www-form-urlencoded"))  # fmt: skip


@pytest.mark.django_db
@FUZZ
@given(amount=TEXT, currency=TEXT, note=TEXT, description=TEXT, cell=TEXT)
def test_staff_forms_survive_anything(staff_client, alice, amount, currency, note, description,
                                      cell):  # fmt: skip
    _clean(staff_client.post("/staff/support/needs/new/", {
        "person": "alisa-andreeva", "kind": "lawyer", "amount": amount, "currency": currency,
        "description": description,
    }))  # fmt: skip
    _clean(staff_client.post("/staff/support/money/income/", {
        "date": note[:10], "amount": amount, "currency": currency, "source": "donation",
        "note": note, "donor": description,
    }, follow=True))  # fmt: skip
    upload = SimpleUploadedFile("people.csv", f"id,name,status\nx,{cell},remand\n".encode(
        "utf-8", errors="surrogatepass"))  # fmt: skip
    _clean(staff_client.post("/staff/data/import/", {"file": upload, "dry_run": "1"}))

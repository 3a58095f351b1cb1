"""Staff sign-in in a real Chromium: authenticator app, then a passkey (virtual authenticator)."""

import re

import pytest

from solidarity.accounts.models import Authenticator, User, WebAuthnDevice
from solidarity.accounts.tests.helpers import current_code

pytestmark = pytest.mark.browser
PASSWORD = "a long test passphrase"


def test_it_enrols_an_app_adds_a_passkey_and_signs_in_with_it(
    browser, live_server, transactional_db
):
    User.objects.create_user("cora", password=PASSWORD, is_staff=True, role="coordinator")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {"options": {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                     "hasUserVerification": True, "isUserVerified": True,
                     "automaticPresenceSimulation": True}},
    )  # fmt: skip
    base = live_server.url.replace("127.0.0.1", "localhost")

    page.goto(f"{base}/staff/login/")
    page.fill("#username", "cora")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/staff/enrol/.*"))
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1
    page.fill("#code", current_code(Authenticator.objects.get(user__username="cora")))
    page.click("main button[type=submit]")
    assert page.locator("ul.codes li").count() == 10
    recovery_code = page.locator("ul.codes li").first.inner_text().strip()
    page.click("text=Continue")
    page.wait_for_url(re.compile(r"^http://[^/]+/staff/$"))

    # Adding a passkey needs a fresh re-authentication: the script goes to get it first
    # (with a recovery code: the app's code was just used, and is not taken twice).
    page.fill("#passkey-name", "virtual key")
    page.click("text=Add passkey")
    page.wait_for_url(re.compile(r".*/staff/sudo/.*"))
    page.fill("#password", PASSWORD)
    page.fill("#code", recovery_code)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"^http://[^/]+/staff/$"))
    page.fill("#passkey-name", "virtual key")
    page.click("text=Add passkey")
    page.wait_for_function(
        "document.querySelector('[data-webauthn-status]') === null || "
        "location.pathname === '/staff/'"
    )
    page.wait_for_selector("text=virtual key")
    assert WebAuthnDevice.objects.filter(user__username="cora", name="virtual key").exists()

    page.click("text=Sign out")
    page.goto(f"{base}/staff/login/?next=/staff/")
    page.fill("#username", "cora")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/staff/verify/.*"))
    page.click("text=Use a passkey")
    page.wait_for_url(re.compile(r"^http://[^/]+/staff/$"))
    assert page.locator("h1", has_text="Staff").count() == 1
    context.close()

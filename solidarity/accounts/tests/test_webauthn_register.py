"""Adding a passkey: only after a recent re-authentication."""

from solidarity.accounts.models import Authenticator, WebAuthnDevice
from solidarity.accounts.tests.helpers import current_code
from solidarity.conftest import sign_in_with_second_factor

PASSWORD = "a long test passphrase"


def test_it_starts_no_passkey_registration_without_reauthentication(client, coordinator):
    sign_in_with_second_factor(client, coordinator)
    for url in ["/staff/webauthn/register/options/", "/staff/webauthn/register/"]:
        r = client.post(url, {"name": "thief's key", "credential": "{}"})
        assert r.status_code == 403, url
        assert r.json()["sudo"] == "/staff/sudo/?next=/staff/"
    assert "webauthn_challenge" not in client.session
    assert not WebAuthnDevice.objects.exists()


def test_it_offers_registration_after_reauthentication(client, coordinator):
    sign_in_with_second_factor(client, coordinator)
    device = Authenticator.objects.get()
    client.post(
        "/staff/sudo/", {"password": "a long test passphrase", "code": current_code(device)}
    )
    r = client.post("/staff/webauthn/register/options/")
    assert r.status_code == 200 and "challenge" in r.json()

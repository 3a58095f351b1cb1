"""New recovery codes: only after a recent re-authentication."""

from solidarity.accounts.models import RecoveryCodeDevice
from solidarity.accounts.tests.helpers import current_code
from solidarity.conftest import sign_in_with_second_factor

PASSWORD = "a long test passphrase"


def test_it_replaces_no_recovery_codes_without_reauthentication(client, coordinator):
    sign_in_with_second_factor(client, coordinator)
    r = client.post("/staff/recovery-codes/")
    assert r.status_code == 302 and r["Location"] == "/staff/sudo/?next=/staff/"
    assert not RecoveryCodeDevice.objects.exists()


def test_it_shows_new_codes_once_after_reauthentication(client, coordinator):
    sign_in_with_second_factor(client, coordinator)
    from solidarity.accounts.models import Authenticator

    device = Authenticator.objects.get()
    client.post(
        "/staff/sudo/", {"password": "a long test passphrase", "code": current_code(device)}
    )
    r = client.post("/staff/recovery-codes/")
    assert r.status_code == 200 and len(r.context["codes"]) == 10
    assert RecoveryCodeDevice.objects.get().codes.count() == 10

from solidarity.accounts.models import AuditEntry, Authenticator, RecoveryCodeDevice
from solidarity.accounts.tests.helpers import current_code


def signed_in_with_password(client):  # type: ignore[no-untyped-def]
    client.post("/staff/login/", {"username": "cora", "password": "a long test passphrase"})
    return client


def test_it_shows_a_qr_code_and_the_key(client, coordinator):
    r = signed_in_with_password(client).get("/staff/enrol/")
    body = r.content.decode()
    assert r.status_code == 200
    assert 'src="data:image/svg+xml' in body
    device = Authenticator.objects.get(user=coordinator, confirmed=False)
    assert r.context["secret"] and device.config_url


def test_it_confirms_the_app_and_shows_recovery_codes_once(client, coordinator):
    signed_in_with_password(client).get("/staff/enrol/")
    device = Authenticator.objects.get(user=coordinator)
    r = client.post("/staff/enrol/", {"code": current_code(device), "next": "/staff/"})
    assert r.status_code == 200
    codes = r.context["codes"]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert RecoveryCodeDevice.objects.get(user=coordinator).codes.count() == 10
    assert client.get("/staff/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor.add").exists()


def test_it_refuses_a_wrong_code(client, coordinator):
    signed_in_with_password(client).get("/staff/enrol/")
    r = client.post("/staff/enrol/", {"code": "000000"})
    assert "not accepted" in r.content.decode()
    assert not Authenticator.objects.get(user=coordinator).confirmed
    assert client.get("/staff/")["Location"].startswith("/staff/enrol/") or client.get("/staff/")[
        "Location"
    ].startswith("/staff/verify/")


def test_it_does_not_let_a_password_alone_replace_an_enrolled_factor(client, coordinator):
    Authenticator.objects.create(user=coordinator, name="phone", confirmed=True)
    r = signed_in_with_password(client).get("/staff/enrol/")
    assert r["Location"].startswith("/staff/verify/")


def sudo_now(client, device):  # type: ignore[no-untyped-def]
    return client.post(
        "/staff/sudo/", {"password": "a long test passphrase", "code": current_code(device)}
    )


def test_it_adds_no_authenticator_and_replaces_no_codes_without_reauthentication(
    client, coordinator
):
    """A session left open (a seized laptop) cannot add the thief's own authenticator."""
    from solidarity.conftest import sign_in_with_second_factor

    sign_in_with_second_factor(client, coordinator)
    before = list(Authenticator.objects.values_list("pk", flat=True))
    r = client.get("/staff/enrol/")
    assert r.status_code == 302 and r["Location"].startswith("/staff/sudo/")
    r = client.post("/staff/enrol/", {"code": "123456"})
    assert r.status_code == 302 and r["Location"].startswith("/staff/sudo/")
    assert list(Authenticator.objects.values_list("pk", flat=True)) == before
    assert not RecoveryCodeDevice.objects.exists()
    sudo_now(client, Authenticator.objects.get())
    assert client.get("/staff/enrol/").status_code == 200


def test_it_shows_no_staff_menu_before_the_second_factor(client, coordinator):
    body = signed_in_with_password(client).get("/staff/enrol/").content.decode()
    assert 'class="staff"' not in body and 'href="/staff/registry/"' not in body

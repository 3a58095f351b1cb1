"""Password first, then the second factor: no staff page with a password alone."""

from django.test import override_settings
from django.utils import timezone

from solidarity.accounts.models import LoginThrottle
from solidarity.accounts.tests.helpers import confirmed_totp

PASSWORD = "a long test passphrase"


def test_it_sends_a_new_staff_member_to_enrolment(client, coordinator):
    r = client.post("/staff/login/", {"username": "cora", "password": PASSWORD, "next": "/admin/"})
    assert r.status_code == 302
    assert r["Location"] == "/staff/enrol/?next=/admin/"


def test_it_asks_for_the_second_factor_when_enrolled(client, coordinator):
    confirmed_totp(coordinator)
    r = client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    assert r["Location"].startswith("/staff/verify/")


def test_it_keeps_every_staff_page_closed_with_a_password_alone(client, coordinator):
    confirmed_totp(coordinator)
    client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    for url in ["/staff/", "/admin/", "/admin/registry/person/", "/staff/keys/"]:
        r = client.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith("/staff/verify/"), url


def test_it_refuses_a_wrong_password_without_saying_which_part(client, coordinator):
    r = client.post("/staff/login/", {"username": "cora", "password": "wrong"})
    assert r.status_code == 200
    assert "Wrong username or password." in r.content.decode()
    r = client.post("/staff/login/", {"username": "nobody", "password": "wrong"})
    assert "Wrong username or password." in r.content.decode()


def test_it_refuses_people_who_are_not_staff(client, db):
    from solidarity.accounts.models import User

    User.objects.create_user("visitor", password=PASSWORD)
    r = client.post("/staff/login/", {"username": "visitor", "password": PASSWORD})
    assert "Wrong username or password." in r.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_it_locks_a_username_after_repeated_failures(client, coordinator):
    for _ in range(3):
        client.post("/staff/login/", {"username": "cora", "password": "wrong"})
    r = client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    assert r.status_code == 200
    assert "Too many failed attempts" in r.content.decode()
    assert LoginThrottle.objects.get(username__startswith="cora|").locked_until is not None


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_SECONDS=900)
def test_it_slows_an_attacker_without_locking_the_owner_out(client, coordinator):
    attacker = {"REMOTE_ADDR": "203.0.113.66"}
    waits = []
    for _ in range(8):
        row = LoginThrottle.objects.filter(username__startswith="cora|").first()
        if row is not None and row.locked_until is not None:
            # The attacker waits out each delay, as a patient script would.
            LoginThrottle.objects.filter(pk=row.pk).update(locked_until=None)
        client.post("/staff/login/", {"username": "cora", "password": "wrong"}, **attacker)
        row = LoginThrottle.objects.get(username__startswith="cora|")
        if row.locked_until is not None:
            waits.append(round((row.locked_until - timezone.now()).total_seconds()))
    assert waits[:5] == [1, 2, 4, 8, 16]  # doubling after the free tries, from this client
    r = client.post("/staff/login/", {"username": "cora", "password": PASSWORD}, **attacker)
    assert "Too many failed attempts" in r.content.decode()
    # The owner, from elsewhere, is not held by the attacker's failures.
    owner = client.post(
        "/staff/login/", {"username": "cora", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    assert owner.status_code == 302
    # No address in the table: only this hour's keyed hash of it.
    assert not LoginThrottle.objects.filter(username__contains="203.0.113").exists()


@override_settings(LOGIN_MAX_FAILURES=1, LOGIN_LOCKOUT_SECONDS=60)
def test_it_never_holds_anyone_longer_than_the_ceiling(client, coordinator):
    for _ in range(30):
        LoginThrottle.objects.update(locked_until=None)
        client.post("/staff/login/", {"username": "cora", "password": "wrong"})
    row = LoginThrottle.objects.get(username__startswith="cora|")
    assert (row.locked_until - timezone.now()).total_seconds() <= 60


def test_it_stores_passwords_with_argon2(coordinator):
    assert coordinator.password.startswith("argon2")


def test_it_ignores_an_outside_next_address(client, coordinator):
    r = client.post(
        "/staff/login/",
        {"username": "cora", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil.example" not in r["Location"]


def test_it_ends_staff_sessions_with_the_browser_and_within_hours(client, coordinator):
    confirmed_totp(coordinator)
    client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    session = client.session
    assert session.get_expire_at_browser_close()
    assert 0 < session.get_expiry_age() <= 8 * 3600
    assert not client.cookies["sessionid"]["max-age"]  # a browser-session cookie


def test_it_refuses_a_sign_in_form_without_its_csrf_token(db, coordinator):
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)
    r = forged.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    assert r.status_code == 403

"""/staff/tokens/: make a token (after re-authentication), see it once, revoke it."""

from solidarity.accounts.models import ApiToken, Authenticator
from solidarity.accounts.tests.helpers import current_code


def test_it_makes_a_token_after_sudo_and_shows_it_once(staff_client, coordinator):
    form = {"name": "sync", "scopes": "registry:write"}
    response = staff_client.post("/staff/tokens/new/", form)
    assert response.status_code == 302 and "/staff/sudo/" in response["Location"]
    device = Authenticator.objects.get(user=coordinator)
    staff_client.post("/staff/sudo/", {"password": "a long test passphrase",
                                       "code": current_code(device)})  # fmt: skip
    body = staff_client.post("/staff/tokens/new/", form).content.decode()
    token = ApiToken.objects.get()
    assert f"sol_{token.prefix}_" in body
    listing = staff_client.get("/staff/tokens/").content.decode()
    assert "sync" in listing and f"sol_{token.prefix}_" not in listing


def test_it_revokes_a_token(staff_client, coordinator):
    from solidarity.accounts import tokens

    token, _secret = tokens.create(coordinator, "old", ["registry:write"])
    staff_client.post(f"/staff/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None

"""Writing through the API: staff tokens (scoped, revocable, hashed) and idempotent creates."""

import pytest

from solidarity.accounts import tokens
from solidarity.accounts.models import ApiToken, AuditEntry, User
from solidarity.registry.models import Event, Person

NEW = {"id": "ivan-ivanov", "name": "Иван Иванов", "status": "remand", "country": "RU"}


@pytest.fixture
def editor(db):
    return User.objects.create_user("edna", password="p" * 16, is_staff=True, role="editor")


@pytest.fixture
def bearer(editor):
    _token, secret = tokens.create(editor, "script", ["registry:write"])
    return {"Authorization": f"Bearer {secret}"}


def _post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_it_refuses_writes_without_a_live_token(client, editor, db):
    assert _post(client, "/api/v1/people", NEW, {}).status_code == 401
    assert (
        _post(client, "/api/v1/people", NEW, {"Authorization": "Bearer sol_x_y"}).status_code == 401
    )
    token, secret = tokens.create(editor, "old", ["registry:write"])
    tokens.revoke(editor, token)
    assert (
        _post(client, "/api/v1/people", NEW, {"Authorization": f"Bearer {secret}"}).status_code
        == 401
    )
    moderator = User.objects.create_user("mo", password="p" * 16, is_staff=True, role="moderator")
    _token, secret = tokens.create(moderator, "mo", ["registry:write"])
    assert (
        _post(client, "/api/v1/people", NEW, {"Authorization": f"Bearer {secret}"}).status_code
        == 401
    )
    assert not Person.objects.exists()


def test_it_keeps_only_a_hash_of_the_secret(editor):
    token, secret = tokens.create(editor, "script", ["registry:write"])
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.split("_", 2)[2] not in (stored.digest, stored.prefix, stored.name)


def test_it_creates_a_person_once_per_idempotency_key(client, bearer, editor):
    headers = {**bearer, "Idempotency-Key": "k-1"}
    first = _post(client, "/api/v1/people", NEW, headers)
    assert first.status_code == 201 and first.json()["id"] == "ivan-ivanov"
    again = _post(client, "/api/v1/people", NEW, headers)
    assert again.status_code == 201 and again.json() == first.json()
    assert Person.objects.count() == 1
    other = _post(client, "/api/v1/people", {**NEW, "name": "Пётр"}, headers)
    assert other.status_code == 409
    entry = AuditEntry.objects.get(action="registry.person.create")
    assert entry.actor_id == editor.pk


def test_it_refuses_an_existing_id_and_an_unknown_status(client, bearer):
    assert _post(client, "/api/v1/people", NEW, bearer).status_code == 201
    assert _post(client, "/api/v1/people", NEW, bearer).status_code == 409
    response = _post(client, "/api/v1/people", {**NEW, "id": "x", "status": "gone"}, bearer)
    assert response.status_code == 400 and "status" in response.json()["detail"]
    assert _post(client, "/api/v1/people", {**NEW, "id": "Bad Id"}, bearer).status_code == 422


def test_it_does_not_publish_a_new_person_without_consent(client, bearer):
    _post(client, "/api/v1/people", NEW, bearer)
    assert client.get("/api/v1/people/ivan-ivanov").status_code == 404


def test_it_changes_only_the_fields_given(client, bearer):
    _post(client, "/api/v1/people", NEW, bearer)
    response = client.patch("/api/v1/people/ivan-ivanov", {"status": "colony"},
                            content_type="application/json", headers=bearer)  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "colony"
    person = Person.objects.get(slug="ivan-ivanov")
    assert person.name == "Иван Иванов" and person.status.code == "colony"
    missing = client.patch("/api/v1/people/nobody", {"status": "colony"},
                           content_type="application/json", headers=bearer)  # fmt: skip
    assert missing.status_code == 404


def test_it_adds_events(client, bearer):
    _post(client, "/api/v1/people", NEW, bearer)
    body = {"person": "ivan-ivanov", "type": "detention", "date": "2024-05", "place": "Kazan"}
    response = _post(client, "/api/v1/events", body, bearer)
    assert response.status_code == 201 and response.json()["date"] == "2024-05"
    assert Event.objects.get().place == "Kazan"
    assert _post(client, "/api/v1/events", {**body, "person": "nobody"}, bearer).status_code == 404
    assert _post(client, "/api/v1/events", {**body, "date": "May"}, bearer).status_code == 400


@pytest.mark.parametrize(("body", "said"), [
    ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ('{"name": ' + "9" * 20_000 + "}", "not readable"),
])  # fmt: skip
def test_it_answers_a_body_no_parser_should_trust_with_a_400(client, bearer, body, said):
    client.raise_request_exception = False
    response = client.post("/api/v1/people", body, content_type="application/json",
                           headers=bearer)  # fmt: skip
    assert response.status_code == 400
    assert said in response.json()["detail"]
    assert not Person.objects.exists()

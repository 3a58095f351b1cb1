"""`solidarity export --format json|csv --out DIR [--private COORDINATOR]`."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from solidarity.accounts.models import AuditEntry, Authenticator
from solidarity.accounts.tests.helpers import current_code


def test_it_writes_only_published_people_and_a_dictionary(world, tmp_path):
    call_command("export", format="csv", out=tmp_path)
    people = list(csv.DictReader((tmp_path / "people.csv").open(encoding="utf-8")))
    assert [p["id"] for p in people] == ["alisa-andreeva", "karl-kuznetsov"]
    assert "private_notes" not in people[0]
    charges = list(csv.DictReader((tmp_path / "charges.csv").open(encoding="utf-8")))
    assert {c["person"] for c in charges} == {"alisa-andreeva", "karl-kuznetsov"}
    events = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert {e["person"]: e["facility"] for e in events} == {
        "alisa-andreeva": "sizo-1-test", "karl-kuznetsov": "",
    }  # fmt: skip
    dictionary = (tmp_path / "DATA-DICTIONARY.md").read_text(encoding="utf-8")
    for table in ("facilities", "cases", "people", "charges", "sentences", "events"):
        assert f"## {table}" in dictionary
    assert "`letter_name`" in dictionary and "`private_notes`" not in dictionary
    for path in tmp_path.iterdir():
        assert "boris-hidden" not in path.read_text(encoding="utf-8")


def test_it_writes_one_json_file_with_every_table(world, tmp_path):
    call_command("export", format="json", out=tmp_path)
    data = json.loads((tmp_path / "solidarity-export.json").read_text(encoding="utf-8"))
    assert data["format"] == "solidarity-export/1" and data["private"] is False
    assert [p["id"] for p in data["people"]] == ["alisa-andreeva", "karl-kuznetsov"]
    assert AuditEntry.objects.filter(action="opendata.export").count() == 1


def _answers(monkeypatch, password, code):
    monkeypatch.setattr("getpass.getpass", lambda prompt: password)
    monkeypatch.setattr("builtins.input", lambda prompt: code)


def test_it_wants_a_coordinators_password_and_code_for_the_private_export(
    world, coordinator, tmp_path, monkeypatch
):
    device = Authenticator.objects.create(user=coordinator, name="phone", confirmed=True)
    _answers(monkeypatch, "wrong", "000000")
    with pytest.raises(CommandError, match="password"):
        call_command("export", format="json", out=tmp_path, private="cora")
    _answers(monkeypatch, "a long test passphrase", "000000")
    with pytest.raises(CommandError, match="code is not valid"):
        call_command("export", format="json", out=tmp_path, private="cora")
    assert not (tmp_path / "solidarity-export.json").exists()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next tries down, as it should
    _answers(monkeypatch, "a long test passphrase", current_code(device))
    call_command("export", format="json", out=tmp_path, private="cora")
    data = json.loads((tmp_path / "solidarity-export.json").read_text(encoding="utf-8"))
    assert data["private"] is True
    assert "boris-hidden" in [p["id"] for p in data["people"]]
    assert AuditEntry.objects.get(action="opendata.export.private").actor_id == coordinator.pk

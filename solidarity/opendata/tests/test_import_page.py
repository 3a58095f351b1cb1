"""/staff/data/import/: the same import from a staff page, dry run first."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.letters.tests.test_translate import staff
from solidarity.registry.models import Person


def _post(client, content, **data):
    upload = SimpleUploadedFile("people.csv", content.encode("utf-8"))
    return client.post("/staff/data/import/", {"file": upload, **data}).content.decode()


def test_it_reports_a_dry_run_then_imports(client, db):
    staff(client, "editor")
    body = _post(client, "id,name,status\nivan,Иван Иванов,remand\n", dry_run="1")
    assert "people: 1 would be created" in body
    assert not Person.objects.exists()
    body = _post(client, "id,name,status\nivan,Иван Иванов,remand\n")
    assert "people: 1 created" in body
    assert Person.objects.get(slug="ivan").name == "Иван Иванов"


def test_it_lists_every_problem_and_writes_nothing(client, db):
    staff(client, "editor")
    body = _post(client, "ФИО,id,status\nИван,ivan,nowhere\n,petr,remand\n",
                 mapping="ФИО=name")  # fmt: skip
    assert "people.csv row 2, column &#x27;status&#x27;: unknown status &#x27;nowhere&#x27;" in body
    assert "people.csv row 3, column &#x27;name&#x27;: required, and empty" in body
    assert not Person.objects.exists()


def test_it_is_for_editors(client, db):
    staff(client, "moderator")
    assert client.get("/staff/data/import/").status_code == 403


def test_it_imports_another_groups_list_with_its_profile(client, db):
    import json

    from solidarity.opendata.tests.test_import_list import the_list
    from solidarity.registry.models import ListEntry

    staff(client, "editor")
    upload = SimpleUploadedFile("viasna.json", json.dumps(the_list()).encode("utf-8"))
    body = client.post("/staff/data/import/", {"file": upload, "profile": "belarus-viasna",
                                               "dry_run": "1"}).content.decode()  # fmt: skip
    assert "8 new would be created" in body and not Person.objects.exists()
    upload = SimpleUploadedFile("viasna.json", json.dumps(the_list()).encode("utf-8"))
    body = client.post("/staff/data/import/", {"file": upload, "profile": "belarus-viasna"})
    assert "8 new were created" in body.content.decode()
    assert ListEntry.objects.filter(dataset="viasna").count() == 8


def test_it_takes_the_decision_on_a_likely_duplicate(client, db):
    from solidarity.registry.tests.factories import make_person

    make_person("Иван Иванов", slug="ivan-registered")
    staff(client, "editor")
    refused = _post(client, "id,name,status\nivan,Иван Иванов,remand\n")
    assert "most likely already in the registry as ivan-registered" in refused
    assert Person.objects.count() == 1
    done = _post(client, "id,name,status\nivan,Иван Иванов,remand\n", decisions="ivan=new")
    assert "people: 1 created" in done and Person.objects.count() == 2


# Files no parser should be trusted with: each kind ends in a problem naming the file and
# the line, with or without a list's profile, and nothing is written.
HOSTILE_FILES = [
    ("deep.json", b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    ("long-number.json", b'[{"name": ' + b"9" * 20_000 + b"}]", "not readable"),
    ("long-cell.csv", b"id,name,status\nx," + b"a" * 200_000 + b",remand\n", "not readable as CSV"),
    ("not-json.json", b"[{", "not JSON"),
    ("utf16.csv", "id,name\nx,Иван\n".encode("utf-16-le"), "people"),
]  # fmt: skip


@pytest.mark.parametrize("profile", ["", "belarus-viasna"])
@pytest.mark.parametrize(("name", "content", "said"), HOSTILE_FILES)
def test_it_refuses_a_hostile_file_with_a_problem_naming_it(client, db, settings, profile,
                                                             name, content, said):  # fmt: skip
    settings.IMPORT_MAX_BYTES = 1_000_000
    staff(client, "editor")
    client.raise_request_exception = False
    response = client.post("/staff/data/import/", {
        "file": SimpleUploadedFile(name, content), "profile": profile,
    })  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{name}" in body and said in body
    assert not Person.objects.exists()

"""/staff/data/import/: the same import from a staff page, dry run first."""

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

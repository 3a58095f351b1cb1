"""`solidarity import FILE --profile belarus-viasna`: a list in the shape of Viasna's export
(invented people) becomes people with Belarusian charges, sentences in months with their
regime, deduplicated facilities, judges and counsel, recognition and release dates; a
newer version of the list is a diff applied through the registry's actions."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m
from solidarity.registry import release
from solidarity.registry.partial_date import PartialDate

EMPTY_ARTICLES = {f"articles/{n}": "" for n in range(13)}


def row(n, name, status="active", **fields):
    base = {
        "id": n, "url": f"https://lists.example.org/person/{n}", "name": name, "status": status,
        "gender": "male", "photo": "FALSE", "description": "", "birthday": "",
        "arrested": "", **EMPTY_ARTICLES, "prison/title": "", "prison/address": "",
        "declaration": "", "decision": "", "penalty": "", "judge": "", "councel": "",
        "penalty_start_date": "", "release_date": "", "verdict_date": "", "appeal_date": "",
        "articles": "", "prison": "",
    }  # fmt: skip
    base.update(fields)
    return base


COLONY = {
    "prison/title": "Penal colony No. 9",
    "prison/address": "213410, Horki, vulica Dzimitrava 1",
}
SIZO = {"prison/title": "Pre-trial detention center No. 1",
        "prison/address": "220030, Minsk, vulica Valadarskaha 2"}  # fmt: skip


def the_list():
    return [
        row(1, "Andrei Testavy", gender="male", birthday="1990-05-01", arrested="2021-03-10",
            **{"articles/0": "Part 1 of Article 13 and Article 293 of the Criminal Code — "
                             "Preparation for mass riots",
               "articles/1": "Art. 361-1 of the Criminal Code — Extremist formation"},
            decision="4 1/2 years", penalty="imprisonment in a medium-security penal colony",
            judge="Iryna Sudzdzia, Pavel Sudzdzia", councel="Volha Abaronca",
            verdict_date="2022-01-15", appeal_date="2022-04-01",
            declaration="https://lists.example.org/statement/1", **COLONY),
        row(2, "Hanna Prykladnaja", gender="female", arrested="2022-06",
            **{"articles/0": "Art. 342 of the Criminal Code — Gross violation of public order"},
            decision="2 years",
            penalty='restricted freedom in an open penal facility ("khimiya")',
            prison="", declaration="https://lists.example.org/statement/2"),
        row(3, "Siarhei Vyprabavalny", status="former", arrested="2020-09-01",
            **{"articles/0": "Art. 369 of the Criminal Code — Insulting a representative"},
            decision="1 year", penalty="imprisonment in a general-security penal colony",
            release_date="2021-08-30"),
        row(4, "Yauhen Sproba", status="np",
            **{"articles/0": "Art. 368 of the Criminal Code — Insulting the President"},
            decision="3 years", penalty='restricted freedom under home confinement'),
        row(5, "Aliaksei Kamera", arrested="2023-02-02",
            **{"articles/0": "Part 2 of Art. 293 of the Criminal Code — Participation in riots"},
            **SIZO),
        row(6, "Mikalai Kalonija", arrested="2021-01-01", decision="3 years",
            **{"articles/0": "Art. 130 of the Criminal Code — Incitement",
               "articles/1": "Art. 999-9 of the Criminal Code — A crime this catalogue lacks"},
            penalty="imprisonment in a general-security penal colony", verdict_date="2021-06-01",
            **COLONY),
        row(7, "Pavel Chakanny", arrested="2025-01-10", decision="2 years",
            **{"articles/0": "Art. 369 of the Criminal Code — Insulting a representative"},
            penalty="imprisonment in a general-security penal colony", verdict_date="2025-06-01",
            **SIZO),
        row(8, "Ihar Volny", decision="1 year", penalty="restricted freedom at home",
            **{"articles/0": "Art. 342 of the Criminal Code — Gross violation",
               "prison/title": "Released awaiting the commencement of the sentence"}),
    ]  # fmt: skip


def _import(tmp_path, rows, *args, name="list.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("import", str(path), "--profile", "belarus-viasna", *args, verbosity=0)


def person(n):
    return m.Person.objects.get(list_entries__dataset="viasna", list_entries__external_id=str(n))


def test_it_reads_every_field_of_the_list(db, tmp_path):
    _import(tmp_path, the_list())
    andrei = person(1)
    assert (andrei.name, andrei.name_latin, andrei.gender, andrei.country) == (
        "Andrei Testavy",
        "Andrei Testavy",
        "male",
        "BY",
    )
    assert andrei.birth_date == PartialDate.parse("1990-05-01")
    assert andrei.consent_publish_name and andrei.consent_publish_address
    assert andrei.status.code == "colony" and andrei.facility.kind == "ik"
    assert andrei.facility.postal_address == "213410, Horki, vulica Dzimitrava 1"
    charges = sorted((c.article.number, c.part, c.stage) for c in andrei.charges.all())
    assert charges == [("293", "", "preparation"), ("361.1", "", "")]
    assert "Art. 361-1 CC RB" in [c.label() for c in andrei.charges.all()]
    sentence = andrei.sentences.get()
    assert (sentence.kind, sentence.years, sentence.months, sentence.regime) == (
        "imprisonment",
        4,
        6,
        "enhanced",
    )
    assert (sentence.judge, sentence.counsel) == (
        "Iryna Sudzdzia, Pavel Sudzdzia",
        "Volha Abaronca",
    )
    assert (str(sentence.pronounced_on), str(sentence.in_force_on)) == ("2022-01-15", "2022-04-01")
    computed = release.for_sentence(sentence, list(andrei.charges.select_related("article__code")))
    # In force 1 April 2022, 4 1/2 years, less 387 days in custody (one for one, art. 75).
    assert computed.release is not None and str(computed.release) == "2025-09-08"
    assert andrei.recognitions.get().url == "https://lists.example.org/statement/1"
    assert m.Event.objects.filter(person=andrei, type="detention", date="2021-03-10").exists()
    assert m.Citation.objects.filter(object_id=andrei.pk, quote__contains="/person/1").exists()

    hanna = person(2)
    assert hanna.status.code == "restricted" and hanna.gender == "female"
    assert hanna.sentences.get().kind == "restriction_open" and hanna.birth_date is None
    siarhei = person(3)
    assert siarhei.status.code == "released"
    assert m.Event.objects.filter(person=siarhei, type="release", date="2021-08-30").exists()
    yauhen = person(4)
    assert not yauhen.recognitions.exists()  # np: persecuted, not recognised by the list
    assert yauhen.sentences.get().kind == "restriction" and yauhen.status.code == "restricted"
    assert person(5).status.code == "remand" and person(5).facility.kind == "sizo"
    # Sentenced, still in the SIZO (waiting for the colony); charges convicted by the court.
    assert person(7).status.code == "sentenced"
    assert set(andrei.charges.values_list("status", flat=True)) == {"convicted"}
    assert person(8).status.code == "awaiting" and person(8).facility is None
    assert person(5).charges.get().part == "2"
    # One colony named in two rows is one facility; an article the catalogue lacked is kept.
    assert person(6).facility == andrei.facility
    assert m.Facility.objects.filter(country="BY").count() == 2
    assert m.Article.objects.get(code__code="BY", number="999.9").title_en.startswith("A crime")


def test_it_finds_people_of_the_list_in_latin_and_cyrillic(client, db, tmp_path):
    _import(tmp_path, the_list())
    for query in ("Prykladnaja", "Прыкладная", "Sproba", "Спроба", "Yauhen", "Евгений"):
        ids = [p["id"] for p in client.get("/api/v1/people", {"q": query}).json()["items"]]
        assert len(ids) == 1, query


def test_it_imports_a_newer_version_as_a_diff(db, tmp_path, capsys, staff_client):
    from django.test import Client

    client = Client()
    _import(tmp_path, the_list())
    newer = the_list()
    newer[0].update(
        status="former", release_date="2026-10-01", **{"prison/title": "", "prison/address": ""}
    )
    newer[4].update(**COLONY)  # moved from the SIZO to the colony
    newer[5]["judge"] = newer[5]["judge"]  # unchanged
    del newer[3]  # gone from the list
    newer.append(row(9, "Tatsiana Novaja", arrested="2026-11-01", **SIZO))
    _import(tmp_path, newer, "--dry-run")
    out = capsys.readouterr().out
    assert "1 new would be created, 2 changed, 5 unchanged, 1 no longer on the list" in out
    assert "changed 1: status, facility" in out and "changed 5: status, facility" in out
    assert "no longer on the list: 4" in out
    assert m.Person.objects.count() == 8
    transfers_before = AuditEntry.objects.filter(action="registry.person.transfer").count()
    _import(tmp_path, newer)
    assert person(1).status.code == "released" and person(1).facility is None
    assert m.Event.objects.filter(person=person(1), type="release", date="2026-10-01").exists()
    page = client.get(f"/prisoners/{person(1).slug}/").content.decode()
    assert "Horki" not in page and "Expected release" not in page
    desk = staff_client.get(f"/staff/registry/people/{person(4).slug}/").content.decode()
    assert "no longer on the list since" in desk
    assert (
        "1 person is no longer on a list" in staff_client.get("/staff/registry/").content.decode()
    )
    assert m.Event.objects.filter(person=person(5), type="transfer").count() == 1
    assert AuditEntry.objects.filter(action="registry.person.transfer").count() == (
        transfers_before + 1
    )
    gone = m.ListEntry.objects.get(dataset="viasna", external_id="4")
    assert gone.gone_since is not None and m.Person.objects.filter(pk=gone.person_id).exists()
    assert m.Person.objects.count() == 9
    _import(tmp_path, newer, "--dry-run")
    assert "0 new would be created, 0 changed, 8 unchanged" in capsys.readouterr().out


def test_it_names_every_bad_row_and_writes_nothing(db, tmp_path, capsys):
    bad = the_list()
    bad[1]["status"] = "missing"
    bad[2]["penalty"] = "exile to Siberia"
    bad[3]["unknown_column"] = "x"
    bad[4]["articles/0"] = "Preparation for mass riots"
    with pytest.raises(CommandError, match="nothing was written"):
        _import(tmp_path, bad)
    err = capsys.readouterr().err
    assert "list.json row 2, column 'status': unknown status 'missing'" in err
    assert "list.json row 3, column 'penalty': unknown penalty 'exile to Siberia'" in err
    assert "list.json row 1, column 'unknown_column'" in err
    assert "list.json row 5, column 'articles/*': no article number" in err
    assert not m.Person.objects.exists()


def test_it_names_a_row_that_is_someone_already_registered(db, tmp_path, capsys):
    from solidarity.registry.tests.factories import make_person

    make_person("Андрэй Тэставы", slug="andrei-t", country="BY")
    m.PersonAlias.objects.create(person=m.Person.objects.get(), name="Andrei Testavy")
    _import(tmp_path, the_list(), "--dry-run")
    assert "id 1 is most likely already in the registry as andrei-t" in capsys.readouterr().out
    with pytest.raises(CommandError):
        _import(tmp_path, the_list())
    _import(tmp_path, the_list(), "--same", "1=andrei-t")
    assert person(1).slug == "andrei-t" and m.Person.objects.count() == 8


def test_it_reads_the_list_from_a_csv_file_too(db, tmp_path):
    import csv

    rows = the_list()
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    call_command("import", str(path), "--profile", "belarus-viasna", verbosity=0)
    andrei = person(1)
    assert andrei.sentences.get().months == 6 and andrei.facility.kind == "ik"
    assert m.Person.objects.count() == len(rows)

"""`solidarity import` on files as real spreadsheets write them: ';'-separated, a header
with a column twice or misspelled, empty rows at the end, stray control characters, and a
row that is someone the registry already has. Every message names file, row and column;
nothing is written unless everything can be."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person


def _import(tmp_path, text, *args, name="people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import", str(path), *args, verbosity=0)
    return path


def test_it_reads_a_semicolon_separated_file(db, tmp_path, capsys):
    text = ("id;name;status;region\r\nanna-p;Анна Петрова;remand;Тверская область\r\n"
            "oleg-s;Олег Сидоров;colony;\"Пермь; край\"\r\n")  # fmt: skip
    _import(tmp_path, text, "--dry-run")
    assert "people: 2 would be created" in capsys.readouterr().out
    _import(tmp_path, text)
    assert m.Person.objects.get(slug="oleg-s").region == "Пермь; край"


def test_it_refuses_a_column_twice_naming_both(db, tmp_path, capsys):
    with pytest.raises(CommandError, match="nothing was written"):
        _import(tmp_path, "id,name,status,name\nivan,Иван,remand,Ivan\n")
    assert "column 'name': columns 2 and 4 are both 'name'" in capsys.readouterr().err
    assert not m.Person.objects.exists()


def test_it_refuses_an_unknown_column_unless_mapped_or_ignored(db, tmp_path, capsys):
    text = "id,name,status,birthdate,notes_for_us\nivan,Иван,remand,1990,x\n"
    with pytest.raises(CommandError):
        _import(tmp_path, text)
    err = capsys.readouterr().err
    assert "people.csv row 1, column 'birthdate'" in err and "did you mean 'birth_date'" in err
    assert "column 'notes_for_us'" in err
    _import(tmp_path, text, "--map", "birthdate=birth_date", "--ignore", "notes_for_us")
    assert m.Person.objects.get(slug="ivan").birth_date == PartialDate.parse("1990")


def test_it_skips_and_counts_rows_of_empty_cells(db, tmp_path, capsys):
    _import(tmp_path, "id,name,status\nivan,Иван,remand\n,,\n , ,\n")
    assert "people: 2 empty rows skipped" in capsys.readouterr().out
    assert m.Person.objects.count() == 1


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1b"])
def test_it_names_the_cell_with_a_control_character(db, tmp_path, capsys, char):
    with pytest.raises(CommandError):
        _import(tmp_path, f'id,name,status,story_en\nivan,Иван,remand,"from a PDF{char} here"\n')
    assert "people.csv row 2, column 'story_en': holds the control character U+00" in (
        capsys.readouterr().err
    )
    assert not m.Person.objects.exists()


def test_it_names_a_control_character_in_json_too(db, tmp_path, capsys):
    with pytest.raises(CommandError):
        _import(tmp_path, '[{"id": "ivan", "name": "Iv\\u0000an", "status": "remand"}]',
                name="list.json")  # fmt: skip
    assert "list.json item row 1, column 'name'" in capsys.readouterr().err


def test_it_finds_a_registered_person_under_another_id_and_spelling(db, tmp_path, capsys):
    lev = make_person("Лев Скорякин", slug="lev-skoryakin", birth_date=PartialDate.parse("1990"))
    text = "id,name,name_latin,status,birth_date\nskoriakin,Lev Skoriakin,,released,1990\n"
    _import(tmp_path, text, "--dry-run")
    out = capsys.readouterr().out
    assert "row 2, column 'id': most likely already in the registry as lev-skoryakin" in out
    with pytest.raises(CommandError):
        _import(tmp_path, text)
    assert m.Person.objects.count() == 1
    _import(tmp_path, text, "--same", "skoriakin=lev-skoryakin")
    lev.refresh_from_db()
    assert m.Person.objects.count() == 1 and lev.status.code == "released"
    release = [e for e in AuditEntry.objects.all() if e.action == "registry.person.update"]
    assert release and release[-1].details["fields"]["status"] is not None
    assert m.Event.objects.filter(person=lev, type="release").count() == 1


def test_it_creates_a_namesake_when_told(db, tmp_path):
    make_person("Лев Скорякин", slug="lev-skoryakin", birth_date=PartialDate.parse("1990"))
    _import(tmp_path, "id,name,status\nlev-2,Лев Скорякин,remand\n", "--new", "lev-2")
    assert m.Person.objects.count() == 2


def test_it_takes_a_namesake_born_another_year_for_someone_else(db, tmp_path):
    make_person("Лев Скорякин", slug="lev-skoryakin", birth_date=PartialDate.parse("1990"))
    _import(tmp_path, "id,name,status,birth_date\nlev-2,Лев Скорякин,remand,1975\n")
    assert m.Person.objects.count() == 2


def test_it_makes_latin_names_in_the_names_own_language_and_finds_them(client, db, tmp_path):
    text = (
        "id,name,status,country,consent_publish_name\nhanna,Ганна Гаўрылік,colony,BY,true\n"
        "oleh,Олег Гнатюк,remand,RU,true\nnurlan,Нұрлан Қайратұлы,remand,KZ,true\n"
    )
    _import(tmp_path, text)
    latin = dict(m.Person.objects.values_list("slug", "name_latin"))
    assert latin == {"hanna": "Hanna Haurylik", "oleh": "Oleh Hnatiuk",
                     "nurlan": "Nurlan Kairatuly"}  # fmt: skip
    for query, slug in [("Haurylik", "hanna"), ("Гаврилик", "hanna"), ("Hnatiuk", "oleh"),
                        ("Kairatuly", "nurlan"), ("Ganna", "hanna")]:  # fmt: skip
        ids = [p["id"] for p in client.get("/api/v1/people", {"q": query}).json()["items"]]
        assert ids == [slug], query

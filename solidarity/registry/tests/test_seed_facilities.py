"""`solidarity seed_facilities`: a list of facilities named as FSIN's translations name them
starts the directory — kind, number, region and coordinates read, the official name kept as
another name, nothing twice, and an unreadable item named with nothing written."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m

# Invented facilities in the shapes such lists have.
ITEMS = [
    {"name": 'Federal Governmental Institution "Penal colony no. 4 of the Penitentiary '
             'Directorate of Testovsk region"', "latitude": 55.1, "longitude": 37.5},
    {"name": 'FCU "CP No. 7 of the Kostroma Oblast Penitentiary Department"',
     "latitude": 57.77, "longitude": 40.93},
    {"name": 'FCU "T No. 3 GUFSIN of Russia for Krasnoyarsk Krai"', "latitude": 56.0,
     "longitude": 92.9},
    {"name": "Federal Penitentiary Institution No. 41 of the Kirov Oblast Federal "
             "Penitentiary Service", "latitude": 58.6, "longitude": 49.6},
    {"name": "п. Testovo | Federal Governmental Institution – penal colony no. 9 of the "
             "Penitentiary Directorate", "latitude": 61.0, "longitude": 69.0},
    {"name": 'Federal Governmental Institution "Penal colony no. 2 of the Penitentiary '
             'Directorate of republic of Mordovia"', "latitude": 54.2, "longitude": 44.1},
]  # fmt: skip


def _file(tmp_path: Path, items: list[object]) -> Path:
    path = tmp_path / "facilities.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def test_it_reads_each_facility_from_its_name(db, tmp_path, capsys):
    call_command("seed_facilities", str(_file(tmp_path, ITEMS)))
    assert "6 facilities added" in capsys.readouterr().out
    kostroma = m.Facility.objects.get(number="7")
    assert (kostroma.kind, kostroma.regime, kostroma.region) == (
        "ik",
        "settlement",
        "Kostroma region",
    )
    assert (kostroma.name_en, kostroma.name_ru) == (
        "IK-7, Kostroma region",
        "ИК-7, Костромская область",
    )
    assert str(kostroma.latitude) == "57.77000"
    assert [a.name for a in kostroma.aliases.all()] == [ITEMS[1]["name"]]
    assert m.Facility.objects.get(number="3").kind == "prison"
    mordovia = m.Facility.objects.get(number="2")
    assert mordovia.name_ru == "ИК-2, Республика Мордовия"
    # The kind is not said: "other", under its own name, never a guessed colony.
    vague = m.Facility.objects.get(number="41")
    assert vague.kind == "other" and vague.name_en.startswith("Federal Penitentiary Institution")
    assert vague.region == "Kirov region"
    # No region the directory knows: the town the list puts first names it.
    assert m.Facility.objects.get(number="9").name_en == "IK-9, п. Testovo"
    # An unknown region is not invented.
    assert m.Facility.objects.get(number="4").region == ""
    made = AuditEntry.objects.get(action="registry.facility.create_many")
    assert len(made.details["facilities"]) == 6


def test_it_adds_nothing_twice(db, tmp_path, capsys):
    path = _file(tmp_path, [*ITEMS, ITEMS[1]])
    call_command("seed_facilities", str(path))
    assert "6 facilities added" in capsys.readouterr().out
    call_command("seed_facilities", str(path))
    assert "0 facilities added" in capsys.readouterr().out
    assert m.Facility.objects.count() == 6


def test_it_names_every_unreadable_item_and_writes_nothing(db, tmp_path):
    items = [ITEMS[0], {"name": "IK-5", "latitude": "north"}, {"title": "no name"}]
    with pytest.raises(CommandError) as refused:
        call_command("seed_facilities", str(_file(tmp_path, items)))
    assert "item 2: latitude is not a number: 'north'" in str(refused.value)
    assert "item 3: an item is an object with a 'name'" in str(refused.value)
    assert not m.Facility.objects.exists()


def test_it_dry_runs(db, tmp_path, capsys):
    call_command("seed_facilities", str(_file(tmp_path, ITEMS)), dry_run=True)
    assert "6 facilities would be added" in capsys.readouterr().out
    assert not m.Facility.objects.exists()

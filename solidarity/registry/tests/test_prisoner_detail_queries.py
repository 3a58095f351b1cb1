"""The public person page reads a whole record in four queries, however long it is: the
person (with other spellings, tags, cases and citations), charges, sentences (with
custody periods) and events, each row with its citations. Counts, not timings: speed is
measured in bench/ratios.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import article, make_case


@pytest.fixture
def long_record(alice):
    """Two cases, three charges, two sentences with custody periods, twelve events, other
    spellings, two tags and a citation on every kind of row."""
    source = m.Source.objects.create(title="Court report", text="Alisa was sentenced.")
    m.Citation.objects.create(source=source, fact=alice, quote="Alisa")
    m.PersonAlias.objects.create(person=alice, name="Alisa Andreyeva")
    m.PersonAlias.objects.create(person=alice, name="Alissa Andreeva")
    tag, _new = m.Tag.objects.get_or_create(
        slug="feminist", defaults={"name_en": "feminist", "name_ru": "феминистка"}
    )
    alice.tags.add(tag)
    for n, number in enumerate(["205.2", "280.3"]):
        case = make_case(f"Case {n}", slug=f"case-{n}", defendants=[alice])
        charge = m.Charge.objects.create(person=alice, case=case, article=article(number))
        m.Citation.objects.create(source=source, fact=charge, quote="sentenced")
        sentence = m.Sentence.objects.create(
            person=alice, case=case, years=2 + n, regime="general",
            in_force_on=PartialDate.parse(f"202{n + 2}-12-31"),
        )  # fmt: skip
        m.Citation.objects.create(source=source, fact=sentence, quote="sentenced")
        for start in ("2021-01-01", "2021-06-01"):
            m.CustodyPeriod.objects.create(
                sentence=sentence, kind="remand", start=PartialDate.parse(start)
            )
    m.Charge.objects.create(person=alice, case=case, article=article("207.3"), part="2")
    for n in range(12):
        event = m.Event.objects.create(
            person=alice, type="transfer", date=PartialDate.parse(f"2023-{n + 1:02d}"),
            facility=alice.facility, text_en=f"Moved, step {n}.",
        )  # fmt: skip
        m.Citation.objects.create(source=source, fact=event, quote="Alisa")
    return alice


def queries_of(client, path: str) -> list[str]:
    client.get(path)  # warm: content types and other per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_it_reads_a_long_record_in_four_queries(client, long_record, django_assert_max_num_queries):
    client.get("/prisoners/alisa-andreeva/")
    with django_assert_max_num_queries(4):
        body = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert "Alisa Andreyeva, Alissa Andreeva" in body
    assert "феминистка" not in body and "feminist" in body
    assert body.count("Moved, step") == 12
    assert body.count('<details class="cite">') == 1 + 3 + 2 + 12 - 1  # the third charge: none
    assert "Case 0" in body and "Case 1" in body


def test_it_reads_no_more_for_a_longer_record(client, long_record):
    before = len(queries_of(client, "/prisoners/alisa-andreeva/"))
    for n in range(30):
        m.Event.objects.create(person=long_record, type="transfer", date=PartialDate.parse("2024"),
                               text_en=f"Later {n}.")  # fmt: skip
    assert len(queries_of(client, "/prisoners/alisa-andreeva/")) == before

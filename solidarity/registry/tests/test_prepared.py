"""A Prepared query gives what its queryset gives, for any value, compiled once."""

import pytest
from django.db.models import Count

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.services.prepared import Prepared
from solidarity.registry.tests.factories import make_person


def _facts(rows):
    return [
        (
            row.pk, row.type, str(row.date), row.text_en,
            row.facility.name_en if row.facility else None,
            row.person.name, row.n,
        )
        for row in rows
    ]  # fmt: skip


def test_it_gives_what_the_queryset_gives(alice, facility):
    vera = make_person("Вера Тестова", slug="vera-testova")
    m.Event.objects.create(person=alice, type="detention", date=PartialDate.parse("2024-03"),
                           text_en="Detained", facility=facility)  # fmt: skip
    m.Event.objects.create(person=alice, type="transfer", text_en="Moved")
    m.Event.objects.create(person=vera, type="trial", date=PartialDate.parse("2025-01-02"))
    base = (
        m.Event.objects.select_related("facility", "person")
        .annotate(n=Count("person__events"))
        .order_by("pk")
    )
    prepared = Prepared(base, "person_id", integer=True)
    for person in (alice, vera, alice):
        expected = _facts(base.filter(person_id=person.pk))
        assert expected  # the comparison is about rows, not two empty lists
        assert _facts(prepared(person.pk)) == expected
    assert prepared(0) == []


def test_it_matches_a_text_value(alice, bob):
    prepared = Prepared(m.Person.objects.public().select_related("status"), "slug")
    [found] = prepared("alisa-andreeva")
    assert found == alice and found.status.code == alice.status.code
    assert prepared("boris-hidden") == []  # the queryset's own filters still apply


@pytest.mark.django_db
def test_it_refuses_a_lookup_whose_value_the_compiler_rewrites():
    with pytest.raises(ValueError, match="slug__in: the value appears 0 times"):
        Prepared(m.Person.objects.all(), "slug__in")  # the text becomes one value a letter

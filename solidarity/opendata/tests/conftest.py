import pytest

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person


@pytest.fixture
def carl(db, facility):
    """Consented to the name only: no facility, no envelope name in any output."""
    return make_person(
        "Карл Кузнецов", slug="karl-kuznetsov", facility=facility, full_name="Кузнецов Карл Ильич",
        status="colony", region="Perm", birth_date=PartialDate.parse("1990-04-12"),
        consent_publish_birthday="day_month",
    )  # fmt: skip


@pytest.fixture
def world(alice, bob, carl, case):
    """Charges, events and a sentence for each; bob's must never show."""
    article = m.Article.objects.get(code__code="RU", number="205.2")
    # Charged in the case, so a defendant of it (as registry.actions.add_charge makes them).
    m.CaseDefendant.objects.create(case=case, person=carl)
    for person in (alice, bob, carl):
        m.Charge.objects.create(person=person, case=case, article=article, part="2")
        m.Event.objects.create(
            person=person, type="detention", date=PartialDate.parse("2023-05-03"),
            facility=person.facility, place="Moscow",
        )  # fmt: skip
    m.Sentence.objects.create(person=carl, case=case, years=5, regime="general",
                              pronounced_on=PartialDate.parse("2024-01-10"),
                              in_force_on=PartialDate.parse("2024-03-01"))  # fmt: skip
    m.Sentence.objects.create(person=bob, case=case, years=3, regime="general",
                              in_force_on=PartialDate.parse("2024-03-01"))  # fmt: skip
    m.Person.objects.filter(pk=bob.pk).update(birth_date="1985-07-07")
    return {"alice": alice, "bob": bob, "carl": carl, "case": case}

"""Model rules: what staff editing (admin today, staff pages later) must refuse."""

import pytest
from django.core.exceptions import ValidationError

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import article, make_case


@pytest.fixture
def case(alice):
    return make_case("Case", slug="case", defendants=[alice])


def test_it_requires_a_term_for_imprisonment(alice, case):
    sentence = m.Sentence(person=alice, case=case, kind="imprisonment", regime="general")
    with pytest.raises(ValidationError) as info:
        sentence.full_clean()
    assert "years" in info.value.message_dict


def test_it_allows_a_fine_without_a_term(alice, case):
    m.Sentence(person=alice, case=case, kind="fine").full_clean()


def test_it_refuses_a_regime_on_a_suspended_sentence(alice, case):
    sentence = m.Sentence(person=alice, case=case, kind="suspended", years=2, regime="strict")
    with pytest.raises(ValidationError) as info:
        sentence.full_clean()
    assert "regime" in info.value.message_dict


def test_it_refuses_force_before_pronouncement(alice, case):
    sentence = m.Sentence(
        person=alice,
        case=case,
        years=2,
        regime="general",
        pronounced_on=PartialDate.parse("2023-05-10"),
        in_force_on=PartialDate.parse("2023-04"),
    )
    with pytest.raises(ValidationError) as info:
        sentence.full_clean()
    assert "in_force_on" in info.value.message_dict


@pytest.mark.parametrize("number", ["213", "205.2", "282.1"])
def test_it_accepts_article_numbers(db, number):
    code = m.CriminalCode.objects.get(code="RU")
    m.Article(code=code, number=number, title_en="t", title_ru="т").clean_fields(
        exclude=["sort_key"]
    )


@pytest.mark.parametrize("number", ["ст. 213", "213a", "", "205..2", "12345"])
def test_it_refuses_malformed_article_numbers(db, number):
    code = m.CriminalCode.objects.get(code="RU")
    with pytest.raises(ValidationError) as info:
        m.Article(code=code, number=number, title_en="t", title_ru="т").full_clean(
            exclude=["sort_key"]
        )
    assert "number" in info.value.message_dict


def test_it_refuses_a_malformed_part(alice, case):
    charge = m.Charge(person=alice, case=case, article=article("213"), part="two")
    with pytest.raises(ValidationError) as info:
        charge.full_clean()
    assert "part" in info.value.message_dict


def test_it_refuses_a_malformed_date_naming_it(alice):
    event = m.Event(person=alice, type="detention", date="around January")
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert "date" in info.value.message_dict
    assert "around January" in str(info.value)


def test_it_stores_dates_with_their_precision(alice):
    event = m.Event.objects.create(person=alice, type="detention", date="2022-10")
    event.refresh_from_db()
    assert event.date == PartialDate(2022, 10)
    assert m.Event.objects.filter(date__startswith="2022").count() == 1


def test_it_orders_the_timeline_by_date_then_order(alice):
    for date in ["2023-05-03", "2023", "2022-12", None]:
        m.Event.objects.create(person=alice, type="transfer", date=date)
    dates = [e.date.isoformat() if e.date else None for e in alice.events.all()]
    assert dates == ["2022-12", "2023", "2023-05-03", None]


def test_it_refuses_a_custody_period_that_ends_before_it_starts(alice, case):
    sentence = m.Sentence.objects.create(person=alice, case=case, years=1, regime="general")
    period = m.CustodyPeriod(sentence=sentence, kind="remand", start="2023-05-01", end="2023-04")
    with pytest.raises(ValidationError):
        period.full_clean()


def test_it_ties_a_citation_to_words_really_in_the_source(alice):
    source = m.Source.objects.create(title="Report", text="She was detained on 3 May.")
    good = m.Citation(source=source, fact=alice, quote="detained on 3 May")
    good.full_clean(exclude=["content_type", "object_id"])
    good.save()
    assert (good.start, good.end) == (8, 25)
    bad = m.Citation(source=source, fact=alice, quote="detained on 4 May")
    with pytest.raises(ValidationError) as info:
        bad.full_clean(exclude=["content_type", "object_id"])
    assert "quote" in info.value.message_dict


def test_it_deduplicates_sources_by_content(db):
    m.Source.objects.create(title="A", text="same text")
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError on either database
        m.Source.objects.create(title="B", text="same text")


def test_it_keeps_several_cases_per_person_and_people_per_case(alice, bob, case):
    second = make_case("Re-arrest at the colony gates", slug="second", defendants=[alice, bob])
    assert set(alice.cases.all()) == {case, second}
    assert second.defendants.count() == 2

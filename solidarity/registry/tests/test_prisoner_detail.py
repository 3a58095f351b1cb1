import re

import pytest

from solidarity.registry import actions
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import article, make_case


@pytest.fixture
def sentenced(alice):
    case = make_case("Test case", slug="test-case", defendants=[alice])
    m.Charge.objects.create(person=alice, case=case, article=article("205.2"), part="2")
    sentence = m.Sentence.objects.create(
        person=alice,
        case=case,
        years=3,
        regime="general",
        in_force_on=PartialDate.parse("2022-12-31"),
    )
    m.CustodyPeriod.objects.create(
        sentence=sentence, kind="remand", start=PartialDate.parse("2022-01-01")
    )
    source = m.Source.objects.create(title="Court report", text="Alisa was sentenced to 3 years.")
    m.Citation.objects.create(source=source, fact=sentence, quote="sentenced to 3 years")
    m.Event.objects.create(
        person=alice,
        type="detention",
        date=PartialDate.parse("2022-01"),
        facility=alice.facility,
        text_en="Detained in Moscow.",
        text_ru="Задержана в Москве.",
    )
    return sentence


def test_it_shows_story_charges_sentence_release_and_timeline(client, sentenced):
    r = client.get("/prisoners/alisa-andreeva/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "Art. 205.2 Part 2 CC RF" in body
    assert "3 years" in body
    # 205.2 is one-to-one: continuous custody from 2022-01-01, 3 years -> 31 Dec 2024.
    assert "Dec. 31, 2024" in body or "31 December 2024" in body
    assert "How this date was computed" in body
    assert "January 2022" in body  # month precision, no invented day
    assert "Detained in Moscow." in body
    assert "<q>sentenced to 3 years</q>" in body
    assert "Court report" in body


def test_it_shows_the_address_only_with_consent(client, alice, sentenced):
    body = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert "ул. Тестовая" in body
    assert "Андреева Алиса Петровна" in body
    # Withdrawn through the action, as the desk does: the next request already obeys it.
    actions.record_consent(actions.System("test"), alice, "address", False, method="person")
    body = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert "ул. Тестовая" not in body
    assert "SIZO-1 Testgrad" not in body  # not even in the timeline
    assert "Андреева Алиса Петровна" not in body


def test_it_answers_404_for_a_hidden_person_as_for_nobody(client, bob):
    hidden = client.get("/prisoners/boris-hidden/")
    missing = client.get("/prisoners/no-such-person/")
    assert hidden.status_code == missing.status_code == 404

    # Identical but for the visitor's own path and the CSRF token in the language form.
    def normal(body: bytes, slug: bytes) -> bytes:
        body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)
        return body.replace(slug, b"X")

    assert normal(hidden.content, b"boris-hidden") == normal(missing.content, b"no-such-person")


def test_it_renders_in_russian(client, sentenced):
    r = client.get("/prisoners/alisa-andreeva/", HTTP_ACCEPT_LANGUAGE="ru")
    body = r.content.decode()
    assert "ч. 2 ст. 205.2 УК РФ" in body
    assert "3 года" in body
    assert "Ожидаемое освобождение" in body
    assert "Задержана в Москве." in body
    assert "январь 2022" in body.lower()


def test_it_switches_language_without_javascript(client, sentenced):
    r = client.post("/i18n/setlang/", {"language": "ru", "next": "/prisoners/alisa-andreeva/"})
    assert r.status_code == 302
    assert r["Location"] == "/prisoners/alisa-andreeva/"
    assert "Хронология" in client.get("/prisoners/alisa-andreeva/").content.decode()

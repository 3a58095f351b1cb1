"""Blockade evidence on synthetic histories."""

import datetime as dt

import pytest
from django.utils import timezone

from solidarity.letters.models import Letter, LetterEvent, State
from solidarity.letters.services.blockade import blockade_for, findings, fisher_less
from solidarity.registry.tests.factories import make_facility, make_person

START = timezone.make_aware(dt.datetime(2025, 1, 6))


def history(person, outcomes: str, start=START, every_days=7):  # type: ignore[no-untyped-def]
    """'D' delivered, 'A' answered, 'W' withheld, 'R' returned, 'L' lost; one a week."""
    states = {"D": State.DELIVERED, "A": State.ANSWERED, "W": State.WITHHELD,
              "R": State.RETURNED, "L": State.LOST}  # fmt: skip
    sent = []
    for i, code in enumerate(outcomes):
        letter = Letter.objects.create(
            token_digest=f"{person.slug}-{i}", submission_key=f"{person.slug}-{i}", person=person,
            body="x", language="ru", channel="post", state=states[code],
        )  # fmt: skip
        event = LetterEvent.objects.create(letter=letter, state=State.DISPATCHED)
        at = start + dt.timedelta(days=every_days * i)
        LetterEvent.objects.filter(pk=event.pk).update(at=at)
        sent.append(at)
    return sent


def test_it_computes_fisher_exact_probabilities():
    assert fisher_less(3, 0, 0, 3) == pytest.approx(1 / 20)
    assert fisher_less(5, 5, 5, 5) > 0.5
    assert fisher_less(0, 5, 5, 0) == pytest.approx(1.0)  # after could not do better


def test_it_flags_a_clear_blockade_near_its_start(db):
    person = make_person("Заблокированный Узник", slug="blocked")
    sent = history(person, "DDADDDADDDDD" + "WLWWLWWL")
    finding = blockade_for(person.pk)
    assert finding is not None
    assert abs((finding.since - sent[12]).days) <= 7  # within one letter of the true start
    assert finding.after[0] <= 1 and finding.before[0] >= 11
    assert finding.p_value < 0.01


def test_it_raises_no_alarm_on_a_normal_history(db):
    person = make_person("Обычный Узник", slug="normal")
    history(person, "DDWDDADDDLDDDADDWDDD")
    assert blockade_for(person.pk) is None


def test_it_raises_no_alarm_with_too_few_letters(db):
    person = make_person("Новый Узник", slug="new")
    history(person, "DDLLW")
    assert blockade_for(person.pk) is None


def test_it_tells_a_whole_facility_from_one_person(db):
    colony = make_facility(slug="ik-9", name_en="IK-9")
    first = make_person("Первый Узник", slug="first", facility=colony)
    second = make_person("Второй Узник", slug="second", facility=colony)
    history(first, "DDDDDDDDDD" + "WWWWWW")
    history(second, "DDDDDDDDDD" + "WWWWWW", start=START + dt.timedelta(days=1))
    found = {f.person_id: f for f in findings()}
    assert set(found) == {first.pk, second.pk}
    assert found[first.pk].whole_facility

    lone = make_person("Одинокий Узник", slug="lone", facility=make_facility(slug="ik-8"))
    neighbour = make_person("Сосед", slug="neighbour", facility=lone.facility)
    history(lone, "DDDDDDDDDD" + "WWWWWW")
    history(neighbour, "DDDDDDDDDDDDDDDD")
    assert not blockade_for(lone.pk).whole_facility


def test_it_shows_the_evidence_to_staff_and_publicly_with_consent(client, alice):
    from solidarity.letters.tests.test_translate import staff
    from solidarity.registry import actions

    history(alice, "DDADDDADDDDD" + "WLWWLWWL")
    alice.accepts_letters = True
    alice.save()
    public = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert "Letters have probably been blocked since" in public
    assert "12 of 12 letters arrived before, 0 of 8 since" in public
    # Withdrawn through the action the desk calls: the next request obeys it.
    actions.record_consent(actions.System("test"), alice, "address", False, method="person")
    assert "probably been blocked" not in client.get("/prisoners/alisa-andreeva/").content.decode()
    staff(client, "moderator")
    page = client.get("/staff/letters/blockades/").content.decode()
    assert "Алиса Андреева" in page and "0 / 8" in page


def test_it_notices_when_replies_stop_though_letters_arrive(db):
    from solidarity.letters.services.blockade import blockade_for

    person = make_person("Молчащий Узник", slug="silent")
    history(person, "AAAAAAAAAA" + "DDDDDDDD")
    finding = blockade_for(person.pk)
    assert finding is not None and finding.measure == "replies"
    assert finding.after == (0, 8)

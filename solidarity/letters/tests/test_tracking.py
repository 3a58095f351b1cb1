"""After dispatch: delivered, returned, withheld, or lost after a quiet period."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.letters.models import Letter, State
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff


@pytest.fixture
def dispatched(alice):
    letter = submit_letter(alice, body="Дорогая Алиса!", submission_key="k1")
    advance(None, letter, "approve")
    return advance(None, letter, "dispatch")


def test_it_records_delivery_and_the_writer_sees_it(client, dispatched):
    staff(client, "moderator")
    assert f"#{dispatched.pk}" in client.get("/staff/letters/tracking/").content.decode()
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "deliver"})
    assert Letter.objects.get().state == State.DELIVERED
    assert "delivered" in client.get(f"/letters/{dispatched.token}/").content.decode()


def test_it_records_a_withheld_letter_as_evidence(client, dispatched):
    staff(client, "moderator")
    client.post(
        f"/staff/letters/{dispatched.pk}/track/",
        {"step": "withhold", "note": "The censor said: foreign words."},
    )
    letter = Letter.objects.get()
    assert letter.state == State.WITHHELD
    page = client.get(f"/letters/{letter.token}/").content.decode()
    assert "withheld by the censor" in page and "foreign words" in page


def test_it_needs_a_reason_for_a_returned_letter(client, dispatched):
    staff(client, "moderator")
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "return"})
    assert Letter.objects.get().state == State.DISPATCHED
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "return", "note": "Moved."})
    assert Letter.objects.get().state == State.RETURNED


def test_it_refuses_moderation_steps_here(client, dispatched):
    staff(client, "moderator")
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "approve"})
    assert Letter.objects.get().state == State.DISPATCHED


def test_it_marks_silent_letters_lost(dispatched, capsys):
    call_command("letters", "mark-lost", "--days", "30")
    assert Letter.objects.get().state == State.DISPATCHED
    Letter.objects.update(updated_at=timezone.now() - dt.timedelta(days=31))
    call_command("letters", "mark-lost", "--days", "30")
    assert "1 letters marked lost" in capsys.readouterr().out
    assert Letter.objects.get().state == State.LOST


def test_it_filters_by_facility_posted_to_even_after_a_transfer(client, dispatched, alice,
                                                                facility):  # fmt: skip
    from solidarity.registry.tests.factories import make_facility, make_person

    other = make_facility(slug="ik-7", name_en="IK-7", name_ru="ИК-7")
    bob = make_person("Борис Другой", slug="boris", facility=other, accepts_letters=True)
    to_bob = submit_letter(bob, body="Дорогой Борис!", submission_key="k2")
    advance(None, to_bob, "approve")
    advance(None, to_bob, "dispatch")
    alice.facility = other  # moved after the letter was posted to the first facility
    alice.save()
    staff(client, "moderator")
    page = client.get(f"/staff/letters/tracking/?facility={facility.slug}").content.decode()
    assert f"#{dispatched.pk} →" in page and f"#{to_bob.pk} →" not in page
    page = client.get("/staff/letters/tracking/?facility=ik-7").content.decode()
    assert f"#{dispatched.pk} →" not in page and f"#{to_bob.pk} →" in page
    assert f'<option value="{facility.slug}"' in page and '<option value="ik-7" selected' in page


def test_it_filters_by_batch_and_lists_delivered_apart(client, dispatched, alice):
    from solidarity.letters.models import PostBatch

    other = submit_letter(alice, body="Ещё письмо", submission_key="k3")
    advance(None, other, "approve")
    advance(None, other, "dispatch")
    batch = PostBatch.objects.create(state="ready", letters=[other.pk], posted_at=timezone.now())
    staff(client, "moderator")
    page = client.get(f"/staff/letters/tracking/?batch={batch.pk}").content.decode()
    assert f"#{other.pk} →" in page and f"#{dispatched.pk} →" not in page
    assert "Mark the whole batch delivered" in page
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "deliver"})
    on_the_way, delivered = (
        client.get("/staff/letters/tracking/").content.decode().split("Delivered, waiting")
    )
    assert f"#{dispatched.pk} →" not in on_the_way and f"#{dispatched.pk} →" in delivered


def test_it_says_when_a_filter_names_nothing(client, db):
    from solidarity.letters.tests.test_translate import staff

    staff(client, "coordinator")
    body = client.get("/staff/letters/tracking/?batch=999&facility=nope").content.decode()
    assert "There is no batch “999”" in body
    assert "No facility is called “nope”" in body

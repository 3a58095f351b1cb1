"""/staff/letters/dispatch/<id>/posted/: a printed batch is marked posted when it is posted;
only then are its letters on their way, to the facility their envelopes name."""

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import Letter, PostBatch, State
from solidarity.letters.services.dispatch import build_post_batch, request_post_batch
from solidarity.letters.services.writing import erase_letter
from solidarity.letters.tests.test_dispatch_post import letters  # noqa: F401 (fixture)
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.tests.factories import make_facility


def test_it_dispatches_the_letters_of_a_posted_batch_once(client, letters):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    staff(client, "moderator")
    page = client.post(f"/staff/letters/dispatch/{batch.pk}/posted/", follow=True)
    assert "2 letters marked as posted." in page.content.decode()
    assert set(Letter.objects.filter(state=State.DISPATCHED).values_list("pk", flat=True)) == {
        letters[0].pk, letters[1].pk
    }  # fmt: skip
    batch.refresh_from_db()
    assert batch.posted_at is not None and batch.posted_by.username == "moderator"
    assert AuditEntry.objects.filter(action="letters.batch.post").count() == 1
    assert AuditEntry.objects.filter(action="letters.letter.dispatch").count() == 2
    again = client.post(f"/staff/letters/dispatch/{batch.pk}/posted/", follow=True)
    assert "already marked as posted" in again.content.decode()
    assert AuditEntry.objects.filter(action="letters.letter.dispatch").count() == 2


def test_it_records_the_facility_the_envelope_named(client, letters, alice, facility):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    alice.facility = make_facility(slug="ik-2", name_en="IK-2")  # moved before posting
    alice.save()
    staff(client, "moderator")
    client.post(f"/staff/letters/dispatch/{batch.pk}/posted/")
    assert set(Letter.objects.filter(state=State.DISPATCHED).values_list("sent_to", flat=True)) == {
        facility.pk
    }  # fmt: skip


def test_it_leaves_a_letter_erased_since_printing(client, letters):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    erase_letter(Letter.objects.get(pk=letters[0].pk))
    staff(client, "moderator")
    page = client.post(f"/staff/letters/dispatch/{batch.pk}/posted/", follow=True)
    assert "1 letter marked as posted." in page.content.decode()
    assert Letter.objects.get(pk=letters[0].pk).state == State.WITHDRAWN


def test_it_is_for_moderators_only(client, letters):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    staff(client, "translator")
    assert client.post(f"/staff/letters/dispatch/{batch.pk}/posted/").status_code == 403
    assert client.get(f"/staff/letters/dispatch/{batch.pk}/posted/").status_code == 405
    assert PostBatch.objects.get().posted_at is None

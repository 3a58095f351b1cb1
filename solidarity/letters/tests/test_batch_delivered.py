"""/staff/letters/dispatch/<id>/delivered/: every letter of a posted batch still on its way
is delivered at once (one transaction, audited); they leave "on their way"."""

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import Letter, State
from solidarity.letters.services.dispatch import (
    build_post_batch,
    mark_batch_posted,
    request_post_batch,
)
from solidarity.letters.services.workflow import advance
from solidarity.letters.tests.test_dispatch_post import letters  # noqa: F401 (fixture)
from solidarity.letters.tests.test_translate import staff


def test_it_delivers_a_whole_batch(client, letters):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    user = staff(client, "moderator")
    page = client.post(f"/staff/letters/dispatch/{batch.pk}/delivered/", follow=True)
    assert "Mark the batch as posted before" in page.content.decode()
    mark_batch_posted(user, batch)
    advance(None, Letter.objects.get(pk=letters[1].pk), "withhold")  # its fate already known
    r = client.post(f"/staff/letters/dispatch/{batch.pk}/delivered/", follow=True)
    assert r.redirect_chain[-1][0] == f"/staff/letters/tracking/?batch={batch.pk}"
    body = r.content.decode()
    assert "1 letter marked as delivered." in body
    assert Letter.objects.get(pk=letters[0].pk).state == State.DELIVERED
    assert Letter.objects.get(pk=letters[1].pk).state == State.WITHHELD
    on_the_way = body.split("Delivered, waiting for a reply")[0]
    assert f"#{letters[0].pk} →" not in on_the_way
    assert f"#{letters[0].pk} →" in body.split("Delivered, waiting for a reply")[1]
    assert AuditEntry.objects.filter(action="letters.batch.deliver").count() == 1
    assert AuditEntry.objects.filter(action="letters.letter.deliver").count() == 1
    again = client.post(f"/staff/letters/dispatch/{batch.pk}/delivered/", follow=True)
    assert "No letter of this batch is on its way." in again.content.decode()
    assert "delivered" in client.get(f"/letters/{letters[0].token}/").content.decode()


def test_it_is_for_moderators_only(client, letters):  # noqa: F811
    batch = build_post_batch(request_post_batch(None).pk)
    staff(client, "translator")
    assert client.post(f"/staff/letters/dispatch/{batch.pk}/delivered/").status_code == 403

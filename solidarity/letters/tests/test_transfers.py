"""A transfer: unsent letters go to the new address; writers of letters on the way are told."""

from django.core import mail

from solidarity.letters.models import State
from solidarity.letters.services.dispatch import envelope_lines
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.registry.tests.factories import make_facility
from solidarity.registry.tests.test_admin import person_form


def test_it_readdresses_and_tells_writers_on_a_transfer_made_in_the_admin(
    staff_client, alice, facility, run_tasks
):
    on_the_way = submit_letter(alice, body="Привет!", contact="w@example.org", submission_key="a")
    advance(None, on_the_way, "approve")
    advance(None, on_the_way, "dispatch")
    waiting = submit_letter(alice, body="Ещё привет!", submission_key="b")
    advance(None, waiting, "approve")
    new = make_facility(slug="ik-2", name_en="IK-2", postal_address="ул. Новая, 2, г. Энск")
    data = person_form(name=alice.name, slug=alice.slug, name_latin=alice.name_latin,
                       facility=str(new.pk), consent_publish_address="on")  # fmt: skip
    r = staff_client.post(f"/admin/registry/person/{alice.pk}/change/", data)
    assert r.status_code == 302
    waiting.refresh_from_db()
    assert envelope_lines(waiting)[1] == "ул. Новая, 2, г. Энск"
    page = staff_client.get(f"/letters/{on_the_way.token}/").content.decode()
    assert "The prisoner was moved" in page
    assert mail.outbox == []
    run_tasks()
    # The first is the confirmation sent when the letter was written.
    assert mail.outbox[0].subject == "Ваше письмо принято"
    news = [(m.to, m.subject) for m in mail.outbox[1:]]
    assert news == [(["w@example.org"], "Адресата вашего письма перевели")]
    assert on_the_way.events.last().state == State.DISPATCHED


def test_it_shows_the_transfer_note_in_the_writers_language(client, alice):
    from solidarity.letters.models import LetterEvent
    from solidarity.letters.transfers import NOTE

    letter = submit_letter(alice, body="Привет!", submission_key="c")
    LetterEvent.objects.create(letter=letter, state=letter.state, note=NOTE)
    page = client.get(f"/letters/{letter.token}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Адресата перевели в другое учреждение" in page

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from solidarity.letters.models import Letter, Reply, State
from solidarity.letters.services.replies import attach_reply
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter


def test_it_deletes_words_and_contacts_of_old_closed_letters_and_keeps_counts(alice, capsys):
    old = submit_letter(alice, body="старые слова", contact="old@example.org", submission_key="a")
    advance(None, old, "approve")
    advance(None, old, "dispatch")
    attach_reply(None, old, transcription="старый ответ")
    recent = submit_letter(alice, body="новые слова", contact="new@example.org", submission_key="b")
    advance(None, recent, "reject", note="not this")
    open_letter = submit_letter(alice, body="ещё в пути", submission_key="c")
    Letter.objects.filter(pk__in=[old.pk, open_letter.pk]).update(
        updated_at=timezone.now() - dt.timedelta(days=181)
    )
    call_command("purge")
    assert "closed_letters: 1" in capsys.readouterr().out
    old.refresh_from_db()
    assert (old.body, old.contact, old.state) == ("", "", State.ANSWERED)
    assert old.events.count() == 5
    assert Reply.objects.get().transcription == ""
    assert Letter.objects.get(pk=recent.pk).body == "новые слова"
    assert Letter.objects.get(pk=open_letter.pk).body == "ещё в пути"
    assert Letter.objects.count() == 3

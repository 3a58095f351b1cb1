"""Letters are kept only while they are useful: words and contacts go, counts stay."""

import datetime as dt
import secrets

from django.conf import settings
from django.utils import timezone

from .models import Letter, LetterEvent, PostBatch, Reply, State, link_digest

CLOSED = (State.ANSWERED, State.REJECTED, State.RETURNED, State.WITHHELD, State.LOST)


def closed_letters() -> int:
    """Empty the text, signature, contact, translation and replies of closed letters.

    The letter row, its state and the dates of its events stay, so the statistics of
    delivery and blocking remain. The status link goes: the token's digest and the
    submission key it is made from are replaced by random values that no link matches.
    """
    cutoff = timezone.now() - dt.timedelta(days=settings.LETTERS_RETENTION_DAYS)
    old = Letter.objects.filter(state__in=CLOSED, updated_at__lt=cutoff, purged_at=None)
    ids = list(old.values_list("pk", flat=True))
    if not ids:
        return 0
    # update() writes the empty string as is: nothing to encrypt, nothing left to read.
    Letter.objects.filter(pk__in=ids).update(
        body="", signature="", contact="", translation="", purged_at=timezone.now()
    )
    for pk in ids:
        Letter.objects.filter(pk=pk).update(
            token_digest=link_digest(secrets.token_urlsafe(32)),
            submission_key="purged-" + secrets.token_hex(28),
        )
    Reply.objects.filter(letter_id__in=ids).update(transcription="", translation="", scan="")
    LetterEvent.objects.filter(letter_id__in=ids).update(note="")
    return len(ids)


def old_batches() -> int:
    """Empty print batches older than LETTERS_BATCH_KEEP_DAYS: the zip holds letters' words."""
    cutoff = timezone.now() - dt.timedelta(days=settings.LETTERS_BATCH_KEEP_DAYS)
    return PostBatch.objects.filter(created_at__lt=cutoff, purged_at=None).update(
        archive="", purged_at=timezone.now()
    )

"""A supporter sends a letter: checked, stored encrypted, and given a private status link."""

import datetime as dt
import hashlib
import secrets
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts import audit
from solidarity.queue import after_commit
from solidarity.registry.models import Person

from .. import precheck
from ..models import Letter, LetterEvent, Reply, State, link_digest, link_token
from ..notify import is_email
from ..tasks import tell_writer
from .workflow import WorkflowError

FORM_SALT = "solidarity.letters.form"


class SubmissionRefused(Exception):
    pass


def new_submission_key() -> str:
    """A signed, timestamped key for one rendering of the form (no cookie, no address)."""
    return signing.dumps({"n": secrets.token_urlsafe(16), "t": int(time.time())}, salt=FORM_SALT)


def check_submission_key(key: str) -> str:
    """The key's fingerprint if the form is genuine, not too fresh and not too old.

    A form filled in under MIN seconds is a script; one older than MAX is a replay. A flood
    from many forms at once meets the per-minute ceiling (kept in the cache, per process).
    """
    try:
        data = signing.loads(key, salt=FORM_SALT)
    except signing.BadSignature as exc:
        raise SubmissionRefused(
            _("This form is not valid any more. Please send it again.")
        ) from exc
    age = time.time() - int(data.get("t", 0))
    if age < settings.LETTERS_FORM_MIN_SECONDS:
        raise SubmissionRefused(_("That was very fast. Please read your letter and send it again."))
    if age > settings.LETTERS_FORM_MAX_SECONDS:
        raise SubmissionRefused(_("This form is too old. Please send it again."))
    minute = int(time.time() // 60)
    cache.add(f"letters:submits:{minute}", 0, 120)
    if cache.incr(f"letters:submits:{minute}") > settings.LETTERS_MAX_PER_MINUTE:
        raise SubmissionRefused(
            _("Too many letters arrive right now. Please try again in a minute.")
        )
    return hashlib.sha256(key.encode()).hexdigest()


def censor_country(person: Person) -> str:
    """Whose censor reads the letter: the country of the person's facility, else of the
    person's prosecution."""
    facility = person.facility
    return (facility.country if facility is not None else person.country) or "RU"


def submit_letter(
    person: Person,
    *,
    body: str,
    signature: str = "",
    contact: str = "",
    channel: str = "post",
    submission_key: str,
    writer_language: str = "",
) -> Letter:
    """Store the letter once per submission key; a repeated submit returns the first one.

    Only the digest of the status link's token is stored; `letter.token` makes the token
    again (for the redirect to the status page and for e-mails). When the contact is an
    e-mail address, a task worker sends the status link there at once, in
    `writer_language` (the language of the site the letter was written in)."""
    existing = Letter.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    result = precheck.check(
        body, channel=channel, country=censor_country(person), signature=signature
    )
    next_state = State.NEEDS_TRANSLATION if result.needs_translation else State.AWAITING_MODERATION
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                token_digest=link_digest(link_token(submission_key)),
                submission_key=submission_key,
                person=person,
                body=body,
                signature=signature,
                contact=contact,
                language=result.language,
                writer_language=writer_language[:8],
                needs_translation=result.needs_translation,
                channel=channel,
                state=next_state,
                flags=sorted(result.categories),
            )
            LetterEvent.objects.create(letter=letter, state=State.SUBMITTED)
            LetterEvent.objects.create(letter=letter, state=next_state)
            details: dict[str, Any] = {
                "person": person.pk,
                "language": result.language,
                "flags": sorted(result.categories),
            }
            audit.record(None, "letters.letter.submit", obj=letter, details=details, coarse=True)
            # A writer's times to the hour only: matched against a provider's connection
            # logs, the minute of a letter would say who wrote it.
            hour = coarse_now()
            Letter.objects.filter(pk=letter.pk).update(created_at=hour, updated_at=hour)
            LetterEvent.objects.filter(letter=letter).update(at=hour)
            letter.created_at = letter.updated_at = hour
            if is_email(contact):
                after_commit(tell_writer, letter.pk, "received")
    except IntegrityError:
        # Two submits of one form raced: the other one won; give the writer that letter.
        return Letter.objects.get(submission_key=submission_key)
    return letter


def revise_letter(letter: Letter, body: str) -> Letter:
    """The writer's new version after a moderator asked for changes: checked again."""
    result = precheck.check(
        body,
        channel=letter.channel,
        country=censor_country(letter.person),
        signature=letter.signature,
    )
    next_state = State.NEEDS_TRANSLATION if result.needs_translation else State.AWAITING_MODERATION
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.state != State.CHANGES_REQUESTED:
            raise WorkflowError(_("This letter cannot be changed now."))
        letter.body = body
        letter.translation = ""
        letter.translator = None
        letter.language = result.language
        letter.needs_translation = result.needs_translation
        letter.flags = sorted(result.categories)
        letter.state = next_state
        letter.save()
        hour = coarse_now()
        before = LetterEvent.objects.filter(letter=letter).order_by("-at", "-id").first()
        event = LetterEvent.objects.create(letter=letter, state=next_state)
        # To the hour, but never before the step it answers (the path stays in order).
        at = max(hour, before.at) if before is not None else hour
        LetterEvent.objects.filter(pk=event.pk).update(at=at)
        Letter.objects.filter(pk=letter.pk).update(updated_at=at)
        audit.record(
            None, "letters.letter.revise", obj=letter, details={"flags": letter.flags}, coarse=True
        )
    return letter


def coarse_now() -> dt.datetime:
    """Now, to the hour: the only time kept of what anonymous writers do."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


# Before the letter leaves, erasing it withdraws it: there is nothing left to print or send.
UNSENT = (
    State.SUBMITTED,
    State.NEEDS_TRANSLATION,
    State.AWAITING_MODERATION,
    State.CHANGES_REQUESTED,
    State.APPROVED,
)


def erase_letter(letter: Letter) -> Letter:
    """The writer erases their letter: words, signature, contact, translation, replies and
    notes go, and so does the status link (no key opens the letter again).

    The row stays with its states and dates, for the prisoner's letter counts; a letter not
    yet sent is withdrawn. The audit entry names the step, never the words. On SQLite the
    database overwrites what it deletes (secure_delete) and the WAL is checkpointed, so the
    ciphertext is gone from the files too (see erase_from_files)."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.erased_by_writer:
            return letter
        previous = letter.state
        withdrawn = previous in UNSENT
        hour = coarse_now()
        # update() writes the empty strings as they are: nothing encrypted is left.
        Letter.objects.filter(pk=letter.pk).update(
            body="",
            signature="",
            signature_translation="",
            contact="",
            translation="",
            erased_by_writer=True,
            purged_at=hour,
            updated_at=hour,
            state=State.WITHDRAWN if withdrawn else previous,
            token_digest=link_digest(secrets.token_urlsafe(32)),
            submission_key="erased-" + secrets.token_hex(28),
        )
        Reply.objects.filter(letter=letter).update(transcription="", translation="", scan="")
        LetterEvent.objects.filter(letter=letter).update(note="")
        if withdrawn:
            LetterEvent.objects.create(letter=letter, state=State.WITHDRAWN)
            LetterEvent.objects.filter(letter=letter, state=State.WITHDRAWN).update(at=hour)
        audit.record(
            None,
            "letters.letter.erase",
            obj=letter,
            details={"from": previous, "withdrawn": withdrawn},
            coarse=True,
        )
    erase_from_files()
    letter.refresh_from_db()
    return letter


def erase_from_files() -> None:
    """Write what the WAL holds into the database and empty it, so that old versions of
    erased rows are not left in the -wal file (SQLite; PostgreSQL's VACUUM does this)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

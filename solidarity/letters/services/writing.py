"""A supporter sends a letter: checked, stored encrypted, and given a private status link."""

import secrets
from typing import Any

from django.db import IntegrityError, transaction

from solidarity.accounts import audit
from solidarity.registry.models import Person

from .. import precheck
from ..models import Letter, LetterEvent, State


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def submit_letter(
    person: Person,
    *,
    body: str,
    signature: str = "",
    contact: str = "",
    channel: str = "post",
    submission_key: str,
) -> Letter:
    """Store the letter once per submission key; a repeated submit returns the first one."""
    existing = Letter.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    result = precheck.check(body, channel=channel)
    next_state = State.NEEDS_TRANSLATION if result.needs_translation else State.AWAITING_MODERATION
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                token=secrets.token_urlsafe(32),
                submission_key=submission_key,
                person=person,
                body=body,
                signature=signature,
                contact=contact,
                language=result.language,
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
            audit.record(None, "letters.letter.submit", obj=letter, details=details)
    except IntegrityError:
        # Two submits of one form raced: the other one won; give the writer that letter.
        return Letter.objects.get(submission_key=submission_key)
    return letter

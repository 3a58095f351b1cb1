"""The path of a letter after it is written: each step one audited, permission-checked action.

The table below is the whole state machine; the writer sees every step (and any note meant
for them) on the status page. Audit entries name the step, never the letter's words.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts import audit
from solidarity.accounts.permissions import Perm, require

from ..models import Letter, LetterEvent, State


class WorkflowError(Exception):
    pass


@dataclass(frozen=True)
class Step:
    perm: Perm
    sources: frozenset[str]
    target: str
    needs_note: bool = False


STEPS: dict[str, Step] = {
    "translate": Step(
        Perm.LETTERS_TRANSLATE, frozenset({State.NEEDS_TRANSLATION}), State.AWAITING_MODERATION
    ),
    "approve": Step(Perm.LETTERS_MODERATE, frozenset({State.AWAITING_MODERATION}), State.APPROVED),
    "request_changes": Step(
        Perm.LETTERS_MODERATE,
        frozenset({State.AWAITING_MODERATION}),
        State.CHANGES_REQUESTED,
        needs_note=True,
    ),
    "dispatch": Step(Perm.LETTERS_MODERATE, frozenset({State.APPROVED}), State.DISPATCHED),
    "deliver": Step(Perm.LETTERS_MODERATE, frozenset({State.DISPATCHED}), State.DELIVERED),
    "return": Step(
        Perm.LETTERS_MODERATE, frozenset({State.DISPATCHED}), State.RETURNED, needs_note=True
    ),
    "withhold": Step(
        Perm.LETTERS_MODERATE, frozenset({State.DISPATCHED, State.DELIVERED}), State.WITHHELD
    ),
    "lose": Step(Perm.LETTERS_MODERATE, frozenset({State.DISPATCHED}), State.LOST),
    "answer": Step(
        Perm.LETTERS_MODERATE, frozenset({State.DISPATCHED, State.DELIVERED}), State.ANSWERED
    ),
    "reject": Step(
        Perm.LETTERS_MODERATE,
        frozenset({State.AWAITING_MODERATION, State.NEEDS_TRANSLATION, State.CHANGES_REQUESTED}),
        State.REJECTED,
        needs_note=True,
    ),
}


def claim_for_translation(actor: Any, letter: Letter) -> Letter:
    require(actor, Perm.LETTERS_TRANSLATE)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.state != State.NEEDS_TRANSLATION:
            raise WorkflowError(_("This letter no longer needs a translation."))
        if letter.translator_id not in (None, actor.pk):
            raise WorkflowError(_("Another translator has taken this letter."))
        letter.translator = actor
        letter.save(update_fields=["translator", "updated_at"])
        audit.record(actor, "letters.letter.claim", obj=letter)
    return letter


def advance(actor: Any, letter: Letter, step_name: str, *, note: str = "",
            translation: str = "", signature_translation: str = "") -> Letter:  # fmt: skip
    step = STEPS[step_name]
    if actor is not None:  # None is the system itself: a command run on the server
        require(actor, step.perm)
    if step.needs_note and not note.strip():
        raise WorkflowError(_("Say why: the writer will read it."))
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.state not in step.sources:
            raise WorkflowError(
                _("This letter is %(state)s; that step is not possible now.")
                % {"state": letter.get_state_display()}
            )
        if step_name == "translate":
            if letter.translator_id != actor.pk:
                raise WorkflowError(_("Claim the letter before translating it."))
            if not translation.strip():
                raise WorkflowError(_("The translation is empty."))
            letter.translation = translation
            # The signature as the prisoner will read it: translated or transliterated.
            letter.signature_translation = signature_translation.strip()[:200]
        previous, letter.state = letter.state, step.target
        if step_name == "dispatch":
            # Where it went stays known after a transfer: the facility's letter history.
            letter.sent_to_id = letter.person.facility_id
        letter.save()
        LetterEvent.objects.create(letter=letter, state=step.target, note=note.strip())
        audit.record(
            actor,
            f"letters.letter.{step_name}",
            obj=letter,
            details={"from": previous, "to": step.target},
        )
    return letter


def mark_lost(days: int) -> int:
    """Dispatched letters with no news for `days` days are lost (run daily from cron)."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    stale = Letter.objects.filter(state=State.DISPATCHED, updated_at__lt=cutoff)
    count = 0
    for letter in stale.defer("body", "contact", "signature", "translation"):
        advance(None, letter, "lose", note="")
        count += 1
    return count

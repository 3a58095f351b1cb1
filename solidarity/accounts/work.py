"""What waits for a staff member: the counts on the staff home, for the queues they may open."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .permissions import Perm, allowed


def waiting(user: Any) -> dict[str, int]:
    """Counts per queue, only for the queues `user` may work on (others are left out)."""
    from solidarity.intake.models import Proposal, ProposalStatus
    from solidarity.letters.models import Channel, Letter, State

    counts: dict[str, int] = {}
    if allowed(user, Perm.LETTERS_TRANSLATE):
        counts["translate"] = Letter.objects.filter(
            Q(translator=None) | Q(translator=user), state=State.NEEDS_TRANSLATION
        ).count()
    if allowed(user, Perm.LETTERS_MODERATE):
        counts["moderate"] = Letter.objects.filter(state=State.AWAITING_MODERATION).count()
        counts["print"] = Letter.objects.filter(state=State.APPROVED, channel=Channel.POST).count()
        counts["eletters"] = Letter.objects.filter(
            state=State.APPROVED, channel=Channel.ELETTER
        ).count()
    if allowed(user, Perm.INTAKE_REVIEW):
        counts["proposals"] = Proposal.objects.filter(status=ProposalStatus.PENDING).count()
    return counts

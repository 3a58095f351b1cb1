"""Generic audited saves, for the stop-gap admin of any app.

Real workflows get their own action functions (one transaction, the acting user, one audit
entry), like zulip's zerver/actions; these two cover plain edits of any row.
"""

from typing import Any

from django.db import models, transaction

from . import audit


def _action(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.label_lower}.{verb}"


def save_record(actor: Any, obj: models.Model, *, created: bool, changed: list[str]) -> None:
    """Save a row edited by staff; the audit entry names the fields, never their values."""
    with transaction.atomic():
        obj.save()
        audit.record(
            actor,
            _action(obj, "create" if created else "update"),
            obj=obj,
            details={"fields": sorted(changed)},
        )


def delete_record(actor: Any, obj: models.Model) -> None:
    with transaction.atomic():
        label, pk = obj._meta.label_lower, str(obj.pk)
        obj.delete()
        audit.record(actor, f"{label}.delete", object_type=label, object_id=pk)


def create_staff_user(actor: Any, username: str, role: str, password: str) -> Any:
    """A staff account with a password; the second factor is enrolled at first sign-in."""
    from .models import User

    with transaction.atomic():
        user = User.objects.create_user(username, password=password, is_staff=True, role=role)
        audit.record(actor, "accounts.user.create", obj=user, details={"role": role})
    return user

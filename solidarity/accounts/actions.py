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


def new_passphrase() -> str:
    """A first passphrase for a staff account: five groups of five letters and digits
    (about 129 bits), shown once to whoever hands it over."""
    import secrets

    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(5))


def _coordinators_left(without: Any) -> int:
    from .models import Role, User

    people = User.objects.filter(is_active=True, is_staff=True, role=Role.COORDINATOR)
    return people.exclude(pk=without.pk).count()


def change_staff_user(actor: Any, user: Any, *, role: str | None = None,
                      active: bool | None = None) -> list[str]:  # fmt: skip
    """Change a staff account's role and/or whether it may sign in; returns the fields
    changed. A deactivated account is refused from its next request on (Django's backend
    reads is_active at each request). The last active coordinator cannot be demoted or
    deactivated (ValidationError): nobody could manage accounts or keys any more."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .models import Role

    changed: dict[str, Any] = {}
    if role is not None and role != user.role:
        if role not in Role.values:
            raise ValidationError({"role": _("Unknown role.")})
        changed["role"] = {"from": user.role, "to": role}
    if active is not None and active != user.is_active:
        changed["is_active"] = {"from": user.is_active, "to": active}
    if not changed:
        return []
    with transaction.atomic():
        locked = type(user).objects.select_for_update().get(pk=user.pk)
        new_role = changed.get("role", {}).get("to", locked.role)
        stays_coordinator = new_role == Role.COORDINATOR and changed.get("is_active", {}).get(
            "to", locked.is_active
        )
        if locked.role == Role.COORDINATOR and not stays_coordinator:
            if _coordinators_left(locked) == 0:
                raise ValidationError(_("This is the last active coordinator: make another "
                                        "coordinator first."))  # fmt: skip
        if "role" in changed:
            locked.role = role
        if "is_active" in changed:
            locked.is_active = active
        locked.save(update_fields=[f for f in ("role", "is_active") if f in changed])
        audit.record(actor, "accounts.user.update", obj=locked, details={"fields": changed})
    user.refresh_from_db()
    return sorted(changed)


def reset_sign_in(actor: Any, user: Any) -> str:
    """A lost phone or a forgotten passphrase: a new first passphrase (returned, to be shown
    once), every second factor and recovery code removed (the person enrols again at the
    next sign-in), and every open session of theirs ended."""
    from django.contrib.sessions.models import Session

    from .models import Authenticator, RecoveryCodeDevice

    passphrase = new_passphrase()
    with transaction.atomic():
        locked = type(user).objects.select_for_update().get(pk=user.pk)
        locked.set_password(passphrase)
        locked.save()
        factors = Authenticator.objects.filter(user=locked).delete()[0]
        factors += RecoveryCodeDevice.objects.filter(user=locked).delete()[0]
        factors += locked.webauthndevice_set.all().delete()[0]
        ended = 0
        for session in Session.objects.all().iterator():
            if str(session.get_decoded().get("_auth_user_id")) == str(locked.pk):
                session.delete()
                ended += 1
        audit.record(actor, "accounts.user.reset_sign_in", obj=locked,
                     details={"factors_removed": factors, "sessions_ended": ended})  # fmt: skip
    return passphrase

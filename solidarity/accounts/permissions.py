"""What each role may do: the one place where permissions are decided.

Views, the admin and later the API ask `allowed(user, Perm.X)` or call `require()`;
templates only show what the view already decided.
"""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Role


class Perm(StrEnum):
    STAFF_AREA = "staff_area"  # staff pages: sign-in, own second factors
    REGISTRY_VIEW = "registry_view"  # the registry with its private fields, read-only
    REGISTRY_EDIT = "registry_edit"
    LETTERS_MODERATE = "letters_moderate"
    LETTERS_TRANSLATE = "letters_translate"
    WRITER_CONTACT = "writer_contact"  # see how to reach a letter's writer
    USERS_MANAGE = "users_manage"
    PRIVATE_EXPORT = "private_export"
    KEYS_ROTATE = "keys_rotate"
    AUDIT_VIEW = "audit_view"
    INTAKE_REVIEW = "intake_review"  # read documents in, confirm what the machine proposes
    SUPPORT = "support"  # needs, parcels, solidarity evenings
    LEDGER = "ledger"  # money in and out, donors


ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.COORDINATOR: frozenset(Perm),
    Role.EDITOR: frozenset(
        {Perm.STAFF_AREA, Perm.REGISTRY_VIEW, Perm.REGISTRY_EDIT, Perm.INTAKE_REVIEW, Perm.SUPPORT}
    ),
    Role.MODERATOR: frozenset(
        {Perm.STAFF_AREA, Perm.REGISTRY_VIEW, Perm.LETTERS_MODERATE, Perm.WRITER_CONTACT}
    ),
    # A translator sees only letters to translate: no registry notes, no contacts.
    Role.TRANSLATOR: frozenset({Perm.STAFF_AREA, Perm.LETTERS_TRANSLATE}),
    Role.VIEWER: frozenset({Perm.STAFF_AREA, Perm.REGISTRY_VIEW}),
}

# Actions that also need a fresh re-authentication (see sudo.py).
SUDO_PERMS = frozenset({Perm.USERS_MANAGE, Perm.PRIVATE_EXPORT, Perm.KEYS_ROTATE})


def allowed(user: Any, perm: Perm) -> bool:
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return perm in ROLE_PERMS.get(user.role, frozenset())


def require(user: Any, perm: Perm) -> None:
    if not allowed(user, perm):
        raise PermissionDenied(f"needs {perm.value}")

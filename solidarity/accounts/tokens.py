"""API tokens: made, checked and revoked through audited actions."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import audit
from .models import ApiToken
from .permissions import Perm, allowed

SCOPES = {
    "registry:write": gettext_lazy("create and change people and their timeline events"),
}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(actor: Any, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token for the acting user; returns it and the secret, shown only now."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(f"unknown or no scopes: {unknown or scopes}")
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(24)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name.strip()[:100] or "token", prefix=prefix,
            digest=_digest(secret), scopes=" ".join(sorted(set(scopes))),
        )  # fmt: skip
        audit.record(actor, "accounts.api_token.create", obj=token, details={"scopes": scopes})
    return token, f"sol_{prefix}_{secret}"


def revoke(actor: Any, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "accounts.api_token.revoke", obj=token)


def check(presented: str, scope: str) -> ApiToken | None:
    """The live token behind a presented secret, if it carries the scope and its owner may
    still do what the scope allows."""
    if not presented.startswith("sol_"):
        return None
    prefix, _sep, secret = presented[4:].partition("_")  # the prefix is hex: no "_" in it
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    if scope not in token.scope_list() or not allowed(token.user, Perm.REGISTRY_EDIT):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token

"""Staff accounts. Roles are fixed here; what each role may do is decided in one place."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    EDITOR = "editor", _("editor")
    MODERATOR = "moderator", _("moderator")
    TRANSLATOR = "translator", _("translator")
    VIEWER = "viewer", _("viewer")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)


class WebAuthnDevice(Device):
    """A passkey or security key. Verified by the WebAuthn views, not by typed tokens."""

    credential_id = models.CharField(max_length=512, unique=True)  # base64url
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def verify_token(self, token: object) -> bool:
        return False


class LoginThrottle(models.Model):
    """Failed password attempts per username (not per address: we keep no addresses)."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit log is append-only")

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("the audit log is append-only")


class AuditEntry(models.Model):
    """One state change. Never updated or deleted through the application."""

    created_at = models.DateTimeField()
    # No foreign key: removing a user must not rewrite history.
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("write audit entries with solidarity.accounts.audit.record()")

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("the audit log is append-only")

    def save_new(self) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the audit log is append-only")
        super().save(force_insert=True)


class AuditHead(models.Model):
    """The newest entry's hash, locked while appending so that writers queue up."""

    last_hash = models.CharField(max_length=64)
    last_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"audit head #{self.last_id}"


class ApiToken(models.Model):
    """A revocable credential for the API's write endpoints, acting as its staff owner.

    Only a SHA-256 of the secret is kept (the secret is 192 random bits, so a fast hash is
    enough); the prefix finds the row without scanning. The secret is shown once."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    scopes = models.CharField(_("scopes"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def scope_list(self) -> list[str]:
        return [s for s in self.scopes.split() if s]


class IdempotentRequest(models.Model):
    """The answer to a create sent with an Idempotency-Key, to be given again on a retry."""

    token = models.ForeignKey(ApiToken, models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("token", "key", name="idempotency_key_per_token"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.status}"

"""Staff accounts. Roles are fixed here; what each role may do is decided in one place."""

import re
import time
from binascii import unhexlify
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice as _PlainTOTPDevice
from django_otp.util import random_hex

from solidarity.fields import EncryptedTextField


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    EDITOR = "editor", _("editor")
    MODERATOR = "moderator", _("moderator")
    TRANSLATOR = "translator", _("translator")
    VIEWER = "viewer", _("viewer")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A changed password is audited with the save, whichever door changed it (the
        admin, `changepassword`, a view): set_password() leaves the new password pending
        until the save. Django's re-hashing at sign-in clears it first, so is not counted."""
        if self._password is None or self._state.adding:  # type: ignore[attr-defined]
            super().save(*args, **kwargs)
            return
        from django.db import transaction

        from . import audit

        with transaction.atomic():
            super().save(*args, **kwargs)
            audit.record(audit.acting_user(), "accounts.user.password", obj=self)


class WebAuthnDevice(Device):
    """A passkey or security key. Verified by the WebAuthn views, not by typed tokens."""

    credential_id = models.CharField(max_length=512, unique=True)  # base64url
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def verify_token(self, token: object) -> bool:
        return False


def new_totp_key() -> str:
    """A fresh authenticator seed: 20 random bytes as 40 hex characters."""
    return str(random_hex(20))


class Authenticator(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (TOTP, RFC 6238), as django-otp's TOTPDevice, but its seed is
    encrypted with the field keys: a database copy holds no code generator.

    `key` is the seed in hex (decrypted on load); the other fields are django-otp's."""

    key = EncryptedTextField(default=new_totp_key)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator app")

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.key.encode())

    # The URL for the QR code, as django-otp writes it (it reads bin_key and the settings).
    config_url = _PlainTOTPDevice.config_url
    _read_str_from_settings = _PlainTOTPDevice._read_str_from_settings

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))

    def verify_token(self, token: Any) -> bool:
        """True for a current code not used before (django-otp's TOTP check, with replay
        protection through last_t); each failure slows the next try down."""
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            number = int(token)
        except (TypeError, ValueError):
            number = None
        verified = False
        if number is not None:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = bool(totp.verify(number, self.tolerance, self.last_t + 1))
            if verified:
                self.last_t = totp.t()
                self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified


# What a recovery code can look like; anything else (an authenticator's six digits) is
# refused before any slow hash is computed.
RECOVERY_CODE = re.compile(r"(?=.*[a-z])[a-z0-9]{8,16}")


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's single-use recovery codes. Each is kept only as a slow password hash
    (PASSWORD_HASHERS: Argon2), so a database copy gives no code and cannot be searched
    for one in useful time."""

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: Any) -> bool:
        """True once per code: a matching code is deleted."""
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        token = str(token).strip().lower()
        if not RECOVERY_CODE.fullmatch(token):
            return False
        for code in self.codes.all():
            if check_password(token, code.digest):
                code.delete()
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
                return True
        self.throttle_increment(commit=True)
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=256)

    def __str__(self) -> str:
        return f"recovery code #{self.pk}"


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

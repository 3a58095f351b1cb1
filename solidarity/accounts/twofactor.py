"""Second factors: authenticator apps (TOTP), passkeys (WebAuthn) and recovery codes.

Seeds are encrypted with the field keys (models.Authenticator) and recovery codes kept as
Argon2 hashes (models.RecoveryCode): a copy of the database gives neither."""

from __future__ import annotations

import json
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticToken
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import PublicKeyCredentialDescriptor

from . import audit
from .models import RECOVERY_CODE, Authenticator, RecoveryCode, RecoveryCodeDevice, WebAuthnDevice

RECOVERY_CODES = 10
CHALLENGE_KEY = "webauthn_challenge"


class SecondFactorError(Exception):
    pass


def has_second_factor(user: Any) -> bool:
    return any(
        not isinstance(d, RecoveryCodeDevice) for d in devices_for_user(user, confirmed=True)
    )


def check_code(user: Any, code: str) -> Any:
    """The device that accepts this authenticator or recovery code, or None."""
    code = "".join(code.split())
    return match_token(user, code) if code else None


def totp_enrolment(user: Any) -> Authenticator:
    device = Authenticator.objects.filter(user=user, confirmed=False).first()
    return device or Authenticator.objects.create(
        user=user, name="authenticator app", confirmed=False
    )


def totp_qr_data_uri(device: Authenticator) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=4))


def totp_secret(device: Authenticator) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


@transaction.atomic
def confirm_totp(user: Any, device: Authenticator, code: str) -> bool:
    if not device.verify_token("".join(code.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "accounts.second_factor.add", obj=device, details={"kind": "totp"})
    return True


def _recovery_code() -> str:
    """Eight characters of base32 (40 random bits), with at least one letter."""
    while True:
        code = str(StaticToken.random_token())
        if RECOVERY_CODE.fullmatch(code):
            return code


def new_recovery_codes(user: Any) -> list[str]:
    """RECOVERY_CODES new codes, replacing the old ones; returned once, stored hashed."""
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    digests = [make_password(c) for c in codes]  # slow on purpose: before the transaction
    with transaction.atomic():
        RecoveryCodeDevice.objects.filter(user=user).delete()
        device = RecoveryCodeDevice.objects.create(user=user, name="recovery codes", confirmed=True)
        RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=d) for d in digests])
        audit.record(user, "accounts.recovery_codes.replace", obj=device)
    return codes


def _relying_party(request: HttpRequest) -> tuple[str, str]:
    host = request.get_host()
    rp_id = settings.WEBAUTHN_RP_ID or host.rsplit(":", 1)[0].strip("[]")
    return rp_id, f"{request.scheme}://{host}"


def _passkeys(user: Any) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=base64url_to_bytes(d.credential_id))
        for d in WebAuthnDevice.objects.filter(user=user, confirmed=True)
    ]


def registration_options(request: HttpRequest, user: Any) -> str:
    rp_id, _origin = _relying_party(request)
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=settings.SITE_NAME,
        user_id=str(user.pk).encode(),
        user_name=user.get_username(),
        exclude_credentials=_passkeys(user),
    )
    request.session[CHALLENGE_KEY] = bytes_to_base64url(options.challenge)
    return str(options_to_json(options))


@transaction.atomic
def finish_registration(request: HttpRequest, user: Any, credential: str, name: str) -> Any:
    rp_id, origin = _relying_party(request)
    challenge = request.session.pop(CHALLENGE_KEY, "")
    if not challenge:
        raise SecondFactorError("no registration was started")
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, json.JSONDecodeError) as exc:
        raise SecondFactorError(f"the passkey was not accepted: {exc}") from exc
    device = WebAuthnDevice.objects.create(
        user=user,
        name=(name or "passkey")[:64],
        confirmed=True,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )
    audit.record(user, "accounts.second_factor.add", obj=device, details={"kind": "webauthn"})
    return device


def authentication_options(request: HttpRequest, user: Any) -> str:
    rp_id, _origin = _relying_party(request)
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=_passkeys(user),
    )
    request.session[CHALLENGE_KEY] = bytes_to_base64url(options.challenge)
    return str(options_to_json(options))


def finish_authentication(request: HttpRequest, user: Any, credential: str) -> WebAuthnDevice:
    rp_id, origin = _relying_party(request)
    challenge = request.session.pop(CHALLENGE_KEY, "")
    try:
        credential_id = json.loads(credential)["id"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise SecondFactorError("malformed passkey answer") from exc
    device = WebAuthnDevice.objects.filter(user=user, credential_id=credential_id).first()
    if not challenge or device is None:
        raise SecondFactorError("unknown passkey")
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError) as exc:
        raise SecondFactorError(f"the passkey was not accepted: {exc}") from exc
    device.sign_count = verified.new_sign_count
    device.save(update_fields=["sign_count"])
    return device

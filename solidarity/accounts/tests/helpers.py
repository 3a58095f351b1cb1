from django_otp.oath import totp

from solidarity.accounts.models import Authenticator


def current_code(device: Authenticator) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def confirmed_totp(user) -> Authenticator:  # type: ignore[no-untyped-def]
    return Authenticator.objects.create(user=user, name="phone", confirmed=True)

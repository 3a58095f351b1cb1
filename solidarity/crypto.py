"""Encryption at rest for private fields, with keys kept outside the database.

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package) is authenticated:
a changed or truncated value fails to decrypt instead of yielding garbage. MultiFernet
decrypts with any configured key and encrypts with the first, which is what rotation needs.

Keys come from FIELD_ENCRYPTION_KEYS (or FIELD_ENCRYPTION_KEYS_FILE): comma- or
line-separated, newest first. Without either, the embedded install keeps its keys in
var/field_keys, generated on first use and never committed.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


class DecryptionError(Exception):
    pass


def _key_file() -> Path:
    return Path(settings.VAR_DIR) / "field_keys"


def _split(text: str) -> list[str]:
    return [k.strip() for k in text.replace(",", "\n").splitlines() if k.strip()]


def configured_keys() -> list[str]:
    if settings.FIELD_ENCRYPTION_KEYS:
        return _split(settings.FIELD_ENCRYPTION_KEYS)
    path = _key_file()
    if not path.exists():
        write_key_file([Fernet.generate_key().decode()])
    return _split(path.read_text(encoding="utf-8"))


def keys_from_environment() -> bool:
    return bool(settings.FIELD_ENCRYPTION_KEYS)


def write_key_file(keys: list[str]) -> None:
    path = _key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(keys) + "\n")
    temporary.replace(path)
    reset()


@cache
def _fernet() -> MultiFernet:
    keys = configured_keys()
    if not keys:
        raise RuntimeError("no field encryption key is configured")
    return MultiFernet([Fernet(k.encode()) for k in keys])


def reset() -> None:
    """Forget the loaded keys (after rotation, or when tests change the settings)."""
    _fernet.cache_clear()


def encrypt(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("value is not encrypted (expected the 'fernet:' prefix)")
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError("no configured key opens this value, or it was altered") from exc

"""Encryption at rest for private fields, with keys kept outside the database.

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package) is authenticated:
a changed or truncated value fails to decrypt instead of yielding garbage. MultiFernet
decrypts with any configured key and encrypts with the first, which is what rotation needs.

Keys come from a key file (FIELD_ENCRYPTION_KEYS_FILE, or var/field_keys in the embedded
install, generated on first use and never committed) or from FIELD_ENCRYPTION_KEYS: comma-
or line-separated, newest first.

A running process never keeps keys for good: before each use it looks at the key file
(one stat), and reads it again when it changed. So after `solidarity keys rotate` wrote a
new key in front of the old ones, every web worker and task worker encrypts with the new
key from its next value on, and still reads values written under the old key; the old key
goes only with `solidarity keys retire`, after every value was re-encrypted.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


class DecryptionError(Exception):
    pass


def key_file() -> Path:
    """The file the keys are read from and rotation writes to."""
    named = getattr(settings, "FIELD_ENCRYPTION_KEYS_FILE", "")
    return Path(named) if named else Path(settings.VAR_DIR) / "field_keys"


def _split(text: str) -> list[str]:
    return [k.strip() for k in text.replace(",", "\n").splitlines() if k.strip()]


def keys_from_environment() -> bool:
    """Keys given in the FIELD_ENCRYPTION_KEYS variable itself: rotation cannot write them."""
    return bool(settings.FIELD_ENCRYPTION_KEYS) and not getattr(
        settings, "FIELD_ENCRYPTION_KEYS_FILE", ""
    )


def configured_keys() -> list[str]:
    return list(_current()[1])


def write_key_file(keys: list[str]) -> None:
    """Replace the key file at once (write a new file, then rename it over the old one):
    a process reading it meanwhile sees the old list or the new one, never half of one."""
    path = key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(keys) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
    reset()


_lock = threading.RLock()
_loaded: dict[str, object] = {}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _current() -> tuple[MultiFernet, tuple[str, ...]]:
    """The keys as they are now: from the environment, or the key file re-read on change."""
    if keys_from_environment():
        source: tuple[object, ...] = ("env", settings.FIELD_ENCRYPTION_KEYS)
    else:
        path = key_file()
        signature = _signature(path)
        if signature is None:
            with _lock:
                if _signature(path) is None:
                    write_key_file([Fernet.generate_key().decode()])
            signature = _signature(path)
        source = ("file", str(path), signature)
    cached = _loaded.get("source")
    if cached == source:
        return _loaded["fernet"], _loaded["keys"]  # type: ignore[return-value]
    if source[0] == "env":
        keys = _split(settings.FIELD_ENCRYPTION_KEYS)
    else:
        keys = _split(key_file().read_text(encoding="utf-8"))
    if not keys:
        raise RuntimeError("no field encryption key is configured")
    fernet = MultiFernet([Fernet(k.encode()) for k in keys])
    with _lock:
        _loaded.update(source=source, fernet=fernet, keys=tuple(keys))
    return fernet, tuple(keys)


def reset() -> None:
    """Forget the loaded keys (tests change the settings; the file is re-read on change)."""
    with _lock:
        _loaded.clear()


def encrypt(text: str) -> str:
    return PREFIX + _current()[0].encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("value is not encrypted (expected the 'fernet:' prefix)")
    try:
        return _current()[0].decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError("no configured key opens this value, or it was altered") from exc


def under_newest_key(stored: str) -> bool:
    """Whether the newest key alone opens this value (so retiring the others loses nothing)."""
    newest = Fernet(configured_keys()[0].encode())
    try:
        newest.decrypt(stored[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        return False
    return True


def reencrypt(stored: str) -> str:
    """The same value under the newest key (its Fernet timestamp kept)."""
    fernet = _current()[0]
    return PREFIX + fernet.rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")

"""Key rotation for the encrypted fields, in two steps that a running server survives.

1. `rotate` puts a new key in front of the key file. Every process sees the change at its
   next encryption or decryption (crypto re-reads the file when it changes): new values
   are written under the new key, old values still open with the old one. Nothing in the
   database changes, so this is instant and no page fails.
2. `retire`, later, re-encrypts every value not yet under the newest key, then writes the
   key file with the newest key alone. Each value is replaced only if it is still the one
   read (compare and set), so a change made meanwhile through a page is never overwritten.

With keys given in FIELD_ENCRYPTION_KEYS itself (not a file), the operator puts the new
key first in the environment and restarts; `retire` then re-encrypts, and the operator
removes the old keys from the environment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from cryptography.fernet import Fernet
from django.db import connection, transaction

from solidarity import crypto
from solidarity.fields import encrypted_fields

from . import audit


class KeysInEnvironment(Exception):
    """Keys come from the FIELD_ENCRYPTION_KEYS variable: rotation cannot write them."""


def fingerprint(key: str) -> str:
    """Names a key in the audit log and on the page without giving it away."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def rotate(actor: object) -> str:
    """Add a new key in front of the key file; return its fingerprint."""
    if crypto.keys_from_environment():
        raise KeysInEnvironment(
            "keys come from FIELD_ENCRYPTION_KEYS: put a new key (keys generate) first in it, "
            "restart, then run keys retire"
        )
    old_keys = crypto.configured_keys()
    new_key = Fernet.generate_key().decode()
    with transaction.atomic():
        audit.record(
            actor,
            "keys.rotate",
            details={"new": fingerprint(new_key), "kept": [fingerprint(k) for k in old_keys]},
        )
        crypto.write_key_file([new_key, *old_keys])
    return fingerprint(new_key)


def _reencrypt_pass(progress: Callable[[str], None], chunk: int = 200) -> dict[str, int]:
    """Re-encrypt every stored value the newest key alone does not open."""
    counts: dict[str, int] = {}
    quote = connection.ops.quote_name
    for model, names in encrypted_fields():
        table, pk = model._meta.db_table, str(model._meta.pk.column)  # type: ignore[union-attr]
        changed = 0
        for name in names:
            column = str(model._meta.get_field(name).column)  # type: ignore[union-attr]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(pk)}, {quote(column)} FROM {quote(table)} "  # noqa: S608
                    f"WHERE {quote(column)} LIKE %s",
                    [crypto.PREFIX + "%"],
                )
                stale = [(k, v) for k, v in cursor.fetchall() if not crypto.under_newest_key(v)]
            for start in range(0, len(stale), chunk):
                with transaction.atomic(), connection.cursor() as cursor:
                    for key, value in stale[start : start + chunk]:
                        cursor.execute(
                            f"UPDATE {quote(table)} SET {quote(column)} = %s "  # noqa: S608
                            f"WHERE {quote(pk)} = %s AND {quote(column)} = %s",
                            [crypto.reencrypt(value), key, value],
                        )
                        changed += cursor.rowcount
        counts[model._meta.label_lower] = changed
        progress(f"{model._meta.label_lower}: {changed} values re-encrypted")
    return counts


def stale_values() -> int:
    """How many stored values the newest key alone does not open."""
    quote = connection.ops.quote_name
    found = 0
    for model, names in encrypted_fields():
        for name in names:
            column = str(model._meta.get_field(name).column)  # type: ignore[union-attr]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} "  # noqa: S608
                    f"WHERE {quote(column)} LIKE %s",
                    [crypto.PREFIX + "%"],
                )
                found += sum(1 for (v,) in cursor.fetchall() if not crypto.under_newest_key(v))
    return found


def retire(actor: object, progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Re-encrypt everything under the newest key, then drop the older keys from the file.

    Passes repeat until one finds nothing left to re-encrypt (a value written by a process
    that had not yet seen the new key is caught by the next pass); only then are the old
    keys removed.
    """
    keys = crypto.configured_keys()
    totals: dict[str, int] = {}
    for _attempt in range(10):
        counts = _reencrypt_pass(progress)
        for label, rows in counts.items():
            totals[label] = totals.get(label, 0) + rows
        if not any(counts.values()) and not stale_values():
            break
    else:
        raise RuntimeError("values kept being written under an old key; try again")
    with transaction.atomic():
        audit.record(
            actor,
            "keys.retire",
            details={
                "rows": totals,
                "kept": fingerprint(keys[0]),
                "retired": [fingerprint(k) for k in keys[1:]],
            },
        )
        if not crypto.keys_from_environment() and len(keys) > 1:
            crypto.write_key_file(keys[:1])
    return totals

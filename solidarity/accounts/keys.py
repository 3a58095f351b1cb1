"""Key rotation for the encrypted fields: re-encrypt every value under the newest key."""

from collections.abc import Callable

from cryptography.fernet import Fernet
from django.db import transaction

from solidarity import crypto
from solidarity.fields import encrypted_fields

from . import audit


def rotate(actor: object, progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """With keys in var/: add a new key, re-encrypt, then drop the old keys.

    With keys from the environment: re-encrypt under the first configured key; the operator
    removes the old keys from the environment afterwards.
    """
    generated = not crypto.keys_from_environment()
    old_keys = crypto.configured_keys()
    if generated:
        crypto.write_key_file([Fernet.generate_key().decode(), *old_keys])
    counts: dict[str, int] = {}
    with transaction.atomic():
        for model, names in encrypted_fields():
            rows = 0
            for obj in model._default_manager.all().iterator(chunk_size=500):
                if any(getattr(obj, name) for name in names):
                    obj.save(update_fields=names)
                    rows += 1
            counts[model._meta.label_lower] = rows
            progress(f"{model._meta.label_lower}: {rows} rows re-encrypted")
        audit.record(actor, "keys.rotate", details={"rows": counts, "generated": generated})
    if generated:
        crypto.write_key_file(crypto.configured_keys()[:1])
    return counts

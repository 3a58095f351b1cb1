"""Model fields shared by the apps."""

from typing import Any

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text encrypted before it reaches the database; it cannot be searched or filtered."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def value_to_string(self, obj: Any) -> str:
        """Serialised (dumpdata, so backups) as ciphertext under the current field keys: a
        backup is then read only with both its passphrase and the keys."""
        value = self.value_from_object(obj)
        return crypto.encrypt(str(value)) if value not in (None, "") else (value or "")

    def to_python(self, value: Any) -> Any:
        """Loading a serialised row (restore) opens the ciphertext again."""
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return crypto.decrypt(value)
        return super().to_python(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in {"isnull"}:
            return None  # encrypted text matches nothing; say so instead of returning nothing
        return super().get_lookup(lookup_name)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and those fields' names."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found

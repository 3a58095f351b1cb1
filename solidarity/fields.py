"""Model fields shared by the apps."""

from typing import Any

from django.db import models

from . import crypto


def _opened(value: Any) -> Any:
    """A stored value with the ciphertext prefix opened; anything else as it is."""
    if isinstance(value, str) and value.startswith(crypto.PREFIX):
        return crypto.decrypt(value)
    return value


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
        return super().to_python(_opened(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in {"isnull"}:
            return None  # encrypted text matches nothing; say so instead of returning nothing
        return super().get_lookup(lookup_name)


class HiddenTextField(models.TextField):  # type: ignore[type-arg]
    """Text kept in clear while its row may be published, and encrypted (as
    EncryptedTextField) while the row's `is_hidden()` says it may not: what identifies a
    person without consent to publication (registry/hiding.py).

    The decision is made at every write from the instance (save, bulk_create, bulk.insert);
    a queryset `update()`, `bulk_update()` or a raw insert bypasses it, so a writer without
    an instance passes `registry.hiding.stored_value()` (the registry's actions do).
    Reading opens either form. Lookups match the clear values only, so filters and
    orderings see published rows as before. A model without `is_hidden` (a migration's
    historical model) stores what it is given."""

    description = "Text encrypted at rest while its row is hidden"

    @staticmethod
    def _stored(obj: Any, value: Any) -> Any:
        """`value` as the row `obj` keeps it: encrypted while obj.is_hidden()."""
        hidden = getattr(obj, "is_hidden", None)
        if value and hidden is not None and hidden() and not value.startswith(crypto.PREFIX):
            return crypto.encrypt(str(value))
        return value

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        return self._stored(model_instance, super().pre_save(model_instance, add))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return _opened(value)

    def get_prep_value(self, value: Any) -> Any:
        # TextField's goes through to_python, which would open what pre_save sealed.
        value = models.Field.get_prep_value(self, value)
        return value if value is None else str(value)

    def to_python(self, value: Any) -> Any:
        return super().to_python(_opened(value))

    def value_to_string(self, obj: Any) -> str:
        """Serialised (backups) as stored: ciphertext while the row is hidden."""
        return self._stored(obj, self.value_from_object(obj)) or ""


class HiddenCharField(HiddenTextField):
    """HiddenTextField with a CharField's form field and length check (`max_length` counts
    the clear text; the column is text, since ciphertext is longer)."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        if max_length is not None:
            from django.core import validators

            self.validators.append(validators.MaxLengthValidator(max_length))

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.max_length is not None:
            kwargs["max_length"] = self.max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        from django import forms

        defaults: dict[str, Any] = {"max_length": self.max_length, "form_class": forms.CharField}
        defaults.update(kwargs)
        return super(models.TextField, self).formfield(**defaults)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields (always, or while the row is hidden), and those
    fields' names: key rotation re-encrypts them all."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields()
                 if isinstance(f, EncryptedTextField | HiddenTextField)]  # fmt: skip
        if names:
            found.append((model, names))
    return found

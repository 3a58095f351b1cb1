"""A model field for PartialDate, stored as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.

The text form sorts in time order on every database and keeps the precision in one column.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .partial_date import PartialDate, PartialDateError


def to_partial_date(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(str(value))
    except PartialDateError as exc:
        raise ValidationError(str(exc), code="invalid_date") from exc


class PartialDateFormField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        # The length limit belongs to the text typed, not to the parsed value.
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", _("YYYY, YYYY-MM or YYYY-MM-DD"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "10")

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, PartialDate) else value

    def to_python(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        return to_partial_date(super().to_python(value))


if TYPE_CHECKING:
    _Base = models.Field[PartialDate | str | None, PartialDate | None]
else:
    _Base = models.Field


class PartialDateField(_Base):
    description = "A date with day, month or year precision"

    def get_internal_type(self) -> str:
        return "CharField"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> PartialDate | None:
        return to_partial_date(value)

    def to_python(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        return to_partial_date(value)

    def get_prep_value(self, value: Any) -> str | None:
        parsed = to_partial_date(value)
        return parsed.isoformat() if parsed else (None if self.null else "")

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return value.isoformat() if value else ""

    def formfield(  # type: ignore[override]
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        return super().formfield(
            form_class=form_class or PartialDateFormField,
            choices_form_class=choices_form_class,
            **kwargs,
        )

"""How a refusal is put into words on staff pages."""

from typing import Any

from django.core.exceptions import ValidationError


def describe(error: ValidationError) -> list[str]:
    """One line per problem, each naming its field when the error has fields."""
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(problems)}" for field, problems in error.message_dict.items()]
    return list(error.messages)


class Refusal(ValueError):
    """An expected refusal (a page not fetched, a file not read) that a page says in its
    reader's language: `template` is a message id marked with gettext_noop, `params` its
    values; str(error) is the English (the command line's). Survives pickling, so a child
    process can hand it back."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.template, self.params))

    def as_result(self) -> dict[str, Any]:
        """The refusal as a background task returns it (JSON): see `said`."""
        return {"error": str(self), "template": self.template, "params": self.params}


def _rebuild(kind: type[Refusal], template: str, params: dict[str, Any]) -> Refusal:
    return kind(template, **params)


def said(refusal: Refusal | dict[str, Any]) -> str:
    """A refusal, or a task's result made by Refusal.as_result(), in the active language."""
    from django.utils.translation import gettext

    if isinstance(refusal, Refusal):
        return gettext(refusal.template) % refusal.params
    return gettext(str(refusal["template"])) % refusal.get("params", {})

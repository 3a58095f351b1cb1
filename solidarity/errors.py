"""How a refusal is put into words on staff pages."""

from django.core.exceptions import ValidationError


def describe(error: ValidationError) -> list[str]:
    """One line per problem, each naming its field when the error has fields."""
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(problems)}" for field, problems in error.message_dict.items()]
    return list(error.messages)

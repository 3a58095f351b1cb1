"""Text kept in English and Russian, shown in the visitor's language with a fallback."""

from django.utils.translation import get_language


def pick(obj: object, field: str) -> str:
    """obj.<field>_ru for Russian visitors when it is filled in, obj.<field>_be (else _ru)
    for Belarusian ones, otherwise obj.<field>_en."""
    lang = (get_language() or "en")[:2]
    preferred = getattr(obj, f"{field}_{lang}", "") if lang in ("en", "ru", "be") else ""
    if lang == "be" and not preferred:
        preferred = getattr(obj, f"{field}_ru", "")
    return str(preferred or getattr(obj, f"{field}_en", "") or getattr(obj, f"{field}_ru", ""))


class Bilingual:
    """Mixin: `obj.tr('name')` picks name_en or name_ru."""

    def tr(self, field: str) -> str:
        return pick(self, field)

    @property
    def name(self) -> str:
        return pick(self, "name")

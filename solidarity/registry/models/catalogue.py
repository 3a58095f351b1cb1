"""Reference data: criminal codes and their articles, statuses, tags."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .bilingual import Bilingual

ARTICLE_NUMBER = re.compile(r"^\d{1,4}(\.\d{1,2})?$")
ARTICLE_PART = re.compile(r"^\d{1,2}(\.\d)?$")


def validate_article_number(value: str) -> None:
    if not ARTICLE_NUMBER.match(value or ""):
        raise ValidationError(
            _("%(value)r is not an article number: write it like 213 or 205.2"),
            params={"value": value},
            code="invalid_article",
        )


def validate_article_part(value: str) -> None:
    if value and not ARTICLE_PART.match(value):
        raise ValidationError(
            _("%(value)r is not a part number: write it like 2"),
            params={"value": value},
            code="invalid_part",
        )


def article_sort_key(number: str) -> str:
    """'205.2' -> '0205.02', so that 205.2 sorts after 205 and before 205.10."""
    main, _sep, sub = number.partition(".")
    return f"{int(main):04d}.{int(sub or 0):02d}"


class CriminalCode(Bilingual, models.Model):
    code = models.SlugField(_("code"), max_length=8, unique=True, help_text="RU, BY, KZ")
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    short_en = models.CharField(_("abbreviation (English)"), max_length=20, default="CC")
    short_ru = models.CharField(_("abbreviation (Russian)"), max_length=20, default="УК")
    name_be = models.CharField(_("name (Belarusian)"), max_length=200, blank=True)
    short_be = models.CharField(_("abbreviation (Belarusian)"), max_length=20, blank=True)
    # How the code writes a sub-article: 205.2 in Russia, 361-1 in Belarus.
    subarticle_mark = models.CharField(max_length=1, default=".")

    class Meta:
        ordering = ["code"]
        verbose_name = _("criminal code")
        verbose_name_plural = _("criminal codes")

    def __str__(self) -> str:
        return self.code


class Article(Bilingual, models.Model):
    code = models.ForeignKey(CriminalCode, models.PROTECT, related_name="articles")
    number = models.CharField(_("number"), max_length=8, validators=[validate_article_number])
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_be = models.CharField(_("title (Belarusian)"), max_length=300, blank=True)
    sort_key = models.CharField(max_length=12, editable=False, db_index=True)

    class Meta:
        ordering = ["code", "sort_key"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [models.UniqueConstraint("code", "number", name="article_unique_number")]

    def __str__(self) -> str:
        return f"{self.code.code} {self.number}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.sort_key = article_sort_key(self.number)
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return self.tr("title")

    @property
    def display_number(self) -> str:
        """The number as the code writes it: 205.2, or 361-1 in Belarus."""
        return self.number.replace(".", self.code.subarticle_mark)

    def label(self, part: str = "") -> str:
        """'ч. 2 ст. 213 УК РФ' for Russian readers, 'Art. 213 Part 2 CC RF' otherwise."""
        number = self.display_number
        language = (get_language() or "en")[:2]
        if language in ("ru", "be"):
            prefix = f"ч. {part} " if part else ""
            short = (self.code.short_be if language == "be" else "") or self.code.short_ru
            return f"{prefix}ст. {number} {short}"
        suffix = f" Part {part}" if part else ""
        return f"Art. {number}{suffix} {self.code.short_en}"


class PersonStatus(Bilingual, models.Model):
    """Statuses are data so that a group can add its own (e.g. 'forced treatment')."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    behind_bars = models.BooleanField(_("counts as behind bars"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("status")
        verbose_name_plural = _("statuses")

    def __str__(self) -> str:
        return self.code


class Tag(Bilingual, models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.slug

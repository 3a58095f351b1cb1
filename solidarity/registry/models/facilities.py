"""Places of detention and their postal addresses for letters."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import Bilingual


class FacilityKind(models.TextChoices):
    IVS = "ivs", _("police lock-up (IVS)")
    SIZO = "sizo", _("remand prison (SIZO)")
    IK = "ik", _("penal colony (IK)")
    VK = "vk", _("juvenile colony (VK)")
    PRISON = "prison", _("prison")
    OPEN = "open", _("open correctional facility")
    PSYCHIATRIC = "psychiatric", _("psychiatric hospital")
    FOREIGN_REMAND = "foreign_remand", _("remand prison abroad")
    OTHER = "other", _("other")


class Regime(models.TextChoices):
    SETTLEMENT = "settlement", _("colony-settlement")
    GENERAL = "general", _("general regime")
    ENHANCED = "enhanced", _("enhanced regime")  # Belarus: усиленный режим
    STRICT = "strict", _("strict regime")
    SPECIAL = "special", _("special regime")
    PRISON = "prison", _("prison")
    JUVENILE = "juvenile", _("juvenile colony")


class Facility(Bilingual, models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True, help_text="2 for SIZO-2")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    regime = models.CharField(_("regime"), max_length=20, choices=Regime.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_address = models.TextField(
        _("postal address"), blank=True, help_text=_("In Russian postal order, for envelopes")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["country", "region", "name_en"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name_en


class FacilityAlias(models.Model):
    facility = models.ForeignKey(Facility, models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200, help_text="Butyrka")

    class Meta:
        verbose_name_plural = _("facility aliases")

    def __str__(self) -> str:
        return self.name

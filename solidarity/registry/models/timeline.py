"""The dated timeline of what happened to a person."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PartialDateField
from .bilingual import pick
from .cases import Case
from .facilities import Facility
from .people import Person


class EventType(models.TextChoices):
    DETENTION = "detention", _("detention")
    CUSTODY = "custody", _("remanded in custody")
    HOUSE_ARREST = "house_arrest", _("house arrest")
    CHARGE = "charge", _("charge")
    SEARCH = "search", _("search")
    WANTED = "wanted", _("put on the wanted list")
    SENTENCE = "sentence", _("sentence")
    APPEAL = "appeal", _("appeal")
    TRANSFER = "transfer", _("transfer")
    SOLITARY = "solitary", _("punishment cell")
    RELEASE = "release", _("release")
    EXTRADITION = "extradition", _("extradition")
    EMIGRATION = "emigration", _("emigration")
    DEATH = "death", _("death")


class Event(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="events")
    case = models.ForeignKey(Case, models.SET_NULL, null=True, blank=True, related_name="events")
    facility = models.ForeignKey(
        Facility, models.SET_NULL, null=True, blank=True, related_name="events"
    )
    type = models.CharField(_("type"), max_length=16, choices=EventType.choices)
    date = PartialDateField(
        _("date"), blank=True, null=True, help_text=_("Only as precise as the source")
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Sorts events with the same or an unknown date")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)

    class Meta:
        ordering = ["person", "order", models.F("date").asc(nulls_last=True), "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["person", "order", "date"]),
            models.Index(fields=["type", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.type} {self.date or ''}"

    def text(self) -> str:
        return pick(self, "text")

"""What the machine proposes from a document, waiting for a person to confirm it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.registry.models import Person, Source


class ProposalKind(models.TextChoices):
    PERSON = "person", _("new person")
    LINK = "link", _("link to a person in the registry")
    CHARGE = "charge", _("new charge")
    SENTENCE = "sentence", _("new sentence")
    EVENT = "event", _("new event")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    MERGED = "merged", _("merged into a person in the registry")


class Proposal(models.Model):
    source = models.ForeignKey(Source, models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    # The name of the extracted person this proposal is about (its person proposal's name).
    subject = models.CharField(_("person in the text"), max_length=200)
    data = models.JSONField(_("proposed values"), default=dict)
    quote = models.TextField(_("quoted words"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    order = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING, db_index=True,
    )  # fmt: skip
    person = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("The registry person this proposal was linked or merged to, or created"),
    )  # fmt: skip
    content_type = models.ForeignKey(ContentType, models.SET_NULL, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "order", "id"]
        indexes = [models.Index(fields=["source", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

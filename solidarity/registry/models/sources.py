"""Where each fact comes from: documents and the words quoted from them."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.fields import EncryptedTextField

from .. import hiding
from ..fields import PartialDateField


class Source(models.Model):
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = PartialDateField(_("published on"), blank=True, null=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # Testimonies and interviews name people who have not consented: encrypted at rest.
    text = EncryptedTextField(_("full text"), blank=True)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.sha256 = self.digest()
        super().save(*args, **kwargs)

    def digest(self) -> str:
        """Same text, same source: ingesting a document twice must find the first copy
        (keyed: registry/hiding.text_digest)."""
        return hiding.text_digest(self.text or f"{self.title}\n{self.url}")


class Citation(models.Model):
    """Ties one fact (any registry row, optionally one of its fields) to a quote."""

    source = models.ForeignKey(Source, models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fact = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"), max_length=40, blank=True, help_text=_("Which field, if not the whole row")
    )
    quote = models.TextField(_("quoted words"))
    start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    end = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.source}: {self.quote[:60]}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.source.text:
            found = self.source.text.find(self.quote)
            if found >= 0:
                self.start, self.end = found, found + len(self.quote)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.quote.strip():
            raise ValidationError({"quote": _("A citation needs the quoted words.")})
        if self.source_id and self.source.text and self.quote not in self.source.text:
            raise ValidationError(
                {"quote": _("These words are not in the source text; copy them exactly.")}
            )

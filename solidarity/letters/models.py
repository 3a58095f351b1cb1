"""Letters from supporters to prisoners, and what happened to each of them."""

import base64
import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from solidarity.fields import EncryptedTextField
from solidarity.registry.models import Person


class State(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    NEEDS_TRANSLATION = "needs_translation", _("needs translation")
    AWAITING_MODERATION = "awaiting_moderation", _("awaiting moderation")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    APPROVED = "approved", _("approved")
    DISPATCHED = "dispatched", _("dispatched")
    DELIVERED = "delivered", _("delivered")
    ANSWERED = "answered", _("answered")
    REJECTED = "rejected", _("rejected")
    RETURNED = "returned", _("returned")
    WITHHELD = "withheld", _("withheld by the censor")
    LOST = "lost", _("lost")
    WITHDRAWN = "withdrawn", _("withdrawn by the writer")


class Channel(models.TextChoices):
    POST = "post", _("paper post")
    ELETTER = "eletter", _("e-letter (FSIN-Pismo, ZT)")


LINK_SALT = "solidarity.letters.link"


def link_digest(token: str) -> str:
    """The SHA-256 (64 hex characters) kept instead of a status link's token.

    As for API tokens, a fast hash is enough: the token carries 256 bits from a keyed
    hash, so nobody can try tokens against the stored digests."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_token(submission_key: str, secret: str | None = None) -> str:
    """The writer's status-link token for a letter (43 URL-safe characters).

    An HMAC-SHA256 of the letter's submission key under SECRET_KEY (or `secret`), which is
    never in the database: a dump holds the submission key and the token's digest, and
    neither opens the status page. The server can make the token again to e-mail the link.
    """
    mac = salted_hmac(LINK_SALT, submission_key, secret=secret, algorithm="sha256")
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")


class Letter(models.Model):
    # The writer's only key to the letter is its status link's token: only its digest is
    # stored (see link_token and link_digest), so a database copy opens no status page.
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    # The form's one-time key: a second submit of the same form finds the first letter.
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    person = models.ForeignKey(Person, models.PROTECT, related_name="letters")
    sent_to = models.ForeignKey(
        "registry.Facility", models.SET_NULL, null=True, blank=True, related_name="letters",
        help_text="The facility the letter was posted to (the person's at dispatch)",
    )  # fmt: skip
    body = EncryptedTextField(_("letter"))
    signature = EncryptedTextField(_("signature"), blank=True)
    contact = EncryptedTextField(_("contact for replies"), blank=True)
    translation = EncryptedTextField(_("translation"), blank=True)
    # The signature as the prisoner reads it (Cyrillic), written by the translator.
    signature_translation = EncryptedTextField(_("signature in Russian"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    # The language of the site the writer wrote in: the e-mails to them are in it.
    writer_language = models.CharField(max_length=8, blank=True)
    needs_translation = models.BooleanField(default=False)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, db_index=True)
    # Categories the pre-check raised when it was sent (never the words themselves).
    flags = models.JSONField(default=list)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translator"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The e-letter service's number for the letter, once staff have sent it there.
    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
    # When retention emptied its words and contact (see retention.py), or the writer
    # erased them from the status page (erased_by_writer).
    purged_at = models.DateTimeField(null=True, blank=True)
    erased_by_writer = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "state"])]

    def __str__(self) -> str:
        return f"letter #{self.pk} to {self.person_id}: {self.state}"

    @property
    def token(self) -> str:
        """The status link's token, made again from the submission key under SECRET_KEY (or
        one of SECRET_KEY_FALLBACKS); "" when no key makes it: a letter stored before tokens
        were derived, or one whose link retention has cut."""
        for secret in [settings.SECRET_KEY, *map(str, settings.SECRET_KEY_FALLBACKS)]:
            token = link_token(self.submission_key, secret)
            if hmac.compare_digest(link_digest(token), self.token_digest):
                return token
        return ""

    @classmethod
    def by_token(cls, token: str) -> "models.QuerySet[Letter]":
        """The letter (zero or one) whose status link carries `token`."""
        return cls.objects.filter(token_digest=link_digest(token))


class LetterEvent(models.Model):
    """One step of a letter's path, as its writer sees it."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="events")
    state = models.CharField(max_length=20, choices=State.choices)
    at = models.DateTimeField(auto_now_add=True)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.state}"


class Reply(models.Model):
    """A prisoner's answer: a scan and/or its transcription and translation, all encrypted."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="replies")
    transcription = EncryptedTextField(_("transcription"), blank=True)
    translation = EncryptedTextField(_("translation"), blank=True)
    # Base64 of the scan, encrypted like every private field: in the database, it is
    # covered by backups, key rotation and retention without a second storage to manage.
    scan = EncryptedTextField(blank=True)
    scan_type = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"reply #{self.pk} to letter {self.letter_id}"


class BatchState(models.TextChoices):
    QUEUED = "queued", _("being prepared")
    READY = "ready", _("ready")
    EMPTY = "empty", _("nothing to print")


class PostBatch(models.Model):
    """One press of "print": the paper letters rendered in the background, as one zip.

    The zip is kept encrypted like the letters in it, and emptied by retention after
    LETTERS_BATCH_KEEP_DAYS. Its letters stay approved (and in no other batch) until
    someone says the batch was posted (services/dispatch.mark_batch_posted): only then are
    they dispatched, to the facility the batch addressed them to (`addressed`).
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=BatchState.choices, default=BatchState.QUEUED)
    # Base64 of the zip, encrypted: the words of every letter in the batch are in it.
    archive = EncryptedTextField(blank=True)
    letters = models.JSONField(default=list)
    files = models.JSONField(default=list)
    unaddressed = models.JSONField(default=list)
    # {letter id: facility id} as printed on the envelopes.
    addressed = models.JSONField(default=dict)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"post batch #{self.pk}: {self.state}"

    @property
    def awaits_posting(self) -> bool:
        return self.state == BatchState.READY and self.posted_at is None

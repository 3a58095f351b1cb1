"""People in the registry and what may be published about them."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from solidarity.fields import EncryptedTextField, HiddenCharField, HiddenTextField

from .. import hiding, names
from ..fields import PartialDateField
from .catalogue import PersonStatus, Tag
from .facilities import Facility


def public_q(prefix: str = "") -> models.Q:
    """The consent rule, for querying people directly or through a relation ('person__').

    Reached through a relation, the test is a bare column, so that SQLite drives the query
    from the other table's index and only then looks the person up. Querying people
    directly, "IN (true)" lets SQLite use the (consent, ...) indexes, which it cannot do
    for the bare column Django writes for "= true".
    """
    if prefix:
        return models.Q(**{f"{prefix}consent_publish_name": True})
    return models.Q(consent_publish_name__in=[True])


class PersonQuerySet(models.QuerySet["Person"]):
    def public(self) -> "PersonQuerySet":
        """The only people any public page, feed or count may use."""
        return self.filter(public_q())

    def counted(self) -> "PersonQuerySet":
        """The people statistics count: public, and real (no fictional demo person)."""
        return self.public().filter(is_fictional=False)

    def with_public_address(self) -> "PersonQuerySet":
        return self.public().filter(consent_publish_address=True)

    def named(self, name: str) -> "PersonQuerySet":
        """The people whose name or Latin name is exactly `name`, hidden people included.
        A hidden person's names are encrypted (registry/hiding.py), so `filter(name=...)`
        meets published people only: this finds candidates by their search keys, then
        compares the opened names."""
        from ..services.search import filter_by_name

        found = filter_by_name(self, name, hidden=True).only("id", "name", "name_latin")
        return self.filter(pk__in=[p.pk for p in found if name in (p.name, p.name_latin)])


class Person(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    # Names, stories and interests are encrypted while the person has not consented to
    # publication (registry/hiding.py); the slug is not made from a hidden person's name.
    name = HiddenCharField(
        _("name"), max_length=200, help_text=_("As the person writes it, in the original script")
    )
    name_latin = HiddenCharField(_("name in Latin letters"), max_length=200, blank=True)
    full_name = EncryptedTextField(
        _("full name with patronymic"),
        blank=True,
        help_text=_("In Russian, for envelopes: surname, first name, patronymic"),
    )
    letter_address = EncryptedTextField(
        _("letter address"),
        blank=True,
        help_text=_("Only where letters go elsewhere than the facility (e.g. house arrest)"),
    )
    private_notes = EncryptedTextField(_("private notes"), blank=True)
    birth_date = PartialDateField(_("birth date"), blank=True, null=True)
    gender = models.CharField(
        _("gender"), max_length=8, blank=True,
        choices=[("female", _("female")), ("male", _("male"))],
        help_text=_("For Russian grammar in letters and for statistics"),
    )  # fmt: skip
    status = models.ForeignKey(PersonStatus, models.PROTECT, verbose_name=_("status"))
    tags = models.ManyToManyField(Tag, blank=True, verbose_name=_("tags"))
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Where the person is prosecuted")
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    interests = HiddenTextField(
        _("interests"), blank=True,
        help_text=_("What they like to read and write about: shown to letter writers"),
    )  # fmt: skip
    story_en = HiddenTextField(_("story (English)"), blank=True)
    story_ru = HiddenTextField(_("story (Russian)"), blank=True)
    facility = models.ForeignKey(
        Facility,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("current facility"),
    )
    accepts_letters = models.BooleanField(
        _("accepts letters"), default=False, help_text=_("Offer the public letter form")
    )
    consent_publish_name = models.BooleanField(_("consents to publishing the name"), default=False)
    consent_publish_address = models.BooleanField(
        _("consents to publishing the letter address"), default=False
    )
    consent_publish_photo = models.BooleanField(_("consents to publishing a photo"), default=False)
    # none / the year / the whole date (year, day and month): set by registry.actions.
    consent_publish_birthday = models.CharField(
        _("consents to publishing the birthday"), max_length=10, default="none",
        choices=[("none", _("no")), ("year", _("the year only")),
                 ("day_month", _("the date: year, day and month"))],
    )  # fmt: skip
    is_demo = models.BooleanField(_("demo data"), default=False)
    # A made-up person (the demo's letter addressee): never counted in any statistic.
    is_fictional = models.BooleanField(
        _("fictional"), default=False, help_text=_("Not a real person: left out of every count")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every change (registry/actions.py): two editors of "
        "the same person cannot overwrite each other's work unseen.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name_latin", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["consent_publish_name", "name_latin"]),
            # With the name last, a list filtered by country or region walks only its own
            # people in the list's order, however large the registry (the filter menus'
            # skip scans use the same indexes).
            models.Index(fields=["consent_publish_name", "country", "name_latin"]),
            models.Index(fields=["consent_publish_name", "region", "name_latin"]),
            models.Index(fields=["status", "country", "region"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self.name_latin:
            self.name_latin = names.readable_latin(self.name, self.country)
        with transaction.atomic():
            super().save(*args, **kwargs)
            reindex_person(self)

    def is_hidden(self) -> bool:
        """No consent to publish the name: names, stories and interests are stored
        encrypted and the search keys blind (registry/hiding.py)."""
        return hiding.is_hidden(self)

    def story(self) -> str:
        from .bilingual import pick

        return pick(self, "story")

    def all_names(self) -> list[str]:
        # Not full_name: the patronymic is published only with the address, so it must
        # not make a person findable.
        found = [self.name, self.name_latin]
        found += [a.name for a in self.aliases.all()]
        return [n for n in found if n]


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="aliases")
    name = HiddenCharField(_("name"), max_length=200, help_text=_("Another spelling or alias"))

    class Meta:
        verbose_name = _("other name")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            super().save(*args, **kwargs)
            reindex_person(self.person)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        person = self.person
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            reindex_person(person)
        return result

    def is_hidden(self) -> bool:
        return hiding.is_hidden(self.person)


class PersonSearchTerm(models.Model):
    """Folded name keys (see names.py); rebuilt whenever a name changes."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint("person", "term", name="search_term_unique")]

    def __str__(self) -> str:
        return self.term


def reindex_person(person: Person) -> None:
    """The person's search keys, made again from every name: plain for a published person,
    blind for a hidden one (registry/hiding.py)."""
    terms = hiding.stored_keys(person, names.index_terms(person.all_names()))
    PersonSearchTerm.objects.filter(person=person).exclude(term__in=terms).delete()
    existing = set(PersonSearchTerm.objects.filter(person=person).values_list("term", flat=True))
    PersonSearchTerm.objects.bulk_create(
        [PersonSearchTerm(person=person, term=t) for t in sorted(terms - existing)]
    )


class ConsentScope(models.TextChoices):
    NAME = "name", _("name and story")
    ADDRESS = "address", _("letter address")
    PHOTO = "photo", _("photo")
    BIRTHDAY_YEAR = "birthday_year", _("year of birth")
    BIRTHDAY_DAY = "birthday_day", _("birthday (year, day and month)")


# Birthday scopes set a level, not a flag: granting one sets it, withdrawing it (while it is
# the level in force) sets "none".
BIRTHDAY_LEVELS = {"birthday_year": "year", "birthday_day": "day_month"}


def public_birth_date(value: object, level: str) -> str:
    """A birth date as the person consented to show it: "", "YYYY" or the stored date."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    if not text or level == "none":
        return ""
    return text[:4] if level == "year" else text


# Which Person field each scope switches.
CONSENT_FIELDS = {
    ConsentScope.NAME: "consent_publish_name",
    ConsentScope.ADDRESS: "consent_publish_address",
    ConsentScope.PHOTO: "consent_publish_photo",
}


class ConsentMethod(models.TextChoices):
    PERSON = "person", _("by the person themselves")
    LETTER = "letter", _("in a letter")
    LAWYER = "lawyer", _("through their lawyer")
    RELATIVE = "relative", _("through a relative")
    IMPORT = "import", _("taken over from an imported list")
    OTHER = "other", _("other")


class ConsentRecord(models.Model):
    """One consent given or withdrawn: the history is kept, the newest record decides.

    The Person's consent_* flags are the current state, written by
    registry.actions.record_consent together with this row.
    """

    person = models.ForeignKey(Person, models.CASCADE, related_name="consent_records")
    scope = models.CharField(_("consent to"), max_length=16, choices=ConsentScope.choices)
    granted = models.BooleanField(_("granted"), help_text=_("Unticked: withdrawn"))
    method = models.CharField(_("how"), max_length=16, choices=ConsentMethod.choices)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent record")

    def __str__(self) -> str:
        return f"{self.scope} {'granted' if self.granted else 'withdrawn'}"


class PersonRedirect(models.Model):
    """A slug that belonged to a person merged into another: its page redirects."""

    slug = models.SlugField(max_length=80, unique=True)
    person = models.ForeignKey(Person, models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.slug} -> {self.person_id}"


class Recognition(models.Model):
    """Recognition as a political prisoner: by whom (Memorial, Viasna, Amnesty...), when,
    and where the statement is."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="recognitions")
    by = models.CharField(_("recognised by"), max_length=100)
    on = PartialDateField(_("on"), blank=True, null=True)
    url = models.URLField(_("statement"), max_length=500, blank=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("recognition as a political prisoner")
        constraints = [models.UniqueConstraint("person", "by", name="recognition_once_per_org")]

    def __str__(self) -> str:
        return f"{self.by} {self.on or ''}"


class PersonPhoto(models.Model):
    """A person's photo: a JPEG of at most 800 px a side with no metadata (registry/photos.py
    made it so), base64 and encrypted like every private field, since a face identifies a
    person whatever their consent. Shown publicly only with name and photo consent."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="photo")
    image = EncryptedTextField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("photo")

    def __str__(self) -> str:
        return f"{self.width}×{self.height}"

    def jpeg(self) -> bytes:
        import base64

        return base64.b64decode(self.image)


class ListEntry(models.Model):
    """A person's row in another group's list (a dataset): the list's own id and address
    for the row, so that a newer version of the list updates the same person, and when the
    row was last seen (a row gone from the list is flagged for review, never deleted)."""

    dataset = models.SlugField(_("list"), max_length=80)
    external_id = models.CharField(_("id in the list"), max_length=100)
    person = models.ForeignKey(Person, models.CASCADE, related_name="list_entries")
    url = models.URLField(_("address of the row"), max_length=500, blank=True)
    first_seen = models.DateField(_("first seen"))
    last_seen = models.DateField(_("last seen"))
    gone_since = models.DateField(_("no longer on the list since"), null=True, blank=True)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        constraints = [models.UniqueConstraint("dataset", "external_id", name="list_entry_unique")]

    def __str__(self) -> str:
        return f"{self.dataset}:{self.external_id}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("to check")
    ACCEPTED = "accepted", _("corrected")
    DISMISSED = "dismissed", _("dismissed")


class InaccuracyReport(models.Model):
    """A reader's word that something on a public person page is wrong. No account and no
    address: the words (encrypted, they may name people) and, if given, how to reply."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="reports")
    text = EncryptedTextField(_("what is wrong"))
    contact = EncryptedTextField(_("how to reply (optional)"), blank=True)
    received_at = models.DateTimeField(help_text="To the hour: an anonymous action")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("report of an inaccuracy")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status}"

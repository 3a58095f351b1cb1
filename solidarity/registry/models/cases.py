"""Criminal cases, who is charged under which article, and what the court gave them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PartialDateField
from .bilingual import Bilingual
from .catalogue import Article, validate_article_part
from .facilities import Regime
from .people import Person


class CaseQuerySet(models.QuerySet["Case"]):
    def public(self) -> "CaseQuerySet":
        """Cases any public page, file or feed may show: those with a defendant who consented
        to publish their name, or marked for publication on their own (a case is usually
        named after its people, so a hidden defendant's case stays hidden)."""
        consenting = CaseDefendant.objects.filter(
            case=models.OuterRef("pk"), person__consent_publish_name=True
        )
        return self.filter(models.Q(publish=True) | models.Exists(consenting))


class Case(Bilingual, models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    defendants: "models.ManyToManyField[Person, CaseDefendant]" = models.ManyToManyField(
        Person, through="CaseDefendant", related_name="cases", blank=True
    )
    publish = models.BooleanField(
        _("publish even without a consenting defendant"),
        default=False,
        help_text=_("Only for a case whose name and description name nobody hidden"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.name_en

    def description(self) -> str:
        return self.tr("description")

    def hidden_names_in_name(self) -> list[str]:
        """Names of hidden defendants that this (published) case's name or description
        contains, compared by folded search keys: the desk warns staff about each."""
        from .. import names

        text = " ".join([self.name_en, self.name_ru, self.description_en, self.description_ru])
        said = names.index_terms([text])
        found = []
        for person in self.defendants.filter(consent_publish_name=False):
            words = [w for w in names.index_terms([person.name, person.name_latin]) if len(w) > 3]
            if any(w in said for w in words):
                found.append(person.name)
        return found


class CaseDefendant(models.Model):
    case = models.ForeignKey(Case, models.CASCADE)
    person = models.ForeignKey(Person, models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint("case", "person", name="defendant_unique")]
        verbose_name = _("defendant")

    def __str__(self) -> str:
        return f"{self.person} / {self.case}"


class ChargeStatus(models.TextChoices):
    CHARGED = "charged", _("charged")
    CONVICTED = "convicted", _("convicted")
    ACQUITTED = "acquitted", _("acquitted")
    DROPPED = "dropped", _("dropped")
    REQUALIFIED = "requalified", _("replaced by another charge")


class ChargeStage(models.TextChoices):
    """Preparation and attempt modify a charge (RU art. 30, BY art. 13 and 14, KZ art. 24);
    they are never charges of their own."""

    COMPLETED = "", _("completed offence")
    PREPARATION = "preparation", _("preparation")
    ATTEMPT = "attempt", _("attempt")


class Charge(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="charges")
    case = models.ForeignKey(Case, models.CASCADE, related_name="charges")
    article = models.ForeignKey(Article, models.PROTECT, related_name="charges")
    part = models.CharField(_("part"), max_length=4, blank=True, validators=[validate_article_part])
    stage = models.CharField(
        _("stage"), max_length=12, choices=ChargeStage.choices, default="", blank=True
    )
    date = PartialDateField(_("date"), blank=True, null=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ChargeStatus.choices, default=ChargeStatus.CHARGED
    )

    class Meta:
        ordering = ["case", "article__sort_key"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        indexes = [models.Index(fields=["article", "person"])]

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        label = self.article.label(self.part)
        if self.stage:
            return f"{label} ({ChargeStage(self.stage).label})"
        return label


class SentenceKind(models.TextChoices):
    IMPRISONMENT = "imprisonment", _("imprisonment")
    SUSPENDED = "suspended", _("suspended sentence")
    FINE = "fine", _("fine")
    RESTRICTION = "restriction", _("restriction of freedom")
    # Belarus: restricted freedom with referral to an open correctional facility ("химия").
    RESTRICTION_OPEN = "restriction_open", _("restricted freedom in an open facility")
    FORCED_LABOUR = "forced_labour", _("forced labour")
    CORRECTIONAL_LABOUR = "corr_labour", _("correctional labour")
    ARREST = "arrest", _("arrest")
    TREATMENT = "treatment", _("compulsory psychiatric treatment")


class Sentence(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="sentences")
    case = models.ForeignKey(Case, models.CASCADE, related_name="sentences")
    kind = models.CharField(
        _("kind"), max_length=16, choices=SentenceKind.choices, default=SentenceKind.IMPRISONMENT
    )
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    regime = models.CharField(_("regime"), max_length=12, choices=Regime.choices, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    # Public officials: their names are public data (Viasna publishes them for accountability).
    judge = models.CharField(_("judge(s)"), max_length=300, blank=True)
    prosecutor = models.CharField(_("prosecutor(s)"), max_length=300, blank=True)
    counsel = models.CharField(_("counsel"), max_length=300, blank=True)
    pronounced_on = PartialDateField(_("pronounced on"), blank=True, null=True)
    in_force_on = PartialDateField(
        _("entered into force on"), blank=True, null=True, help_text=_("After the appeal")
    )

    class Meta:
        ordering = ["pronounced_on"]
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")

    def __str__(self) -> str:
        return f"{self.person}: {self.term_label()}"

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def has_term(self) -> bool:
        return bool(self.years or self.months or self.days)

    def term_label(self) -> str:
        from django.utils.translation import ngettext

        parts = []
        if self.years:
            parts.append(ngettext("%(n)d year", "%(n)d years", self.years) % {"n": self.years})
        if self.months:
            parts.append(ngettext("%(n)d month", "%(n)d months", self.months) % {"n": self.months})
        if self.days:
            parts.append(ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days})
        return " ".join(parts)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        needs_term = self.kind in {
            SentenceKind.IMPRISONMENT,
            SentenceKind.SUSPENDED,
            SentenceKind.RESTRICTION,
            SentenceKind.RESTRICTION_OPEN,
            SentenceKind.FORCED_LABOUR,
            SentenceKind.CORRECTIONAL_LABOUR,
            SentenceKind.ARREST,
        }
        if needs_term and not self.has_term():
            errors["years"] = str(_("A sentence of this kind needs a term."))
        if self.months > 11:
            errors["months"] = str(_("Write 12 months or more as years."))
        if self.regime and self.kind != SentenceKind.IMPRISONMENT:
            errors["regime"] = str(_("Only imprisonment has a regime."))
        if self.pronounced_on and self.in_force_on:
            if self.in_force_on.last_day() < self.pronounced_on.first_day():
                errors["in_force_on"] = str(
                    _("A sentence cannot enter into force before it is pronounced.")
                )
        if errors:
            raise ValidationError(errors)


class CustodyKind(models.TextChoices):
    REMAND = "remand", _("in custody (IVS or SIZO)")
    HOUSE_ARREST = "house_arrest", _("house arrest")
    BAN_ON_LEAVING = "ban_on_leaving", _("ban on leaving home")


class CustodyPeriod(models.Model):
    """Time before the sentence entered into force that art. 72 credits against it."""

    sentence = models.ForeignKey(Sentence, models.CASCADE, related_name="custody_periods")
    kind = models.CharField(_("kind"), max_length=16, choices=CustodyKind.choices)
    start = PartialDateField(_("from"))
    end = PartialDateField(
        _("until"),
        blank=True,
        null=True,
        help_text=_("Empty: until the sentence entered into force"),
    )

    class Meta:
        ordering = ["start"]
        verbose_name = _("custody period")

    def __str__(self) -> str:
        return f"{self.kind} {self.start}–{self.end or ''}"

    def clean(self) -> None:
        if self.start and self.end and self.end.last_day() < self.start.first_day():
            raise ValidationError({"end": _("The period ends before it starts.")})

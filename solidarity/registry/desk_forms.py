"""Forms of the registry desk: they check and keep what was typed; actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import models as m
from .fields import PartialDateFormField
from .models.catalogue import ARTICLE_PART

PERSON_FIELDS = [
    "name", "name_latin", "full_name", "birth_date", "gender", "status", "country", "region",
    "accepts_letters", "interests", "story_en", "story_ru", "letter_address", "private_notes",
]  # fmt: skip


def _label_in_language(field: Any) -> None:
    """Choices of statuses or facilities named in the reader's language, not by code."""
    field.label_from_instance = lambda obj: obj.tr("name")


def country_code(value: str | None, *, required: bool = True) -> str:
    """A country as its ISO 3166 two-letter code, upper case; ValidationError otherwise
    (an empty value passes when not `required`)."""
    code = (value or "").strip().upper()
    if (code or required) and not (len(code) == 2 and code.isalpha()):
        raise forms.ValidationError(_("A two-letter country code, such as RU or BY."))
    return code


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    """A person's own fields. The facility changes only by a transfer, consent only by a
    consent record: each has its own form, so that neither happens by accident."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = m.Person
        fields = PERSON_FIELDS
        widgets = {
            "story_en": forms.Textarea(attrs={"rows": 4}),
            "interests": forms.Textarea(attrs={"rows": 2}),
            "story_ru": forms.Textarea(attrs={"rows": 4}),
            "full_name": forms.TextInput(),
            "letter_address": forms.Textarea(attrs={"rows": 3}),
            "private_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_in_language(self.fields["status"])

    def clean_country(self) -> str:
        return country_code(self.cleaned_data.get("country"), required=False)

    def values(self) -> dict[str, Any]:
        """The fields changed, as registry.actions takes them."""
        fields = self.changed_data if self.instance.pk else PERSON_FIELDS
        return {f: self.cleaned_data[f] for f in fields if f in PERSON_FIELDS}


class NewPersonForm(PersonForm):
    facility = forms.ModelChoiceField(
        m.Facility.objects.all(), required=False, label=_("Current facility"),
        to_field_name="slug",
    )  # fmt: skip
    slug = forms.SlugField(
        label=_("Identifier"), required=False, max_length=80,
        help_text=_("Part of the page address. When empty: made from the Latin name, or "
                    "random letters for a person without consent to publish the name "
                    "(replaced by the name's on consent)."),
    )  # fmt: skip
    not_a_duplicate = forms.BooleanField(
        required=False, label=_("This is someone else: create a new person")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_in_language(self.fields["facility"])

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if slug and m.Person.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This identifier is taken by another person."))
        return slug

    def values(self) -> dict[str, Any]:
        values = {f: self.cleaned_data[f] for f in PERSON_FIELDS}
        values["facility"] = self.cleaned_data.get("facility")
        if self.cleaned_data.get("slug"):
            values["slug"] = self.cleaned_data["slug"]
        return values


class TransferForm(forms.Form):
    prefix = "transfer"  # several forms share the person page: distinct ids
    facility = forms.ModelChoiceField(
        m.Facility.objects.all(), label=_("Moved to"), to_field_name="slug",
        empty_label=_("choose a facility"),
    )  # fmt: skip
    date = PartialDateFormField(
        label=_("Date"),
        required=False,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_in_language(self.fields["facility"])


class ConsentForm(forms.Form):
    prefix = "consent"  # several forms share the person page: distinct ids
    scope = forms.ChoiceField(label=_("Consent to publish"), choices=m.ConsentScope.choices)
    granted = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes",
        choices=[("yes", _("given")), ("no", _("withdrawn"))],
    )  # fmt: skip
    method = forms.ChoiceField(label=_("How"), choices=m.ConsentMethod.choices)
    given_on = forms.DateField(label=_("On"), required=False, help_text=_("YYYY-MM-DD"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class MergeForm(forms.Form):
    prefix = "merge"  # several forms share the person page: distinct ids
    other = forms.SlugField(
        label=_("Identifier of the duplicate to merge into this person"), max_length=80
    )

    def clean_other(self) -> m.Person:
        found = m.Person.objects.filter(slug=self.cleaned_data["other"]).first()
        if found is None:
            raise forms.ValidationError(_("There is no person with this identifier."))
        return found


class CaseChoiceMixin(forms.Form):
    """An existing case by identifier, or a new one by name."""

    case = forms.SlugField(label=_("Case identifier"), required=False, max_length=80)
    new_case = forms.CharField(
        label=_("or the name of a new case"), required=False, max_length=200,
        help_text=_("Published only if a defendant has consented; avoid a hidden person's name"),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        slug, name = data.get("case"), (data.get("new_case") or "").strip()
        if slug:
            found = m.Case.objects.filter(slug=slug).first()
            if found is None:
                self.add_error("case", _("There is no case with this identifier."))
            data["case_obj"] = found
        elif not name:
            self.add_error("case", _("Name the case, or give a new case's name."))
        return data


class ChargeForm(CaseChoiceMixin):
    prefix = "charge"  # several forms share the person page: distinct ids
    code = forms.ModelChoiceField(
        m.CriminalCode.objects.all(), label=_("Criminal code"), to_field_name="code",
        empty_label=None,
    )  # fmt: skip
    article = forms.CharField(label=_("Article"), max_length=8, help_text="205.2")
    part = forms.CharField(label=_("Part"), max_length=4, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=m.ChargeStage.choices, required=False)
    date = PartialDateFormField(label=_("Date"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        code, number = data.get("code"), (data.get("article") or "").strip()
        if code and number:
            found = m.Article.objects.filter(code=code, number=number).first()
            if found is None:
                self.add_error(
                    "article", _("There is no article %(n)s in this code.") % {"n": number}
                )
            data["article_obj"] = found
        part = (data.get("part") or "").strip()
        if part and not ARTICLE_PART.match(part):
            self.add_error("part", _("A part is a number such as 2."))
        return data


class SentenceForm(CaseChoiceMixin):
    prefix = "sentence"  # several forms share the person page: distinct ids
    kind = forms.ChoiceField(label=_("Kind"), choices=m.SentenceKind.choices)
    years = forms.IntegerField(label=_("Years"), min_value=0, max_value=99, initial=0)
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=11, initial=0)
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=366, initial=0)
    regime = forms.ChoiceField(
        label=_("Regime"), choices=[("", "—"), *m.Regime.choices], required=False
    )
    court = forms.CharField(label=_("Court"), max_length=200, required=False)
    judge = forms.CharField(label=_("Judge(s)"), max_length=300, required=False)
    prosecutor = forms.CharField(label=_("Prosecutor(s)"), max_length=300, required=False)
    counsel = forms.CharField(label=_("Counsel"), max_length=300, required=False)
    pronounced_on = PartialDateFormField(label=_("Pronounced on"), required=False)
    in_force_on = PartialDateFormField(label=_("Entered into force on"), required=False)
    remand_from = PartialDateFormField(label=_("In custody (SIZO) from"), required=False)
    remand_until = PartialDateFormField(
        label=_("until"),
        required=False,
        help_text=_("Empty: until the sentence entered into force"),
    )
    house_arrest_from = PartialDateFormField(label=_("Under house arrest from"), required=False)
    house_arrest_until = PartialDateFormField(label=_("until"), required=False)

    def values(self) -> dict[str, Any]:
        keys = ["kind", "years", "months", "days", "regime", "court", "judge", "prosecutor",
                "counsel", "pronounced_on", "in_force_on"]  # fmt: skip
        return {k: self.cleaned_data[k] for k in keys}

    def custody(self) -> list[dict[str, Any]]:
        periods = []
        for kind, name in ((m.CustodyKind.REMAND, "remand"),
                             (m.CustodyKind.HOUSE_ARREST, "house_arrest")):  # fmt: skip
            start = self.cleaned_data.get(f"{name}_from")
            if start:
                periods.append({"kind": kind, "start": start,
                                "end": self.cleaned_data.get(f"{name}_until")})  # fmt: skip
        return periods


class EventForm(forms.Form):
    """A fact on the timeline and where it comes from: the source and the words quoted."""

    prefix = "event"  # several forms share the person page: distinct ids
    type = forms.ChoiceField(label=_("What happened"), choices=m.EventType.choices)
    date = PartialDateFormField(label=_("Date"), required=False)
    facility = forms.ModelChoiceField(
        m.Facility.objects.all(), label=_("Facility"), to_field_name="slug", required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    text = forms.CharField(label=_("What the source says, in your words"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)  # fmt: skip
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")
    source_title = forms.CharField(label=_("Source title"), max_length=300, required=False)
    source_publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    source_date = PartialDateFormField(label=_("Published on"), required=False)
    quote = forms.CharField(label=_("Quoted words"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_in_language(self.fields["facility"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_source = data.get("source_url") or data.get("source_title")
        if has_source and not (data.get("quote") or "").strip():
            self.add_error("quote", _("Quote the words of the source that say this."))
        if (data.get("quote") or "").strip() and not has_source:
            self.add_error("source_url", _("Say where the quoted words come from."))
        return data


class FacilityForm(forms.ModelForm):  # type: ignore[type-arg]
    """A facility of the directory: what envelopes and the map need."""

    class Meta:
        model = m.Facility
        fields = [
            "kind", "number", "name_en", "name_ru", "regime", "country", "region",
            "postal_address", "latitude", "longitude",
        ]  # fmt: skip
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 4})}

    def clean_country(self) -> str:
        return country_code(self.cleaned_data.get("country"))

    def values(self) -> dict[str, Any]:
        fields = self.changed_data if self.instance.pk else self.Meta.fields
        return {f: self.cleaned_data[f] for f in fields}


class RecognitionForm(forms.Form):
    prefix = "recognition"  # several forms share the person page: distinct ids
    by = forms.CharField(label=_("Recognised as a political prisoner by"), max_length=100,
                         help_text="Memorial, Viasna, Amnesty International")  # fmt: skip
    on = PartialDateFormField(label=_("On"), required=False)
    url = forms.URLField(label=_("Statement"), required=False, assume_scheme="https")


class AliasForm(forms.Form):
    prefix = "alias"  # several forms share the person page: distinct ids
    name = forms.CharField(label=_("Another name or spelling"), max_length=200)


class PhotoForm(forms.Form):
    prefix = "photo"
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP)"), required=False,
        help_text=_("Kept at most 800 px a side, with its metadata (place, camera, time) "
                    "removed. Shown publicly only with consent to the photo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )  # fmt: skip


class CaseForm(forms.ModelForm):  # type: ignore[type-arg]
    """A case's names, place and description, and whether it is published on its own."""

    class Meta:
        model = m.Case
        fields = ["name_en", "name_ru", "country", "region", "description_en",
                  "description_ru", "publish"]  # fmt: skip
        widgets = {"description_en": forms.Textarea(attrs={"rows": 4}),
                   "description_ru": forms.Textarea(attrs={"rows": 4})}  # fmt: skip

    def clean_country(self) -> str:
        return country_code(self.cleaned_data.get("country"))

    def values(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in self.changed_data}

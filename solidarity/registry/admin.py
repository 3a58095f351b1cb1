"""Stop-gap staff editing through Django admin, with the models' own validation."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models

from solidarity.accounts.admin import AuditedAdmin

from . import actions
from . import models as m


class CitationInline(GenericTabularInline):
    model = m.Citation
    extra = 0
    fields = ("source", "field", "quote")
    autocomplete_fields = ("source",)


class AliasInline(admin.TabularInline):
    model = m.PersonAlias
    extra = 0


class DefendantInline(admin.TabularInline):
    model = m.CaseDefendant
    extra = 0
    autocomplete_fields = ("person", "case")


class ChargeInline(admin.TabularInline):
    model = m.Charge
    extra = 0
    autocomplete_fields = ("case", "article")


class EventInline(admin.StackedInline):
    model = m.Event
    extra = 0
    fields = (("type", "date", "order"), ("case", "facility", "place"), "text_en", "text_ru")
    autocomplete_fields = ("case", "facility")


@admin.register(m.Person)
class PersonAdmin(AuditedAdmin):
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """Through registry.actions, like every other entry point: a new facility is a
        transfer, consent flags become consent records."""
        values = {f: form.cleaned_data[f] for f in form.changed_data if f != "tags"}
        if not change:
            consent = [(scope, m.ConsentMethod.OTHER) for scope, field
                       in m.CONSENT_FIELDS.items() if values.pop(field, False)]  # fmt: skip
            created = actions.create_person(request.user, values, consent=consent)
            obj.pk, obj.slug = created.pk, created.slug
            obj.refresh_from_db()
        elif values:
            current = m.Person.objects.get(pk=obj.pk)
            actions.update_person(request.user, current, values)

    list_display = ("name", "name_latin", "status", "consent_publish_name", "is_demo")
    list_filter = ("status", "consent_publish_name", "consent_publish_address", "is_demo")
    search_fields = ("name", "name_latin", "aliases__name")
    prepopulated_fields = {"slug": ("name_latin",)}
    autocomplete_fields = ("facility",)
    filter_horizontal = ("tags",)
    inlines = (AliasInline, DefendantInline, ChargeInline, EventInline, CitationInline)
    fieldsets = (
        (None, {"fields": ("name", "name_latin", "slug", "full_name", "birth_date", "status")}),
        ("Where", {"fields": ("country", "region", "facility", "accepts_letters")}),
        ("Private (encrypted, never published)", {"fields": ("letter_address", "private_notes")}),
        ("Story", {"fields": ("story_en", "story_ru", "tags")}),
        (
            "Consent",
            {
                "fields": (
                    "consent_publish_name",
                    "consent_publish_address",
                    "consent_publish_photo",
                )
            },
        ),
        ("Demo", {"fields": ("is_demo", "is_fictional")}),
    )


class CustodyInline(admin.TabularInline):
    model = m.CustodyPeriod
    extra = 0


@admin.register(m.Sentence)
class SentenceAdmin(AuditedAdmin):
    list_display = ("person", "case", "kind", "years", "months", "regime", "pronounced_on")
    autocomplete_fields = ("person", "case")
    inlines = (CustodyInline, CitationInline)


@admin.register(m.Charge)
class ChargeAdmin(AuditedAdmin):
    list_display = ("person", "article", "part", "case", "status")
    autocomplete_fields = ("person", "case", "article")
    inlines = (CitationInline,)


@admin.register(m.Event)
class EventAdmin(AuditedAdmin):
    list_display = ("person", "type", "date", "place")
    list_filter = ("type",)
    autocomplete_fields = ("person", "case", "facility")
    inlines = (CitationInline,)


@admin.register(m.Case)
class CaseAdmin(AuditedAdmin):
    list_display = ("name_en", "name_ru", "country", "region", "is_demo")
    search_fields = ("name_en", "name_ru")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (DefendantInline, CitationInline)


class FacilityAliasInline(admin.TabularInline):
    model = m.FacilityAlias
    extra = 0


@admin.register(m.Facility)
class FacilityAdmin(AuditedAdmin):
    list_display = ("name_en", "kind", "number", "country", "region")
    list_filter = ("kind", "country")
    search_fields = ("name_en", "name_ru", "aliases__name")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (FacilityAliasInline,)


@admin.register(m.Source)
class SourceAdmin(AuditedAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "publisher", "published_on", "language")
    search_fields = ("title", "publisher")


@admin.register(m.Article)
class ArticleAdmin(AuditedAdmin):
    list_display = ("code", "number", "title_en")
    list_filter = ("code",)
    search_fields = ("number", "title_en", "title_ru")


admin.site.register(m.CriminalCode, AuditedAdmin)
admin.site.register(m.PersonStatus, AuditedAdmin)
admin.site.register(m.Tag, AuditedAdmin)

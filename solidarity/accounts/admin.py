from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import actions
from .models import AuditEntry, User
from .permissions import Perm, allowed


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete, inlines included, goes through the audited actions.

    Admin is for superusers only: daily work has staff pages of its own (the registry
    desk, letters, intake, support), and no staff page links here. Within that, what may
    be seen and changed still comes from permissions.py.
    """

    view_perm = Perm.REGISTRY_VIEW
    write_perm = Perm.REGISTRY_EDIT
    superuser_only = True

    def _may(self, request, perm: Perm) -> bool:  # type: ignore[no-untyped-def]
        if self.superuser_only and not request.user.is_superuser:
            return False
        return allowed(request.user, perm)

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return self._may(request, self.view_perm)

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return self._may(request, self.view_perm)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return self._may(request, self.write_perm)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return self._may(request, self.write_perm)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return self._may(request, self.write_perm)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        actions.save_record(request.user, obj, created=not change, changed=form.changed_data)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        actions.delete_record(request.user, obj)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for obj in queryset:
            actions.delete_record(request.user, obj)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            actions.delete_record(request.user, obj)
        changed = {id(f.instance): f.changed_data for f in formset.forms}
        for obj in instances:
            created = obj.pk is None
            actions.save_record(
                request.user, obj, created=created, changed=changed.get(id(obj), [])
            )
        formset.save_m2m()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by actions only."""

    list_display = ("id", "created_at", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action",)

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return allowed(request.user, Perm.AUDIT_VIEW)

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return allowed(request.user, Perm.AUDIT_VIEW)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(User)
class StaffUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[misc]
    view_perm = write_perm = Perm.USERS_MANAGE
    # Staff accounts have no staff page of their own yet: coordinators manage them here.
    superuser_only = False

    list_display = ("username", "email", "role", "is_staff", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Solidarity", {"fields": ("role",)}))


# Roles replace Django's groups, and second factors are managed on the staff pages, where
# each change is audited.
for _model in (TOTPDevice, StaticDevice, Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

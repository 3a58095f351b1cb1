from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_staff", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Solidarity", {"fields": ("role",)}))

from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "solidarity.support"
    verbose_name = "Support desk"
    default_auto_field = "django.db.models.BigAutoField"

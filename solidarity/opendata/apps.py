from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "solidarity.opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"

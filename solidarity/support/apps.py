from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "solidarity.support"
    verbose_name = "Support desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from solidarity.registry import extensions

        from .person_part import has_open_needs, person_part

        extensions.add_person_part("support", person_part)
        extensions.add_person_column("has_open_needs", has_open_needs)

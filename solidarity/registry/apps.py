from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "solidarity.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from .reference import load_reference

        post_migrate.connect(load_reference, sender=self)

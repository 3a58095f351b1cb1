from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "solidarity.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from solidarity.registry.transfers import person_transferred

        from .transfers import on_transfer

        person_transferred.connect(on_transfer, dispatch_uid="letters.on_transfer")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "solidarity.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from solidarity.registry import extensions
        from solidarity.registry.actions import person_transferred
        from solidarity.registry.demo import demo_clearing

        from .person_part import person_part
        from .transfers import on_transfer

        person_transferred.connect(on_transfer, dispatch_uid="letters.on_transfer")
        demo_clearing.connect(_clear_demo_letters, dispatch_uid="letters.demo_clearing")
        extensions.add_person_part("letters", person_part)


def _clear_demo_letters(sender: object, **kwargs: object) -> None:
    from .models import Letter

    Letter.objects.filter(person__is_demo=True).delete()

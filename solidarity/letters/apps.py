from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "solidarity.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from solidarity import logfilters
        from solidarity.registry import extensions
        from solidarity.registry.actions import person_transferred
        from solidarity.registry.demo import demo_clearing

        from .person_part import facility_part, person_part
        from .transfers import on_transfer

        logfilters.install()  # no status link in any log line of this process
        person_transferred.connect(on_transfer, dispatch_uid="letters.on_transfer")
        demo_clearing.connect(_clear_demo_letters, dispatch_uid="letters.demo_clearing")
        extensions.add_person_part("letters", person_part)
        extensions.add_facility_part("letters", facility_part)
        checks.register(mail_is_sent, checks.Tags.compatibility, deploy=True)


def _clear_demo_letters(sender: object, **kwargs: object) -> None:
    from .models import Letter

    Letter.objects.filter(person__is_demo=True).delete()


def mail_is_sent(**kwargs: Any) -> list[checks.CheckMessage]:
    """`check --deploy`: without EMAIL_URL, writers' e-mails go to files, not to writers."""
    if settings.EMAIL_URL:
        return []
    return [
        checks.Warning(
            "EMAIL_URL is not set: e-mail to writers is written to files under "
            f"{settings.EMAIL_FILE_PATH}, not sent.",
            hint="Set EMAIL_URL (or EMAIL_URL_FILE), e.g. smtp+tls://user:password@host:587.",
            id="letters.W001",
        )
    ]

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

        logfilters.install()  # no status link in any log line of this process
        from solidarity.registry.transfers import person_transferred

        from .transfers import on_transfer

        person_transferred.connect(on_transfer, dispatch_uid="letters.on_transfer")
        checks.register(mail_is_sent, checks.Tags.compatibility, deploy=True)


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

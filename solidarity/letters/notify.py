"""Telling a writer something by email, when the contact they left is an email address.

The email is sent by a task worker (letters/tasks.py): a slow or unreachable mail server
delays nobody's page, and a failed sending stays visible among the task results.
"""

import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Letter

# In place of the link, for a letter stored before links were derived (its token is gone).
NO_LINK = gettext_noop("(the link you were given when you wrote the letter)")

# What a writer can be told: subject and text (%(url)s is the status page).
NEWS = {
    "received": (
        gettext_noop("Your letter was received"),
        gettext_noop(
            "Thank you for your letter. We have received it: a volunteer will check it "
            "(and translate it if needed) before it is printed or sent. Follow it, and read "
            "the reply when it comes, on this page; keep this link, nobody else has it:\n"
            "%(url)s\n\nOn that page you can also erase your letter and your contact at "
            "any time."
        ),
    ),
    "reply": (
        gettext_noop("A reply to your letter"),
        gettext_noop("The letter you wrote has been answered. Read the reply here:\n%(url)s"),
    ),
    "moved": (
        gettext_noop("The prisoner you wrote to was moved"),
        gettext_noop(
            "The prisoner you wrote to was moved to another facility; your letter may not "
            "arrive. Follow it here:\n%(url)s"
        ),
    ),
}


class MailNotSent(Exception):
    """Sending failed; the message names the error's kind only, never the address (the
    task worker logs it, and smtplib's errors quote the recipient)."""


def is_email(contact: str) -> bool:
    try:
        validate_email(contact.strip())
    except ValidationError:
        return False
    return True


def status_url(token: str) -> str:
    """The absolute address of a status page: SITE_URL, the one setting for absolute links."""
    return f"{settings.SITE_URL.rstrip('/')}/letters/{token}/"


def tell_writer(letter_id: int, news: str) -> bool:
    """Email the writer `news`; False if they left no email address (or it was purged).

    Nothing here is logged: the address, the link and the words stay out of every log."""
    letter = (
        Letter.objects.filter(pk=letter_id)
        .only("token_digest", "submission_key", "contact", "language", "writer_language")
        .first()
    )
    if letter is None:
        return False
    contact = letter.contact.strip()
    if not is_email(contact):
        return False  # a postal address or nothing: the status page says it all
    subject, text = NEWS[news]
    # The language of the site they wrote in; for older letters the letter's own language.
    spoken = {code for code, _name in settings.LANGUAGES}
    language = next(
        (code for code in (letter.writer_language, letter.language) if code in spoken),
        settings.LANGUAGE_CODE,
    )
    token = letter.token  # made again from the submission key: the database has no token
    with translation.override(language):
        url = status_url(token) if token else _(NO_LINK)
        message = _(text) % {"url": url}
        try:
            send_mail(_(subject), message, settings.DEFAULT_FROM_EMAIL, [contact])
        except (smtplib.SMTPException, OSError) as exc:
            code = getattr(exc, "smtp_code", "")
            raise MailNotSent(f"letter {letter_id}: {type(exc).__name__} {code}".strip()) from None
    return True

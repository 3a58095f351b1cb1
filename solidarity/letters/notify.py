"""Telling a writer something by email, when the contact they left is an email address."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email

from .models import Letter


def email_writer(letter: Letter, subject: str, text: str) -> bool:
    """Send `text` (with %(url)s for the status link); False if there is no email address."""
    contact = letter.contact.strip()
    try:
        validate_email(contact)
    except ValidationError:
        return False  # a postal address or nothing: the status page says it all
    url = f"{settings.SITE_URL}/letters/{letter.token}/"
    send_mail(subject, text % {"url": url}, settings.DEFAULT_FROM_EMAIL, [contact])
    return True

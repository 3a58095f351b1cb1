"""When a prisoner is moved: tell the writers whose letters are already on their way."""

import functools
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from solidarity.registry.models import Person

from .models import Letter, LetterEvent, State
from .notify import email_writer

# Stored in English and translated when shown (status.html), like every fixed message.
NOTE = gettext_noop(
    "The prisoner was moved to another facility. This letter went to the old address and may "
    "not arrive; we will tell you what we learn."
)


def on_transfer(sender: Any, person: Person, previous: Any, actor: Any, **kwargs: Any) -> None:
    on_the_way = Letter.objects.filter(person=person, state=State.DISPATCHED).defer(
        "body", "translation", "signature"
    )
    for letter in on_the_way:
        LetterEvent.objects.create(letter=letter, state=letter.state, note=NOTE)
        transaction.on_commit(functools.partial(_email, letter))


def _email(letter: Letter) -> None:
    email_writer(
        letter,
        _("The prisoner you wrote to was moved"),
        _(
            "The prisoner you wrote to was moved to another facility; your letter may not "
            "arrive. Follow it here:\n%(url)s"
        ),
    )

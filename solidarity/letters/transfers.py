"""When a prisoner is moved: tell the writers whose letters are already on their way."""

from typing import Any

from django.utils.translation import gettext_noop

from solidarity.queue import after_commit
from solidarity.registry.models import Person

from .models import Letter, LetterEvent, State
from .tasks import tell_writer

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
        after_commit(tell_writer, letter.pk, "moved")

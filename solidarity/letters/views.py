"""The public side of letters: writing one, and following it by its private link."""

import hashlib
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from solidarity.accounts import throttle
from solidarity.registry.models import Person

from . import precheck
from .forms import LetterForm, RevisionForm
from .models import Letter, Reply, State
from .notify import status_url
from .services.attention import few_letters_choice
from .services.replies import read_scan
from .services.workflow import WorkflowError
from .services.writing import (
    SubmissionRefused,
    censor_country,
    check_submission_key,
    new_submission_key,
    revise_letter,
    submit_letter,
)
from .services.writing import erase_letter as erase_by_writer


def _checked(data: dict[str, Any]) -> str:
    """A short digest of what the pre-check was shown for: "Send anyway" carries it, so it
    sends the letter whose flags the writer saw, not one edited since."""
    text = "\x1f".join((data["body"], data["signature"], data["channel"]))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def write_letter(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.public().filter(accepts_letters=True), slug=slug)
    result = None
    confirm = ""  # set when a flagged letter was sent: "Send anyway" carries it
    if request.method == "POST":
        form = LetterForm(request.POST)
        sending = "send" in request.POST
        if not sending:
            form.fields["rules"].required = False  # checking needs no promise yet
        if form.is_valid():
            data = form.cleaned_data
            result = precheck.check(
                data["body"],
                channel=data["channel"],
                advice_language=(request.LANGUAGE_CODE or "en")[:2],
                country=censor_country(person),
                signature=data["signature"],
            )
            if sending and result.flags and request.POST.get("send") != _checked(data):
                confirm = _checked(data)
            elif sending:
                try:
                    fingerprint = check_submission_key(data["submission_key"])
                    if not throttle.sender_allows(
                        request, "letters", settings.LETTERS_PER_SENDER_PER_HOUR
                    ):
                        raise SubmissionRefused(
                            _("You have sent many letters this hour. Please try again later.")
                        )
                except SubmissionRefused as exc:
                    # The same letter back in a fresh form, with the reason above it.
                    fresh = request.POST.copy()
                    fresh["submission_key"] = new_submission_key()
                    form = LetterForm(fresh)
                    form.is_valid()
                    form.add_error(None, str(exc))
                else:
                    letter = submit_letter(
                        person,
                        body=data["body"],
                        signature=data["signature"],
                        contact=data["contact"],
                        channel=data["channel"],
                        submission_key=fingerprint,
                        writer_language=request.LANGUAGE_CODE or "",
                    )
                    if letter.token:
                        return redirect("letter-status", token=letter.token)
                    # The same form sent again for a letter stored before links were made
                    # from the submission key: its link was shown then, and cannot be now.
                    form.add_error(None, _("This letter was received already; follow it "
                                           "with the link you were given then."))  # fmt: skip
    else:
        form = LetterForm(initial={"submission_key": new_submission_key(), "channel": "post"})
    language = (request.LANGUAGE_CODE or "en")[:2]
    return render(
        request,
        "letters/write.html",
        {
            "person": person,
            "form": form,
            "check": result,
            "confirm": confirm,
            # Readers of Latin scripts get the name as they can read and say it.
            "latin_name": person.name_latin
            if language not in ("ru", "be") and person.name_latin != person.name
            else "",
            "example": _(EXAMPLE_LETTER),
        },
    )


# An example of a good letter: warm, everyday, about the writer's life, nothing the censor
# withholds. Invented for this project.
EXAMPLE_LETTER = gettext_noop(
    "Hello! My name is Anna, I live in a small town by the sea and work in a bakery. "
    "I read that you like books about travel: this winter I am reading about sailors who "
    "crossed the ocean in a small boat. Here the first snow fell yesterday, and the "
    "children built a snowman with a carrot nose right outside the bakery. "
    "What do you read now? What would you like me to tell you about? "
    "I wish you strength and warm days. Anna"
)


def letter_status(request: HttpRequest, token: str) -> HttpResponse:
    if len(token) > 64:
        raise Http404
    letter = get_object_or_404(Letter.by_token(token).select_related("person"))
    error = ""
    if request.method == "POST" and letter.state == State.CHANGES_REQUESTED:
        form = RevisionForm(request.POST)
        if form.is_valid():
            try:
                revise_letter(letter, form.cleaned_data["body"])
            except WorkflowError as exc:
                error = str(exc)
            else:
                return redirect("letter-status", token=token)
        else:
            error = " ".join(str(e) for e in form.errors.get("body", []))
    return render(
        request,
        "letters/status.html",
        {
            "letter": letter,
            "token": token,
            "link": status_url(token),
            "events": letter.events.all(),
            "replies": letter.replies.all(),
            "can_revise": letter.state == State.CHANGES_REQUESTED,
            "error": error,
        },
    )


def erase_letter(request: HttpRequest, token: str) -> HttpResponse:
    """The writer erases their letter and contact: a page asks first, a POST erases."""
    if len(token) > 64:
        raise Http404
    letter = get_object_or_404(Letter.by_token(token).select_related("person"))
    if request.method == "POST" and request.POST.get("confirm") == "erase":
        erase_by_writer(letter)
        return redirect("letter-erased")
    return render(request, "letters/erase.html", {"letter": letter, "token": token})


def letter_erased(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/erased.html")


def reply_scan(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    if len(token) > 64:
        raise Http404
    letter = get_object_or_404(Letter.by_token(token))
    reply = get_object_or_404(Reply, pk=pk, letter=letter)
    if not reply.scan:
        raise Http404
    response = HttpResponse(read_scan(reply), content_type=reply.scan_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


def write_to_someone(request: HttpRequest) -> HttpResponse:
    """'Write to someone who has had few letters': a weighted draw, then their form."""
    person = few_letters_choice()
    if person is None:
        return render(request, "letters/nobody.html", status=200)
    return redirect("letter-write", slug=person.slug)

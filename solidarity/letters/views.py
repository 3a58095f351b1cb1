"""The public side of letters: writing one, and following it by its private link."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from solidarity.accounts import throttle
from solidarity.registry.models import Person

from . import precheck
from .forms import LetterForm, RevisionForm
from .models import Letter, Reply, State
from .services.attention import few_letters_choice
from .services.replies import read_scan
from .services.workflow import WorkflowError
from .services.writing import (
    SubmissionRefused,
    check_submission_key,
    new_submission_key,
    revise_letter,
    submit_letter,
)


def write_letter(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.public().filter(accepts_letters=True), slug=slug)
    result = None
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if "send" in request.POST:
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
                    )
                    if letter.token:
                        return redirect("letter-status", token=letter.token)
                    # The same form sent again for a letter stored before links were made
                    # from the submission key: its link was shown then, and cannot be now.
                    form.add_error(None, _("This letter was sent already; follow it with "
                                           "the link you were given then."))  # fmt: skip
            if "send" not in request.POST or form.non_field_errors():
                lang = (request.LANGUAGE_CODE or "en")[:2]
                result = precheck.check(data["body"], channel=data["channel"], advice_language=lang)
    else:
        form = LetterForm(initial={"submission_key": new_submission_key(), "channel": "post"})
    return render(request, "letters/write.html", {"person": person, "form": form, "check": result})


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
            "events": letter.events.all(),
            "replies": letter.replies.all(),
            "can_revise": letter.state == State.CHANGES_REQUESTED,
            "error": error,
        },
    )


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

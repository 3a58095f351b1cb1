import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel

MAX_LETTER_CHARS = 20_000
# Control characters other than newlines and tabs mean a pasted binary, not a letter.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(value: str) -> str:
    if _CONTROL.search(value):
        raise forms.ValidationError(_("This looks like binary data, not text."))
    return value


class LetterForm(forms.Form):
    body = forms.CharField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 70}),
        max_length=MAX_LETTER_CHARS,
        strip=True,
    )
    signature = forms.CharField(label=_("Signature (optional)"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("Where to send the reply (optional: an email address or postal address)"),
        max_length=300,
        required=False,
    )
    channel = forms.ChoiceField(label=_("How to send it"), choices=Channel.choices)
    rules = forms.BooleanField(
        label=_("I have read the rules: no war, no case details, no insults, no swearing, "
                "no codes. The letter will be read by the prison censor."),
        required=True,
    )  # fmt: skip
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def clean_body(self) -> str:
        value = _printable(self.cleaned_data["body"])
        if not value.strip():
            raise forms.ValidationError(_("The letter is empty."))
        return value

    def clean_signature(self) -> str:
        return _printable(self.cleaned_data["signature"])

    def clean_contact(self) -> str:
        return _printable(self.cleaned_data["contact"])


class RevisionForm(forms.Form):
    body = forms.CharField(max_length=MAX_LETTER_CHARS, strip=True)

    def clean_body(self) -> str:
        return _printable(self.cleaned_data["body"])

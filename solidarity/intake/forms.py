"""The intake desk's form: a document as a file, as pasted text or as an address, and what
is known of its source."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("A file (.txt, .md, .html, .pdf; Russian or English)"), required=False
    )
    text = forms.CharField(
        label=_("Or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    url = forms.URLField(
        label=_("Address of the page (fetched and read when no file or text is given)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    published = forms.DateField(
        label=_("Published on"),
        required=False,
        help_text=_("YYYY-MM-DD. Dates the text gives without a year take their year from it."),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_url(self) -> str:
        """Refused at once: another scheme, credentials, or a host that is plainly local (the
        worker checks every address again after resolving it: intake/fetching.py)."""
        from .fetching import plainly_local

        url = str(self.cleaned_data.get("url") or "")
        if not url:
            return url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise forms.ValidationError(_("Only http:// and https:// addresses can be fetched."))
        if parts.username or parts.password:
            raise forms.ValidationError(_("An address with a user name or password is refused."))
        if plainly_local(parts.hostname or ""):
            raise forms.ValidationError(
                _("%(host)s is a private or local address; only public web pages are fetched.")
                % {"host": parts.hostname}
            )
        return url

    def clean_text(self) -> str:
        text = str(self.cleaned_data.get("text") or "")
        if len(text.encode("utf-8")) > settings.INTAKE_MAX_BYTES:
            raise forms.ValidationError(
                _("The text is longer than %(limit)s bytes.")
                % {"limit": f"{settings.INTAKE_MAX_BYTES:,}"}
            )
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [bool(data.get("document")), bool((data.get("text") or "").strip())]
        if sum(given) > 1:
            raise forms.ValidationError(_("Give a file or pasted text, not both."))
        if not any(given) and not data.get("url") and "url" not in self.errors:
            raise forms.ValidationError(_("Give a file, paste the text, or give its address."))
        return data

    def source_fields(self) -> dict[str, str]:
        """The source's fields as the tasks take them (JSON-safe)."""
        data = self.cleaned_data
        return {
            "title": data.get("title") or "",
            "url": data.get("url") or "",
            "publisher": data.get("publisher") or "",
            "published": data["published"].isoformat() if data.get("published") else "",
        }

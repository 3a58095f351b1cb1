"""The words the pre-check flagged, marked in a letter's text for the moderator.

The text is escaped first and only then marked: a letter's words are never trusted as
HTML. Each flag's evidence (the word forms the pre-check found) is looked for again in the
text as written, case-insensitively, ё read as е, whole words only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import precheck

# The pre-check's categories as a moderator reads them.
CATEGORY_LABELS = {
    "war": _("the war"),
    "case": _("details of the case"),
    "insult": _("insults to officials"),
    "swearing": _("swearing"),
    "foreign": _("foreign words"),
    "code": _("codes and abbreviations"),
    "length": _("length"),
    "print": _("characters that cannot be printed"),
}
MARKED = ("war", "case", "insult", "swearing", "foreign", "code", "print")


@dataclass
class Finding:
    category: str
    label: str
    evidence: str
    advice: str


def _pattern(term: str) -> str:
    words = [re.escape(w).replace("е", "[её]") for w in re.split(r"\s+", term.strip()) if w]
    return r"(?<!\w)" + r"[\W_]+".join(words) + r"(?!\w)"


def mark(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every term in <mark>."""
    terms = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not terms:
        return escape(text)
    found = re.compile("|".join(_pattern(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for match in found.finditer(text):
        out += [escape(text[last : match.start()]), "<mark>", escape(match.group(0)), "</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 - every piece escaped


def review(
    text: str, *, channel: str = "post", country: str = "RU"
) -> tuple[list[Finding], SafeString]:
    """The pre-check's findings explained in the moderator's language, and the text marked."""
    language = "ru" if (get_language() or "en").startswith("ru") else "en"
    result = precheck.check(text, channel=channel, advice_language=language, country=country)
    findings = [
        Finding(f.category, str(CATEGORY_LABELS.get(f.category, f.category)), f.evidence, f.advice)
        for f in result.flags
    ]
    terms = [t for f in result.flags if f.category in MARKED for t in f.evidence.split(", ")]
    return findings, mark(text, terms)

"""Which language a text is in: one module for the letters' pre-check and for intake.

detect_language(text) -> an ISO 639-1 code ("ru", "be", "uk", "kk", "en", "de", ...), or
"und" when the text has no letters. py3langid (a maintained fork of langid.py, its model
inside the package, BSD) decides among the languages writers and sources use here; it was
chosen over the stop-word lists this module had (which could not tell Belarusian,
Ukrainian or Kazakh from Russian) and over lingua (as accurate on our samples but a 96 MB
package and 2.4 s to load) by bench/language/: 59 of 60 letter sentences in ten
languages right, against 36 for the stop words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# The languages the identifier chooses among: those of the region and of writers abroad.
LANGUAGES = (
    "ru", "be", "uk", "kk", "ky", "en", "de", "fr", "es", "it", "pl", "pt", "nl", "sv", "fi",
    "cs", "lt", "lv", "et", "ka", "hy", "he", "tr", "ja", "zh",
)  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


# Spelling rules no statistics overrule: Kazakh and Kyrgyz are impossible without a letter
# only they have; Belarusian with и щ ъ, Ukrainian with ы э ъ ё.
_NEEDS = {"kk": "әғқңөұүһі", "ky": "ңөү"}
_LACKS = {"uk": "ыэъё", "be": "ищъ"}
# How much likelier (natural log) another language must be than a preferred one to win:
# a short "Привет!" is as Ukrainian as Russian to the statistics, and goes to the reader's.
_PREFERENCE = 5.0


def _impossible(text: str) -> set[str]:
    low = text.lower()
    out = {lang for lang, letters in _NEEDS.items() if not any(ch in low for ch in letters)}
    return out | {lang for lang, letters in _LACKS.items() if any(ch in low for ch in letters)}


def detect_language(text: str, prefer: tuple[str, ...] = ("ru",)) -> str:
    """The language of `text` (see the module docstring); "und" without letters. Where the
    text says too little to tell (a short greeting), a language of `prefer` wins: the
    languages its reader reads (for a letter, the censor's)."""
    if not _LETTER.search(text):
        return "und"
    impossible = _impossible(text)
    ranked = [(lang, score) for lang, score in _identifier().rank(text) if lang not in impossible]
    if not ranked:
        return "und"
    best, best_score = ranked[0]
    for language, score in ranked:
        if language in prefer:
            if best_score - score < _PREFERENCE:
                return str(language)
            break
    return str(best)

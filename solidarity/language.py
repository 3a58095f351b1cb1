"""Which language a text is in: one module for the letters' pre-check and for intake.

detect_language(text) -> an ISO 639-1 code ("ru", "uk", "en", "de", "fr", "es", "it",
"pl"), or "und" when the text has no letters. Cyrillic text is Russian unless Ukrainian
letters and words say otherwise; Latin text is named by its most frequent stop words.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+[^\W_]*", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# A few frequent words per language, to name the language of a non-Russian letter.
_STOPWORDS = {
    "en": {"the", "and", "you", "to", "of", "is", "that", "it", "for", "with", "are", "we"},
    "de": {"und", "ich", "du", "der", "die", "das", "nicht", "ist", "mit", "wir", "dich"},
    "fr": {"le", "la", "et", "je", "tu", "vous", "est", "les", "pas", "nous", "avec"},
    "es": {"el", "la", "y", "que", "de", "es", "por", "con", "para", "tu", "muy"},
    "it": {"il", "e", "che", "di", "sono", "per", "con", "non", "ti", "mi", "siamo"},
    "pl": {"i", "że", "nie", "się", "jest", "na", "to", "ty", "mam", "jak"},
    "uk": {"і", "що", "це", "ти", "ми", "як", "дуже", "тебе", "також", "є"},
}


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


def detect_language(text: str) -> str:
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic == latin == 0:
        return "und"
    words = [_normal(w) for w in _WORD.findall(text)]
    if cyrillic >= latin:
        ukrainian = sum(1 for w in words if w in _STOPWORDS["uk"]) + len(
            re.findall("[іїєґ]", text.lower())
        )
        return "uk" if ukrainian > max(3, len(words) // 15) else "ru"
    scores = {
        lang: sum(1 for w in words if w in stop)
        for lang, stop in _STOPWORDS.items()
        if lang != "uk"
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else "en"

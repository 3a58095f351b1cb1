"""Numbers written in digits or words (English and Russian, any case form) and prison terms.

"5.5 years", "five and a half years", "3,5 годам", "пяти с половиной лет", "полутора лет",
"4 года и 2 месяца", "three years and two months", "a year and a half" → months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Russian number words by stem, longest first so that "двадцат" wins over "дв".
_RU = [
    ("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14),
    ("пятнадцат", 15), ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18),
    ("девятнадцат", 19), ("двадцат", 20), ("тридцат", 30), ("сорок", 40),
    ("полутор", 1.5), ("полтор", 1.5), ("один", 1), ("одн", 1), ("дв", 2), ("трем", 3),
    ("трех", 3), ("три", 3),
    ("четыр", 4), ("пят", 5), ("шест", 6), ("сем", 7), ("восем", 8), ("восьм", 8),
    ("девят", 9), ("десят", 10),
]  # fmt: skip
_RU_EXACT = {"год": 1, "года": 1}
_EN = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "several": None, "few": None,
}  # fmt: skip

TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+", re.UNICODE)
_YEAR_UNIT = re.compile(r"^(years?|лет|год|года|году|годам|годами|годах|годы)$")
_MONTH_UNIT = re.compile(r"^(months?|месяц|месяца|месяцев|месяцам|месяцами|месяце)$")
_DAY_UNIT = re.compile(r"^(days?|дней|день|дня|суток|сутки|днями|дням)$")
_HALF = {("and", "a", "half"), ("с", "половиной")}


def word_value(word: str) -> float | None:
    """The value of one number word or digits, or None."""
    word = word.lower().replace("ё", "е")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return float(word.replace(",", "."))
    if word in _EN:
        return _EN[word]
    if re.fullmatch(r"[а-я]+", word) and len(word) <= 12:
        for stem, value in _RU:
            if word.startswith(stem) and len(word) - len(stem) <= 4:
                # "дв" must not take "движение"; number words end in a few known ways.
                if stem == "дв" and not re.fullmatch(r"дв(а|е|ух|ум|умя)", word):
                    continue
                if stem == "сем" and not re.fullmatch(r"сем(ь|и|ью)", word):
                    continue
                if stem in ("один", "одн") and not re.fullmatch(
                    r"(один|одн(а|о|ого|ому|им|ой|у))", word
                ):
                    continue
                return value
    return None


@dataclass
class Term:
    months: int
    start: int  # character offsets of the whole phrase
    end: int


def _number_before(tokens: list[re.Match[str]], i: int) -> tuple[float | None, int]:
    """The number that ends just before token i, and the index of its first token."""
    total = 0.0
    j = i - 1
    words = [t.group(0).lower() for t in tokens]
    if j >= 2 and tuple(words[j - 2 : j + 1]) in _HALF:
        total += 0.5
        j -= 3
    elif j >= 1 and tuple(words[j - 1 : j + 1]) in _HALF:
        total += 0.5
        j -= 2
    value = word_value(words[j]) if j >= 0 else None
    if value is None:
        return None, i
    total += value
    first = j
    # "twenty two", "двадцати двух": a tens word before a unit word.
    if j >= 1 and value < 10:
        tens = word_value(words[j - 1])
        if tens is not None and tens >= 20 and tens % 10 == 0:
            total += tens
            first = j - 1
    return total, first


def terms(text: str) -> list[Term]:
    """Every prison term in the text, in months, with its character span."""
    tokens = list(TOKEN.finditer(text))
    words = [t.group(0).lower().replace("ё", "е") for t in tokens]
    found: list[Term] = []
    i = 0
    while i < len(tokens):
        word = words[i]
        is_year = bool(_YEAR_UNIT.match(word))
        is_month = bool(_MONTH_UNIT.match(word))
        value, first = _number_before(tokens, i) if (is_year or is_month) else (None, i)
        if value is None and word.startswith("полугод"):
            value, first, is_month, is_year = 6, i, True, False
        if value is None and is_year and i > 0 and words[i - 1] in ("a", "one"):
            value, first = 1, i - 1
        if value is None:
            i += 1
            continue
        months = value * 12 if is_year else value
        end = tokens[i].end()
        k = i + 1
        if is_year and tuple(words[k : k + 3]) == ("and", "a", "half"):
            months += 6
            end = tokens[k + 2].end()
            k += 3
        # "4 года и 2 месяца", "three years and two months", "2 years 6 months"
        if is_year:
            for skip in (0, 1):
                if skip and (k >= len(words) or words[k] not in ("and", "и")):
                    continue
                m = k + skip
                if m + 1 < len(words) and _MONTH_UNIT.match(words[m + 1]):
                    extra = word_value(words[m])
                    if extra is not None:
                        months += extra
                        end = tokens[m + 1].end()
                        k = m + 2
                        break
        # an age is not a term: "22-year-old", "a 30-year-old man"
        if re.match(r"[- ]old\b", text[end : end + 5]):
            i = k
            continue
        # "9 and 7 years", "6 и 4 года": the number before shares the unit
        if first >= 2 and words[first - 1] in ("and", "и", "or", "или"):
            shared = word_value(words[first - 2])
            if shared is not None and re.fullmatch(r"\d+(?:[.,]\d+)?", words[first - 2]):
                found.append(
                    Term(
                        round(shared * 12 if is_year else shared),
                        tokens[first - 2].start(),
                        tokens[first - 2].end(),
                    )
                )
        found.append(Term(round(months), tokens[first].start(), end))
        i = k
    return found


def day_count(text: str) -> int | None:
    """'15 суток', 'ten days' → the number of days, for punishment-cell stays."""
    tokens = list(TOKEN.finditer(text))
    for i, tok in enumerate(tokens):
        if _DAY_UNIT.match(tok.group(0).lower()):
            value, _first = _number_before(tokens, i)
            if value is not None:
                return int(value)
    return None

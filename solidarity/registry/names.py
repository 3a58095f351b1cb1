"""Names across scripts: a readable Latin transliteration, and search terms that fold spellings.

A visitor types `Скорякин`, `Skoryakin`, `skorjakin` or the inflected `Скорякина`; all must
reach the same person. Each name is folded into a Latin *skeleton* that forgets the
differences between transliteration schemes (ya/ja/ia, kh/h, ts/tz, w/v, doubled letters),
and each skeleton gets its candidate *stems* with Russian case endings removed. A query
token matches a person when its stems meet the person's stems, or when it is the start of
one of the person's skeletons (for typing the first letters only).
"""

import re
import unicodedata

# A common readable scheme (close to BGN/PCGN without diacritics), used to suggest name_latin.
_READABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip

# For the skeleton, letters map to what every scheme agrees on; folding does the rest.
_SKELETON = _READABLE | {"ё": "e", "й": "i", "ы": "i", "ю": "iu", "я": "ia", "ї": "i", "є": "e"}

# Applied in order to a lower-case Latin string.
_FOLDS = (
    ("shch", "sc"),
    ("sch", "sc"),
    ("kh", "h"),
    ("x", "ks"),
    ("w", "v"),
    ("tz", "c"),
    ("ts", "c"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("j", "i"),
    ("y", "i"),
    ("ie", "e"),
)

# Oblique-case and feminine endings in skeleton form, longest first. Nominative surname
# endings such as -ov, -ev, -in are deliberately absent: "Ivanov" must not become "Ivan".
_ENDINGS = (
    "iami", "ogo", "ego", "omu", "emu", "ami", "imi", "aia", "uiu",
    "oi", "ei", "om", "em", "im", "ah", "ia", "iu", "a", "u", "i", "e",
)  # fmt: skip
_MIN_STEM = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", re.UNICODE)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _transliterate(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        lower = ch.lower()
        if lower in table:
            latin = table[lower]
            out.append(latin.capitalize() if ch != lower and latin else latin)
        else:
            out.append(ch)
    return "".join(out)


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def readable_latin(text: str) -> str:
    """'Лев Скорякин' -> 'Lev Skoryakin'; 'Васильев' -> 'Vasilyev' (е after ь is 'ye')."""
    text = re.sub("(?<=[ьъ])е", "йе", text)
    text = re.sub("(?<=[ьъ])Е", "ЙЕ", text)
    return _transliterate(text, _READABLE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def skeleton(word: str) -> str:
    """Fold one word of any script to the spelling-independent Latin key."""
    # NFC first, so that й is one letter and not и with a combining breve.
    latin = _transliterate(unicodedata.normalize("NFC", word).lower(), _SKELETON)
    latin = _strip_marks(latin).lower()
    latin = re.sub(r"[^a-z]", "", latin)
    for old, new in _FOLDS:
        latin = latin.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", latin)


def stems(key: str) -> set[str]:
    """The skeleton itself and each form with one case ending removed."""
    found = {key}
    for ending in _ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= _MIN_STEM:
            found.add(key[: -len(ending)])
    return found


def index_terms(names: list[str]) -> set[str]:
    """Every term stored for a person: skeletons and stems of all words of all names."""
    terms: set[str] = set()
    for name in names:
        for word in words(name):
            key = skeleton(word)
            if key:
                terms |= stems(key)
    return {t[:64] for t in terms}


def query_tokens(query: str) -> list[tuple[str, set[str]]]:
    """(skeleton, stems) for each word of a search query, skipping the empty ones."""
    tokens = []
    for word in words(query)[:8]:
        key = skeleton(word)[:64]
        if key:
            tokens.append((key, stems(key)))
    return tokens


def slugify_name(text: str) -> str:
    latin = _strip_marks(readable_latin(unicodedata.normalize("NFC", text))).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:80] or "person"

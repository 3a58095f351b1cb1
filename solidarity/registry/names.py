"""Names across scripts: a readable Latin transliteration, and search terms that fold spellings.

A visitor types `Скорякин`, `Skoryakin`, `skorjakin` or the inflected `Скорякина`; all must
reach the same person. Each name is folded into a Latin *skeleton* that forgets the
differences between transliteration schemes (ya/ja/ia, kh/h, ts/tz, w/v, doubled letters),
and between the languages of the region: Belarusian and Ukrainian г is h where Russian has
g (Haurylik, Гаврилик), Belarusian ў is u where Russian has v (Ivanou, Иванов), Kazakh
letters fold to their plain Latin (Қайратұлы, Kairatuly). Each skeleton gets its
candidate *stems* with Russian case endings removed, and a first name its equivalents in
the other languages (Aliaksandr, Alexander, Олександр). A query token matches a person
when its stems meet the person's stems, or when it is the start of one of the person's
skeletons (for typing the first letters only).

Latin names are made in the name's own language's standard (readable_latin): Belarusian
by the passport romanisation (Hanna Haurylik, Siarhei, Yauhen), Ukrainian by the official
2010 system (Oleksandr, Hnatiuk), Kazakh by the passport practice (Kairatuly), Russian by a
BGN/PCGN-like scheme without diacritics.
"""

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

# A common readable scheme (close to BGN/PCGN without diacritics), used to suggest name_latin.
_READABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip

# Belarusian (passport romanisation): г is h, ў is u. Letters with two forms: (at the start
# of a word or after a vowel, after a consonant).
_BELARUSIAN: dict[str, str | tuple[str, str]] = {
    **_READABLE,
    "г": "h", "ґ": "g", "і": "i", "ў": "u", "й": "i", "ы": "y", "х": "kh", "ь": "", "'": "",
    "’": "", "е": ("ye", "e"), "ё": ("yo", "io"), "ю": ("yu", "iu"), "я": ("ya", "ia"),
}  # fmt: skip
# Ukrainian (Cabinet of Ministers resolution 55 of 27 January 2010).
_UKRAINIAN: dict[str, str | tuple[str, str]] = {
    **_READABLE,
    "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"),
    "є": ("ye", "ie"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "х": "kh", "щ": "shch", "ь": "",
    "'": "", "’": "", "ʼ": "",
}  # fmt: skip
# Kazakh (the Latin of Kazakh passports, without diacritics).
_KAZAKH_LETTERS = {
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
_KAZAKH = _READABLE | _KAZAKH_LETTERS | {"й": "i", "ы": "y"}
_VOWELS = set("аеёиоуыэюяіїєәөұүў")
# After these vowels the iotated letters keep their second form (Марыя, Maryia).
_SOFT_VOWELS = set("іиы")
# Surname endings that say a name written without Ukrainian letters is Ukrainian.
_UKRAINIAN_ENDINGS = ("енко", "юк", "чук", "щук", "ишин", "ський", "цький")

# For the skeleton, letters map to what every scheme agrees on; folding does the rest.
_SKELETON = (
    _READABLE
    | _KAZAKH_LETTERS
    | {"ё": "e", "й": "i", "ы": "i", "ю": "iu", "я": "ia", "ї": "i", "є": "e", "ў": "u"}
)

# Applied in order to a lower-case Latin string.
_FOLDS = (
    ("shch", "sc"),
    ("sch", "sc"),
    ("kh", "h"),
    ("gh", "h"),
    ("g", "h"),
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


def language_of_name(text: str, country: str = "") -> str:
    """'be', 'uk', 'kk' or 'ru': by the letters only one language has, then by the country
    (BY, UA, KZ) for і, which Belarusian and Ukrainian share; else Russian."""
    low = text.lower()
    if any(ch in low for ch in "әғқңөұүһ"):
        return "kk"
    if "ў" in low:
        return "be"
    if any(ch in low for ch in "їєґ"):
        return "uk"
    if "і" in low or "'" in low or "’" in low:
        return {"UA": "uk", "KZ": "kk"}.get(country.upper(), "be")
    if country.upper() == "BY" and not any(ch in low for ch in "щъи"):
        return "be"  # a Belarusian name written without ў or і still follows Belarusian
    if country.upper() == "UA" or any(w.endswith(_UKRAINIAN_ENDINGS) for w in words(low)):
        return "uk"
    return "ru"


def _iotated(text: str, table: Mapping[str, str | tuple[str, str]]) -> str:
    out = []
    previous = " "
    for ch in text:
        lower = ch.lower()
        latin = table.get(lower)
        if latin is None:
            out.append(ch)
        else:
            if isinstance(latin, tuple):
                before = previous.lower()
                initial = not previous.isalpha() or (
                    before in _VOWELS and before not in _SOFT_VOWELS
                )
                latin = latin[0] if initial else latin[1]
            out.append(latin.capitalize() if ch != lower and latin else latin)
        previous = ch
    return "".join(out)


def readable_latin(text: str, country: str = "") -> str:
    """A Latin spelling in the name's own language's standard (see the module docstring).

    'Лев Скорякин' -> 'Lev Skoryakin'; 'Васильев' -> 'Vasilyev' (е after ь is 'ye');
    'Ганна Гаўрылік' -> 'Hanna Haurylik'; 'Олег Гнатюк' -> 'Oleh Hnatiuk';
    'Нұрлан Қайратұлы' -> 'Nurlan Kairatuly'. `country` decides between Belarusian and
    Ukrainian when the letters do not.
    """
    language = language_of_name(text, country)
    if language == "be":
        return _iotated(text, _BELARUSIAN)
    if language == "uk":
        return _iotated(text, _UKRAINIAN)
    if language == "kk":
        return _iotated(text, _KAZAKH)
    text = re.sub("(?<=[ьъ])е", "йе", text)
    text = re.sub("(?<=[ьъ])Е", "ЙЕ", text)
    return _transliterate(text, _READABLE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Fold one word of any script to the spelling-independent Latin key."""
    # NFC first, so that й is one letter and not и with a combining breve.
    latin = _transliterate(unicodedata.normalize("NFC", word).lower(), _SKELETON)
    latin = _strip_marks(latin).lower()
    latin = re.sub(r"[^a-z]", "", latin)
    for old, new in _FOLDS:
        latin = latin.replace(old, new)
    # Belarusian ў where Russian has в, before a consonant or at the end: both fold to v
    # (Іваноў and Иванов, Haurylik and Гаврилик). Not after i: that u is ю (Hnatiuk).
    latin = re.sub(r"(?<=[aeo])u(?=[^aeiou]|$)", "v", latin)
    return re.sub(r"(.)\1+", r"\1", latin)


def stems(key: str) -> set[str]:
    """The skeleton itself and each form with one case ending removed."""
    found = {key}
    for ending in _ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= _MIN_STEM:
            found.add(key[: -len(ending)])
    return found


def index_terms(names: list[str]) -> set[str]:
    """Every term stored for a person: skeletons and stems of all words of all names, and
    the common key of a first name that has equivalents in other languages."""
    terms: set[str] = set()
    for name in names:
        for word in words(name):
            key = skeleton(word)
            if key:
                terms |= stems(key)
                if key in _FIRST_NAMES:
                    terms.add(_FIRST_NAMES[key])
    return {t[:64] for t in terms}


def name_key(word: str) -> str:
    """The one search key a name word is always indexed under: its first-name group's key
    if it has one (Aliaksandr and Александр share it), else its skeleton."""
    key = skeleton(word)[:64]
    return _FIRST_NAMES.get(key, key)


def query_tokens(query: str) -> list[tuple[str, set[str]]]:
    """(skeleton, stems) for each word of a search query, skipping the empty ones."""
    tokens = []
    for word in words(query)[:8]:
        key = skeleton(word)[:64]
        if key:
            found = stems(key)
            if key in _FIRST_NAMES:
                found.add(_FIRST_NAMES[key])
            tokens.append((key, found))
    return tokens


# First names that differ between Belarusian, Ukrainian, Russian and English by more than
# transliteration. Each group becomes one extra search term ("=" and the first spelling),
# so that Aliaksandr finds Александр. Source: the usual Belarusian and Ukrainian
# equivalents of Russian given names (passport practice of Belarus and Ukraine).
_NAME_GROUPS = (
    "Аляксандр Александр Олександр Alexander Aleksandr Aliaksandr Oleksandr Alyaksandr",
    "Аляксей Алексей Олексій Alexei Aleksei Aliaksei Oleksii Alexey",
    "Сяргей Сергей Сергій Sergei Siarhei Serhii Sergey Serhiy",
    "Ганна Анна Hanna Anna Ganna",
    "Яўген Евгений Євген Yauhen Evgeny Yevgeny Yevhen Evgenii",
    "Уладзімір Владимир Володимир Uladzimir Vladimir Volodymyr",
    "Мікалай Николай Микола Mikalai Nikolai Mykola Nikolay",
    "Дзмітрый Дмитрий Дмитро Dzmitry Dmitry Dmytro Dmitrii",
    "Віктар Виктор Віктор Viktar Viktor",
    "Ігар Игорь Ігор Ihar Igor Ihor",
    "Марыя Мария Марія Maryia Maria Mariya",
    "Вольга Ольга Volha Olga Olha",
    "Таццяна Татьяна Тетяна Tatsiana Tatiana Tetiana",
    "Ірына Ирина Ірина Iryna Irina",
    "Алена Елена Олена Alena Elena Olena Yelena",
    "Наталля Наталья Наталія Natallia Natalia Nataliia",
    "Кірыл Кирилл Кирило Kiryl Kirill Kyrylo",
    "Арцём Артём Артем Artsiom Artyom Artem",
    "Юрый Юрий Юрій Yury Yuri Yurii",
    "Міхаіл Михаил Михайло Mikhail Mykhailo",
    "Андрэй Андрей Андрій Andrei Andrey Andrii",
    "Павел Павло Pavel Pavlo",
    "Пётр Пятро Петро Piotr Pyotr Petro Pyatro",
    "Іван Иван Ivan",
    "Кацярына Екатерина Катерина Katsiaryna Ekaterina Kateryna Yekaterina",
    "Святлана Светлана Світлана Sviatlana Svetlana Svitlana",
    "Людміла Людмила Liudmila Lyudmila Liudmyla",
    "Валянцін Валентин Valiantsin Valentin Valentyn",
    "Генадзь Геннадий Геннадій Henadz Gennady Hennadii",
    "Леанід Леонид Леонід Leanid Leonid",
    "Ягор Егор Єгор Yahor Egor Yegor Yehor",
)


def _first_names() -> dict[str, str]:
    table = {}
    for group in _NAME_GROUPS:
        keys = [skeleton(w) for w in group.split()]
        common = "=" + keys[0]
        for key in keys:
            table[key] = common
    return table


_FIRST_NAMES = _first_names()


def slugify_name(text: str) -> str:
    latin = _strip_marks(readable_latin(unicodedata.normalize("NFC", text))).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:80] or "person"

"""Each pre-check rule catches its words in their forms, and ordinary letters pass clean."""

import pytest

from solidarity.language import detect_language
from solidarity.letters.precheck import check

ORDINARY = [
    "Dear Lev, I hope you are well. Here in Berlin it is autumn, the leaves are yellow and I "
    "went to a concert on the 21st. My cat says hello. In any case, take care of yourself!",
    "Hello Denis! I am a student from Lyon. I like cooking and long walks by the river. What "
    "books do you like? I can tell you about the mountains where my family lives.",
    "Дорогой Денис! Надеюсь, у тебя всё хорошо. У нас осень, листья жёлтые, вчера ходили в "
    "кино. Твоя судьба нам небезразлична, мы часто о тебе думаем. Пиши, что читаешь. Обнимаем!",
    "Здравствуй, Лев! Пишу тебе из Казани. На первом этапе ремонта мы покрасили стены, а "
    "мирно спящий кот не проснулся. Прочитала статью о звёздах в журнале. Всего доброго!",
    "Hallo Darja, ich hoffe, es geht dir gut. Wir denken an dich und schicken dir viele Grüße "
    "aus Hamburg. Das Wetter ist kalt, aber die Stadt ist schön.",
    "Dear Lev, I look forward to hearing from you. In any case, write when you can; the "
    "hearing aid my grandmother got works well and she sends her love.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_it_raises_no_alarm_on_ordinary_letters(text):
    assert check(text).flags == []


@pytest.mark.parametrize(
    ("text", "category", "evidence"),
    [
        ("Когда закончится война, увидимся.", "war", "война"),
        ("Все говорят о войне и о мобилизации.", "war", "войне"),
        ("Против войны выходили многие.", "war", "войны"),
        ("Про СВО по телевизору только и говорят.", "war", "сво"),
        ("I hope the war ends and the soldiers go home.", "war", "war"),
        ("News from Kyiv and Ukraine is hard to read.", "war", "ukraine"),
        ("Как там твой адвокат?", "case", "адвокат"),
        ("Что сказал следователю твой подельник?", "case", "подельник"),
        ("По ст. 205.2 дают большие сроки.", "case", "ст. 205"),
        ("В твоём деле много странного.", "case", "твоём деле"),
        ("Your lawyer says the court will decide soon.", "case", "lawyer"),
        ("We read about the case against you.", "case", "case against"),
        ("Судебное заседание снова перенесли.", "case", "судебное"),
        ("They sentenced him to six years in prison.", "case", "years in prison"),
        ("How did your court hearing go?", "case", "court hearing"),
        ("Мобилизованных снова отправили.", "war", "мобилизованных"),
        ("Адвокат говорит, что по 205.2 обвинение развалится.", "case", "по 205.2"),
        ("Эти уроды из СК совсем обнаглели.", "insult", "уроды из ск"),
        ("Следак твой конченый, чтоб ему пусто было.", "insult", "следак твой конченый"),
        ("He was charged under Article 280 last spring.", "case", "charged under"),
        ("My grandfather fought in the Second World War, and now this war again.", "war", "war"),
        ("Путин — вор и убийца.", "insult", "путин вор"),
        ("Менты у вас совсем озверели.", "insult", "менты"),
        ("The guards there are pigs.", "insult", "guards there are pigs"),
        ("Putin is a murderer.", "insult", "putin is a murderer"),
        ("Это всё хуйня, ей-богу.", "swearing", "хуйня"),
        ("Ну и пиздец у вас там.", "swearing", "пиздец"),
        ("Этот сука надзиратель!", "swearing", "сука"),
        ("This is fucking unfair.", "swearing", "fucking"),
        ("What a shitty week.", "swearing", "shitty"),
        ("Мы смотрели movie вчера.", "foreign", "movie"),
        ("Call me at 88005553535.", "code", "88005553535"),
        ("Meet at 7-3-9-1.", "code", "7-3-9-1"),
        ("BTW the weather is fine.", "code", "BTW"),
        ("Привет, ЗЫ: всё хорошо.", "code", "зы"),
        ("Remember X5K.", "code", "5K"),
    ],
)
def test_it_flags_each_rule(text, category, evidence):
    flags = {f.category: f for f in check(text).flags}
    assert category in flags, flags
    assert evidence.replace("ё", "е").lower() in flags[category].evidence.replace("ё", "е").lower()
    assert flags[category].advice


def test_it_checks_the_length_for_the_channel():
    text = "Привет! " * 800
    assert "length" not in check(text, channel="post").categories
    flag = {f.category: f for f in check(text, channel="eletter").flags}["length"]
    assert "6400 characters > 5000" in flag.evidence


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ORDINARY[0], "en"), (ORDINARY[2], "ru"), (ORDINARY[4], "de"),
        ("Bonjour Lev, je pense à vous et nous vous envoyons du courage avec tous nos amis.", "fr"),
        ("Привіт! Ми дуже тебе любимо і чекаємо, що це скоро скінчиться. Також тримайся.", "uk"),
    ],
)  # fmt: skip
def test_it_names_the_language_and_whether_it_needs_translation(text, language):
    result = check(text)
    assert detect_language(text) == language
    assert result.needs_translation is (language != "ru")


def test_it_gives_advice_in_the_writers_language():
    english = check("I hope the war ends.").flags[0].advice
    russian = check("Надеюсь, война кончится.").flags[0].advice
    assert "censor" in english and "цензор" in russian
    assert "цензор" in check("I hope the war ends.", advice_language="ru").flags[0].advice


def test_it_does_not_read_shouting_as_codes():
    assert check("ДОРОГОЙ ЛЕВ, МЫ ТЕБЯ ОЧЕНЬ ЛЮБИМ И ЖДЁМ").flags == []


@pytest.mark.parametrize(
    ("text", "country", "language", "translate"),
    [
        ("Прывітанне! Трымайся, мы ўсе памятаем пра цябе і чакаем.", "BY", "be", False),
        ("Прывітанне! Трымайся, мы ўсе памятаем пра цябе і чакаем.", "RU", "be", True),
        ("Привет! Держись, мы все о тебе помним и ждём.", "BY", "ru", False),
        ("Привіт! Тримайся, ми всі про тебе пам'ятаємо.", "RU", "uk", True),
        ("Привет!", "RU", "ru", False),
        ("Держись!", "RU", "ru", False),
        ("Сәлем! Шыда, біз сені ұмытпаймыз.", "KZ", "kk", False),
        ("Hello! Hold on, we all remember you.", "BY", "en", True),
    ],
)
def test_it_translates_what_the_facilitys_censor_cannot_read(text, country, language, translate):
    result = check(text, country=country)
    assert (result.language, result.needs_translation) == (language, translate)


def test_it_lets_a_letter_to_belarus_be_written_in_belarusian(db):
    from solidarity.letters.services.writing import submit_letter
    from solidarity.registry.tests.factories import make_facility, make_person

    colony = make_facility(slug="ik-15-by", name_en="Penal colony No. 15", kind="ik",
                           country="BY")  # fmt: skip
    ales = make_person("Алесь Тэставы", slug="ales", country="BY", facility=colony)
    letter = submit_letter(ales, body="Прывітанне, Алесь! Трымайся, мы ўсе з табой.",
                           submission_key="by-1")  # fmt: skip
    assert (letter.language, letter.needs_translation) == ("be", False)
    assert letter.state == "awaiting_moderation"

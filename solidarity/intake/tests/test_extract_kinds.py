"""The kinds of misreading found on real news (issue 16), each on a case written here with
invented people: the names proposed, and whose facts are whose."""

import datetime
import json
import subprocess
import sys

import pytest

from solidarity.intake.extract.pipeline import extract


def _read(text, published=None):
    result = extract(text, published=published)
    return {
        "persons": [p["name"] for p in result["persons"]],
        "charges": sorted((c["person"], c["article"]) for c in result["charges"]),
        "sentences": sorted((s["person"], s["months"]) for s in result["sentences"]),
        "events": sorted(
            (e["person"], e["type"], e["date"]) for e in result["events"] if e["date"]
        ),
        "raw": result,
    }


def test_it_recognises_belarusian_and_crimean_tatar_first_names_in_english():
    got = _read(
        "Aliaksei Hrynkevich and Enver-Seit Mamutov were detained on 4 May 2022 and charged "
        "under Article 361-1."
    )
    assert got["persons"] == ["Aliaksei Hrynkevich", "Enver-Seit Mamutov"]
    assert ("Enver-Seit Mamutov", "detention", "2022-05-04") in got["events"]


def test_it_reads_names_written_surname_first():
    got = _read(
        "The court sentenced the defendants as follows:\n"
        "Sadykov Timur Rinatovich to 6 years,\nPetrov Ilya Sergeevich to 4 years."
    )
    assert got["persons"] == ["Timur Sadykov", "Ilya Petrov"]
    ru = _read(
        "Гайнуллин (по паспорту — Гайнулин) Азат Ринатович осуждён 3 марта 2024 года на 4 года "
        "колонии по ч. 1 ст. 280 УК РФ."
    )
    assert ru["persons"] == ["Азат Гайнуллин"]
    assert ru["sentences"] == [("Азат Гайнуллин", 48)]


def test_it_does_not_propose_judges_authors_or_streets():
    got = _read(
        "Judge Boris Melnikov sentenced Vera Gromova to three years on 2 April 2024. "
        "She had read out a poem by Marina Tsvetaeva."
    )
    assert got["persons"] == ["Vera Gromova"]
    assert got["events"] == [("Vera Gromova", "sentence", "2024-04-02")]
    ru = _read("Игорь Ветров осуждён на 2 года. Адрес: 300000, г. Тула, ул. Жуковского, 4, СИЗО-1.")
    assert ru["persons"] == ["Игорь Ветров"]


def test_it_keeps_an_alias_and_tells_namesakes_apart():
    assert _read("Анархист Пётр Ершов (он же Павел Смирных) задержан 5 мая 2024 года.")[
        "persons"
    ] == ["Пётр Ершов"]
    got = _read("3 мая 2024 года задержаны Илья Андреевич Ломов и Илья Сергеевич Ломов.")
    assert got["persons"] == ["Илья Андреевич Ломов", "Илья Сергеевич Ломов"]


def test_it_puts_oblique_and_short_forms_into_the_full_nominative():
    got = _read(
        "Суд арестовал Эльдара Мамутова и Тимура Сомова 4 марта 2024 года. "
        "Им вменяют ч. 2 ст. 205.5 УК РФ."
    )
    assert got["persons"] == ["Эльдар Мамутов", "Тимур Сомов"]
    # a short form joins the full name
    short = _read("Дмитрий Клюев задержан 3 мая 2024 года. Диму Клюева избивали.")
    assert short["persons"] == ["Дмитрий Клюев"]
    woman = _read("Его жену Алину Сомову объявили в розыск в мае 2024 года.")
    assert woman["persons"] == ["Алина Сомова"]


def test_it_reads_attempt_and_preparation_as_a_stage_not_a_charge():
    got = _read(
        "Denis Frolov is charged with attempted arson (part 3 of Article 30 and part 2 of "
        "Article 167 of the Criminal Code)."
    )
    assert got["charges"] == [("Denis Frolov", "167")]
    assert got["raw"]["charges"][0]["stage"] == "attempt"


def test_it_does_not_read_a_motive_as_a_charge():
    got = _read(
        "Anton Shirokov is accused of damaging a car motivated by hooliganism (part 2 of "
        "Article 167 of the Criminal Code)."
    )
    assert got["charges"] == [("Anton Shirokov", "167")]


def test_it_takes_a_missing_year_only_from_the_publication_date():
    text = "Ирина Кузина, 1999 г. р., задержана 12 апреля."
    assert _read(text)["events"] == []
    got = _read(text, published=datetime.date(2025, 5, 2))
    assert got["events"] == [("Ирина Кузина", "detention", "2025-04-12")]
    assert got["raw"]["events"][0]["inferred"] is True


def test_it_takes_published_on_the_command_line(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Oleg Baranov was detained on 9 March.", encoding="utf-8")
    command = [sys.executable, "-m", "solidarity.cli", "extract", str(path), "--format", "json"]
    out = subprocess.run(  # noqa: S603
        [*command, "--published", "2026-01-20"], capture_output=True, text=True, check=True
    )
    events = json.loads(out.stdout)["events"]
    assert [(e["date"], e["inferred"]) for e in events] == [("2025-03-09", True)]
    bad = subprocess.run(  # noqa: S603
        [*command, "--published", "20 Jan"], capture_output=True, text=True
    )
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr


@pytest.mark.parametrize(
    "page",
    [
        "<!doctype html><html><head><title>Detained | Example</title>"
        '<meta property="article:published_time" content="2024-05-03T10:00:00+03:00">'
        '<link rel="canonical" href="https://news.example/a/1"></head><body>'
        "<nav><a href='/'>Home</a> Ivan Sidorov sentenced to 5 years</nav>"
        "<article><h1>Detained</h1><p>Oleg Baranov was detained on 2 May. He is charged "
        "under Article 280 of the Criminal Code for posts about the war.</p><p>His lawyer "
        "said the case was opened after a complaint.</p></article>"
        "<div class='comments'><p>Comment: Nikita Lvov got 10 years!</p></div>"
        "<footer>(c) 2024</footer></body></html>"
    ],
)
def test_it_reads_an_html_page_by_its_content_with_its_date(tmp_path, page):
    path = tmp_path / "saved-page.txt"  # named as text: recognised as HTML by its content
    path.write_text(page, encoding="utf-8")
    command = [sys.executable, "-m", "solidarity.cli", "extract", str(path), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    got = json.loads(done.stdout)
    assert [p["name"] for p in got["persons"]] == ["Oleg Baranov"]
    assert got["document"]["published"] == "2024-05-03"
    assert got["document"]["url"] == "https://news.example/a/1"
    assert [(e["type"], e["date"], e["inferred"]) for e in got["events"] if e["date"]] == [
        ("detention", "2024-05-02", True)
    ]


def test_it_gives_a_sentence_that_names_nobody_to_the_defendants_not_the_judge():
    got = _read(
        "Суд вынес приговор Артуру Ганиеву и Семёну Лукину 5 июня 2024 года. Судья Анна "
        "Зотова признала подсудимых виновными. Подсудимые приговорены к 5 годам колонии."
    )
    assert got["persons"] == ["Артур Ганиев", "Семён Лукин"]
    assert got["sentences"] == [("Артур Ганиев", 60), ("Семён Лукин", 60)]


def test_it_resolves_the_others_and_reads_remand_since_as_custody():
    got = _read(
        "Timur Galkin, Roman Sizov and Lev Panin are charged under Article 205.5. Galkin was "
        "detained on 3 May 2020; the others have been held on remand since March 2019."
    )
    assert ("Roman Sizov", "custody", "2019-03") in got["events"]
    assert ("Lev Panin", "custody", "2019-03") in got["events"]
    assert ("Timur Galkin", "custody", "2019-03") not in got["events"]


def test_it_gives_each_their_own_term():
    each = _read(
        "Суд над Фёдором Быковым и Глебом Сухановым начался в мае 2022 года. Приговор вынесли "
        "3 октября 2022 года: суд назначил каждому из них по 6 лет колонии."
    )
    assert each["sentences"] == [("Глеб Суханов", 72), ("Фёдор Быков", 72)]
    respectively = _read(
        "On 1 July 2024 Gleb Sukhanov and Fyodor Bykov were sentenced to 8 and 5 years "
        "respectively."
    )
    assert respectively["sentences"] == [("Fyodor Bykov", 60), ("Gleb Sukhanov", 96)]
    listed = _read("Nikita Zorin (6 years) is in a punishment cell. Ivan Lapin (3 years) is ill.")
    assert listed["sentences"] == [("Ivan Lapin", 36), ("Nikita Zorin", 72)]


def test_it_does_not_read_an_age_a_part_or_an_administrative_arrest_as_a_term():
    assert _read("A court sentenced 24-year-old Oleg Dorin to four years on 2 June 2024.")[
        "sentences"
    ] == [("Oleg Dorin", 48)]
    assert _read("On 3 May 2024 Ilya Rudin was sentenced to 9 years, including 2 years in prison.")[
        "sentences"
    ] == [("Ilya Rudin", 108)]
    got = _read(
        "Марину Ключеву 2 мая 2024 года осудили на 15 суток административного ареста, а 30 мая "
        "2024 года суд приговорил её к 3 годам колонии по ч. 1 ст. 280.3 УК."
    )
    assert [e for e in got["events"] if e[1] == "sentence"] == [
        ("Марина Ключева", "sentence", "2024-05-30")
    ]


def test_it_reads_seized_remained_until_and_deprived_of_liberty_from():
    got = _read(
        "Anton Serov was seized by police on 4 April 2024 and remained in a pre-trial detention "
        "centre until 2 February 2025."
    )
    assert got["events"] == [
        ("Anton Serov", "detention", "2024-04-04"),
        ("Anton Serov", "release", "2025-02-02"),
    ]
    ru = _read(
        "Руслан Гиреев приговорён 5 июля 2024 года к 4 годам. Лишён свободы с 5 июля 2024 года."
    )
    assert ("Руслан Гиреев", "custody", "2024-07-05") in ru["events"]


def test_it_does_not_read_money_transfers_intentions_or_protest_dates_as_events():
    money = _read("Egor Tulin was detained on 6 May 2024 for transferring money to a fund.")
    assert [e[1] for e in money["events"]] == ["detention"]
    intent = _read("On 9 May 2024 Egor Tulin's lawyer said the defence will appeal the verdict.")
    assert intent["events"] == []
    protest = _read(
        "Egor Tulin was sentenced to three years for joining peaceful protests on 12 June 2017."
    )
    assert protest["events"] == []


def test_it_reads_each_line_of_a_sentencing_list():
    got = _read(
        "The court sentenced the defendants as follows:\n"
        "Ismailov Rustam Akhmedovich to 8 years,\nZuev Pavel Igorevich to 6 years."
    )
    assert got["sentences"] == [("Pavel Zuev", 72), ("Rustam Ismailov", 96)]


def test_it_reads_belarusian_offences_against_the_belarusian_code():
    got = _read(
        "In Minsk, Belarus, Andrei Kavalchuk was sentenced to three years for aggravated "
        "hooliganism on 4 March 2022; Ivan Sharko got five years under statute 293 paragraph 2 "
        "for mass riots."
    )
    assert ("Andrei Kavalchuk", "339") in got["charges"]
    assert ("Ivan Sharko", "293") in got["charges"]
    assert {c["code"] for c in got["raw"]["charges"]} == {"BY"}


def test_it_does_not_propose_a_bare_surname_nothing_is_told_of():
    got = _read(
        "Анархиста Глеба Шатрова задержали 4 мая 2024 года. Следователи нашли у него книги "
        "Кропоткина и Бакунина."
    )
    assert got["persons"] == ["Глеб Шатров"]


def test_it_reads_a_participle_as_about_those_just_named_not_everyone():
    got = _read(
        "Суд рассмотрел жалобу Ильи Котова. Он сторонник Петра Ларина. Суд оставил в силе "
        "приговор Ивану Зуеву и Сергею Минину, осуждённым на 5 и 4 года."
    )
    assert got["sentences"] == [("Иван Зуев", 60), ("Сергей Минин", 48)]


def test_it_gives_she_to_the_woman_and_he_to_the_man():
    got = _read(
        "Vera Klimova and Oleg Rudnev were detained on 3 May 2024. She was remanded in custody "
        "on 5 May 2024. He was released on 6 May 2024."
    )
    assert ("Vera Klimova", "custody", "2024-05-05") in got["events"]
    assert ("Oleg Rudnev", "release", "2024-05-06") in got["events"]
    ru = _read(
        "Ирину Зотову и Павла Рыбина задержали 3 мая 2024 года. Её арестовали 5 мая 2024 года."
    )
    assert ("Ирина Зотова", "custody", "2024-05-05") in ru["events"]


def test_it_counts_two_days_later_from_the_same_persons_last_event():
    got = _read(
        "Lidia Orlova was detained on 3 May 2024. Pavel Gurin was detained on 10 May 2024. "
        "Two days later Orlova was remanded in custody."
    )
    assert ("Lidia Orlova", "custody", "2024-05-05") in got["events"]
    month = _read(
        "In August 2024 Roman Fedin was transferred to IK-7. He was placed in a punishment cell "
        "three weeks later."
    )
    assert ("Roman Fedin", "solitary") not in {(e[0], e[1]) for e in month["events"]}
    ru = _read(
        "В августе 2024 года Романа Федина этапировали в ИК-7. Через три месяца, 14 ноября, "
        "его отправили в ШИЗО."
    )
    assert ("Роман Федин", "solitary", "2024-11-14") in ru["events"]


def test_it_reads_the_activist_as_the_person_named_and_a_cell_term_as_no_sentence():
    got = _read(
        "Кирилла Осокина задержали 4 марта 2021 года.\n"
        "Южный окружной военный суд приговорил активиста к 5 годам колонии общего режима.\n"
        "За время отбывания наказания Осокина дважды переводили в ЕПКТ на 6 месяцев."
    )
    assert got["sentences"] == [("Кирилл Осокин", 60)]


def test_it_gives_each_the_sentence_event_when_each_is_named_after_it():
    got = _read(
        "Суд над Фёдором Быковым и Глебом Сухановым начался в мае 2022 года. Приговор вынесли "
        "3 октября 2022 года: суд назначил каждому из них по 6 лет колонии."
    )
    assert [e for e in got["events"] if e[1] == "sentence"] == [
        ("Глеб Суханов", "sentence", "2022-10-03"),
        ("Фёдор Быков", "sentence", "2022-10-03"),
    ]


def test_it_declines_both_halves_of_a_double_surname_together():
    got = _read(
        "В Рязани задержали Ольгу Тимохину-Рябцеву. Суд арестовал Тимохину-Рябцеву "
        "по статье 207.3 УК РФ."
    )
    assert got["persons"] == ["Ольга Тимохина-Рябцева"]
    assert got["charges"] == [("Ольга Тимохина-Рябцева", "207.3")]


def test_it_reads_an_ambiguous_form_as_the_person_already_named():
    # «Александру Гончарову» is also the dative of a man «Александр Гончаров»: the
    # unambiguous mention before it says who this is.
    got = _read(
        "Обыск прошёл у Александры Гончаровой. Позже суд приговорил Александру Гончарову "
        "к двум годам колонии по статье 280.3 УК РФ."
    )
    assert got["persons"] == ["Александра Гончарова"]
    assert got["charges"] == [("Александра Гончарова", "280.3")]

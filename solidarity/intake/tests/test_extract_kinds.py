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

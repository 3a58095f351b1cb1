"""`solidarity extract FILE --format json`: one JSON object, and clear refusals."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

RU = (
    "14 апреля 2023 года в Новосибирске задержали анархиста Артёма Васильева. На следующий "
    "день суд арестовал его на два месяца. Васильеву предъявили обвинение по ч. 2 ст. 205.2 "
    "УК РФ. В ноябре 2023 года суд приговорил Васильева к 6 годам колонии общего режима.\n"
)
EN = (
    "Students Maria Ivanova and Kirill Belov were arrested in Kazan on 12 March 2024. Both "
    'were charged with spreading "fakes" about the army. In July 2025 Belov was sentenced '
    "to three years and two months in a strict-regime colony.\n"
)


def _extract(tmp_path, text, name="doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = __import__("io").StringIO()
    call_command("extract", str(path), format="json", stdout=out)
    return json.loads(out.getvalue())


def test_it_reads_a_russian_report(tmp_path):
    result = _extract(tmp_path, RU)
    assert result["language"] == "ru"
    assert [p["name"] for p in result["persons"]] == ["Артём Васильев"]
    assert result["persons"][0]["name_latin"] == "Artyom Vasilyev"
    assert len(result["persons"][0]["mentions"]) == 3
    assert [(c["article"], c["part"]) for c in result["charges"]] == [("205.2", "2")]
    assert [(s["months"], s["regime"]) for s in result["sentences"]] == [(72, "general")]
    events = {(e["type"], e["date"]) for e in result["events"]}
    assert {("detention", "2023-04-14"), ("custody", "2023-04-15"),
            ("sentence", "2023-11")} <= events  # fmt: skip
    assert all(e["person"] == "Артём Васильев" for e in result["events"])


def test_it_gives_a_charge_to_both_people(tmp_path):
    result = _extract(tmp_path, EN)
    assert result["language"] == "en"
    names = {p["name"] for p in result["persons"]}
    assert names == {"Maria Ivanova", "Kirill Belov"}
    assert {(c["person"], c["article"]) for c in result["charges"]} == {
        ("Maria Ivanova", "207.3"), ("Kirill Belov", "207.3"),
    }  # fmt: skip
    assert [(s["person"], s["months"], s["regime"]) for s in result["sentences"]] == [
        ("Kirill Belov", 38, "strict")
    ]
    detentions = {(e["person"], e["date"]) for e in result["events"] if e["type"] == "detention"}
    assert detentions == {("Maria Ivanova", "2024-03-12"), ("Kirill Belov", "2024-03-12")}


def test_it_reads_html(tmp_path):
    html = f"<html><head><script>var x;</script></head><body><p>{EN}</p></body></html>"
    result = _extract(tmp_path, html, "page.html")
    assert {p["name"] for p in result["persons"]} == {"Maria Ivanova", "Kirill Belov"}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x00\x01\x02binary", "blob.txt", "binary"),
        ("Привет".encode("utf-16"), "odd.txt", "UTF-8"),
        (b"Ich hoffe, es geht dir gut und wir sehen uns bald.", "de.txt", "only Russian"),
        (b"%PDF-1.4 broken", "bad.pdf", "PDF"),
        (b"text", "doc.docx", "unsupported file type"),
    ],
)
def test_it_refuses_what_it_cannot_read(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("extract", str(path), format="json")


def test_it_refuses_a_file_over_the_limit(tmp_path, settings):
    settings.INTAKE_MAX_BYTES = 100
    path = tmp_path / "big.txt"
    path.write_text("слово " * 100, encoding="utf-8")
    with pytest.raises(CommandError, match="over the limit"):
        call_command("extract", str(path))


def test_it_exits_non_zero_from_the_command_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "solidarity.cli", "extract", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "empty" in run.stderr
    assert run.stdout == ""

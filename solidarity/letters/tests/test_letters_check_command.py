import json

import pytest
from django.core.management import CommandError, call_command


def run(capsys, *args):  # type: ignore[no-untyped-def]
    call_command("letters", "check", *args)
    return capsys.readouterr().out


def test_it_prints_the_json_the_issue_specifies(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Lev, I hope the war ends soon. Your lawyer is great. BTW hi!")
    result = json.loads(run(capsys, str(letter), "--format", "json"))
    assert result["language"] == "en"
    assert result["needs_translation"] is True
    assert {f["category"] for f in result["flags"]} == {"war", "case", "code"}
    assert all(set(f) == {"category", "evidence", "advice"} for f in result["flags"])


def test_it_explains_in_plain_text(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text("Дорогой Лев, пусть скорее кончится война!", encoding="utf-8")
    out = run(capsys, str(letter))
    assert "Language: ru" in out and "war: война" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01binary", "binary"),
        ("Привет".encode("cp1251"), "not UTF-8"),
        (b"a" * 1_000_001, "larger than"),
    ],
)
def test_it_refuses_bad_input_clearly(tmp_path, content, message):
    letter = tmp_path / "bad.txt"
    letter.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("letters", "check", str(letter))


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("letters", "check", str(tmp_path / "nope.txt"))

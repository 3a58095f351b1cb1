"""`solidarity extract` reads a file without Django's app registry: it needs no database."""

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from solidarity.cli import main
main(["extract", sys.argv[1], "--format", "json"])
import django.apps
print("apps ready:", django.apps.apps.ready)
"""


def test_it_reads_a_file_without_setting_up_the_apps(tmp_path: Path):
    text = tmp_path / "news.txt"
    text.write_text("Суд в Твери арестовал Марию Котову 5 мая 2025 года по ст. 280.3 УК РФ.\n",
                    encoding="utf-8")  # fmt: skip
    run = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-c", PROBE, str(text)],
        capture_output=True,
        text=True,
        check=True,
        # A database that is never opened: the settings only name it (in the test's folder).
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "PATH": "/usr/bin:/bin"},
    )
    found, ready, _end = run.stdout.rsplit("\n", 2)
    assert ready == "apps ready: False"
    facts = json.loads(found)
    assert [p["name"] for p in facts["persons"]] == ["Мария Котова"]
    assert facts["charges"][0]["article"] == "280.3"


def test_it_reports_a_missing_file_by_name(tmp_path: Path):
    missing = tmp_path / "gone.txt"
    run = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "solidarity.cli", "extract", str(missing)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert f"{missing}: no such file" in run.stderr

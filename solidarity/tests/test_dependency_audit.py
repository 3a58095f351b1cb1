"""The audit gate: unexplained vulnerabilities fail, reviewed exceptions pass."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"
REPORT = {
    "dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [
            {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1"], "fix_versions": ["5.2.1"]}]},
        {"name": "polib", "version": "1.2.0", "vulns": []},
    ]
}  # fmt: skip


def judge(tmp_path: Path, allowlist: str, report: dict = REPORT) -> subprocess.CompletedProcess:
    (tmp_path / "report.json").write_text(json.dumps(report))
    (tmp_path / "allow.txt").write_text(allowlist)
    env = dict(os.environ, AUDIT_ALLOWLIST=str(tmp_path / "allow.txt"))
    return subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), "--report", str(tmp_path / "report.json")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def test_it_fails_on_an_unexplained_vulnerability(tmp_path):
    run = judge(tmp_path, "# nothing reviewed\n")
    assert run.returncode == 1
    assert "VULNERABLE django 5.2.0: PYSEC-2099-1 (fixed in 5.2.1)" in run.stdout


def test_it_passes_a_reviewed_exception_by_id_or_alias(tmp_path):
    assert judge(tmp_path, "CVE-2099-1  we never use the affected feature\n").returncode == 0


def test_it_refuses_an_exception_without_a_reason(tmp_path):
    run = judge(tmp_path, "PYSEC-2099-1\n")
    assert run.returncode != 0
    assert "has no reason" in run.stderr


def test_it_fails_on_unaudited_packages_only_when_strict(tmp_path, monkeypatch):
    report = {"dependencies": [{"name": "x", "version": "1", "skip_reason": "not found"}]}
    assert judge(tmp_path, "", report).returncode == 0
    monkeypatch.setenv("AUDIT_STRICT", "1")
    assert judge(tmp_path, "", report).returncode == 1

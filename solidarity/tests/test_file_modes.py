"""Files that hold the database or a copy of it are readable by the service account only.

Played by another local account (or a careless backup job) that reads what is readable."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

PASSPHRASE = "correct horse battery staple"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def solidarity(var: Path, *args: str) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "solidarity.cli", *args],
        env={**environment, "SOLIDARITY_VAR_DIR": str(var), "PYTHONWARNINGS": "ignore"},
        check=True, capture_output=True, timeout=300, preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip


def test_it_makes_the_embedded_database_readable_by_its_owner_only(tmp_path):
    solidarity(tmp_path, "migrate", "-v0")
    solidarity(tmp_path, "shell", "--no-imports", "-c", "from solidarity.registry.demo import "
               "load_demo; load_demo()")  # fmt: skip
    files = sorted(tmp_path.glob("solidarity.sqlite3*"))
    assert tmp_path / "solidarity.sqlite3" in files
    for path in files:  # the database, and its -wal and -shm while they exist
        assert mode(path) == 0o600, path


def test_it_closes_a_database_file_made_world_readable_before(tmp_path):
    database = tmp_path / "solidarity.sqlite3"
    solidarity(tmp_path, "migrate", "-v0")
    database.chmod(0o644)
    solidarity(tmp_path, "check")
    assert mode(database) == 0o600


def test_it_writes_backups_readable_by_its_owner_only(db, tmp_path):
    out = tmp_path / "nightly.sol"
    stale = tmp_path / "nightly.sol.partial"  # left by a run that died, world-readable
    stale.write_bytes(b"old")
    stale.chmod(0o644)
    previous = os.umask(0o022)
    try:
        call_command("backup", "--out", str(out), "--passphrase-file", str(passphrase(tmp_path)))
    finally:
        os.umask(previous)
    assert mode(out) == 0o600


def passphrase(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE)
    return path


def test_it_writes_exports_and_printed_letters_readable_by_its_owner_only(
    coordinator, alice, tmp_path
):
    """The private export and the letters printed for the post or an e-letter service."""
    from solidarity.letters.models import Channel
    from solidarity.letters.services.workflow import advance
    from solidarity.letters.services.writing import submit_letter

    alice.accepts_letters = True
    alice.save()
    for n, channel in enumerate([Channel.POST, Channel.ELETTER]):
        letter = submit_letter(alice, body="Привет!", channel=channel, submission_key=f"m{n}")
        advance(None, letter, "approve")
    previous = os.umask(0o022)
    try:
        for fmt in ("csv", "json"):
            call_command("export", "--format", fmt, "--out", str(tmp_path / fmt), verbosity=0)
        for channel in ("post", "eletter"):
            call_command("letters", "dispatch", "--channel", channel, "--out",
                         str(tmp_path / channel), verbosity=0)  # fmt: skip
    finally:
        os.umask(previous)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.parent.name for p in written} == {"csv", "json", "post", "eletter"}
    assert {p.suffix for p in written} >= {".csv", ".json", ".md", ".pdf", ".txt"}
    for path in written:
        assert mode(path) == 0o600, path

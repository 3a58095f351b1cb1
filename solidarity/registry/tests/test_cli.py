"""`solidarity demo` end to end: a fresh var/ directory, a real gunicorn, real HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_it_creates_the_database_loads_the_demo_and_serves(tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SOLIDARITY_VAR_DIR=str(tmp_path), PORT=str(port), WORKERS="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "solidarity.cli", "demo"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        body = wait_for(f"http://127.0.0.1:{port}/prisoners/lev-skoryakin/").decode()
        assert "Лев Скорякин" in body
        assert "Demo data" in body
        assert (tmp_path / "solidarity.sqlite3").exists()
        assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert "Demo data loaded: 7 people" in output
    assert f"http://127.0.0.1:{port}/" in output

"""Helpers for tests that run Solidarity as operators do: in processes of its own, against
databases and PostgreSQL clusters of the test's own."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def env(url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ, "DATABASE_URL": url, "PYTHONWARNINGS": "ignore",
        "LETTERS_RETURN_ADDRESS": "Группа поддержки | а/я 1, г. Тестград, 000001", **extra,
    }  # fmt: skip


def run(url: str, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "solidarity.cli", *args], env=env(url), capture_output=True,
        text=True, check=check, timeout=300, **kwargs,
    )  # fmt: skip


def shell(url: str, code: str) -> str:
    output = run(url, "shell", "--no-imports", "-c", code).stdout.strip()
    return output.splitlines()[-1] if output else ""


def query(url: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    """Read the child processes' database directly: fast enough to poll."""
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
            return list(conn.execute(sql))
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return list(conn.execute(sql))  # type: ignore[call-overload]


def start(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "solidarity.cli", *args], env=env(url),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> list[int]:
    found = children(pid)
    for child in list(found):
        found += descendants(child)
    return found


class Server:
    """`solidarity serve` (gunicorn, two workers, no task worker) on a free port.

    It keeps the keys of the commands run by `run` and `shell` (the same SOLIDARITY_VAR_DIR),
    so that it can read what they encrypted; its output goes to server.log in `log_dir`.
    """

    def __init__(self, url: str, log_dir: Path, **extra: str) -> None:
        self.port = free_port()
        self.env = env(url, PORT=str(self.port), WORKERS="2", **extra)
        self.log_path = log_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "solidarity.cli", "serve", "--no-task-worker"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(lambda: self.get()[0] == 200, timeout=60)

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def get(self, path: str = "/prisoners/", cookie: str = "") -> tuple[int, str]:
        try:
            conn = self.connection()
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            return response.status, response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            return 0, ""

    def kill(self) -> None:
        """kill -9 the server with every process it started, as a power cut would."""
        assert self.process is not None
        for pid in [self.process.pid, *descendants(self.process.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@contextmanager
def serving(url: str, log_dir: Path, **extra: str) -> Iterator[Server]:
    server = Server(url, log_dir, **extra)
    try:
        server.start()
        yield server
    finally:
        server.stop()


class Cluster:
    """A PostgreSQL cluster of a test's own, run as the postgres user, to stop at will."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # Not under pytest's own temporary folder: that one is closed to other users.
        self.home = Path(tempfile.mkdtemp(prefix="solidarity-pg-"))
        self.data = self.home / "pgdata"
        self.data.mkdir(mode=0o700)
        shutil.chown(self.home, "postgres")
        shutil.chown(self.data, "postgres")
        self.port = free_port()

    def url(self, name: str = "solidarity") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def pg(self, program: str, *args: str, check: bool = True) -> None:
        runuser = shutil.which("runuser") or "runuser"
        subprocess.run([runuser, "-u", "postgres", "--", str(self.bin_dir / program), *args],  # noqa: S603
                       check=check, capture_output=True, timeout=120)  # fmt: skip

    def init(self) -> None:
        self.pg("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")

    def follow(self, primary: Cluster) -> None:
        """Make this cluster a streaming replica of `primary` (-R: it keeps following)."""
        self.pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", str(self.data), "-R", "-X", "stream", "-c", "fast")  # fmt: skip

    def control(self, action: str) -> None:
        options = f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1"
        # -l: the server's output to a file, so that no pipe of ours stays open behind it
        extra = ["-o", options, "-l", str(self.home / "log")] if action == "start" else []
        self.pg("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", *extra, action)

    def remove(self) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.home, ignore_errors=True)


def postgres_binaries() -> Path | None:
    """PostgreSQL's server programs, if this machine can run a cluster of a test's own."""
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not binaries or shutil.which("runuser") is None or os.geteuid() != 0:
        return None
    return binaries[-1]

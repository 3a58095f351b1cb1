"""What the benchmarks share: a loopback port, and a benchmark database to start from."""

import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_database(name: str) -> str:
    """The default URL of a benchmark's own SQLite database under var/bench/."""
    return f"sqlite:///{ROOT / 'var' / 'bench' / name}"


def start_empty(database_url: str) -> None:
    """Remove a SQLite benchmark database (and its WAL files); other databases are kept."""
    if database_url.startswith("sqlite:///"):
        db = Path(database_url.removeprefix("sqlite:///"))
        db.parent.mkdir(parents=True, exist_ok=True)
        for path in db.parent.glob(db.name + "*"):
            path.unlink()


def write_block(doc: Path, marker: str, block: str) -> None:
    """Put `block` between `<!-- marker -->` and `<!-- /marker -->` in `doc` (a benchmark's
    last table in docs/performance.md), or at its end the first time."""
    text = doc.read_text(encoding="utf-8")
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + start + "\n" + block + "\n" + end + rest.split(end, 1)[1]
    else:
        text += f"\n{start}\n{block}\n{end}\n"
    doc.write_text(text, encoding="utf-8")

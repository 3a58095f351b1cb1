"""Export and import against the database's own bulk copy, side by side (issue 18).

    .venv/bin/python bench/files_ratios.py --database-url postgres://postgres@127.0.0.1:5432/solidarity_perf_bench
    .venv/bin/python bench/files_ratios.py                  # SQLite: var/bench/ratios-50000.sqlite3

The registry is bench/ratios.py's 50,000 people (run that first). In one process, rounds
alternate:

- **export**: `dump.write()` of every table as CSV (what `solidarity export --format csv`
  does after start-up), public; against its limit, PostgreSQL's `COPY (SELECT ...) TO
  STDOUT` of the same rows of the same tables (the published people, their charges,
  sentences and events; every facility and case) into files. On SQLite, whose engine has
  no COPY, the limit is `SELECT` of the same rows written by `csv.writer`.
- **import**: the facilities, cases and people of that export (55,800 rows) imported by
  `importing.run()` into an empty database, inside a transaction rolled back at the end;
  against its limit, `COPY FROM` of the same CSV files into tables of text columns
  (SQLite: executemany INSERT), rolled back the same way.

Median of the rounds' ratios; `--write` puts the table into docs/performance.md.
"""

# ruff: noqa: S608 - table names from model metadata; no value is interpolated.
from __future__ import annotations

import argparse
import csv
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import write_block  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
IMPORTED = ("facilities", "cases", "people")
WHAT = {
    "export": "`export --format csv`, every table, public",
    "import": "`import` of 55,800 rows (facilities, cases, people) into an empty database",
}
LIMIT_NAMES = {
    (True, "export"): "COPY TO", (True, "import"): "COPY FROM",
    (False, "export"): "SELECT + csv.writer", (False, "import"): "executemany INSERT",
}  # fmt: skip


def limit_export(out: Path) -> None:
    """The same rows as the public export, written by the database's bulk copy."""
    from django.db import connection

    from solidarity.registry.models import Case, Charge, Event, Facility, Person, Sentence

    person = Person._meta.db_table
    queries = {
        "facilities": f"SELECT * FROM {Facility._meta.db_table}",
        "cases": f"SELECT * FROM {Case._meta.db_table}",
        "people": f"SELECT * FROM {person} WHERE consent_publish_name",
    }
    for model, name in ((Charge, "charges"), (Sentence, "sentences"), (Event, "events")):
        queries[name] = (f"SELECT x.* FROM {model._meta.db_table} x JOIN {person} p "
                         "ON p.id = x.person_id WHERE p.consent_publish_name")  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            if connection.vendor == "postgresql":
                with open(out / f"{name}.csv", "wb") as handle:
                    with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, HEADER)") as copy:
                        for chunk in copy:
                            handle.write(chunk)
            else:
                cursor.execute(sql.replace("consent_publish_name", "consent_publish_name = 1"))
                with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow([c[0] for c in cursor.description])
                    while rows := cursor.fetchmany(5000):
                        writer.writerows(rows)


def limit_import(folder: Path) -> None:
    """COPY FROM of the imported files into tables of text columns, rolled back."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for name in IMPORTED:
            with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            columns = ", ".join(f'"c{n}" text' for n in range(len(header)))
            cursor.execute(f"CREATE TEMPORARY TABLE limit_{name} ({columns})")
            if connection.vendor == "postgresql":
                with open(folder / f"{name}.csv", "rb") as handle:
                    with cursor.cursor.copy(
                        f"COPY limit_{name} FROM STDIN (FORMAT csv, HEADER)"
                    ) as copy:
                        while block := handle.read(1 << 16):
                            copy.write(block)
            else:
                with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
                    rows = csv.reader(handle)
                    next(rows)
                    marks = ", ".join(["%s"] * len(header))
                    cursor.executemany(f"INSERT INTO limit_{name} VALUES ({marks})", list(rows))
        transaction.set_rollback(True)


def product_import(folder: Path, empty_url: str) -> float:
    """`importing.read()` and `importing.run()` of the files into the empty database,
    rolled back; seconds."""
    from django.db import connections, transaction

    from solidarity.opendata import importing

    started = time.perf_counter()
    # Reading the three files is part of the work, as it is of COPY FROM.
    rows: dict[str, Any] = {t: importing.read(folder / f"{t}.csv", table=t)[t] for t in IMPORTED}
    for row in rows["people"]:
        row.pop("articles", None)  # charges come with the charges table, not measured here
    with _using(empty_url):
        with transaction.atomic():
            importing.run(None, rows, progress=lambda table, done, total: None)
            took = time.perf_counter() - started
            transaction.set_rollback(True)
        connections["default"].close()
    return took


class _using:
    """Point the default connection at another database for a while."""

    def __init__(self, url: str) -> None:
        import dj_database_url

        self.settings = dj_database_url.parse(url)

    def __enter__(self) -> None:
        from django.db import connections

        connection = connections["default"]
        connection.close()
        self.saved = dict(connection.settings_dict)
        connection.settings_dict.update(NAME=self.settings["NAME"])

    def __exit__(self, *exc: object) -> None:
        from django.db import connections

        connection = connections["default"]
        connection.close()
        connection.settings_dict.update(self.saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'ratios-50000.sqlite3'}"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["export", "import"], default="")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    os.environ.setdefault("AUDIT_CHECKPOINT_FILE", str(ROOT / "var" / "bench" / "files.ckpt"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from solidarity.opendata import dump

    vendor = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    if vendor == "PostgreSQL":
        empty_url = args.database_url.rsplit("/", 1)[0] + "/solidarity_perf_import"
        subprocess.run(["psql", args.database_url.rsplit("/", 1)[0] + "/postgres", "-qc",
                        "DROP DATABASE IF EXISTS solidarity_perf_import"], check=True)  # fmt: skip
        subprocess.run(["psql", args.database_url.rsplit("/", 1)[0] + "/postgres", "-qc",
                        "CREATE DATABASE solidarity_perf_import"], check=True)  # fmt: skip
    else:
        target = ROOT / "var" / "bench" / "import-empty.sqlite3"
        for stale in target.parent.glob(target.name + "*"):
            stale.unlink()
        empty_url = f"sqlite:///{target}"
    with _using(empty_url):
        call_command("migrate", verbosity=0)
    load = os.getloadavg()[0]
    results: dict[str, tuple[list[float], list[float]]] = {"export": ([], []), "import": ([], [])}
    with tempfile.TemporaryDirectory() as folder:
        exported, private = Path(folder) / "export", Path(folder) / "private"
        dump.write(private, "csv", True, lambda table, rows: None)  # what the import reads
        for n in range(args.rounds):
            if args.only != "import":
                started = time.perf_counter()
                dump.write(exported, "csv", False, lambda table, rows: None)
                product = time.perf_counter() - started
                started = time.perf_counter()
                limit_export(Path(folder) / "limit")
                limit = time.perf_counter() - started
                results["export"][0].append(product)
                results["export"][1].append(limit)
                print(f"round {n + 1}: export {product:.2f} s, COPY TO {limit:.2f} s",
                      file=sys.stderr)  # fmt: skip
            if args.only != "export":
                product = product_import(private, empty_url)
                with _using(empty_url):
                    started = time.perf_counter()
                    limit_import(private)
                    limit = time.perf_counter() - started
                results["import"][0].append(product)
                results["import"][1].append(limit)
                print(f"round {n + 1}: import {product:.2f} s, COPY FROM {limit:.2f} s",
                      file=sys.stderr)  # fmt: skip
    rows = []
    for name, (product_times, limit_times) in results.items():
        if not product_times:
            continue
        ratios = [p / q for p, q in zip(product_times, limit_times, strict=True)]
        what = WHAT[name]
        limit_name = LIMIT_NAMES[vendor == "PostgreSQL", name]
        goal = 5.0 if name == "export" else 15.0
        ratio = statistics.median(ratios)
        rows.append(f"| {what} ({vendor}) | {statistics.median(product_times):.2f} s | "
                    f"{limit_name}: {statistics.median(limit_times):.2f} s | {ratio:.1f}× | "
                    f"≤ {goal:.0f}× | {'yes' if ratio <= goal else 'no'} |")  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True, check=False).stdout.strip()  # fmt: skip
    block = "\n".join([
        f"{vendor}, {datetime.date.today().isoformat()}, commit {commit}: {args.rounds} rounds, "
        f"alternating; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after.",
        "",
        "| work | Solidarity | limit | ratio (median of rounds) | goal | met |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
    ])  # fmt: skip
    print(block)
    if args.write:
        write_block(DOC, f"files-{vendor.lower()}", block)


if __name__ == "__main__":
    main()

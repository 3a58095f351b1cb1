"""Importing another group's list with a profile: 50,000 rows in the shape of Viasna's
export (articles in prose, penalties, facilities, judges), then a dry-run diff of a newer
version with 1 % of the rows changed.

    .venv/bin/python bench/import_list.py                       # SQLite under var/bench/
    .venv/bin/python bench/import_list.py --database-url postgres://postgres@127.0.0.1/solidarity_bench_list

The rows are generated here (invented names); each step runs `solidarity import` in its
own process, as a group would, and the wall time of that process is what is reported.
Goals (issue "Real lists in"): the import under 20 s, the dry-run diff under 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database, start_empty  # noqa: E402

FIRST = ("Aliaksandr Siarhei Andrei Yauhen Uladzimir Mikalai Dzmitry Pavel Ihar Viktar Kiryl "
         "Artsiom Maryia Volha Hanna Tatsiana Iryna Alena Natallia Katsiaryna").split()  # fmt: skip
ROOTS = ("Kavalen Zhalt Mark Hryb Ivanou Lukash Sidar Navum Klimov Dubrouski Petrash Lisa "
         "Malinouski Sakalou Kuzniatsou Babich Shved Hramyka Zhuk Tsikhan").split()  # fmt: skip
ENDINGS = ["ka", "au", "ich", "ski", "enka", "uk", "ovich"]
ARTICLES = [
    "Art. 342 of the Criminal Code — Gross violation of public order",
    "Art. 369 of the Criminal Code — Insulting a representative of authority",
    "Art. 368 of the Criminal Code — Insulting the President",
    "Art. 130 of the Criminal Code — Incitement to hatred",
    "Part 2 of Art. 293 of the Criminal Code — Participation in riots",
    "Part 1 of Article 13 and Article 293 of the Criminal Code — Preparation for mass riots",
    "Art. 361-1 of the Criminal Code — Creation of an extremist formation",
    "Part 2 of Art. 339 of the Criminal Code — Hooliganism by a group",
]
PENALTIES = [
    "imprisonment in a general-security penal colony",
    "imprisonment in a medium-security penal colony",
    'restricted freedom in an open penal facility ("khimiya")',
    'restricted freedom under home confinement ("domashnyaya khimiya")',
    "imprisonment in a maximum-security penal colony", "fine", "",
]  # fmt: skip
TERMS = ["1 year", "1 1/2 years", "2 years", "2 1/2 years", "3 years", "4 years", "5 1/2 years"]
PRISONS = [(f"Penal colony No. {n}", f"2{n:05d}, Town {n}, vulica {n}") for n in range(1, 23)]
PRISONS += [(f"Pre-trial detention center No. {n}", f"22{n:04d}, City {n}, vulica Turmy {n}")
            for n in range(1, 9)]  # fmt: skip
PRISONS += [(f"Open correctional facility No. {n}", f"23{n:04d}, Place {n}") for n in range(1, 60)]


def make_rows(count: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        articles = rng.sample(ARTICLES, rng.randint(1, 3))
        prison = rng.choice(PRISONS) if rng.random() < 0.6 else ("", "")
        row: dict[str, object] = {
            "id": n, "url": f"https://lists.example.org/en/person/{n}",
            "name": f"{rng.choice(FIRST)} {rng.choice(ROOTS)}{rng.choice(ENDINGS)}",
            "status": rng.choice(["active", "active", "former", "np"]),
            "gender": rng.choice(["male", "female"]), "photo": "FALSE", "description": "",
            "birthday": f"{rng.randint(1950, 2004)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            if rng.random() < 0.6 else "",
            "arrested": f"202{rng.randint(0, 5)}-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}",
            "prison/title": prison[0], "prison/address": prison[1],
            "declaration": f"https://lists.example.org/news/{n}" if rng.random() < 0.7 else "",
            "decision": rng.choice(TERMS), "penalty": rng.choice(PENALTIES),
            "judge": f"{rng.choice(FIRST)} Suddzia{n % 300}", "councel": "",
            "penalty_start_date": "", "release_date": "",
            "verdict_date": f"202{rng.randint(1, 5)}-0{rng.randint(1, 9)}-15",
            "appeal_date": "", "articles": "", "prison": "",
        }  # fmt: skip
        for i in range(13):
            row[f"articles/{i}"] = articles[i] if i < len(articles) else ""
        rows.append(row)
    return rows


def changed(rows: list[dict[str, object]], share: float, seed: int = 11) -> list[dict[str, object]]:
    """A newer version: `share` of the rows released, moved or with a new article."""
    rng = random.Random(seed)
    newer = [dict(r) for r in rows]
    for row in rng.sample(newer, int(len(newer) * share)):
        what = rng.randint(0, 2)
        if what == 0:
            row.update(status="former", release_date="2026-10-01")
        elif what == 1:
            row["prison/title"], row["prison/address"] = rng.choice(PRISONS)
        else:
            row["articles/12"] = ARTICLES[0]
    return newer


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    print(result.stdout.strip().splitlines()[0][:160])
    return elapsed


def fresh_postgres_database(url: str) -> None:
    """Drop and create the benchmark's own database (the server must already run)."""
    import urllib.parse

    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("solidarity_bench"):
        sys.exit("the benchmark drops its database: name it solidarity_bench...")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=bench_database("list.sqlite3"))
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    start_empty(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url}
    solidarity = str(ROOT / ".venv" / "bin" / "solidarity")
    if args.database_url.startswith("postgres"):
        fresh_postgres_database(args.database_url)
    subprocess.run([solidarity, "migrate", "-v0"], env=env, check=True)
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "list-v1.json", folder / "list-v2.json"
    rows = make_rows(args.rows)
    first.write_text(json.dumps(rows), encoding="utf-8")
    second.write_text(json.dumps(changed(rows, 0.01)), encoding="utf-8")
    base = [solidarity, "import", "--profile", "belarus-viasna"]
    print(f"{args.rows:,} rows, {args.database_url.split(':')[0]}")
    load = timed([*base, str(first)], env)
    print(f"import: {load:.1f} s (goal < 20 s)")
    diff = timed([*base, str(second), "--dry-run"], env)
    print(f"dry-run diff, 1 % changed: {diff:.1f} s (goal < 10 s)")
    apply = timed([*base, str(second)], env)
    print(f"re-import applying the diff: {apply:.1f} s")


if __name__ == "__main__":
    main()

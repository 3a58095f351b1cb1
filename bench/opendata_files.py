"""Open data files on the synthetic registry: the full CSV export and a 50,000-row import.

    .venv/bin/python bench/opendata_files.py [--database-url URL]

Uses the benchmark registry of bench/registry.py (50,000 people; run that first, or this
generates it). Measures: /data/prisoners.csv streamed in full through Django's test client;
`export --format csv` of every table; then the facilities, cases and people of a private
export imported into an empty database (the 'articles' column left out: charges come with
the charges table, which is not part of this measure).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=bench_database("registry.sqlite3"))
    parser.add_argument("--empty-url", default=bench_database("import.sqlite3"))
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from solidarity.opendata import dump, importing
    from solidarity.registry.models import Person

    settings.ALLOWED_HOSTS = ["testserver"]
    people = Person.objects.count()
    if people < 50_000:
        sys.exit("run bench/registry.py first: the benchmark registry has "
                 f"{people} people, not 50,000")  # fmt: skip
    published = Person.objects.public().count()

    started = time.perf_counter()
    response = Client().get("/data/prisoners.csv")
    chunks: list[bytes] = list(response.streaming_content)  # type: ignore[attr-defined]
    size = sum(len(chunk) for chunk in chunks)
    took = time.perf_counter() - started
    print(f"/data/prisoners.csv: {published:,} people, {size / 1e6:.1f} MB in {took:.1f} s")

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        dump.write(out, "csv", True, lambda table, rows: None)
        took = time.perf_counter() - started
        print(f"export --format csv (private, every table): {took:.1f} s")
        tables = importing.read(out)
        rows = {t: tables[t] for t in ("facilities", "cases", "people")}
        for row in rows["people"]:
            row.pop("articles", None)
        connections.close_all()
        target = Path(args.empty_url.removeprefix("sqlite:///"))
        for stale in target.parent.glob(target.name + "*"):
            stale.unlink()
        settings.DATABASES["default"]["NAME"] = str(target)
        connections["default"].settings_dict["NAME"] = str(target)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        count = sum(len(v) for v in rows.values())
        started = time.perf_counter()
        report = importing.run(None, rows, progress=lambda t, done, total: None)
        took = time.perf_counter() - started
        print(f"import of {count:,} rows ({len(rows['people']):,} people) into an empty "
              f"database: {took:.1f} s — {report}")  # fmt: skip


if __name__ == "__main__":
    main()

"""Registry benchmark: a synthetic registry served by a real gunicorn process.

    .venv/bin/python bench/registry.py                      # SQLite under var/bench/
    .venv/bin/python bench/registry.py --database-url postgres://postgres@127.0.0.1/solidarity_bench

Generates (once; --regenerate to rebuild) 50,000 people, 500,000 events and 100,000
citations with a mix of Cyrillic and Latin names, starts gunicorn on a loopback port, and
measures p50/p95 latency (one client) and requests per second (several clients) for the
list with two filters, search in Cyrillic and in Latin, and a person page. Prints a
Markdown table and writes bench/out/registry-<database>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database, free_port  # noqa: E402

ROOTS = (
    "Иван Петр Смирн Кузнец Попов Васил Соколов Михайл Новик Фёдор Морозов Волк Алексе "
    "Лебед Семён Егор Павл Козл Степан Николаев Орл Андре Макар Никит Захар Зайц Солов "
    "Борисов Яковл Григор Роман Воробь Серге Кузьмин Фрол Александр Дмитри Королёв Гусев "
    "Киселёв Ильин Максим Поляк Сорокин Виноград Ковалёв Белов Медвед Антон Тарас Жук "
    "Баран Комар Калинин Шевчук Мельник Ткач Бондар Кравчук Олейник Щерб Юдин Чернов "
    "Ершов Горбун Цветк Жданов Хохл Шубин Дьячк Ляпун Скоряк Козыр Рожк Балазейк Мифтах"
).split()
SUFFIXES_M = ["ов", "ин", "ский", "енко", "ич"]
SUFFIXES_F = ["ова", "ина", "ская", "енко", "ич"]
FIRST_M = (
    "Александр Алексей Андрей Антон Артём Борис Вадим Виктор Владимир Глеб Григорий Денис "
    "Дмитрий Егор Иван Игорь Илья Кирилл Лев Максим Михаил Никита Олег Павел Роман Руслан "
    "Сергей Степан Тимур Фёдор Юрий Ярослав Азат Данияр"
).split()
FIRST_F = (
    "Александра Алёна Анастасия Анна Валерия Вера Дарья Евгения Екатерина Елена Ирина "
    "Ксения Любовь Мария Наталья Ольга Полина Светлана София Татьяна Юлия Яна Жанна"
).split()
REGIONS = [
    "Moscow", "Saint Petersburg", "Rostov region", "Krasnodar region", "Tyumen region",
    "Chita", "Bashkortostan", "Crimea", "Novosibirsk region", "Perm region", "Minsk",
    "Brest region", "Almaty", "Bishkek", "Irkutsk region", "Tatarstan", "Sverdlovsk region",
]  # fmt: skip
COUNTRY_OF = {"Minsk": "BY", "Brest region": "BY", "Almaty": "KZ", "Bishkek": "KG"}
EVENT_TYPES = [
    "detention", "custody", "house_arrest", "charge", "search", "wanted", "sentence",
    "appeal", "transfer", "solitary", "release", "extradition", "emigration",
]  # fmt: skip
ARTICLES = ["205.2", "207.3", "213", "280", "280.3", "282.1", "282.2", "275", "205.5", "318"]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()


def progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def batched(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.3
    first = rng.choice(FIRST_F if female else FIRST_M)
    surname = rng.choice(ROOTS) + rng.choice(SUFFIXES_F if female else SUFFIXES_M)
    return f"{first} {surname}"


def generate(people: int, events: int, citations: int, seed: int = 7) -> None:
    from django.db import connection, transaction

    from solidarity.registry import models as m
    from solidarity.registry.names import index_terms, readable_latin

    rng = random.Random(seed)
    statuses = list(m.PersonStatus.objects.all())
    tags = list(m.Tag.objects.all())
    articles = list(m.Article.objects.filter(code__code="RU", number__in=ARTICLES))
    with transaction.atomic():
        m.Citation.objects.all().delete()
        m.Event.objects.all().delete()
        m.Charge.objects.all().delete()
        m.CaseDefendant.objects.all().delete()
        m.PersonSearchTerm.objects.all().delete()
        m.Person.tags.through.objects.all().delete()
        m.Person.objects.all().delete()
        m.Case.objects.all().delete()
        m.Facility.objects.all().delete()
        m.Source.objects.all().delete()
    facilities = m.Facility.objects.bulk_create(
        [
            m.Facility(slug=f"facility-{i}", kind=rng.choice(["sizo", "ik", "ivs"]),
                       name_en=f"Facility {i}", name_ru=f"Учреждение {i}", country="RU",
                       region=rng.choice(REGIONS), postal_address=f"ул. Лагерная, д. {i}")
            for i in range(800)
        ]
    )  # fmt: skip
    cases = m.Case.objects.bulk_create(
        [
            m.Case(slug=f"case-{i}", name_en=f"Case {i}", name_ru=f"Дело {i}", country="RU",
                   region=rng.choice(REGIONS))
            for i in range(people // 10)
        ]
    )  # fmt: skip
    sources = m.Source.objects.bulk_create(
        [
            m.Source(title=f"Report {i}", text=f"Report {i}: detained, sentenced, transferred.",
                     sha256=f"{i:064x}", language="ru")
            for i in range(2000)
        ]
    )  # fmt: skip

    rows = []
    for i in range(people):
        name = person_name(rng)
        latin = readable_latin(name)
        region = rng.choice(REGIONS)
        # About a third of the names are kept in Latin script only (foreign spellings).
        display = latin if rng.random() < 0.3 else name
        rows.append(
            m.Person(
                slug=f"p{i}-{latin.lower().replace(' ', '-')}"[:80], name=display,
                name_latin=latin, status=rng.choice(statuses),
                country=COUNTRY_OF.get(region, "RU"), region=region,
                story_en="A synthetic person for the benchmark. " * 5,
                facility=rng.choice(facilities),
                consent_publish_name=rng.random() < 0.9,
                consent_publish_address=rng.random() < 0.6,
            )
        )  # fmt: skip
    for n, chunk in enumerate(batched(rows, 2000), start=1):
        m.Person.objects.bulk_create(chunk)
        progress("people", min(people, n * 2000), people)
    persons = list(m.Person.objects.only("id", "name", "name_latin"))
    terms = []
    for person in persons:
        for term in index_terms([person.name, person.name_latin]):
            terms.append(m.PersonSearchTerm(person_id=person.id, term=term))
    for n, chunk in enumerate(batched(terms, 10000), start=1):
        m.PersonSearchTerm.objects.bulk_create(chunk)
        progress("search keys", min(len(terms), n * 10000), len(terms))
    tag_links = [m.Person.tags.through(person_id=p.id, tag_id=rng.choice(tags).id) for p in persons]
    m.Person.tags.through.objects.bulk_create(tag_links, batch_size=5000)
    defendants, charges = [], []
    for person in persons:
        case = rng.choice(cases)
        defendants.append(m.CaseDefendant(case_id=case.id, person_id=person.id))
        for article in rng.sample(articles, rng.choice([1, 1, 2])):
            charges.append(m.Charge(person_id=person.id, case_id=case.id, article=article,
                                    part=rng.choice(["", "1", "2"])))  # fmt: skip
    m.CaseDefendant.objects.bulk_create(defendants, batch_size=5000)
    m.Charge.objects.bulk_create(charges, batch_size=5000)
    person_ids = [p.id for p in persons]
    made = 0
    while made < events:
        chunk = []
        for _ in range(min(10000, events - made)):
            year = rng.randint(2012, 2026)
            precision = rng.random()
            date = (
                f"{year}" if precision < 0.1
                else f"{year}-{rng.randint(1, 12):02d}" if precision < 0.3
                else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )  # fmt: skip
            chunk.append(
                m.Event(person_id=rng.choice(person_ids), type=rng.choice(EVENT_TYPES),
                        date=date, place=rng.choice(REGIONS), text_en="Synthetic event.")
            )  # fmt: skip
        m.Event.objects.bulk_create(chunk)
        made += len(chunk)
        progress("events", made, events)
    from django.contrib.contenttypes.models import ContentType

    event_ct = ContentType.objects.get_for_model(m.Event)
    event_ids = list(m.Event.objects.values_list("id", flat=True))
    made = 0
    while made < citations:
        chunk = [
            m.Citation(source=rng.choice(sources), content_type=event_ct,
                       object_id=rng.choice(event_ids), quote="detained, sentenced")
            for _ in range(min(10000, citations - made))
        ]  # fmt: skip
        m.Citation.objects.bulk_create(chunk)
        made += len(chunk)
        progress("citations", made, citations)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark database if it is missing (the server must already run)."""
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DATABASE_URL=database_url)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start within 30 s")


def run_requests(port: int, paths: list[str], clients: int) -> tuple[list[float], float, int]:
    """Send every path once, spread over `clients` keep-alive connections."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(paths)

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    break
                path = queue.pop()
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, errors


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def scenarios(rng: random.Random) -> dict[str, Callable[[], str]]:
    from solidarity.registry.models import Person

    public = Person.objects.public()
    slugs = list(public.values_list("slug", flat=True)[:5000])
    cyrillic = [n.split()[1] for n in public.exclude(name__regex=r"^[A-Za-z]").values_list(
        "name", flat=True)[:3000]]  # fmt: skip
    latin = [n.split()[1] for n in public.values_list("name_latin", flat=True)[:3000]]
    inflect = ["", "а", "у", "ым", "е"]

    def q(value: str) -> str:
        return urllib.parse.quote(value)

    return {
        "list, two filters": lambda: (
            f"/prisoners/?status={rng.choice(['remand', 'colony', 'sentenced'])}"
            f"&region={q(rng.choice(REGIONS))}"
        ),
        "search, Cyrillic": lambda: (
            f"/prisoners/?q={q(rng.choice(cyrillic) + rng.choice(inflect))}"
        ),
        "search, Latin": lambda: f"/prisoners/?q={q(rng.choice(latin).lower())}",
        "person page": lambda: f"/prisoners/{rng.choice(slugs)}/",
        "API list, two filters": lambda: (
            f"/api/v1/people?status={rng.choice(['remand', 'colony', 'sentenced'])}"
            f"&region={q(rng.choice(REGIONS))}&limit=50"
        ),
        "API list, search": lambda: f"/api/v1/people?q={q(rng.choice(latin).lower())}",
        "API list, first page": lambda: "/api/v1/people?limit=50",
        "API person": lambda: f"/api/v1/people/{rng.choice(slugs)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_db = bench_database("registry.sqlite3")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", default_db))
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--citations", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="per scenario and mode")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", default="", help="run the scenarios whose name has this")
    args = parser.parse_args()

    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        ensure_postgres_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    from solidarity.registry.models import Person

    call_command("migrate", verbosity=0)
    if args.regenerate or Person.objects.count() != args.people:
        started = time.perf_counter()
        generate(args.people, args.events, args.citations)
        print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    from django.db import connection

    # Fresh planner statistics: a migration that rebuilt a table leaves none behind.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    vendor = connection.vendor
    connection.close()
    port = free_port()
    server = start_server(args.database_url, port, args.workers)
    rng = random.Random(11)
    results = []
    try:
        for name, make_path in scenarios(rng).items():
            if args.only and args.only not in name:
                continue
            run_requests(port, [make_path() for _ in range(20)], 1)  # warm up
            latencies, _elapsed, errors = run_requests(
                port, [make_path() for _ in range(args.requests)], 1
            )
            _lat, elapsed, errors2 = run_requests(
                port, [make_path() for _ in range(args.requests)], args.clients
            )
            results.append(
                {
                    "scenario": name,
                    "p50_ms": round(statistics.median(latencies) * 1000, 1),
                    "p95_ms": round(percentile(latencies, 95) * 1000, 1),
                    "rps": round(args.requests / elapsed, 1),
                    "errors": errors + errors2,
                }
            )
            print(f"{name}: {results[-1]}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)

    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "database": vendor,
        "people": args.people,
        "events": args.events,
        "citations": args.citations,
        "workers": args.workers,
        "clients": args.clients,
        "requests": args.requests,
        "results": results,
    }
    (out_dir / f"registry-{vendor}.json").write_text(json.dumps(report, indent=2))
    print(f"\n{vendor}, {args.people} people, gunicorn {args.workers} workers")
    print("| scenario | p50 ms | p95 ms | req/s | errors |")
    print("| --- | --- | --- | --- | --- |")
    for row in results:
        print(
            f"| {row['scenario']} | {row['p50_ms']} | {row['p95_ms']} | {row['rps']} "
            f"| {row['errors']} |"
        )


if __name__ == "__main__":
    main()

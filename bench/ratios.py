"""Pages against their limits, side by side in one run (issue 18).

    .venv/bin/python bench/ratios.py                     # SQLite under var/bench/
    .venv/bin/python bench/ratios.py --database-url postgres://postgres@127.0.0.1:5432/solidarity_perf_bench
    .venv/bin/python bench/ratios.py --scale 5000,200000  # the scaling rows: 5,000 against 200,000

One gunicorn process (one sync worker, `bench/ratios_settings.py`) serves both the product's
pages and the limit views of `bench/ratios_limits.py`: each a plain function view running
one indexed query over the same rows the page shows. Requests go one at a time, a page and
its limit alternately with the same value (slug, filter, name), in rounds; each round
gives the ratio of the two medians, and the table shows the median of those ratios, which
a shared, noisy machine disturbs far less than absolute times.

The product's pages are rendered for every request (PAGE_CACHE_SECONDS=0): the rows measure
the work. The "kept copy" rows ask a second process, which keeps public pages
(registry.pagecache), for each page twice and time the second answer: what a reader gets
when someone asked for the page before them and nothing has changed since.

The scaling rows compare the same page on two registries, a small one and a large one,
each served by its own process, alternately, in the same rounds.

The registries come from bench/registry.py's generator (once; `--regenerate` rebuilds);
a registry larger than `--copy-above` people is written by `bench/big_registry.py`
(COPY on PostgreSQL, a realistic spread of surnames). `--write` puts the table, with the
machine's load average, into docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from _common import free_port  # noqa: E402

DEFAULT_SQLITE = (
    "sqlite:///{root}/var/bench/ratios-{people}.sqlite3"  # ratios-50000, ratios-scale5000
)
STATUSES = ["remand", "colony", "sentenced"]
INFLECT = ["", "а", "у", "ым", "е"]
DOC = ROOT / "docs" / "performance.md"


# --- preparing a registry (runs in a child process: one Django setup per database) --------


def prepare(database_url: str, people: int, regenerate: bool, copy_above: int) -> None:
    # Registries above `copy_above` people (and every scaling registry: --copy-above 0) come
    # from bench/big_registry.py.
    """Make the registry if it is missing or of another size; print samples as JSON."""
    import registry

    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        registry.ensure_postgres_database(database_url)
    registry.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    from solidarity.registry.models import Person

    call_command("migrate", verbosity=0)
    if regenerate or Person.objects.count() != people:
        started = time.perf_counter()
        if people > copy_above:
            import big_registry

            big_registry.generate(people)
        else:
            registry.generate(people, people * 10, people * 2)
        print(f"generated {people:,} people in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    else:
        # Fresh planner statistics every run: a migration may have added an index since.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    public = Person.objects.public()
    rng = random.Random(5)
    slugs = list(public.order_by("id").values_list("slug", flat=True)[:20000])
    names = list(public.order_by("id").values_list("name", "name_latin")[:20000])
    cyrillic = [n.split()[-1] for n, _latin in names if not re.match(r"^[A-Za-z]", n)]
    latin = [latin.split()[-1] for _n, latin in names if latin]
    print(json.dumps({
        "vendor": connection.vendor, "people": Person.objects.count(),
        "slugs": rng.sample(slugs, min(2000, len(slugs))),
        "cyrillic": rng.sample(cyrillic, min(2000, len(cyrillic))),
        "latin": rng.sample(latin, min(2000, len(latin))),
        "regions": sorted(set(public.values_list("region", flat=True)[:5000])),
    }))  # fmt: skip


def prepared(url: str, people: int, args: argparse.Namespace, copy_above: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--prepare", "--database-url", url,
               "--people", str(people), "--copy-above", str(copy_above)]  # fmt: skip
    if args.regenerate:
        command.append("--regenerate")
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# --- serving and measuring ---------------------------------------------------------------


def start_server(database_url: str, port: int, source: Path = ROOT,
                 keep_pages: bool = False) -> subprocess.Popen[bytes]:  # fmt: skip
    """gunicorn serving `source`'s product (another checkout's, for --against). Public
    pages are rendered for every request unless `keep_pages` (registry.pagecache)."""
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="ratios_settings",
               PYTHONPATH=os.pathsep.join([str(BENCH), str(source)]),
               PAGE_CACHE_SECONDS="300" if keep_pages else "0")  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=source, env=env,  # gunicorn puts its directory first on sys.path
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/_limit/people/?q=x")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start within 60 s")


class Client:
    """One keep-alive connection to one server; every answer must be a 200."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> float:
        started = time.perf_counter()
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        return elapsed


@dataclass
class Row:
    """One line of the table: `a` is the product on the big side, `b` what it is measured
    against (the limit view, or the same page on the small registry)."""

    work: str
    a_path: Callable[[random.Random], str]
    b_path: Callable[[random.Random], str]
    goal: float
    command: str
    scaling: bool = False  # b is served by the second server (another registry or checkout)
    kept: bool = False  # a is served by the server that keeps pages, asked once untimed first
    b_label: str = ""
    a_times: list[float] = field(default_factory=list)
    b_times: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    p95_ratios: list[float] = field(default_factory=list)


def q(value: str) -> str:
    return urllib.parse.quote(value)


def page_rows(samples: dict[str, Any], command: str, vendor: str) -> list[Row]:
    regions = [r for r in samples["regions"] if r] or [""]

    def filters(rng: random.Random) -> str:
        return f"status={rng.choice(STATUSES)}&region={q(rng.choice(regions))}"

    def cyrillic(rng: random.Random) -> str:
        return "q=" + q(rng.choice(samples["cyrillic"]) + rng.choice(INFLECT))

    def latin(rng: random.Random) -> str:
        return "q=" + q(rng.choice(samples["latin"]).lower())

    def slug(rng: random.Random) -> str:
        return str(rng.choice(samples["slugs"]))

    db = f" ({vendor})"
    return [
        Row("person page" + db, lambda r: f"/prisoners/{slug(r)}/",
            lambda r: f"/_limit/person/{slug(r)}/", 3.0, command),
        Row("list, two filters" + db, lambda r: f"/prisoners/?{filters(r)}",
            lambda r: f"/_limit/people/?{filters(r)}", 3.0, command),
        Row("search, Cyrillic" + db, lambda r: f"/prisoners/?{cyrillic(r)}",
            lambda r: f"/_limit/people/?{cyrillic(r)}", 3.0, command),
        Row("search, Latin" + db, lambda r: f"/prisoners/?{latin(r)}",
            lambda r: f"/_limit/people/?{latin(r)}", 3.0, command),
        Row("API list, two filters" + db, lambda r: f"/api/v1/people?{filters(r)}&limit=50",
            lambda r: f"/_limit/api/people?{filters(r)}", 3.0, command),
        Row("person page, kept copy" + db, lambda r: f"/prisoners/{slug(r)}/",
            lambda r: f"/_limit/person/{slug(r)}/", 3.0, command, kept=True),
        Row("list, two filters, kept copy" + db, lambda r: f"/prisoners/?{filters(r)}",
            lambda r: f"/_limit/people/?{filters(r)}", 3.0, command, kept=True),
        Row("search, Cyrillic, kept copy" + db, lambda r: f"/prisoners/?{cyrillic(r)}",
            lambda r: f"/_limit/people/?{cyrillic(r)}", 3.0, command, kept=True),
    ]  # fmt: skip


def scaling_rows(samples: dict[str, Any], small: int, big: int, command: str,
                 vendor: str) -> list[Row]:  # fmt: skip
    regions = [r for r in samples["regions"] if r] or [""]
    span = f", {small:,} → {big:,} people ({vendor})"
    small_label = "same page, small registry"

    def search(rng: random.Random) -> str:
        return f"/prisoners/?q={q(rng.choice(samples['cyrillic']) + rng.choice(INFLECT))}"

    def listing(rng: random.Random) -> str:
        return f"/prisoners/?status={rng.choice(STATUSES)}&region={q(rng.choice(regions))}"

    return [
        Row("search" + span, search, search, 1.3, command, scaling=True, b_label=small_label),
        Row("list, two filters" + span, listing, listing, 1.3, command, scaling=True,
            b_label=small_label),
        Row("list, first page" + span, lambda r: "/prisoners/", lambda r: "/prisoners/", 1.3,
            command, scaling=True, b_label=small_label),
    ]  # fmt: skip


def against_rows(samples: dict[str, Any], command: str, vendor: str, label: str) -> list[Row]:
    """This checkout's pages against another's, on the same database: before and after."""
    rows = []
    for row in page_rows(samples, command, vendor):
        rows.append(Row(f"{row.work}: this checkout against {label}", row.a_path, row.a_path,
                        1.0, command, scaling=True, b_label=f"same page, {label}"))  # fmt: skip
    return rows


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(rows: list[Row], clients: dict[str, Client], rounds: int, per_round: int,
            seed: int = 11) -> None:  # fmt: skip
    """Rounds of `per_round` pairs per row; in a pair both sides get the same random draw."""
    for row in rows:  # warm-up: caches, prepared plans, imported modules
        for i in range(10):
            clients["kept" if row.kept else "a"].get(row.a_path(random.Random(i)))
            clients["b" if row.scaling else "a"].get(row.b_path(random.Random(i)))
    for n in range(1, rounds + 1):
        for row in rows:
            a, b = [], []
            for i in range(per_round):
                draw = seed * 1_000_003 + n * 1009 + i
                first, second = ("a", "b") if i % 2 == 0 else ("b", "a")
                timed = {}
                for side in (first, second):
                    path = (row.a_path if side == "a" else row.b_path)(random.Random(draw))
                    client = clients[side if row.scaling else "a"]
                    if row.kept and side == "a":
                        client = clients["kept"]
                        client.get(path)  # the first reader's request renders and keeps
                    timed[side] = client.get(path)
                a.append(timed["a"])
                b.append(timed["b"])
            row.a_times += a
            row.b_times += b
            row.ratios.append(statistics.median(a) / statistics.median(b))
            row.p95_ratios.append(percentile(a, 95) / percentile(b, 95))
        sys.stderr.write(f"\rround {n}/{rounds} " + " ".join(
            f"{statistics.median(r.ratios):.2f}×" for r in rows))  # fmt: skip
        sys.stderr.flush()
    sys.stderr.write("\n")


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| work | Solidarity p50 (p95) | limit p50 (p95) | ratio (median of rounds) | goal "
        "| met | command |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        ratio = statistics.median(row.ratios)

        def ms(times: list[float]) -> str:
            return f"{statistics.median(times) * 1000:.1f} ms ({percentile(times, 95) * 1000:.1f})"

        limit = f"{row.b_label}: {ms(row.b_times)}" if row.b_label else ms(row.b_times)
        extra = f"; p95 ×{statistics.median(row.p95_ratios):.2f}" if row.scaling else ""
        lines.append(
            f"| {row.work} | {ms(row.a_times)} | {limit} | {ratio:.2f}×{extra} "
            f"| ≤ {row.goal}× | {'yes' if ratio <= row.goal else 'no'} | `{row.command}` |"
        )
    return lines


def write_doc(block: str, marker: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = f"<!-- ratios:{marker} -->", f"<!-- /ratios:{marker} -->"
    new = f"{start}\n{block}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: new, text, flags=re.S)
    else:
        anchor = "<!-- ratios:end -->"
        if anchor not in text:
            raise SystemExit(f"docs/performance.md has no {anchor} marker")
        text = text.replace(anchor, f"{new}\n\n{anchor}")
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--scale", default="", help="SMALL,BIG: add the scaling rows")
    parser.add_argument("--only-scale", action="store_true", help="the scaling rows alone")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=20, help="pairs per row and round")
    parser.add_argument(
        "--copy-above",
        type=int,
        default=200_000,
        help="registries larger than this are made by bench/big_registry.py",
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--against",
        default="",
        help="a source tree (e.g. `git archive` of "
        "an older commit): its pages against this checkout's, same database",
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    def url_for(people: int, scale: bool = False) -> str:
        """The page rows' registry is the one named; the scaling registries (both made
        by bench/big_registry.py, so that only the size differs) get their own names."""
        name = f"scale{people}" if scale else str(people)
        if not args.database_url:
            return DEFAULT_SQLITE.format(root=ROOT, people=name)
        if not scale:
            return str(args.database_url)
        return re.sub(r"/([^/?]+)(\?|$)", rf"/\1_{name}\2", args.database_url)

    if args.prepare:
        prepare(args.database_url, args.people, args.regenerate, args.copy_above)
        return

    command = "bench/ratios.py"
    if args.database_url:
        command += f" --database-url {args.database_url}"
    rows: list[Row] = []
    servers: list[subprocess.Popen[bytes]] = []
    clients: dict[str, Client] = {}
    load_before = os.getloadavg()
    started = time.perf_counter()
    vendor = "?"
    try:
        if args.against:
            samples = prepared(url_for(args.people), args.people, args, args.copy_above)
            vendor = "PostgreSQL" if samples["vendor"] == "postgresql" else "SQLite"
            ports = {"a": free_port(), "b": free_port()}
            servers.append(start_server(url_for(args.people), ports["a"]))
            servers.append(start_server(url_for(args.people), ports["b"], Path(args.against)))
            clients = {side: Client(port) for side, port in ports.items()}
            rows = against_rows(samples, f"{command} --against {args.against}", vendor,
                                Path(args.against).name)  # fmt: skip
            measure(rows, clients, args.rounds, args.per_round)
        elif not args.only_scale:
            samples = prepared(url_for(args.people), args.people, args, args.copy_above)
            vendor = "PostgreSQL" if samples["vendor"] == "postgresql" else "SQLite"
            port, kept_port = free_port(), free_port()
            servers.append(start_server(url_for(args.people), port))
            servers.append(start_server(url_for(args.people), kept_port, keep_pages=True))
            clients["a"], clients["kept"] = Client(port), Client(kept_port)
            rows = page_rows(samples, command, vendor)
            print(f"{vendor}, {samples['people']:,} people: pages against their limits",
                  file=sys.stderr)  # fmt: skip
            measure(rows, clients, args.rounds, args.per_round)
        if args.scale:
            small, big = (int(n) for n in args.scale.split(","))
            small_samples = prepared(url_for(small, True), small, args, 0)
            prepared(url_for(big, True), big, args, 0)
            vendor = "PostgreSQL" if small_samples["vendor"] == "postgresql" else "SQLite"
            ports = {"a": free_port(), "b": free_port()}
            for side, people in (("a", big), ("b", small)):
                servers.append(start_server(url_for(people, True), ports[side]))
                clients[side] = Client(ports[side])
            again = f"{command} --scale {small},{big} --only-scale"
            scale = scaling_rows(small_samples, small, big, again, vendor)
            print(f"{vendor}: {small:,} against {big:,} people", file=sys.stderr)
            measure(scale, clients, args.rounds, args.per_round)
            rows += scale
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    load_after = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True, check=False).stdout.strip()  # fmt: skip
    heading = (
        f"{vendor}, {datetime.date.today().isoformat()}, commit {commit}: {args.rounds} rounds "
        f"of {args.per_round} interleaved pairs per row, {time.perf_counter() - started:.0f} s; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after "
        f"({os.cpu_count()} cores)."
    )
    block = "\n".join([heading, "", *table(rows)])
    print(block)
    if args.write:
        marker = vendor.lower() + ("-scale" if args.only_scale else "")
        marker += "-against" if args.against else ""
        write_doc(block, marker)


if __name__ == "__main__":
    main()

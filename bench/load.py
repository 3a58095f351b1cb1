"""Load test of the production stack on loopback: the highest rate that keeps p95 < 100 ms.

    .venv/bin/python bench/load.py [--database-url URL] [--step 20] [--hold 600]

gunicorn with deploy/gunicorn.conf.py against the 50,000-person benchmark registry (made by
bench/registry.py). An open-loop mix — 40 % list with filters, 25 % search, 25 % person
pages, 10 % letter submissions (each with a fresh signed form key) — is sent at a fixed rate:
every request has its slot on the clock, and its latency counts from that slot, so a server
falling behind shows as latency rather than as a slower test. The rate climbs in steps
(--step seconds each) until p95 passes 100 ms or anything fails; the last good rate is then
held for --hold seconds (600: ten minutes). Bounded in count and time, loopback only; it
stops by itself. The form's minimum age and per-minute ceiling are lifted for the run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database, free_port  # noqa: E402

RATES = [25, 50, 75, 100, 125, 150, 200, 250, 300, 400]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=bench_database("registry.sqlite3"))
    parser.add_argument("--step", type=float, default=20)
    parser.add_argument("--hold", type=float, default=600)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--rate", type=int, help="skip the steps: hold this rate")
    args = parser.parse_args()
    env = dict(
        os.environ, DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="solidarity.settings",
        LETTERS_FORM_MIN_SECONDS="0", LETTERS_MAX_PER_MINUTE="10000000", PYTHONWARNINGS="ignore",
    )  # fmt: skip
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from solidarity.letters.services.writing import new_submission_key
    from solidarity.registry.models import Person, PersonStatus

    call_command("migrate", verbosity=0)
    public = Person.objects.public()
    if public.count() < 40_000:
        sys.exit("run bench/registry.py first (50,000 people)")
    Person.objects.get_or_create(slug="load-addressee", defaults={
        "name": "Нагрузка Тестовая", "status": PersonStatus.objects.get(code="colony"),
        "accepts_letters": True, "consent_publish_name": True,
    })  # fmt: skip
    slugs = list(public.values_list("slug", flat=True)[:5000])
    surnames = [n.split()[-1] for n in public.values_list("name_latin", flat=True)[:3000]]
    regions = list(public.exclude(region="").values_list("region", flat=True).distinct()[:20])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
         "solidarity.wsgi:application"],
        cwd=ROOT, env={**env, "BIND": f"127.0.0.1:{port}", "WORKERS": str(args.workers)},
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    rng = random.Random(5)

    def next_request() -> tuple[str, str]:
        draw = rng.random()
        if draw < 0.40:
            return "GET", (f"/prisoners/?status={rng.choice(['remand', 'colony', 'sentenced'])}"
                           f"&region={urllib.parse.quote(rng.choice(regions))}")  # fmt: skip
        if draw < 0.65:
            return "GET", f"/prisoners/?q={urllib.parse.quote(rng.choice(surnames).lower())}"
        if draw < 0.90:
            return "GET", f"/prisoners/{rng.choice(slugs)}/"
        return "POST", "/prisoners/load-addressee/write/"

    try:
        for _ in range(150):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                time.sleep(0.2)

        def run_at(rate: float, seconds: float) -> dict[str, float]:
            slots: queue.Queue[tuple[float, str, str] | None] = queue.Queue()
            results: list[tuple[float, int]] = []
            lock = threading.Lock()

            def client() -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/prisoners/load-addressee/write/")
                response = conn.getresponse()
                page = response.read().decode()
                cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                if not (cookie and token):
                    raise SystemExit("the letter form gave no CSRF token")
                while (item := slots.get()) is not None:
                    due, method, path = item
                    wait = due - time.perf_counter()
                    if wait > 0:
                        time.sleep(wait)
                    headers = {"Host": f"127.0.0.1:{port}"}
                    body = None
                    if method == "POST":
                        body = urllib.parse.urlencode({
                            "csrfmiddlewaretoken": token.group(1), "body": "Держись! Мы помним.",
                            "signature": "", "contact": "", "channel": "post", "rules": "on",
                            "submission_key": new_submission_key(), "send": "1",
                        })  # fmt: skip
                        headers |= {"Content-Type": "application/x-www-form-urlencoded",
                                    "Cookie": f"csrftoken={cookie.group(1)}",
                                    "Origin": f"http://127.0.0.1:{port}"}  # fmt: skip
                    try:
                        conn.request(method, path, body=body, headers=headers)
                        reply = conn.getresponse()
                        reply.read()
                        status = reply.status
                    except (OSError, http.client.HTTPException):
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        status = 0
                    with lock:
                        results.append((time.perf_counter() - due, status))

            threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            start = time.perf_counter() + 0.5
            total = int(rate * seconds)
            for i in range(total):
                method, path = next_request()
                slots.put((start + i / rate, method, path))
            for _ in threads:
                slots.put(None)
            for thread in threads:
                thread.join(timeout=seconds + 120)
            latencies = [lat for lat, _s in results]
            errors = sum(1 for _l, s in results if s not in (200, 302))
            if errors:
                codes = sorted({s for _l, s in results if s not in (200, 302)})
                print(f"  error statuses at {rate}/s: {codes}", flush=True)
            return {
                "rate": rate, "requests": len(results), "errors": errors,
                "p50_ms": statistics.median(latencies) * 1000,
                "p95_ms": percentile(latencies, 95) * 1000,
                "p99_ms": percentile(latencies, 99) * 1000,
            }  # fmt: skip

        run_at(10, 10)  # warm-up: every worker has served pages before the clock starts
        best = args.rate
        for rate in [] if args.rate else RATES:
            result = run_at(rate, args.step)
            print(
                f"step {rate:4d}/s: {result['requests']} requests, {result['errors']} errors, "
                f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms",
                flush=True,
            )
            if result["errors"] or result["p95_ms"] >= 100:
                break
            best = rate
        if best is None:
            sys.exit("even the lowest rate failed")
        print(f"holding {best}/s for {args.hold:.0f} s", flush=True)
        held = run_at(best, args.hold)
        print(f"held {best}/s for {args.hold:.0f} s: {held['requests']} requests, "
              f"{held['errors']} errors, p50 {held['p50_ms']:.1f} ms, "
              f"p95 {held['p95_ms']:.1f} ms, p99 {held['p99_ms']:.1f} ms", flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

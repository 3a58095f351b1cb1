"""Paper-post rendering speed: approved letters to PDF batches, letters per second.

    .venv/bin/python bench/letters_dispatch.py [--letters 10000] [--facilities 40]

Uses its own SQLite database under var/bench/ (or --database-url), fills it with approved
letters of realistic length (Russian text, some with translations) spread over facilities,
then times `post_batch` end to end: rendering, writing the PDFs and marking every letter
dispatched through the audited workflow.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database, start_empty  # noqa: E402

PARAGRAPHS = [
    "Здравствуй! Пишу тебе из далёкого города, где уже выпал первый снег.",
    "Мы часто вспоминаем тебя и ждём вестей. Как ты себя чувствуешь, что читаешь?",
    "У нас всё по-прежнему: работа, прогулки с собакой, по вечерам читаем вслух.",
    "Недавно ходили в лес за грибами и нашли целую поляну опят.",
    "Держись, пожалуйста, и береги себя. Мы рядом, хоть и далеко.",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=bench_database("letters.sqlite3"))
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--facilities", type=int, default=40)
    args = parser.parse_args()
    start_empty(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("LETTERS_RETURN_ADDRESS", "Bench group | P.O. Box 1 | 000000")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from solidarity.letters.models import Letter, State
    from solidarity.letters.services.dispatch import post_batch
    from solidarity.registry import models as m

    rng = random.Random(5)
    status = m.PersonStatus.objects.get(code="colony")
    facilities = [
        m.Facility.objects.create(
            slug=f"ik-{i}", kind="ik", name_en=f"IK-{i}", country="RU",
            postal_address=f"ул. Лагерная, д. {i}\nг. Энск, Энская обл.\n{600000 + i}",
        )
        for i in range(args.facilities)
    ]  # fmt: skip
    people = [
        m.Person.objects.create(
            slug=f"p{i}", name=f"Иван Иванов {i}", full_name=f"Иванов Иван Иванович {i}",
            status=status, facility=rng.choice(facilities), consent_publish_name=True,
        )
        for i in range(args.facilities * 5)
    ]  # fmt: skip
    letters = []
    for i in range(args.letters):
        body = "\n\n".join(rng.choice(PARAGRAPHS) for _ in range(rng.randint(3, 9)))
        translated = rng.random() < 0.4
        letters.append(
            Letter(
                token_digest=f"t{i}", submission_key=f"k{i}", person=rng.choice(people),
                body=body if not translated else "Dear friend, " + body,
                translation=body if translated else "", needs_translation=translated,
                language="en" if translated else "ru", channel="post", state=State.APPROVED,
                signature="Мия",
            )
        )  # fmt: skip
    Letter.objects.bulk_create(letters, batch_size=1000)
    out = ROOT / "var" / "bench" / "post"
    shutil.rmtree(out, ignore_errors=True)

    def progress(done: int, total: int) -> None:
        sys.stderr.write(f"\r{done}/{total} letters rendered")

    started = time.perf_counter()
    report = post_batch(None, out, progress=progress)
    elapsed = time.perf_counter() - started
    sys.stderr.write("\n")
    size = sum(p.stat().st_size for p in report.files)
    print(
        f"{report.dispatched} letters in {len(report.files)} PDFs ({size / 1e6:.1f} MB) "
        f"in {elapsed:.1f} s: {report.dispatched / elapsed:.0f} letters/s"
    )


if __name__ == "__main__":
    main()

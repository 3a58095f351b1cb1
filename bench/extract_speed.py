"""Words per second of the NER alone and of the whole `extract` pipeline, and start-up time.

    .venv/bin/python bench/extract_speed.py [--repeat 20]

The long documents are the development set's texts repeated (Russian and English). "NER
alone" is natasha's segmenter + NER tagger for Russian and spaCy's English NER (tok2vec + ner
of en_core_web_sm) for English; the pipeline adds normalisation, dates, charges, sentences,
events and attachment. Start-up: wall time of `solidarity extract` on a short file in a new process,
Russian and English (each loads its own models).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT / "bench" / "extract_dev"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from solidarity.intake.extract import models
    from solidarity.intake.extract.pipeline import extract

    for label, short in (("Russian", "ru-01-zaderzhanie.txt"), ("English", "en-01-detention.txt")):
        started = time.perf_counter()
        run = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "solidarity"), "extract", str(DEV / short),
             "--format", "json"],
            capture_output=True, check=True,
        )  # fmt: skip
        startup = time.perf_counter() - started
        print(f"start-up (new process, short {label} file): {startup:.2f} s ({len(run.stdout)} B)")
    models.russian()
    for language in ("ru", "en"):
        texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob(f"{language}-*.txt"))]
        if language == "en":
            texts.append((DEV / "interview-skoryakin-kozak.en.txt").read_text(encoding="utf-8"))
        document = "\n".join(texts * args.repeat)
        words = len(document.split())

        def ner(document: str = document, language: str = language) -> None:
            if language == "ru":
                models.russian_entities(document)
            else:
                models.english_entities(document)

        timings = {}
        for label, work in (("NER alone", ner), ("pipeline", lambda d=document: extract(d))):
            work()  # warm the caches once
            best = min(_timed(work) for _ in range(3))
            timings[label] = words / best
            print(
                f"{language}: {label:<10} {words:7d} words in {best:6.2f} s = "
                f"{words / best:9,.0f} words/s"
            )
        ratio = timings["pipeline"] / timings["NER alone"]
        print(f"{language}: pipeline keeps {ratio:.0%} of the NER-alone rate (target >= 50%)")


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

"""Language detection compared on letter-like sentences (bench/language/samples.json, written
for this project): the module's detector against the stop-word lists it replaced.

    .venv/bin/python bench/language/compare.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from solidarity.language import detect_language  # noqa: E402

SHORT = {"ru": ["Привет!", "Держись!", "Обнимаю."], "be": ["Трымайся!", "Прывітанне!"],
         "uk": ["Привіт!", "Тримайся!"], "en": ["Hold on!"]}  # fmt: skip


def main() -> None:
    samples = json.loads((Path(__file__).parent / "samples.json").read_text(encoding="utf-8"))
    for name, data in (("sentences", samples), ("short letters", SHORT)):
        right = total = 0
        wrong = []
        started = time.perf_counter()
        for language, texts in data.items():
            for text in texts:
                total += 1
                found = detect_language(text, prefer=("ru", "be") if language == "be" else ("ru",))
                right += found == language
                if found != language:
                    wrong.append(f"{language}->{found}")
        took = (time.perf_counter() - started) * 1000
        print(f"{name}: {right}/{total} right in {took:.0f} ms; wrong: {', '.join(wrong) or '-'}")


if __name__ == "__main__":
    main()

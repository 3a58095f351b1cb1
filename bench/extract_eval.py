"""Scores `solidarity extract` against hand-made gold annotations: precision, recall and F1.

    .venv/bin/python bench/extract_eval.py [--dir bench/extract_dev] [--verbose]
    .venv/bin/python bench/extract_eval.py --dir ../shared/corpus/real-dev

The directory holds documents and a gold.json naming, per document, the persons, charges,
sentences and events. Two shapes are read: this project's ({"documents": {file: {"persons":
[…], "charges": [{person, article, part}], "sentences": [{person, months}], "events":
[{person, type, date}]}}}) and the shared corpus' ({name: {"published", "persons": [names],
"charges": [[person, article]], "sentences": [[person, months]], "events": [[person, type,
date]], "events_inferred": […]}}, texts NAME.txt/.html/.md). In the second, the document's
publication date is given to the extractor, events without a date are not scored, and only
the article number of a charge is compared. A person is matched on first name and surname
across spellings (registry.names.skeleton); a dated event must match person, type and date
exactly. Overall = micro-average of all four.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FACETS = ("persons", "charges", "sentences", "events")
# the event types the shared corpus' gold annotates
SCORED_EVENTS = {
    "detention", "custody", "sentence", "release", "transfer", "solitary", "wanted", "emigration"
}  # fmt: skip


def person_key(name: str) -> str:
    from solidarity.registry.names import skeleton, words

    parts = words(name)
    if not parts:
        return ""
    return skeleton(parts[-1]) if len(parts) == 1 else f"{skeleton(parts[0])} {skeleton(parts[-1])}"


def keys(facet: str, rows: list[Any]) -> set[tuple[Any, ...]]:
    if facet == "persons":
        return {(person_key(r if isinstance(r, str) else r["name"]),) for r in rows}
    if facet == "charges":
        return {(person_key(r["person"]), r["article"], r.get("part") or "") for r in rows}
    if facet == "sentences":
        return {(person_key(r["person"]), int(r["months"])) for r in rows}
    return {(person_key(r["person"]), r["type"], r.get("date")) for r in rows}


def _file(folder: Path, name: str) -> str:
    for suffix in (".txt", ".html", ".md"):
        if (folder / (name + suffix)).exists():
            return name + suffix
    return name + ".txt"


def _from_shared(gold: dict[str, Any]) -> dict[str, Any]:
    """The shared corpus' gold in this script's shape."""
    return {
        "published": gold.get("published"),
        "persons": gold["persons"],
        "charges": [{"person": p, "article": a, "part": ""} for p, a in gold["charges"]],
        "sentences": [{"person": p, "months": m} for p, m in gold["sentences"]],
        "events": [
            {"person": p, "type": t, "date": d}
            for p, t, d in gold["events"] + gold.get("events_inferred", [])
        ],
    }


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=ROOT / "bench" / "extract_dev")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from django.core.management import call_command

    gold_file = args.dir / "gold.json"
    if not gold_file.exists():
        gold_file = args.dir / "expected.json"  # the shared failing cases
    raw = json.loads(gold_file.read_text(encoding="utf-8"))
    shared = "documents" not in raw
    gold = (
        {_file(args.dir, n): _from_shared(g) for n, g in raw.items()}
        if shared
        else raw["documents"]
    )
    totals = {facet: [0, 0, 0] for facet in FACETS}
    for n, (name, expected) in enumerate(sorted(gold.items()), 1):
        out = io.StringIO()
        options: dict[str, Any] = {"format": "json", "stdout": out}
        if expected.get("published"):
            options["published"] = expected["published"]
        call_command("extract", str(args.dir / name), **options)
        got = json.loads(out.getvalue())
        if shared:
            got["events"] = [
                e for e in got["events"] if e.get("date") and e["type"] in SCORED_EVENTS
            ]
            got["charges"] = [{**c, "part": ""} for c in got["charges"]]
        print(f"[{n}/{len(gold)}] {name}", file=sys.stderr)
        for facet in FACETS:
            want, have = keys(facet, expected[facet]), keys(facet, got[facet])
            totals[facet][0] += len(want & have)
            totals[facet][1] += len(have - want)
            totals[facet][2] += len(want - have)
            if args.verbose:
                for row in sorted(have - want, key=str):
                    print(f"   {facet} extra:   {row}")
                for row in sorted(want - have, key=str):
                    print(f"   {facet} missing: {row}")
    print(f"{'facet':<10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for facet in FACETS:
        tp, fp, fn = totals[facet]
        p, r, f = score(tp, fp, fn)
        print(f"{facet:<10} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3d} {fp:3d} {fn:3d}")
    tp, fp, fn = (sum(t[i] for t in totals.values()) for i in range(3))
    p, r, f = score(tp, fp, fn)
    print(f"{'overall':<10} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3d} {fp:3d} {fn:3d}")


if __name__ == "__main__":
    main()

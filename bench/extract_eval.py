"""Scores `solidarity extract` against hand-made gold annotations: precision, recall and F1.

    .venv/bin/python bench/extract_eval.py [--dir bench/extract_dev] [--verbose]

The directory holds documents and a gold.json naming, per document, the persons, charges
(person, article, part), sentences (person, months) and events (person, type, date). A
person is matched on first name and surname across spellings (registry.names.skeleton);
a dated event must match person, type and date exactly. Overall = micro-average of all four.
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

    gold = json.loads((args.dir / "gold.json").read_text(encoding="utf-8"))["documents"]
    totals = {facet: [0, 0, 0] for facet in FACETS}
    for n, (name, expected) in enumerate(sorted(gold.items()), 1):
        out = io.StringIO()
        call_command("extract", str(args.dir / name), format="json", stdout=out)
        got = json.loads(out.getvalue())
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

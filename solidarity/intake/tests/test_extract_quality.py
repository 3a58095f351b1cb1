"""The scores of bench/extract_eval.py do not fall below the issue's bar unnoticed."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("folder", ["extract_dev", "extract_heldout"])
def test_it_keeps_overall_f1_at_or_above_090(folder):
    run = subprocess.run(  # noqa: S603 - our own benchmark script
        [sys.executable, str(ROOT / "bench" / "extract_eval.py"), "--dir",
         str(ROOT / "bench" / folder)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    overall = re.search(r"^overall\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", run.stdout, re.M)
    assert overall, run.stdout
    assert float(overall.group(3)) >= 0.90, run.stdout

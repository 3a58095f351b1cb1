"""Dependencies point down: the registry imports none of the apps built on it.

Letters, support, intake and open data add to the registry's pages through
registry.extensions and listen to its signals; the registry never names them.
"""

import ast
from pathlib import Path

REGISTRY = Path(__file__).resolve().parents[1]
ABOVE = ("solidarity.letters", "solidarity.support", "solidarity.intake", "solidarity.opendata")


def test_it_imports_nothing_from_the_apps_above():
    found = []
    for path in REGISTRY.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.relative_to(REGISTRY)}: {n}" for n in names if n.startswith(ABOVE)]
    assert found == []


def test_it_has_one_language_detector(db):
    from solidarity.intake.extract import pipeline
    from solidarity.language import detect_language
    from solidarity.letters import precheck

    assert pipeline.detect_language is detect_language is precheck.detect_language
    assert detect_language("Привет, как ты там? Держись.") == "ru"

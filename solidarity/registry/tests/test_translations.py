"""Every string is translatable and translated: a new English string without Russian fails."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"
TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(["'])(.+?)\1""")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_it_has_russian_for_every_entry(catalogue):
    untranslated = [e.msgid for e in catalogue if not e.translated()]
    assert untranslated == []
    assert not [e.msgid for e in catalogue if "fuzzy" in e.flags]


def test_it_has_every_template_string_in_the_catalogue(catalogue):
    known = {e.msgid for e in catalogue}
    missing = []
    for template in ROOT.rglob("templates/**/*.html"):
        for _quote, text in TRANSLATE_TAG.findall(template.read_text(encoding="utf-8")):
            if text not in known:
                missing.append(f"{template.relative_to(ROOT)}: {text}")
    assert missing == []


def test_it_keeps_placeholders_in_translations(catalogue):
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in catalogue:
        expected = set(placeholder.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert set(placeholder.findall(text)) <= expected | {"%(counter)s", "%(n)d"}
        else:
            assert set(placeholder.findall(entry.msgstr)) == expected, entry.msgid

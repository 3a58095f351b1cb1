"""A PDF with Cyrillic text is read like plain text."""

import io
import json

from django.core.management import call_command
from fpdf import FPDF

from solidarity.letters.services.dispatch import FONTS


def test_it_reads_a_russian_pdf(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, "3 мая 2023 года в Москве задержали анархиста Льва Скорякина. "
                   "Суд приговорил Скорякина к 5,5 годам колонии общего режима.")  # fmt: skip
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(pdf.output()))
    out = io.StringIO()
    call_command("extract", str(path), format="json", stdout=out)
    result = json.loads(out.getvalue())
    assert [p["name"] for p in result["persons"]] == ["Лев Скорякин"]
    assert [(s["months"], s["regime"]) for s in result["sentences"]] == [(66, "general")]
    assert ("detention", "2023-05-03") in {(e["type"], e["date"]) for e in result["events"]}

"""Printable PDFs: the monthly report and an evening's packet (Cyrillic through DejaVu Sans)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fpdf import FPDF

from solidarity.letters.services.dispatch import FONTS

from .services.report import MonthReport


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def _amount(value: Decimal, currency: str) -> str:
    return f"{value:,.2f} {currency}".replace(",", " ")


def report_pdf(report: MonthReport, labels: dict[str, str]) -> bytes:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, labels["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    rows = [
        (labels["opening"], report.opening), (labels["raised"], report.raised),
        (labels["spent"], report.spent), (labels["closing"], report.closing),
    ]  # fmt: skip
    for label, value in rows:
        pdf.cell(110, 7, label)
        pdf.cell(0, 7, _amount(value, report.currency), align="R", new_x="LMARGIN", new_y="NEXT")
    for heading, lines in (
        (labels["by_source"], report.raised_by_source),
        (labels["by_kind"], report.spent_by_kind),
        (labels["by_person"], report.spent_by_person),
    ):
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        for line in lines:
            pdf.cell(110, 7, line.label)
            pdf.cell(0, 7, _amount(line.amount, report.currency), align="R",
                     new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    if report.spent_unnamed:
        pdf.cell(110, 7, labels["unnamed"])
        pdf.cell(0, 7, _amount(report.spent_unnamed, report.currency), align="R",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    return bytes(pdf.output())


def packet_pdf(title: str, sheets: list[dict[str, Any]]) -> bytes:
    """One page per person: who they are, where to write, what to write and to avoid."""
    pdf = _pdf()
    for sheet in sheets:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 5, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 18)
        pdf.multi_cell(0, 10, sheet["name"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        for label, text in sheet["lines"]:
            if not text:
                continue
            pdf.set_font("DejaVu", "B", 11)
            pdf.multi_cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    if not sheets:
        pdf.add_page()
        pdf.set_font("DejaVu", "", 11)
        pdf.cell(0, 10, title)
    return bytes(pdf.output())

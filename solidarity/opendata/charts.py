"""Bar charts drawn on the server as SVG: no JavaScript, readable over Tor, printable.

Every chart is shown with its data table (and a CSV link) beside it, so the figures are
there for screen readers and for anyone who wants the numbers rather than the picture.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = 18
GAP = 6
LABEL_WIDTH = 260
# Labels are cut to what fits before the bars at 12 px: a Cyrillic letter is about 7.5 px
# wide, so 33 of them fill the 254 px; the whole label is in the bar's title and the table.
LABEL_CHARACTERS = 33
PLOT_WIDTH = 360
COLOUR = "#8b1a1a"


def bar_chart(rows: list[dict[str, Any]], title: str, *, years: bool = False) -> SafeString:
    if not rows:
        return mark_safe("")
    if years:
        return _columns(rows, title)
    top = max(r["count"] for r in rows) or 1
    height = len(rows) * (BAR + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, row in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        length = max(1, round(PLOT_WIDTH * row["count"] / top))
        label = str(row["label"])
        short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR - 5}" text-anchor="end" font-size="12">'
            f"{escape(short)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR}" fill="{COLOUR}">'
            f"<title>{escape(label)}: {row['count']}</title></rect>"
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + BAR - 5}" font-size="12">'
            f"{row['count']}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _columns(rows: list[dict[str, Any]], title: str) -> SafeString:
    """Years along the bottom: a time series reads left to right."""
    top = max(r["count"] for r in rows) or 1
    column = 28
    plot = 180
    width = max(200, len(rows) * (column + GAP) + GAP)
    height = plot + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, row in enumerate(rows):
        x = GAP + i * (column + GAP)
        length = max(1, round(plot * row["count"] / top))
        y = 16 + plot - length
        # "date unknown" does not fit under a column: "?" there, the words in its title.
        axis = "?" if row.get("key") == "unknown" else str(row["label"])
        parts.append(
            f'<rect x="{x}" y="{y}" width="{column}" height="{length}" fill="{COLOUR}">'
            f"<title>{escape(row['label'])}: {row['count']}</title></rect>"
            f'<text x="{x + column / 2}" y="{y - 3}" text-anchor="middle" font-size="11">'
            f"{row['count']}</text>"
            f'<text x="{x + column / 2}" y="{height - 6}" text-anchor="middle" font-size="11">'
            f"{escape(axis)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

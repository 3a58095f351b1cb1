"""Which characters the printed letter's fonts can draw, and how the rest are shown.

The PDF is set in the fonts under `fonts/` (DejaVu Sans covers Latin, Cyrillic, Greek,
Georgian, Armenian and many symbols; not emoji, nor Chinese, Japanese or Korean). A
character no font has is never dropped without a word: the pre-check flags it before the
letter is sent, and the PDF prints its code point in brackets ("[U+1F337]") where it stood.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
# In the order they are tried: the letter's font first, then fallbacks shipped in fonts/.
FONT_FILES = ("DejaVuSans.ttf",)


@cache
def covered() -> frozenset[int]:
    """The code points some font of the printed letter has a glyph for."""
    points: set[int] = set()
    for name in FONT_FILES:
        with TTFont(str(FONTS / name), lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


# Line breaks, tabs, joiners and variation selectors draw nothing wherever they are.
_INVISIBLE = frozenset(
    [0x09, 0x0A, 0x0D, 0x200C, 0x200D, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
)


def _invisible(char: str) -> bool:
    return ord(char) in _INVISIBLE


def unprintable(text: str) -> list[str]:
    """The characters of `text` no font of the printed letter can draw, each once."""
    have = covered()
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in have and not _invisible(char):
            seen.setdefault(char, None)
    return list(seen)


def printable(text: str) -> str:
    """`text` with every character no font has written as its code point: "[U+1F337]"."""
    missing = set(unprintable(text))
    if not missing:
        return text
    return "".join(f"[U+{ord(c):04X}]" if c in missing else c for c in text)

"""What every printed page shares (the handout, the worksheet, a class's record): A4, the fonts, wrapped text
down a page, the check that no glyph prints as a box, and the PDF's document information. Its own module so
that each printed product imports it and none imports another's internals.
"""

from __future__ import annotations

import re
import textwrap
import warnings

import matplotlib

from .errors import OutputError

matplotlib.use("Agg")  # no display on a server; set before anything imports pyplot

A4 = (8.27, 11.69)
# DejaVu for Latin, Cyrillic and the marks of McCune–Reischauer; Noto Sans CJK (Debian's fonts-noto-cjk) for
# Hangul and Hanzi, which DejaVu lacks: matplotlib takes each glyph from the first family that has it
FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]
# Type 3 fonts: as CID fonts (42), matplotlib embeds Noto's CFF outlines in a way poppler warns of ("Mismatch
# between font type and embedded font file") on every page; as Type 3 the text still extracts and copies
matplotlib.rcParams.update({"pdf.fonttype": 3, "font.family": FONTS, "font.size": 9})
MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")
LEADING = 1.45  # a line's height as a multiple of its font size


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, width) or [""]
    return lines


def text_height(text: str, width: int = 100, size: float = 9) -> float:
    """The share of the page `text_block` takes for this text: a layout can measure before it writes."""
    return len(_wrap(text, width)) * size * LEADING / (A4[1] * 72)


def text_block(fig, y: float, text: str, width: int = 100, size: float = 9, **kw) -> float:
    """`text` wrapped at `width` characters, its top at `y` (a share of the page); returns the y below it."""
    fig.text(0.07, y, "\n".join(_wrap(text, width)), va="top", fontsize=size, **kw)
    return y - text_height(text, width, size)


def glyphs_checked(make) -> bytes:
    """`make()`'s PDF, or an OutputError when a character would print as a box: a missing glyph is a failure."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = make()
    missing = sorted({chr(int(m.group(1))) for w in caught if (m := MISSING_GLYPH.search(str(w.message)))})
    if missing:
        raise OutputError(
            f"{len(missing)} characters would print as boxes, no installed font has them ({''.join(missing[:40])}): "
            "install Debian's fonts-noto-cjk"
        )
    return pdf


def metadata(title: str) -> dict:
    # the document information matplotlib can write; it cannot tag a PDF or set its language (/Lang)
    return {
        "Title": title,
        "Author": "The October 1950 Telegram Map",
        "Subject": "The geographic directives of the telegram of 11 October 1950 from Filippov [Stalin] and "
        "Zhou Enlai to Mao Zedong, mapped, with their sources",
        "Keywords": "Korean War; 1950; Stalin; Zhou Enlai; Mao Zedong; historical map; primary source",
        "Creator": "telegram-map",
        "CreationDate": None,
        "ModDate": None,
    }

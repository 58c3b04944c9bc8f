"""What every printed page shares (the handout, the worksheet, a class's record): A4, the fonts, wrapped text
down a page, the check that no glyph prints as a box, and the PDF's document information. Its own module so
that each printed product imports it and none imports another's internals.

A page in Korean or Chinese (#34) is printed inside `printing(lang)`: the region's CJK face (Han glyphs differ
between Korea, the mainland and Taiwan) and a wrap that counts display columns and breaks between CJK characters,
both undone when the block ends, so builds in one process leave nothing behind. English prints as it always has.
"""

from __future__ import annotations

import re
import textwrap
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import matplotlib

from ..i18n import LANGS, printed
from .errors import OutputError

matplotlib.use("Agg")  # no display on a server; set before anything imports pyplot

A4 = (8.27, 11.69)
# DejaVu for Latin, Cyrillic and the marks of McCune–Reischauer; Noto Sans CJK (Debian's fonts-noto-cjk) for
# Hangul and Hanzi, which DejaVu lacks: matplotlib takes each glyph from the first family that has it
FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]
# the region's face of the same fonts (#34): Han characters are drawn as Korea, the mainland or Taiwan draws them
CJK_FACES = {
    "en": "Noto Sans CJK SC",
    "ko": "Noto Sans CJK KR",
    "zh-Hans": "Noto Sans CJK SC",
    "zh-Hant": "Noto Sans CJK TC",
}
# Type 3 fonts: as CID fonts (42), matplotlib embeds Noto's CFF outlines in a way poppler warns of ("Mismatch
# between font type and embedded font file") on every page; as Type 3 the text still extracts and copies
matplotlib.rcParams.update({"pdf.fonttype": 3, "font.family": FONTS, "font.size": 9})
MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")
LEADING = 1.45  # a line's height as a multiple of its font size


_LANG: ContextVar[str] = ContextVar("printed_lang", default="en")
_PRINTING = threading.RLock()  # printing(): one build's face at a time (a build may print inside another)
# no line starts with a closing mark nor ends with an opening one (a short kinsoku list: Korean and Chinese)
CLOSING = set(
    ")]}\u201d\u2019\u00bb\u300d\u300f\uff09\u3011\u3009\u300b\u3015"  # closing brackets and quotes
    "\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f,.;:!?%\u2026\u00b7"  # stops, commas, marks
)
OPENING = set("([{\u201c\u2018\u00ab\u300c\u300e\uff08\u3010\u3008\u300a\u3014")


def N_(message: str) -> str:  # a msgid marked for extraction (i18n/print.cfg), translated where it prints
    return message


def lang() -> str:
    """The language of the page being printed (`printing`), English outside one."""
    return _LANG.get()


def said(message: str) -> str:
    """An interface string in the language of the page being printed (the `print` domain). The printed modules
    import it as `_`, the name i18n/print.cfg's extraction looks for."""
    return printed(_LANG.get()).gettext(message)


def ngettext(one: str, many: str, n: int) -> str:
    """`one` or `many` as `n` asks, in the language of the page being printed."""
    return printed(_LANG.get()).ngettext(one, many, n)


_ = said
# a shape's certainty as the layers spell it: the msgids print as they are in English
CERTAINTY = {"certain": N_("certain"), "less-certain": N_("less-certain"), "uncertain": N_("uncertain")}
# the note beside the telegram's words on a page in another language (the app's words for it, ui.po)
TRANSLATED_FROM = N_(
    "The telegram is shown in the English translation that this map cites, the Wilson Center Digital Archive's, "
    "translated from the Russian."
)


def certainty(value: str) -> str:
    return _(CERTAINTY[value]) if value in CERTAINTY else value


@contextmanager
def printing(language: str) -> Iterator[None]:
    """Print in `language` inside the block: the region's CJK face in place of the process's, the wrap of that
    language; rcParams and the language are restored as the block ends, whatever happened in it."""
    if language not in LANGS:
        raise OutputError(f"unknown language {language!r}: choose one of {', '.join(LANGS)}")
    face = CJK_FACES[language]
    family = [face if f.startswith("Noto Sans CJK") else f for f in matplotlib.rcParams["font.family"]]
    token = _LANG.set(language)
    try:
        # one printed page at a time in the process: rcParams are matplotlib's global state, and two teachers'
        # downloads in two languages, on the server's threads, would otherwise print in each other's face
        with _PRINTING, matplotlib.rc_context({"font.family": family}):
            yield
    finally:
        _LANG.reset(token)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def columns(text: str) -> int:
    """The display width of `text`: 2 for an East Asian wide or full-width character, 1 for any other."""
    return sum(2 if _wide(ch) else 1 for ch in text)


def _atoms(para: str) -> list[str]:
    """A paragraph as the pieces a line may break between: a Latin word, one CJK character (a closing mark kept
    with what it closes, an opening one with what it opens, a number with the character after it), a space."""
    atoms: list[str] = []
    for ch in para:
        if ch.isspace():
            if atoms and atoms[-1] != " ":
                atoms.append(" ")
            continue
        prev = atoms[-1] if atoms and atoms[-1] != " " else ""
        glued = ch in CLOSING or prev[-1:] in OPENING or (prev[-1:].isdigit() and _wide(ch))
        if prev and (glued or not (_wide(ch) or _wide(prev[-1]))):
            atoms[-1] += ch
        else:
            atoms.append(ch)
    return atoms


def _wrap_cjk(para: str, width: int) -> list[str]:
    """`para` in lines of at most `width` columns: broken at spaces and between CJK characters."""
    lines: list[str] = []
    line, used, space = "", 0, False
    for atom in _atoms(para):
        if atom == " ":
            space = bool(line)
            continue
        while columns(atom) > width:  # a word longer than a line (an address): cut it where the line ends
            cut = len(atom)
            room = width - used - (1 if space else 0) if line else width
            while cut > 1 and columns(atom[:cut]) > room:
                cut -= 1
            if room <= 0 or columns(atom[:cut]) > room:
                lines.append(line)
                line, used, space = "", 0, False
                continue
            lines.append(line + (" " if space else "") + atom[:cut] if line else atom[:cut])
            line, used, space, atom = "", 0, False, atom[cut:]
        need = columns(atom) + (1 if space else 0)
        if line and used + need > width:
            lines.append(line)
            line, used = atom, columns(atom)
        else:
            line += (" " if space else "") + atom
            used += need
        space = False
    return lines + [line] if line or not lines else lines


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        if _LANG.get() == "en":
            lines += textwrap.wrap(para, width) or [""]
        else:
            lines += _wrap_cjk(para, width) or [""]
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
    for w in caught:  # any other warning is passed on, not swallowed: a caller (a test) sees it
        if not MISSING_GLYPH.search(str(w.message)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
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
        "Author": _("The October 1950 Telegram Map"),
        "Subject": _(
            "The geographic directives of the telegram of 11 October 1950 from Filippov [Stalin] and "
            "Zhou Enlai to Mao Zedong, mapped, with their sources"
        ),
        "Keywords": _("Korean War; 1950; Stalin; Zhou Enlai; Mao Zedong; historical map; primary source"),
        "Creator": "telegram-map",
        "CreationDate": None,
        "ModDate": None,
    }

"""A class's readings for the record: one A4 page with the clause, the counts, the class's agreement over
the map's own reading, and the sentences (no names). The handout's fonts, and a missing glyph fails it."""

from __future__ import annotations

import io
import time
import warnings
from functools import cache

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ..document.basemap import Basemap
from ..document.load import Document, Layer
from ..i18n.content import translate
from .errors import OutputError
from .handout_maps import clause_map, draw_geometry
from .pdfpage import A4, FONTS, MISSING_GLYPH, _, ngettext, printing, text_block

SHADE = "#5b3a8c"


def record(
    doc: Document, base: Basemap, task: dict, layer: Layer, agreement: dict, readings: list[dict], lang: str = "en"
) -> bytes:
    """`task`: {id, prompt, code, joined, opened}, its prompt in `lang`; `agreement` as classroom.agreement.agreement()
    makes it. The page in `lang` (#34): the teacher's; the telegram's words and the students' stay as they are."""
    with printing(lang), warnings.catch_warnings(record=True) as caught:  # the warnings, too, one build at a time
        warnings.simplefilter("always")
        pdf = _record(doc, base, task, layer, agreement, readings, lang)
    missing = sorted({chr(int(m.group(1))) for w in caught if (m := MISSING_GLYPH.search(str(w.message)))})
    if missing:
        raise OutputError(f"{len(missing)} characters would print as boxes ({''.join(missing[:40])})")
    return pdf


def _record(
    doc: Document, base: Basemap, task: dict, layer: Layer, agreement: dict, readings: list[dict], lang: str
) -> bytes:
    buf = io.BytesIO()
    title = _("Class %(code)s: readings of %(task)s") % {"code": task["code"], "task": task["id"]}
    meta = {"Title": title, "Author": _("The October 1950 Telegram Map")}
    with PdfPages(buf, metadata={**meta, "CreationDate": None, "ModDate": None}) as pdf:
        fig = Figure(figsize=A4)  # no pyplot: its global state is not for a server's threads
        FigureCanvasAgg(fig)  # the labels are measured with Agg's renderer
        clause = doc.known_clause(task["id"])
        label = translate(lang, f"clause:{task['id']}:label", clause["label"])
        heading = _("Class %(code)s: %(clause)s") % {"code": task["code"], "clause": label}
        y = text_block(fig, 0.96, heading, size=15, weight="bold")
        y = text_block(fig, y - 0.005, clause["text"], size=9, style="italic")
        y = text_block(fig, y - 0.005, _("Task: %(prompt)s") % {"prompt": task["prompt"]}, size=9)
        counts = ngettext("%(n)d joined", "%(n)d joined", task["joined"]) % {"n": task["joined"]}
        counts += ", " + ngettext("%(n)d reading", "%(n)d readings", len(readings)) % {"n": len(readings)}
        about = _(
            "%(counts)s. Opened %(opened)s; printed %(printed)s. Shading: how many readings cover a place (darker: "
            "more); outline: where at least half the class agrees. In colour: the map's own reading (%(layer)s)."
        ) % {
            "counts": counts,
            "opened": task["opened"],
            "printed": time.strftime("%Y-%m-%d"),
            "layer": translate(lang, f"layer:{layer.id}:title", layer.meta["title"]),
        }
        y = text_block(fig, y, about, size=8)
        ax = fig.add_axes((0.07, 0.3, 0.86, y - 0.32))
        clause_map(ax, base, [layer], lang)
        n = max(1, agreement["readings"])
        for f in agreement["shading"]["features"]:
            share = f["properties"]["count"] / n
            draw_geometry(ax, f["geometry"], facecolor=matplotlib.colors.to_rgba(SHADE, 0.1 + 0.6 * share),
                          edgecolor="none", linewidth=0, zorder=4)  # fmt: skip
        if agreement["majority"]:
            draw_geometry(ax, agreement["majority"], facecolor="none", edgecolor="#2d1b4e", linewidth=1.6, zorder=5)
        y = text_block(fig, 0.28, _("Why there: the class's sentences"), size=10, weight="bold")
        for i, r in enumerate(readings[:24], 1):
            # a student's words as written: no $...$ read as mathematics, and a character no font has (an
            # emoji) printed as a box on purpose, so one sentence never stops the whole class's record
            y = text_block(fig, y, f"{i}. {printable(r['sentence'])}", width=130, size=7, parse_math=False)
            if y < 0.03:
                break
        pdf.savefig(fig)
    return buf.getvalue()


@cache
def _covered() -> frozenset[int]:
    """The characters the record's fonts can print (pdfpage.FONTS: DejaVu Sans, then Noto Sans CJK)."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    chars: set[int] = set()
    for family in FONTS:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        with TTFont(path, fontNumber=0, lazy=True) as font:
            chars |= set(font.getBestCmap())
    return frozenset(chars)


def printable(text: str) -> str:
    """`text` with every character the fonts lack as a white square (U+25A1), which DejaVu has."""
    covered = _covered()
    return "".join(c if ord(c) in covered or c.isspace() else "\u25a1" for c in text)

"""`python -m mapping handout OUT.pdf [--lesson FILE]`: a printable A4 handout, built offline with matplotlib.

A title page with the telegram, a page per directive with its quote, note and map (handout_maps.py),
what happened next and the sources; with a lesson, its worksheet (worksheet.py). Fonts are embedded:
DejaVu, which matplotlib ships, and Noto Sans CJK for the Hangul and Hanzi of names and titles. A glyph
that no font has fails the build, never prints as a box.

`lang` (#34): the interface's words from the `print` catalog (pdfpage's `_`), the map's own texts (clause labels,
layer titles, interpretations, notes, the timeline) from i18n.content, place names in the reader's script; the
telegram, its quotations, its provenance and the citations stay in English, and the title page says so.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

from ..classroom.lesson import Lesson
from ..document.basemap import Basemap
from ..document.clauses import MAPPED
from ..document.load import Document
from ..i18n.content import translate
from .handout_maps import clause_map
from .handout_story import story_page
from .pdfpage import A4, TRANSLATED_FROM, _, certainty, glyphs_checked, lang, metadata, printing, text_block
from .worksheet import pages


def legend(fig, y: float) -> None:
    text_block(
        fig,
        y,
        _(
            "Key: filled = core band; hatched = possible band; solid line = certain; long dashes = less "
            "certain; short dashes = uncertain. Every shape is an interpretation of the telegram's words."
        ),
        width=130,
        size=7.5,
        color="#333",
    )


def clause_page(doc: Document, base: Basemap, notes: dict, n: int, cid: str, language: str | None = None):
    """The page of directive `cid` (the n-th): its words, its map, the key, its layers and the note. In the
    language of the page being printed (pdfpage.printing), or in `language`."""
    if language is not None:
        with printing(language):
            return clause_page(doc, base, notes, n, cid)
    lg = lang()
    clause = doc.clause(cid) or {"label": cid, "text": ""}
    layers = doc.layers_for(cid)
    fig = plt.figure(figsize=A4)
    label = translate(lg, f"clause:{cid}:label", clause["label"])
    y = text_block(fig, 0.96, f"{n}. {label}", size=15, weight="bold")
    y = text_block(fig, y, f"\u201c{clause['text']}\u201d", width=95, size=10, family="DejaVu Serif")
    ax = fig.add_axes((0.07, y - 0.47, 0.86, 0.45))
    clause_map(ax, base, layers, lg)
    legend(fig, y - 0.485)
    y -= 0.51
    for layer in layers:
        first = next((f for f in layer.features if f["properties"].get("band") != "possible"), layer.features[0])
        p = first["properties"]
        title = translate(lg, f"layer:{layer.id}:title", layer.meta["title"])
        heading = _("%(title)s (%(certainty)s)") % {"title": title, "certainty": certainty(p["certainty"])}
        y = text_block(fig, y, heading, size=9, weight="bold")
        reading = translate(lg, f"feature:{p['id']}:interpretation", p["interpretation"])
        y = text_block(fig, y, _("Interpretation: %(text)s") % {"text": reading}, width=120, size=7.5)
        cites = "; ".join(doc.bibliography.cite(p["citations"], html_out=False))
        y = text_block(fig, y, _("Sources: %(citations)s") % {"citations": cites}, width=130, size=6.5, color="#333")
        if y < 0.12:
            break
    note = notes.get(cid, {})
    if note:
        cites = "; ".join(doc.bibliography.cite(note["citations"], html_out=False))
        text = translate(lg, f"notes:{cid}:text", note["text"])
        said = _("Note: %(text)s %(citations)s") % {"text": text, "citations": cites}
        text_block(fig, 0.07, said, width=120, size=7.5, style="italic")
    return fig


def build(
    doc: Document, base: Basemap, notes: dict, dates: list[dict], lesson: Lesson | None = None, language: str = "en"
) -> bytes:
    """The handout (with a lesson: its worksheet after it) in `language` (an OutputError names an unknown one),
    or an OutputError when a character would print as a box."""
    with printing(language):
        return glyphs_checked(lambda: _build(doc, base, notes, dates, lesson))


def _build(doc: Document, base: Basemap, notes: dict, dates: list[dict], lesson: Lesson | None) -> bytes:
    lg = lang()
    buf = io.BytesIO()
    with PdfPages(buf, metadata=metadata(_("The telegram of 11 October 1950: a handout"))) as pdf:
        prov = doc.telegram.provenance
        fig = plt.figure(figsize=A4)
        y = text_block(fig, 0.95, _("The telegram of 11 October 1950"), size=18, weight="bold")
        y = text_block(fig, y - 0.005, f"{prov['title']}, {prov['date']}. {prov['archive']}.", size=8.5, color="#333")
        y = text_block(fig, y, prov["url"], size=7, color="#333")
        y = text_block(fig, y, prov["cable_numbers"]["note"] + " " + prov["translation"], size=7.5, color="#333")
        if lg != "en":  # the reader is told why the telegram below is in English
            y = text_block(fig, y, _(TRANSLATED_FROM), width=100, size=8, weight="bold")
        text_block(fig, y - 0.01, doc.telegram.text.replace("\n\n", "\n"), width=112, size=7.6, family="DejaVu Serif")
        pdf.savefig(fig)
        plt.close(fig)

        for n, cid in enumerate(MAPPED, start=1):
            fig = clause_page(doc, base, notes, n, cid)
            pdf.savefig(fig)
            plt.close(fig)
        fig = story_page(doc, base)  # present mode's story, on paper
        pdf.savefig(fig)
        plt.close(fig)

        fig = plt.figure(figsize=A4)
        y = text_block(fig, 0.95, _("What happened next"), size=15, weight="bold")
        for d in dates:
            cites = "; ".join(doc.bibliography.cite(d["citations"], html_out=False))
            day = d.get("date", "")
            said = _("%(label)s 1950: %(caption)s %(citations)s") % {
                "label": translate(lg, f"timeline:{day}:label", d["label"]),
                "caption": translate(lg, f"timeline:{day}:caption", d["caption"]),
                "citations": cites,
            }
            y = text_block(fig, y, said, width=115, size=8)
        y = text_block(fig, y - 0.02, _("Credits"), size=12, weight="bold")
        credits = _(
            "Base map: Natural Earth (public domain) via world-atlas; GSHHG rivers (Wessel & Smith, LGPL-3); "
            "DCW-GMT provinces (LGPL-3); relief from pvlib's Altitude.h5 (BSD-3; Mapzen: SRTM, GMTED2010, ETOPO1); "
            "places from GeoNames (CC BY 4.0). Map code: Leaflet (BSD-2), folium. Historiography: no minutes of "
            "the Black Sea talks were published; accounts rest on memoirs that disagree (Shen Zhihua). Whether "
            "Stalin reneged on air cover is disputed (Mansourov, CWIHP Bulletin 6-7)."
        )
        y = text_block(fig, y, credits, width=115, size=8)
        y = text_block(fig, y - 0.01, _("Sources"), size=12, weight="bold")
        for _key, entry in doc.bibliography.entries(html_out=False):
            y = text_block(fig, y, entry, width=125, size=6.5)
            if y < 0.04:
                pdf.savefig(fig)
                plt.close(fig)
                fig = plt.figure(figsize=A4)
                y = text_block(fig, 0.95, _("Sources (continued)"), size=12, weight="bold")
        pdf.savefig(fig)
        plt.close(fig)
        for fig in pages(doc, lesson) if lesson else []:
            pdf.savefig(fig)
            plt.close(fig)
    return buf.getvalue()

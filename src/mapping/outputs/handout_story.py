"""The handout's page of what happened next: the telegram's day and each day of present mode's story (state.STORY)
as small maps side by side, each with that day's front drawn boldly, the area behind it tinted, and the zones the
telegram told the North Koreans to hold beneath it, so a reader on paper sees what a class sees on the projector.
In the language of the page being printed (pdfpage.printing): the days' headings and the clause labels from
i18n.content, the rest from the `print` catalog."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..cartography import PRINT_DASH
from ..cartography import web_mercator as merc
from ..document.basemap import Basemap
from ..document.load import Document, Layer
from ..document.telegram import TELEGRAM_DATE
from ..document.timeline import HELD_ZONES, active_on, overtaken
from ..i18n.content import translate
from ..state import STORY
from .handout_maps import draw_base, draw_geometry, draw_layer, map_view
from .pdfpage import A4, _, lang, text_block

FRONT = "#1a1a1a"
HELD = (0.45, 0.45, 0.45, 0.3)  # the app's tint behind the front (ctx-un-held)


def _label(doc: Document, day: str) -> str:
    name = next((n for n, d in STORY.items() if d == day), None)
    if name is None:
        return _("11 October: the telegram is sent")
    return translate(lang(), f"notes:{name}:heading", doc.notes[name]["heading"])


def _behind(doc: Document, day: str) -> str:
    """How much of the telegram's zones lay behind the front, in a line under the map's title."""
    said = ""
    for c, share in overtaken(doc, day):
        label = translate(lang(), f"clause:{c}:label", doc.known_clause(c)["label"]).lower()
        part = _("%(clause)s %(percent)d%%") % {"clause": label, "percent": round(share * 100)}
        said = _("%(first)s, %(second)s") % {"first": said, "second": part} if said else part
    return _("Behind the UN front, of the mountains of %(parts)s") % {"parts": said}


def day_map(ax, doc: Document, base: Basemap, day: str, view: tuple[float, float, float, float]) -> None:
    """One day: the base, the area UN forces held, the telegram's zones, that day's front and the events so far."""
    draw_base(ax, base)
    for layer in doc.layers:
        for f in layer.features:
            p = f["properties"]
            if not active_on(p.get("when"), day) or p.get("role") not in ("un-held", "front", "thrust"):
                continue
            if p["role"] == "un-held":
                draw_geometry(ax, f["geometry"], facecolor=HELD, edgecolor="none", zorder=2)
            else:
                draw_geometry(ax, f["geometry"], edgecolor=FRONT, linewidth=2.4, linestyle=PRINT_DASH[p["certainty"]])
    for layer in doc.layers:
        if layer.id in HELD_ZONES:
            draw_layer(ax, layer)
    for f in next((ly.features for ly in doc.layers if ly.id == "ctx-events"), []):
        if (f["properties"].get("when") or {}).get("start", "9999") <= day:
            x, y = merc(*f["geometry"]["coordinates"][:2])
            ax.plot(x, y, "*", ms=8, mfc="#ffffff", mec=FRONT, mew=0.9, zorder=5)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])


def story_page(doc: Document, base: Basemap):
    """An A4 page of six small maps: the telegram's day, then each step of the story."""
    fig = plt.figure(figsize=A4)
    y = text_block(fig, 0.965, _("What happened next, on the map"), size=15, weight="bold")
    y = text_block(
        fig,
        y,
        _(
            "Each map: the UN front of that day (black, dotted where no source documents the stretch), Korea behind "
            "it (grey), the mountains the telegram told the North Koreans to hold (conclusions 2 and 3, as on the "
            "clause pages) and the events so far (stars). Every line is an interpretation of cited positions."
        ),
        width=120,
        size=7.5,
    )
    zones = [ly for ly in doc.layers if ly.id in HELD_ZONES]
    fronts = Layer({"id": "fronts"}, [f for ly in doc.layers for f in ly.features
                                      if f["properties"].get("role") == "front"], zones[0].path)  # fmt: skip
    cols, rows, top = 2, 3, y - 0.01
    w, h = 0.42, (top - 0.04) / rows - 0.055
    view = map_view([*zones, fronts], w * A4[0] / (h * A4[1]))
    for i, day in enumerate([TELEGRAM_DATE, *STORY.values()]):
        col, row = i % cols, i // cols
        x0, y0 = 0.07 + col * (w + 0.04), top - (row + 1) * (h + 0.055) + 0.01
        ax = fig.add_axes((x0, y0, w, h))
        day_map(ax, doc, base, day, view)
        fig.text(x0, y0 + h + 0.032, _label(doc, day), fontsize=8, weight="bold", va="bottom")
        fig.text(x0, y0 + h + 0.003, _behind(doc, day), fontsize=6.5, va="bottom")
    return fig

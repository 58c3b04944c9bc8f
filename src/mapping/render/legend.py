"""The legend in the map's language (#34): views.legend_html's entries, each layer's title and legend from
i18n.content (`layer:ID:title`, `layer:ID:legend`), the key's words through ui(lang). Built from escaped data only.
"""

from __future__ import annotations

from ..document.load import Document, Layer
from .lang import content, gettext_for
from .views import esc, swatch


def legend_html(doc: Document, lang: str = "en") -> str:
    _ = gettext_for(lang)
    rows = []
    happened, colon = _(" (what happened)"), _(": ")
    for layer in doc.layers:
        kinds = {f["geometry"]["type"] for f in layer.features}
        point = all("Point" in k for k in kinds)
        title = content(lang, f"layer:{layer.id}:title", layer.meta["title"])
        said = content(lang, f"layer:{layer.id}:legend", layer.meta["legend"])
        rows.append(
            f"<li>{swatch(layer, point=point)} <b>{esc(title)}</b>"
            f"{esc(happened) if layer.meta['kind'] == 'context' else ''}{esc(colon)}{esc(said)}</li>"
        )
    any_layer = doc.layers[0] if doc.layers else None
    key = ""
    if any_layer:
        grey = Layer({**any_layer.meta, "style": {"color": "#555555"}}, [], any_layer.path)
        words = {
            "certain": _("certain: solid outline"),
            "less-certain": _("less certain: dashed outline"),
            "uncertain": _("uncertain: dotted or short-dashed outline"),
        }
        core, possible = _("core band (solid fill)"), _("possible band (hatched)")
        key = (
            "<li>"
            + swatch(grey, "core")
            + f" {esc(core)} "
            + swatch(grey, "possible")
            + f" {esc(possible)}</li>"
            + "".join("<li>" + swatch(grey, None, c) + " " + esc(w) + "</li>" for c, w in words.items())
        )
    palette = _(
        "Colours are from the Okabe–Ito palette, which colour-blind readers can tell apart; pattern and outline "
        "always repeat what colour says."
    )
    named = _("Legend")
    return (
        f'<div class="tm-legend" role="region" aria-label="{esc(named)}">'
        '<ul style="list-style:none;padding-left:0;margin:0">'
        + "".join(rows)
        + key
        + f"</ul><p style='font-size:0.85em'>{esc(palette)}</p></div>"
    )

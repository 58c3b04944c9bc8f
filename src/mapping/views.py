"""HTML and Markdown pieces of the app's panels. Everything from data is escaped here.

The app, the export and the handout share these, so a property that is safe in one is
safe in all.
"""

from __future__ import annotations

import html
import re

from .document import Document, Layer, as_list

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")
CERTAINTY_WORDS = {
    "certain": "certain: solid outline",
    "less-certain": "less certain: dashed outline",
    "uncertain": "uncertain: dotted or short-dashed outline",
}


def md_escape(text: str) -> str:
    """Text for a Streamlit widget label, which is Markdown: nothing in it may format or link."""
    return MD_SPECIAL.sub(r"\\\1", text)


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


BORDER_STYLE = {"certain": "solid", "less-certain": "dashed", "uncertain": "dotted"}


def swatch(layer: Layer, band: str | None = None, certainty: str = "certain", point: bool = False) -> str:
    """A legend entry drawn the way the map draws it, in plain CSS (st.html strips inline SVG)."""
    color = esc(layer.meta["style"]["color"])
    border = f"2px {BORDER_STYLE[certainty]} {color}"
    if point:
        return (
            f'<span aria-hidden="true" style="display:inline-block;width:12px;height:12px;border-radius:50%;'
            f'background:{color};border:{border};vertical-align:middle;margin:0 8px 0 6px"></span>'
        )
    pattern = "hatch" if band == "possible" else layer.meta["style"].get("pattern", "solid")
    if pattern == "hatch":
        fill = f"repeating-linear-gradient(45deg, {color} 0 2px, transparent 2px 6px)"
    elif pattern == "dots":
        fill = f"radial-gradient({color} 1.2px, transparent 1.6px) 0 0 / 5px 5px"
    else:
        fill = f"{color}73"  # the hex colour at 45% opacity
    return (
        f'<span aria-hidden="true" style="display:inline-block;width:24px;height:12px;background:{fill};'
        f'border:{border};vertical-align:middle;margin-right:4px"></span>'
    )


def legend_html(doc: Document) -> str:
    rows = []
    for layer in doc.layers:
        kinds = {f["geometry"]["type"] for f in layer.features}
        point = all("Point" in k for k in kinds)
        rows.append(
            f"<li>{swatch(layer, point=point)} <b>{esc(layer.meta['title'])}</b>"
            f"{' (what happened)' if layer.meta['kind'] == 'context' else ''}: {esc(layer.meta['legend'])}</li>"
        )
    any_layer = doc.layers[0] if doc.layers else None
    key = ""
    if any_layer:
        grey = Layer({**any_layer.meta, "style": {"color": "#555555"}}, [], any_layer.path)
        key = (
            "<li>"
            + swatch(grey, "core")
            + " core band (solid fill) "
            + swatch(grey, "possible")
            + " possible band (hatched)</li>"
            + "".join("<li>" + swatch(grey, None, c) + " " + esc(w) + "</li>" for c, w in CERTAINTY_WORDS.items())
        )
    return (
        '<div class="tm-legend" role="region" aria-label="Legend"><ul style="list-style:none;padding-left:0;margin:0">'
        + "".join(rows)
        + key
        + "</ul><p style='font-size:0.85em'>Colours are from the Okabe–Ito palette, "
        "which colour-blind readers can tell apart; pattern and outline always repeat what colour says.</p></div>"
    )


def feature_details_html(props: dict) -> str:
    """Everything a historian asks of one shape: quote, reading, method, certainty, sources, measures."""
    quotes = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in as_list(props.get("quote", [])))
    method = props.get("method", {})
    params = method.get("parameters") or {}
    param_rows = "".join(f"<li><code>{esc(k)}</code>: {esc(v)}</li>" for k, v in params.items())
    cites = []
    for c in props.get("citations", []):
        url = str(c.get("@id", ""))
        link = (
            f' <a href="{esc(url)}" target="_blank" rel="noopener">{esc(url)}</a>'
            if url.startswith(("https://", "http://"))
            else ""
        )
        cites.append(f"<li>{esc(c.get('label', ''))}{link}</li>")
    measures = "".join(
        f"<li>{esc(k.replace('_', ' '))}: {esc(v)}</li>" for k, v in (props.get("measures") or {}).items()
    )
    when = props.get("when")
    when_html = (
        f"<p><b>When:</b> {esc(when.get('start'))} to {esc(when.get('end', when.get('start')))}</p>" if when else ""
    )
    band = f" ({esc(props['band'])} band)" if props.get("band") else ""
    return (
        f'<div class="tm-details" data-feature="{esc(props.get("id", ""))}">'
        f"<h4>{esc(props.get('title', ''))}</h4>{quotes}"
        f"<p>{esc(props.get('summary', ''))}</p>"
        f"<p><b>Interpretation:</b> {esc(props.get('interpretation', ''))}</p>"
        f"<p><b>Method:</b> {esc(method.get('kind', ''))}: {esc(method.get('description', ''))}</p>"
        + (f"<ul>{param_rows}</ul>" if param_rows else "")
        + f"<p><b>Certainty:</b> {esc(props.get('certainty', ''))}{band}</p>{when_html}"
        + (f"<p><b>Measured:</b></p><ul>{measures}</ul>" if measures else "")
        + f"<p><b>Sources:</b></p><ul>{''.join(cites)}</ul></div>"
    )


def feature_list_html(doc: Document) -> str:
    """A text mirror of the map for screen readers: every layer and feature, in draw order."""
    parts = ['<nav class="tm-feature-list" aria-label="Layers and features as text">']
    for layer in doc.layers:
        parts.append(f"<h4>{esc(layer.meta['title'])} <small>({esc(', '.join(layer.meta['clause']))})</small></h4><ul>")
        for f in layer.features:
            p = f["properties"]
            parts.append(f"<li>{esc(p['title'])}: {esc(p['summary'])} <i>Certainty: {esc(p['certainty'])}.</i></li>")
        parts.append("</ul>")
    parts.append("</nav>")
    return "".join(parts)


def find_feature(doc: Document, fid: object) -> dict | None:
    if not isinstance(fid, str):
        return None
    for layer in doc.layers:
        for f in layer.features:
            if f["properties"]["id"] == fid:
                return f
    return None

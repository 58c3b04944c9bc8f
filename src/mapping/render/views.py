"""HTML and Markdown pieces of the app's panels. Everything from data is escaped here.

The app, the export and the handout share these, so a property that is safe in one is
safe in all.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from ..cartography import BORDER_STYLE
from ..document.bibliography import Bibliography
from ..document.clauses import MAPPED
from ..document.load import Document, Layer, as_list
from ..i18n import ui
from ..i18n.content import translate


def N_(message: str) -> str:  # a msgid marked for extraction (babel.cfg), translated where it is shown
    return message


CERTAINTY = {"certain": N_("certain"), "less-certain": N_("less certain"), "uncertain": N_("uncertain")}
BANDS = {"core": N_("core band"), "possible": N_("possible band")}
MEASURES = {  # a shape's measures (derive/world.py measures), as a reader names them
    "length_km": N_("length, km"),
    "distance_to_border_km": N_("distance to the border, km"),
    "distance_to_pyongyang_km": N_("distance to Pyongyang, km"),
}

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


def citations_html(citations: list[dict], bib: Bibliography) -> str:
    """Each citation as the CSL style renders it, then the source's full entry (with its link)."""
    items = []
    for c, short in zip(citations, bib.cite(citations), strict=True):
        key = c.get("id")
        full = linked(bib.reference(key), bib.url(key)) if key in bib.items else ""
        items.append(f"<li>{short}: {full}</li>")
    return "".join(items)


def linked(entry: str, url: str) -> str:
    """The style prints a source's URL as text; make that text a link."""
    if not url.startswith(("https://", "http://")):
        return entry
    anchor = f'<a href="{esc(url)}" target="_blank" rel="noopener">{esc(url)}</a>'
    return entry.replace(esc(url), anchor, 1) if esc(url) in entry else f"{entry} {anchor}"


def bibliography_html(bib: Bibliography) -> str:
    """The whole bibliography, as the CSL style renders it."""
    rows = "".join(f'<li id="src-{esc(key)}">{linked(entry, bib.url(key))}</li>' for key, entry in bib.entries())
    return f'<ol class="tm-bibliography" lang="en">{rows}</ol>'


def _value(v: object) -> str:
    """A parameter's value as text: a list as its items, not as Python's repr."""
    return ", ".join(map(str, v)) if isinstance(v, list) else str(v)


def marked(text: str, english: str, lang: str) -> str:
    """`text`, escaped, and marked as English where a page in another language shows it in English (a quotation the
    catalogs keep, or a text not yet translated): so a screen reader reads it as English, and a browser's fonts
    follow."""
    return f'<span lang="en">{esc(text)}</span>' if lang != "en" and text == english and text else esc(text)


def feature_details_html(props: dict, bib: Bibliography, level: int = 3, lang: str = "en") -> str:
    """Everything a reader asks of one shape, a student's questions first: the quote, what it shows, the reading,
    how certain it is and its sources, then its measures; how it was made (the method and its parameters, which a
    historian checks) folded under "How this shape was made".

    `level` is its heading's level, so the page's headings stay in order wherever it is shown. `lang`: the
    headings in that language (i18n.ui), the title, summary and interpretation too (i18n.content); the quotes,
    citations, measures and the method stay as they are."""
    _ = ui(lang).gettext
    fid = str(props.get("id", ""))

    def said(field: str) -> str:
        return translate(lang, f"feature:{fid}:{field}", str(props.get(field, "")))

    def shown(field: str) -> str:  # said, escaped, marked as English where it is
        return marked(said(field), str(props.get(field, "")), lang)

    english = ' lang="en"' if lang != "en" else ""  # the telegram's words, and the method, stay in English
    quotes = "".join(f"<blockquote{english}>{esc(q)}</blockquote>" for q in as_list(props.get("quote", [])))
    method = props.get("method", {})
    params = method.get("parameters") or {}
    param_rows = "".join(f"<li><code>{esc(k)}</code>: {esc(_value(v))}</li>" for k, v in params.items())
    cites = citations_html(props.get("citations", []), bib)
    measures = "".join(
        f"<li>{esc(_(MEASURES[k]) if k in MEASURES else k.replace('_', ' '))}: {esc(v)}</li>"
        for k, v in (props.get("measures") or {}).items()
    )
    when = props.get("when")
    when_html = ""
    if when:
        span = _("%(start)s to %(end)s") % {"start": when.get("start"), "end": when.get("end", when.get("start"))}
        said_when = _("When:")
        when_html = f"<p><b>{esc(said_when)}</b> {esc(span)}</p>"
    certainty = str(props.get("certainty", ""))
    certainty = _(CERTAINTY[certainty]) if lang != "en" and certainty in CERTAINTY else certainty
    band = ""
    if props.get("band"):
        band = f" ({esc(props['band'])} band)"
        if lang != "en" and props["band"] in BANDS:
            band = f" ({esc(_(BANDS[props['band']]))})"
    title = said("title")
    label = _("Details: %(title)s") % {"title": title}
    interpretation, sure, sources = _("Interpretation:"), _("Certainty:"), _("Sources:")
    measured, made, how = _("Measured:"), _("How this shape was made"), _("Method:")
    return (
        f'<div class="tm-details" data-feature="{esc(fid)}" role="region" aria-label="{esc(label)}">'
        f"<h{level}>{esc(title)}</h{level}>{quotes}"
        f"<p>{shown('summary')}</p>"
        f"<p><b>{esc(interpretation)}</b> {shown('interpretation')}</p>"
        f"<p><b>{esc(sure)}</b> {esc(certainty)}{band}</p>{when_html}"
        f"<p><b>{esc(sources)}</b></p><ul{english}>{cites}</ul>"
        + (f"<p><b>{esc(measured)}</b></p><ul>{measures}</ul>" if measures else "")
        + f'<details class="tm-method"><summary>{esc(made)}</summary>'
        f"<p><b>{esc(how)}</b> <span{english}>{esc(method.get('kind', ''))}: {esc(method.get('description', ''))}"
        "</span></p>" + (f"<ul{english}>{param_rows}</ul>" if param_rows else "")
        + "</details></div>"
    )


def feature_list_html(doc: Document, level: int = 4, links: bool = False, lang: str = "en") -> str:
    """A text mirror of the map for screen readers: every layer and feature, in draw order.

    Layers are headings of `level`. With `links`, each feature's title is a link that opens its
    details, as a click on its shape does: `?feature=ID` (app.py checks the id against the
    document), which the map component turns into the same in-page selection without a reload.
    `lang`: the layers' and features' titles and summaries in that language (i18n.content), where translated."""
    _ = ui(lang).gettext
    named = _("Layers and features as text")
    parts = [f'<nav class="tm-feature-list" aria-label="{esc(named)}">']
    for layer in doc.layers:
        clauses = esc(", ".join(layer.meta["clause"]))
        heading = translate(lang, f"layer:{layer.id}:title", layer.meta["title"])
        parts.append(f"<h{level}>{esc(heading)} <small>({clauses})</small></h{level}><ul>")
        for f in layer.features:
            p = f["properties"]
            title = esc(translate(lang, f"feature:{p['id']}:title", p["title"]))
            if links:
                fid = esc(p["id"])
                title = f'<a href="?feature={esc(quote(p["id"], safe=""))}" data-tm-feature="{fid}">{title}</a>'
            summary = marked(translate(lang, f"feature:{p['id']}:summary", p["summary"]), p["summary"], lang)
            certainty = p["certainty"]
            if lang != "en" and certainty in CERTAINTY:
                certainty = _(CERTAINTY[certainty])
            said = _("Certainty: %(certainty)s.") % {"certainty": certainty}
            parts.append(f"<li>{title}: {summary} <i>{esc(said)}</i></li>")
        parts.append("</ul>")
    parts.append("</nav>")
    return "".join(parts)


def passages_html(doc: Document) -> str:
    """Every part of the telegram, verbatim and in order, for the app and the export alike: a clause the
    map draws is a button (`data-clause`, `aria-pressed`) that selects its directive; any other part a
    paragraph (`data-clause` too)."""
    parts = ['<div class="tm-text" id="tm-text">']
    for c, text in doc.passages():
        shown = esc(text).replace("\n", "<br>")
        if c["id"] in MAPPED:
            parts.append(
                f'<p id="words-{esc(c["id"])}"><button type="button" class="tm-clause" data-clause="{esc(c["id"])}" '
                'aria-pressed="false">'
                f"{shown}</button></p>"
            )
        else:
            parts.append(f'<p data-clause="{esc(c["id"])}">{shown}</p>')
    parts.append("</div>")
    return "".join(parts)


def text_html(doc: Document, lang: str = "en") -> str:
    """The app's text beside the map (textview): the telegram, then the map as text. In Korean or Chinese the
    telegram stays in the English translation the map cites, and a sentence above it says so (#34)."""
    _ = ui(lang).gettext
    note = ""
    if lang != "en":
        note = (
            '<p class="tm-caption tm-translation-note">'
            + esc(
                _(
                    "The telegram is shown in the English translation that this map cites, the Wilson Center "
                    "Digital Archive's, translated from the Russian."
                )
            )
            + "</p>"
        )
    heading, caption = _("The text"), _("Click the words of a directive to see it on the map.")
    list_heading = _("Every layer and feature, as text")
    return (
        f"<h2>{esc(heading)}</h2>"
        + note
        + f'<p class="tm-caption">{esc(caption)}</p>'
        + passages_html(doc)
        # below the text, so the keyboard reaches the telegram's words before the list's 40 links
        + f'<h2 class="tm-list-heading">{esc(list_heading)}</h2>'
        + feature_list_html(doc, 3, links=True, lang=lang)
    )


def find_feature(doc: Document, fid: object) -> dict | None:
    if not isinstance(fid, str):
        return None
    for layer in doc.layers:
        for f in layer.features:
            if f["properties"]["id"] == fid:
                return f
    return None


def about_html(doc: Document, caveats: list[dict], lang: str = "en") -> str:
    """The document, which transcription the text follows, what historians disagree about, and every source; in
    `lang` (#34) but for the citations, the document's title and archive, and the words quoted from the telegram."""
    _ = ui(lang).gettext
    prov = doc.telegram.provenance
    bib = doc.bibliography

    def said(field: str, english: str) -> str:
        return esc(translate(lang, f"provenance:{field}", english))

    points = "".join(
        f"<li>{esc(translate(lang, f'notes:caveats-{n}:text', c['text']))} "
        f"<span lang=\"en\">{'; '.join(bib.cite(c.get('citations', [])))}</span></li>"
        for n, c in enumerate(caveats)
        if "text" in c
    )
    how = _(
        "Every shape is an interpretation of vague words. Mountain regions are derived by stated rules from a "
        "1/12-degree elevation grid (thresholds, distance from the border or from the Pyongyang–Wonsan line, "
        "smoothing), graded into a core band and a wider possible band. Front lines join dated positions that a cited "
        "source puts there; stretches no source documents are dotted and marked uncertain. Click any shape for its "
        "rule, parameters and sources."
    )
    cited = _(
        "Citations are rendered in the Chicago author-date style from the project's CSL-JSON bibliography "
        "(layers/sources.json), which Zotero can import."
    )
    texts = [said(f, prov[f]) for f in ("description", "translation", "verbatim") if prov.get(f)]
    # the headings looked up here, not in the f-strings below: pybabel reads no call inside an f-string
    document, cable, copied = _("The document"), _("Cable number."), _("Transcription.")
    disagree, made, sources = _("What historians disagree about"), _("How the shapes were made"), _("Sources")
    return (
        '<div class="tm-about">'
        f"<h2>{esc(document)}</h2><p lang=\"en\">{esc(prov['title'])}, {esc(prov['date'])}. "
        f'{esc(prov["archive"])}: <a href="{esc(prov["url"])}" target="_blank" rel="noopener">'
        f"{esc(prov['url'])}</a></p>"
        f"<p><b>{esc(cable)}</b> {said('cable_numbers', prov['cable_numbers']['note'])}</p>"
        f"<p><b>{esc(copied)}</b> {said('transcription', prov.get('transcription', ''))}</p>"
        f"<p>{' '.join(texts)}</p>"
        f"<h2>{esc(disagree)}</h2><ul>{points}</ul>"
        f"<h2>{esc(made)}</h2><p>{esc(how)}</p>"
        f"<h2>{esc(sources)}</h2><p>{esc(cited)}</p>{bibliography_html(bib)}</div>"
    )

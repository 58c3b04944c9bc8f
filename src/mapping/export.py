"""`python -m mapping export OUT.html`: the whole view as one self-contained, offline HTML file.

The map comes from the same renderer as the app (render.base_map). What the app does in
Python (selection, steps, the date), this page does in a small script over the same
paths and classes, so the testability contract holds in both: `data-clause` on the text,
`clause-ID` and `selected` on the paths.
"""

from __future__ import annotations

import base64
import re

from branca.element import Element, MacroElement
from jinja2 import Template

from .basemap import Basemap
from .clauses import MAPPED
from .document import Document
from .offline import ASSETS
from .paths import STATIC
from .render import base_map
from .views import bibliography_html, esc, feature_details_html, feature_list_html

VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*"\s*/?>')
MARK = "tm-inline://"  # assets are first linked here, then inlined
TITLE = "The telegram of 11 October 1950: an interactive map"

# branca's Figure page, valid HTML5: a language, and folium's map script inside the body
# (branca puts it after </body>). The title is set on the Figure.
PAGE_TEMPLATE = Template(
    "<!DOCTYPE html>\n"
    '<html lang="en">\n'
    "<head>\n"
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs)}}\n"
    "</head>\n"
    "<body>\n"
    "    {{this.html.render(**kwargs)}}\n"
    "<script>\n"
    "    {{this.script.render(**kwargs)}}\n"
    "</script>\n"
    "</body>\n"
    "</html>\n"
)

PAGE_CSS = """
<style>
html, body { margin: 0; height: 100%; }
#tm-panel { position: absolute; right: 0; top: 0; bottom: 0; width: 38%; overflow-y: auto; box-sizing: border-box;
  padding: 16px 20px; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; }
.folium-map { position: absolute !important; left: 0 !important; width: 62% !important; top: 0; bottom: 0;
  height: 100% !important; }
#tm-panel h1 { font-size: 1.5rem; margin: 0 0 4px 0; }
#tm-panel .tm-sub { color: #555; font-size: 0.9rem; }
#tm-panel h2 { font-size: 1.17em; margin: 1em 0; }
#tm-panel summary h3 { display: inline; font-size: 1em; font-weight: normal; margin: 0; }
.tm-text p { font-family: Georgia, serif; font-size: 1.05rem; line-height: 1.5; margin: 0 0 0.6rem 0; padding: 2px 6px;
  border-left: 4px solid transparent; }
.tm-text p.tm-mapped { cursor: pointer; }
.tm-text p.tm-mapped:hover, .tm-text p.tm-mapped:focus { background: #f1f1f1; text-decoration: underline; }
.tm-text p.tm-active, .tm-text p.tm-active:hover { background: #fff0a6; border-left: 4px solid #111; font-weight: 600; }
path.tm-dimmed { opacity: 0.25; }
.tm-details { border-top: 1px solid #ccc; margin-top: 8px; }
.tm-details blockquote { font-family: Georgia, serif; border-left: 4px solid #999; margin: 0.3rem 0; padding-left: 8px; }
#tm-step { font-weight: 600; }
</style>
"""


class ExportGlue(MacroElement):
    """The page's behaviour: clause <-> shape linking and keyboard steps (the map's MapState does the rest)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var DATA = {{ this.payload|tojson }};
            var current = null, stepIndex = -1;
            function features(fn) { map.eachLayer(function (l) { if (l.feature && l.feature.properties && l.feature.properties.kind) { fn(l); } }); }
            function select(clause, fit) {
                current = clause;
                window.tmApply({clause: clause});  // the renderer's MapState: classes, emphasis, dimming
                var bounds = L.latLngBounds([]);
                map.eachLayer(function (l) { if (l._path && l._path.classList.contains("selected")) { bounds.extend(l.getLatLng ? l.getLatLng() : l.getBounds()); } });
                document.querySelectorAll("#tm-panel [data-clause]").forEach(function (e) {
                    e.classList.toggle("tm-active", e.getAttribute("data-clause") === clause);
                    if (e.hasAttribute("aria-pressed")) { e.setAttribute("aria-pressed", String(e.getAttribute("data-clause") === clause)); }
                    if (e.getAttribute("data-clause") === clause) { e.scrollIntoView({block: "nearest"}); }
                });
                if (fit !== false && bounds.isValid()) { map.fitBounds(bounds, {padding: [20, 20], maxZoom: 9}); }
                stepIndex = DATA.steps.indexOf(clause);
                document.getElementById("tm-step").textContent = stepIndex >= 0 ? "Step " + (stepIndex + 1) + " of " + DATA.steps.length : "";
                history.replaceState(null, "", clause ? "#clause=" + clause : "#");
            }
            function details(id) {
                var box = document.getElementById("tm-details");
                box.innerHTML = DATA.details[id] || "";  // pre-rendered and escaped by the exporter
            }
            features(function (l) {
                l.on("click", function () {
                    var p = l.feature.properties;
                    details(p.id);
                    var first = p.clause.split(" ").filter(function (c) { return DATA.steps.indexOf(c) >= 0; })[0];
                    if (first) { select(first, false); }
                });
            });
            document.querySelectorAll("#tm-panel p.tm-mapped").forEach(function (p) {
                function go() { details(""); select(p.getAttribute("data-clause")); }
                p.addEventListener("click", go);
                p.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
            });
            document.addEventListener("keydown", function (e) {
                if (e.target && (e.target.tagName === "SELECT" || e.target.tagName === "INPUT")) { return; }
                var d = (e.key === "ArrowRight" || e.key === "PageDown") ? 1 : (e.key === "ArrowLeft" || e.key === "PageUp") ? -1 : 0;
                if (!d) { return; }
                e.preventDefault();
                var next = Math.max(0, Math.min(DATA.steps.length - 1, stepIndex + d));
                details("");
                select(DATA.steps[next]);
            });
            var m = /clause=([A-Z0-9]+)/.exec(location.hash);
            if (m && DATA.steps.indexOf(m[1]) >= 0) { select(m[1]); }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "ExportGlue"
        self.payload = payload


def panel_html(doc: Document) -> str:
    parts = [
        '<div id="tm-panel" role="complementary" aria-label="The telegram">',
        "<h1>The telegram of 11 October 1950</h1>",
        '<p class="tm-sub">Filippov [Stalin] and Zhou Enlai to Mao Zedong. Every shape on this map is an '
        "interpretation of the telegram's words; click a directive or a shape. Keys: → / PageDown next, "
        '← / PageUp previous. <span id="tm-step"></span></p>',
        '<div class="tm-text">',
    ]
    for c, text in doc.passages():
        shown = esc(text).replace("\n", "<br>")
        if c["id"] in MAPPED:
            parts.append(
                f'<p class="tm-mapped" data-clause="{esc(c["id"])}" tabindex="0" role="button" '
                f'aria-pressed="false">{shown}</p>'
            )
        else:
            parts.append(f'<p data-clause="{esc(c["id"])}">{shown}</p>')
    parts.append("</div>")
    parts.append('<div id="tm-details" class="tm-details" aria-live="polite"></div>')
    prov = doc.telegram.provenance
    parts.append(
        f"<h2>About this document</h2><p>{esc(prov['title'])}, {esc(prov['date'])}. {esc(prov['archive'])}: "
        f"{esc(prov['url'])}</p><p>{esc(prov['cable_numbers']['note'])}</p>"
    )
    parts.append(  # a heading, so the list's layer headings (h4) follow an h3
        f"<details><summary><h3>All layers and features, as text</h3></summary>{feature_list_html(doc)}</details>"
    )
    parts.append(f"<details><summary>Sources</summary>{bibliography_html(doc.bibliography)}</details>")
    parts.append("</div>")
    return "".join(parts)


def _inline_css(text: str) -> str:
    """Leaflet's CSS points at its images; embed them so the file needs nothing beside it."""

    def repl(m: re.Match) -> str:
        path = STATIC / "vendor" / "leaflet" / m.group(1)
        if not path.exists():
            return m.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"

    text = re.sub(r"\s*behavior: url\(#default#VML\);", "", text)  # IE 6-8 only, and not CSS
    return re.sub(r"url\((images/[a-z0-9-]+\.png)\)", repl, text)


def standalone_html(doc: Document, base: Basemap, dates: list[dict]) -> str:
    fmap = base_map(base, doc, MARK, dates=dates)
    payload = {
        "steps": MAPPED,
        "details": {
            f["properties"]["id"]: feature_details_html(f["properties"], doc.bibliography, level=2)
            for ly in doc.layers
            for f in ly.features
        },
    }
    ExportGlue(payload).add_to(fmap)
    root = fmap.get_root()
    root._template = PAGE_TEMPLATE
    root.title = esc(TITLE)
    root.header.add_child(Element(PAGE_CSS), name="tm_page_css")
    root.html.add_child(Element(panel_html(doc)), name="tm_panel")
    # folium's viewport forbids zooming (maximum-scale=1.0, user-scalable=no): a reader must be able to zoom
    page = VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1.0" />', root.render(), 1)
    if "user-scalable=no" in page:
        raise RuntimeError("folium's viewport, which forbids zooming, was not replaced")
    for rel in filter(None, ASSETS.values()):
        text = (STATIC / rel).read_text(encoding="utf-8")
        if rel.endswith(".js"):
            text = text.replace("</script", "<\\/script")
            page = page.replace(f'<script src="{MARK}{rel}"></script>', f"<script>{text}</script>")
        else:
            page = page.replace(f'<link rel="stylesheet" href="{MARK}{rel}"/>', f"<style>{_inline_css(text)}</style>")
    if MARK in page:
        raise RuntimeError("an asset was not inlined: " + page[page.index(MARK) - 40 : page.index(MARK) + 80])
    return page

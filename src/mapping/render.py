"""The one map renderer: the app, the standalone export and the handout all start here.

It turns the loaded base geography into a folium map. It never computes geometry; it
only styles what geodata/ (and later layers/) already hold.
"""

from __future__ import annotations

import html
import json
import math

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from .basemap import Basemap
from .bibliography import Bibliography
from .document import Document, Layer, as_list
from .offline import data_uri, localize
from .paths import WEB
from .state import STEP_LAYERS, STEPS, clause_of
from .views import legend_html

CENTER = (40.3, 126.8)
ZOOM = 6
BOUNDS = [[33.0, 115.0], [50.0, 135.0]]  # the geodata window
SEA = "#c6dbe8"
NO_DATA = "#e9e7e1"  # beyond the window the base data covers: neither land nor sea

CREDITS = (
    "Base map: Natural Earth; GSHHG (Wessel &amp; Smith); DCW-GMT; relief from pvlib Altitude.h5 "
    "(Mapzen: SRTM, GMTED2010, ETOPO1); places: GeoNames (CC BY 4.0). Leaflet (BSD-2)."
)

CSS = f"""
<style>
div.leaflet-container {{ background: {NO_DATA} repeating-linear-gradient(135deg, {NO_DATA} 0 6px, #dedbd3 6px 7px);
                        font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }}
.pl {{ white-space: nowrap; font-size: 12px; line-height: 14px; color: #222; pointer-events: none; }}
.pl .nm {{ pointer-events: auto; }}  /* only the name takes the hover: the point under the dot stays clickable */
.pl .dot {{ display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: #222;
           border: 1px solid #fff; margin-right: 3px; vertical-align: middle; }}
.pl .nm {{ text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff, 0 0 3px #fff; }}
.pl-left {{ text-align: right; }}
.pl-left .dot {{ margin: 0 0 0 3px; }}
.leaflet-control-attribution {{ font-size: 10px; line-height: 1.3; max-width: 60%; }}
.pl-r1 .nm {{ font-weight: 700; font-size: 13px; }}
.pl-r3 .nm {{ font-size: 11px; color: #333; }}
.map-z5 .pl-r3, .map-z6 .pl-r3, .map-z5 .pl-r2 {{ display: none; }}
.pl-yield .nm {{ visibility: hidden; }}  /* a label that would overlap one of higher priority yields its name */
path.tm-dimmed {{ opacity: 0.3; }}
path.tm-quiet:not(.selected) {{ fill-opacity: 0.22; stroke-opacity: 0.55; }}
/* keyboard focus is always visible: a shape takes a heavy dark outline, a control a blue ring */
path.tm-feature:focus {{ outline: none; }}
path.tm-feature:focus-visible {{ stroke: #111; stroke-width: 6px; stroke-dasharray: none; stroke-opacity: 1; opacity: 1; }}
.leaflet-container a:focus-visible, .leaflet-container select:focus-visible, .leaflet-container input:focus-visible,
.leaflet-container label:focus-within, .tm-legend-body:focus-visible {{ outline: 3px solid #0072B2; outline-offset: 1px; }}
.tm-allnone a {{ width: auto !important; padding: 0 8px; font-size: 12px; }}
.leaflet-control-layers-expanded {{ font-size: 13px; max-height: 60vh; overflow-y: auto; }}
.nm-modern {{ display: none; }}
.names-modern .nm-modern {{ display: inline; }}
.names-modern .nm-1950 {{ display: none; }}
.tm-names {{ background: #fff; padding: 4px 8px; font-size: 12px; line-height: 1.6; }}
.tm-datebox {{ background: rgba(255,255,255,0.92); padding: 3px 7px; font-size: 12px; line-height: 1.35; max-width: 230px; }}
.tm-datebox select {{ font-size: 12px; }}
.tm-date-caption {{ color: #333; margin-top: 2px; font-size: 11px; }}
.tm-legendbox {{ background: #fff; font-size: 12px; line-height: 1.4; }}
.tm-legendbox a.tm-legend-toggle {{ width: auto !important; padding: 0 10px; font-size: 13px; font-weight: 600; }}
.tm-legend-body {{ max-width: 380px; max-height: 52vh; overflow-y: auto; padding: 6px 10px; }}
.tm-legend-body li {{ margin: 0 0 4px 0; }}
.region-label {{ white-space: nowrap; font-size: 12px; letter-spacing: 0.2em; color: #5a4a32;
                 text-transform: uppercase; opacity: 0.85; pointer-events: none; }}
</style>
"""


DASH = {"certain": None, "less-certain": "10 6", "uncertain": "3 6"}
PATTERNS = ("hatch", "dots")


def pattern_id(kind: str, color: str) -> str:
    return f"tm-{kind}-{color.lstrip('#').lower()}"


# Large areas that set the scene rather than carry a directive: drawn quietly until their clause is
# selected, so the first view reads at a glance and their hatching does not drown the directives
QUIET = {"c4-reception-area", "c3-enemy-rear", "c3-mao-plan-1950-10-14"}
QUIET_LAYERS = {"ctx-un-held"}


def css_classes(layer: Layer, props: dict) -> str:
    """The testability contract: every path carries `clause-ID` for each clause it maps."""
    clauses = " ".join(f"clause-{c}" for c in as_list(props["clause"]))
    band = f" band-{props['band']}" if props.get("band") else ""
    quiet = " tm-quiet" if props["id"] in QUIET or layer.id in QUIET_LAYERS else ""
    return f"tm-feature {clauses} layer-{layer.id} cert-{props['certainty']}{band} kind-{layer.meta['kind']}{quiet}"


def feature_style(layer: Layer, props: dict, geom_type: str) -> dict:
    """Colour from the layer; pattern from the band; dash from the certainty. Never colour alone."""
    st = layer.meta["style"]
    color = st["color"]
    style: dict = {
        "color": color,
        "weight": st.get("weight", 2),
        "opacity": 0.95,
        "dashArray": DASH[props["certainty"]],
        "className": css_classes(layer, props),
    }
    if "Polygon" in geom_type:
        pattern = "hatch" if props.get("band") == "possible" else st.get("pattern", "solid")
        style["weight"] = 2 if props.get("band") != "possible" else 1.5
        if pattern in PATTERNS:
            style.update(fillColor=f"url(#{pattern_id(pattern, color)})", fillOpacity=0.8)
        else:
            style.update(fillColor=color, fillOpacity=st.get("fillOpacity", 0.35))
    elif "Point" in geom_type:
        style.update(
            fillColor=color,
            fillOpacity=0.9,
            color="#ffffff" if props["certainty"] == "certain" else color,
            weight=2,
            radius=7,
        )
    return style


def display_collection(layer: Layer) -> dict:
    """Only what the browser needs: the shape, its id, clauses, title, certainty, kind and dates."""
    feats = []
    for f in layer.features:
        p = f["properties"]
        when = p.get("when") or {}
        feats.append(
            {
                "type": "Feature",
                "id": p["id"],
                "geometry": f["geometry"],
                "properties": {
                    "id": p["id"],
                    "clause": " ".join(as_list(p["clause"])),
                    "title": p["title"],  # shown with textContent, never as HTML
                    "certainty": p["certainty"],
                    "kind": layer.meta["kind"],
                    "when_start": when.get("start"),
                    "when_end": when.get("end", when.get("start")),
                    "style": feature_style(layer, p, f["geometry"]["type"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


class Patterns(MacroElement):
    """SVG fill patterns (hatching, dots) for the uncertain bands, added to the map's SVG once."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var svg = map.getPanes().overlayPane.querySelector("svg");
            if (!svg) { return; }
            var ns = "http://www.w3.org/2000/svg";
            var defs = document.createElementNS(ns, "defs");
            {{ this.patterns|tojson }}.forEach(function (p) {
                var pat = document.createElementNS(ns, "pattern");
                pat.setAttribute("id", p.id);
                pat.setAttribute("patternUnits", "userSpaceOnUse");
                pat.setAttribute("width", 8);
                pat.setAttribute("height", 8);
                if (p.kind === "hatch") {
                    pat.setAttribute("patternTransform", "rotate(45)");
                    var ln = document.createElementNS(ns, "line");
                    ln.setAttribute("x1", 0); ln.setAttribute("y1", 0);
                    ln.setAttribute("x2", 0); ln.setAttribute("y2", 8);
                    ln.setAttribute("stroke", p.color); ln.setAttribute("stroke-width", 2);
                    ln.setAttribute("stroke-opacity", 0.6);
                    pat.appendChild(ln);
                } else {
                    var c = document.createElementNS(ns, "circle");
                    c.setAttribute("cx", 4); c.setAttribute("cy", 4); c.setAttribute("r", 1.6);
                    c.setAttribute("fill", p.color); c.setAttribute("fill-opacity", 0.8);
                    pat.appendChild(c);
                }
                defs.appendChild(pat);
            });
            svg.insertBefore(defs, svg.firstChild);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, colors: list[str]) -> None:
        super().__init__()
        self._name = "Patterns"
        self.patterns = [
            {"id": pattern_id(kind, c), "kind": kind, "color": c} for c in sorted(set(colors)) for kind in PATTERNS
        ]


class DataLayer(folium.map.Layer):
    """A GeoJSON layer whose features come from the shared data bundle (window.TM_DATA[key]).

    The bundle is one script loaded once (a cached static file in the app, inline in the
    export), so the map script itself stays small and a rerun resends kilobytes, not the
    half-megabyte of geometry. Styles and hover labels are constant JavaScript from this module.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            style: {{ this.style_js }},
            pointToLayer: function (f, ll) { return L.circleMarker(ll, Object.assign({radius: 7}, ({{ this.style_js }})(f))); },
            onEachFeature: {{ this.each_js }},
            interactive: {{ this.interactive|tojson }}
        });
        window.tmData(function (data) { {{ this.get_name() }}.addData(data[{{ this.key|tojson }}]); });
        {% if this.register %}(window.TM_LAYERS = window.TM_LAYERS || []).push({{ this.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        key: str,
        name: str,
        style_js: str,
        label_field: str | None = None,
        interactive: bool = True,
        show: bool = True,
        register: bool = False,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DataLayer"
        self.register = register  # a telegram layer: MapState selects, dims and dates its features
        self.key = key
        self.style_js = style_js
        self.each_js = str(tooltip_from(label_field)) if label_field else "function () {}"
        self.interactive = interactive


class DataScript(MacroElement):
    """`tmData(fn)`: calls fn with the data bundle as soon as the map has it.

    The export carries the bundle inline in its head. The app's map loads it from `url`
    itself, after the map and its controls are drawn rather than before: the download
    overlaps that work (st_folium loads the frame's scripts one by one). Measured with the
    bench's first-map probe, 24 alternating rounds in one run: 1.36 -> 1.32x the bare page.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.tmData = (function (map, url) {
            var data = window.TM_DATA || null, waiting = [];
            if (!data && url) {
                var s = document.createElement("script");
                s.src = url;
                s.onload = function () { data = window.TM_DATA; waiting.splice(0).forEach(function (fn) { fn(data); }); };
                s.onerror = function () {
                    map.attributionControl.addAttribution("<b>The map's data did not load: reload the page.</b>");
                };
                document.head.appendChild(s);
            }
            return function (fn) { if (data) { fn(data); } else { waiting.push(fn); } };
        })({{ this._parent.get_name() }}, {{ this.url|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self._name = "DataScript"
        self.url = url


def const_style(**kw: object) -> str:
    return f"function () {{ return {json.dumps(kw)}; }}"


PROPERTY_STYLE = "function (f) { return f.properties.style; }"
RIVER_STYLE = 'function (f) { return {color: "#3f7fb0", opacity: 0.85, weight: f.properties.name ? 1.8 : 0.8}; }'
BORDER_STYLE = (
    'function (f) { return {color: "#2b2b2b", weight: 2.2, '
    'dashArray: f.properties.section === "paektu" ? "7 5" : null}; }'
)
BASE_KEYS = ("countries", "manchuria", "rivers", "border", "parallel")


# the only base properties the map uses (hover labels and styles); sources stay in geodata/ and the About panel
BASE_PROPS = {"countries": ("name_1950",), "manchuria": (), "rivers": ("name",), "border": ("section",), "parallel": ()}


def _slim(collection: dict, keep: tuple[str, ...]) -> dict:
    feats = [
        {
            "type": "Feature",
            "properties": {k: f["properties"][k] for k in keep if k in f["properties"]},
            "geometry": f["geometry"],
        }
        for f in collection["features"]
    ]
    return {"type": "FeatureCollection", "features": feats}


DISPLAY_DECIMALS = 4  # about 11 m: finer than a screen pixel at the map's closest zoom (10)


def _rounded(coords: object) -> object:
    if isinstance(coords, float):
        return round(coords, DISPLAY_DECIMALS)
    if isinstance(coords, list):
        return [_rounded(c) for c in coords]
    return coords


def _display(collection: dict) -> dict:
    """The same features with coordinates rounded for display; the data files keep full precision."""
    feats = [
        {**f, "geometry": {**f["geometry"], "coordinates": _rounded(f["geometry"]["coordinates"])}}
        for f in collection["features"]
    ]
    return {**collection, "features": feats}


def data_bundle(base: Basemap, doc: Document | None) -> dict[str, dict]:
    """Everything the map draws, keyed by layer, with only the properties it uses: sent once."""
    bundle = {f"base-{k}": _slim(base.collections[k], BASE_PROPS[k]) for k in BASE_KEYS if k in base.collections}
    for layer in doc.layers if doc else []:
        bundle[f"layer-{layer.id}"] = display_collection(layer)
    return {k: _display(v) for k, v in bundle.items()}


def bundle_script(bundle: dict[str, dict]) -> str:
    """The bundle as a script; '<' is escaped so no string in the data can close a script tag.

    It is a string handed to JSON.parse, not an object literal: V8 parses JSON faster (about
    23 against 35 ms for this bundle in Chromium here)."""
    text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.TM_DATA = JSON.parse({json.dumps(text, ensure_ascii=False)});\n"


def add_document_layers(fmap: folium.Map, doc: Document) -> None:
    """One GeoJSON layer per layer file, in draw order, each toggleable by its title."""
    for layer in doc.layers:
        DataLayer(
            f"layer-{layer.id}",
            html.escape(layer.meta["title"]),
            PROPERTY_STYLE,
            label_field="title",
            register=True,
        ).add_to(fmap)
    Patterns([ly.meta["style"]["color"] for ly in doc.layers]).add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    all_none().add_to(fmap)


class BrowserControl(MacroElement):
    """A small Leaflet control that works in the browser alone: no rerun, no reload.

    `build` is a constant JavaScript function from this module, called as build(box, map)
    to fill the control's box.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function () {
                var box = L.DomUtil.create("div", {{ this.css_class|tojson }});
                box.setAttribute("role", {{ this.role|tojson }});
                box.setAttribute("aria-label", {{ this.label|tojson }});
                ({{ this.build }})(box, map);
                L.DomEvent.disableClickPropagation(box);
                return box;
            };
            ctl.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, position: str, css_class: str, role: str, label: str, build: str) -> None:
        super().__init__()
        self._name = name
        self.position, self.css_class, self.role, self.label, self.build = position, css_class, role, label, build


def all_none() -> BrowserControl:
    """'All' and 'None' buttons for the layer toggles."""
    return BrowserControl(
        "AllNone",
        "topright",
        "leaflet-bar tm-allnone",
        "group",
        "Show all or no telegram layers",
        """function (box) {
            [["All", true], ["None", false]].forEach(function (spec) {
                var b = L.DomUtil.create("a", "tm-allnone-" + spec[0].toLowerCase(), box);
                b.href = "#"; b.textContent = spec[0]; b.setAttribute("role", "button");
                // the name starts with the visible word, so speech input ("click None") finds it
                b.setAttribute("aria-label", spec[1] ? "All: show every layer" : "None: hide every layer");
                L.DomEvent.on(b, "keydown", function (e) { if (e.key === " ") { L.DomEvent.preventDefault(e); b.click(); } });
                L.DomEvent.on(b, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    document.querySelectorAll(".leaflet-control-layers-overlays input").forEach(function (inp) {
                        if (inp.checked !== spec[1]) { inp.click(); }
                    });
                });
            });
        }""",
    )


def legend(html_text: str) -> BrowserControl:
    """The legend in the map, so it is there in present mode, full screen and the export alike.

    `html_text` is views.legend_html: built from escaped data only. It opens from a button,
    so it covers no shapes until asked for."""
    return BrowserControl(
        "Legend",
        "bottomright",
        "leaflet-bar tm-legendbox",
        "region",
        "Legend",
        """function (box) {
            var button = L.DomUtil.create("a", "tm-legend-toggle", box);
            button.href = "#"; button.textContent = "Legend"; button.setAttribute("role", "button");
            button.setAttribute("aria-expanded", "false");
            L.DomEvent.on(button, "keydown", function (e) { if (e.key === " ") { L.DomEvent.preventDefault(e); button.click(); } });
            var body = L.DomUtil.create("div", "tm-legend-body", box);
            body.hidden = true;
            body.tabIndex = 0;  // it scrolls: the keyboard must be able to scroll it too
            body.setAttribute("role", "group");
            body.setAttribute("aria-label", "The legend's entries");
            L.DomEvent.disableScrollPropagation(box);
            L.DomEvent.on(button, "click", function (e) {
                L.DomEvent.preventDefault(e);
                if (!body.firstChild) {  // built when first opened: nothing to parse while the map loads
                    body.innerHTML = """
        + json.dumps(html_text).replace("</", "<\\/")  # nothing in it can close the script
        + """;
                }
                body.hidden = !body.hidden;
                button.setAttribute("aria-expanded", String(!body.hidden));
                button.textContent = body.hidden ? "Legend" : "Hide the legend";
            });
        }""",
    )


def date_control(dates: list[dict], date: str, bib: Bibliography) -> BrowserControl:
    """'What had happened by': picks the date for which MapState shows the dated features."""
    shown = [
        {**{k: d[k] for k in ("date", "label", "caption")}, "source": "; ".join(bib.cite(d["citations"], False))}
        for d in dates
    ]
    return BrowserControl(
        "DateControl",
        "topleft",  # over Manchuria, away from the directives
        "leaflet-bar tm-datebox",
        "group",
        "What had happened by a date",
        """function (box) {
            var DATES = """
        + json.dumps(shown).replace("</", "<\\/")
        + """, sel, cap;
            var label = L.DomUtil.create("label", "", box);
            label.htmlFor = "tm-date"; label.textContent = "What had happened by ";
            sel = L.DomUtil.create("select", "", box);
            sel.id = "tm-date";
            DATES.forEach(function (d) {
                var o = document.createElement("option"); o.value = d.date; o.textContent = d.label + " 1950"; sel.appendChild(o);
            });
            cap = L.DomUtil.create("div", "tm-date-caption", box);
            cap.id = "tm-date-caption"; cap.setAttribute("aria-live", "polite");
            function caption() {
                var d = DATES.filter(function (e) { return e.date === sel.value; })[0];
                cap.textContent = d ? d.caption + " Source: " + d.source : "";
            }
            sel.value = """
        + json.dumps(date)
        + """;
            caption();
            sel.addEventListener("change", function () { caption(); window.tmApply({date: sel.value}); });
            L.DomEvent.disableScrollPropagation(box);
        }""",
    )


def name_switch() -> BrowserControl:
    """1950 or modern place names: a class on the map container that the label CSS follows."""
    return BrowserControl(
        "NameSwitch",
        "bottomleft",
        "leaflet-bar tm-names",
        "radiogroup",
        "Place names",
        """function (box, map) {
            box.innerHTML = '<label><input type="radio" name="tm-names" value="1950" checked> 1950 names</label><br>' +
                            '<label><input type="radio" name="tm-names" value="modern"> Modern names</label>';
            box.querySelectorAll("input").forEach(function (inp) {
                inp.addEventListener("change", function () {
                    map.getContainer().classList.toggle("names-modern", inp.value === "modern" && inp.checked);
                });
            });
        }""",
    )


class PlaceLabels(MacroElement):
    """Place labels as DivIcon markers, built in the browser from a compact list.

    One element instead of one folium Marker per place: less to render on every rerun, and
    no default marker icon (an image file) is ever requested. Text goes in via textContent.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var pane = L.layerGroup().addTo(map);
            function label(p) {
                var box = document.createElement("div");
                box.className = "pl pl-r" + p.rank + (p.left ? " pl-left" : "");
                box.dataset.rank = p.rank;
                box.dataset.name = p.n1950;
                box.title = p.title;
                var dot = document.createElement("span"); dot.className = "dot";
                var old = document.createElement("span"); old.className = "nm nm-1950"; old.textContent = p.n1950;
                var now = document.createElement("span"); now.className = "nm nm-modern"; now.textContent = p.modern;
                if (p.left) { box.append(old, now, dot); } else { box.append(dot, old, now); }
                return box;
            }
            {{ this.places|tojson }}.forEach(function (p) {
                var icon = L.divIcon({html: label(p), className: "", iconSize: [160, 16], iconAnchor: p.left ? [156, 8] : [4, 8]});
                L.marker([p.lat, p.lon], {icon: icon, keyboard: false, interactive: false}).addTo(pane);
            });
            var region = L.divIcon({html: '<div class="region-label">Manchuria</div>', className: "", iconSize: [120, 16], iconAnchor: [60, 8]});
            L.marker([44.2, 125.2], {icon: region, interactive: false, keyboard: false}).addTo(pane);
            {{ this.declutter_js }}
            window.tmDeclutterLabels(map, pane);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict]) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.declutter_js = (WEB / "declutter.js").read_text(encoding="utf-8")  # web/declutter.js, inlined
        self.places = []
        for f in features:
            p = f["properties"]
            if int(p.get("rank", 3)) >= 4:
                continue  # rank 4: a gazetteer entry that dated positions use, not labelled on the map
            lon, lat = f["geometry"]["coordinates"]
            title = " · ".join(
                x for x in (f"1950: {p.get('name_1950')}", f"today: {p.get('name_modern')}", p.get("native")) if x
            )
            self.places.append(
                {
                    "lat": lat,
                    "lon": lon,
                    "rank": int(p.get("rank", 3)),
                    "left": p.get("label_side") == "left",
                    "n1950": str(p.get("name_1950", "")),
                    "modern": str(p.get("name_modern", "")),
                    "title": title,
                }
            )


class MapState(MacroElement):
    """The view, applied in the browser: the selected clause, the present step and the date.

    The app and the export both drive the map through `window.tmApply(state)`: it marks the
    selected clause's paths `selected` and dims the rest, shows the dated features active on
    the date, and can move the map. A rerun sends only that small state (never geometry), so a
    step costs the server almost nothing and the map never reloads. In the app, present mode
    also answers the arrow and PageUp/PageDown keys and the step buttons here at once, while
    Streamlit reruns the step panel. The date comes from `date_control`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var STEPS = {{ this.steps|tojson }};
            var state = {mode: "explore", clause: null, step: 0, date: {{ this.date|tojson }}};
            function features(fn) {
                (window.TM_LAYERS || []).forEach(function (g) { g.eachLayer(fn); });
            }
            function active() {
                return state.mode === "present" ? (STEPS[state.step] || {}).clause || null : state.clause;
            }
            function emphasize(l, on) {  // the selection drawn heavier, as the layer's own style plus two
                var s = l.feature.properties.style || {}, w = s.weight || 2;
                var style = {weight: on ? w + 2 : w, opacity: on ? 1 : (s.opacity == null ? 0.95 : s.opacity)};
                if (s.fillOpacity != null && String(s.fillColor || "").indexOf("url(") !== 0) {
                    style.fillOpacity = on ? Math.min(0.75, s.fillOpacity + 0.2) : s.fillOpacity;
                }
                l.setStyle(style);
            }
            function apply() {
                var clause = active(), had = document.activeElement;
                features(function (l) {
                    var p = l.feature.properties;
                    if (!l._path) { return; }  // a layer never shown yet: overlayadd applies the state
                    var on = !!clause && p.kind === "directive" && (" " + p.clause + " ").indexOf(" " + clause + " ") >= 0;
                    if (l._tmOn !== on) { l._tmOn = on; emphasize(l, on); }
                    l._path.classList.toggle("selected", on);
                    l._path.classList.toggle("tm-dimmed", !!clause && !on);
                    if (on && l._map) { l.bringToFront(); }
                    if (p.kind === "context") {
                        var shown = !state.date || !p.when_start || (p.when_start <= state.date && state.date <= p.when_end);
                        l._path.style.display = shown ? "" : "none";
                    }
                });
                // bringToFront moves a path in the document, which takes focus from it: give it back
                if (had && had !== document.activeElement && had.isConnected && had.getAttribute("data-tm-id")) {
                    had.focus({preventScroll: true});
                }
            }
            window.tmApply = function (next) {
                Object.keys(next).forEach(function (k) { if (k !== "view") { state[k] = next[k]; } });
                apply();
                if (next.view) {  // views are fitted for a 720 x 640 map: a phone's smaller map zooms out to match
                    var size = map.getSize(), k = Math.min(size.x / 720, size.y / 640);
                    map.setView(next.view.center, next.view.zoom + Math.min(0, Math.round(Math.log2(k))));
                }
                // in present mode the arrow keys step the presentation; they pan the map only when exploring
                if (map.keyboard) { if (state.mode === "present") { map.keyboard.disable(); } else { map.keyboard.enable(); } }
                rove();
                return state;
            };
            // choosing a shape: a click, or Enter / Space on a focused one. The page hears it as a DOM event
            // (the app's component sends it to Python; the export opens the details itself)
            function choose(p) { window.dispatchEvent(new CustomEvent("tm-select", {detail: p.id})); }
            function describe(l) {  // once per path: an accessible name and a roving tab stop
                var p = l.feature.properties, el = l._path;
                if (!el || el.getAttribute("data-tm-id")) { return; }
                el.setAttribute("data-tm-id", p.id);
                el.setAttribute("role", "button");
                el.setAttribute("tabindex", "-1");
                el.setAttribute("aria-label", p.title + " (" + String(p.clause).replace(/,/g, ", ") + "; " + p.certainty + ")");
            }
            function shown(l) { return l._path && l._map && l._path.style.display !== "none"; }
            function stops() {  // the shapes a keyboard user can reach, in draw order
                var out = [];
                features(function (l) { describe(l); if (shown(l)) { out.push(l._path); } });
                return out;
            }
            function rove() {  // one tab stop into the shapes: the selected clause's first, else the first
                var all = stops(), first = all.filter(function (el) { return el.classList.contains("selected"); })[0] || all[0];
                all.forEach(function (el) { el.setAttribute("tabindex", el === first ? "0" : "-1"); });
                // the base map's hover-only shapes (countries) take focus in Chromium because their tooltips
                // listen for it: nameless tab stops, so out of the tab order (the map's labels name them)
                map.getPanes().overlayPane.querySelectorAll("path.leaflet-interactive:not([data-tm-id]):not([tabindex])").forEach(function (el) {
                    el.setAttribute("tabindex", "-1");
                });
            }
            var box = map.getContainer();
            box.addEventListener("keydown", function (e) {
                var el = e.target, id = el && el.getAttribute && el.getAttribute("data-tm-id");
                if (!id) { return; }
                if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    features(function (l) { if (l._path === el) { choose(l.feature.properties); } });
                } else if (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Home" || e.key === "End") {
                    e.preventDefault();
                    e.stopPropagation();  // not a pan of the map: a move to the next shape
                    var all = stops(), i = all.indexOf(el);
                    var j = e.key === "Home" ? 0 : e.key === "End" ? all.length - 1 : i + (e.key === "ArrowDown" ? 1 : -1);
                    var next = all[Math.max(0, Math.min(all.length - 1, j))];
                    if (next) { el.setAttribute("tabindex", "-1"); next.setAttribute("tabindex", "0"); next.focus({preventScroll: true}); }
                }
            }, true);
            // Leaflet focuses the map on mousedown and scrolls the window back, but Streamlit scrolls
            // an inner element, so the page jumped and the first click missed: focus without scrolling first
            box.addEventListener("mousedown", function () { box.focus({preventScroll: true}); }, true);
            (window.TM_LAYERS || []).forEach(function (g) {
                g.on("click", function (e) { if (e.layer && e.layer.feature) { choose(e.layer.feature.properties); } });
            });
            map.on("overlayadd", function () { apply(); rove(); });
            apply();
            window.tmData(function () { apply(); rove(); });  // the features arrive with the data bundle
            {% if this.keys %}
            function go(delta) {
                if (state.mode !== "present") { return; }
                var next = Math.max(0, Math.min(STEPS.length - 1, state.step + delta));
                if (next !== state.step) { window.tmApply({step: next, view: STEPS[next]}); }
            }
            var doc = window.parent && window.parent !== window ? window.parent.document : document;
            if (doc) {
                doc.__tmPresentGo = go;  // the newest map frame answers, even if an older one registered the listener
                doc.__tmStepButtons = {{ this.step_buttons|tojson }};
                if (!doc.__tmPresentKeys) {
                    doc.__tmPresentKeys = true;
                    doc.addEventListener("keydown", function (e) {
                        if (e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) { return; }
                        var d = (e.key === "ArrowRight" || e.key === "PageDown") ? 1 : (e.key === "ArrowLeft" || e.key === "PageUp") ? -1 : 0;
                        if (d && doc.__tmPresentGo) { try { doc.__tmPresentGo(d); } catch (err) {} }
                    }, true);
                    // the page's own step buttons, clicked: Streamlit's key shortcuts press them without a DOM click
                    doc.addEventListener("click", function (e) {
                        var buttons = doc.__tmStepButtons || {};
                        Object.keys(buttons).forEach(function (sel) {
                            var b = e.target && e.target.closest && e.target.closest(sel);
                            if (b && !b.disabled && doc.__tmPresentGo) { try { doc.__tmPresentGo(buttons[sel]); } catch (err) {} }
                        });
                    }, true);
                }
            }
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, steps: list[dict], date: str | None, keys: bool, step_buttons: dict[str, int]) -> None:
        super().__init__()
        self._name = "MapState"
        self.steps, self.date, self.keys, self.step_buttons = steps, date, keys, step_buttons


def present_views(doc: Document | None, steps: list[str]) -> list[dict]:
    """Each present step's clause and the map view that fits its layers (the whole map for the others).

    A step listed in STEP_LAYERS frames only those layers, so a small zone is not lost in a view
    made for a large one."""
    views = []
    for name in steps:
        clause = clause_of(name)
        layers = doc.layers_for(clause) if doc is not None and clause else []
        framed = [ly for ly in layers if ly.id in STEP_LAYERS.get(name, (ly.id,))] or layers
        center, zoom = fit_view([f for ly in framed for f in ly.features]) if framed else (CENTER, ZOOM)
        views.append({"clause": clause if layers else None, "center": list(center), "zoom": zoom})
    return views


def state_script(**state: object) -> str:
    """What a rerun sends to the live map: the view state, a few bytes of JSON."""
    return f"window.tmApply && window.tmApply({json.dumps(state, separators=(',', ':'))});\n"


class MapExtras(MacroElement):
    """Credits, and a `map-zN` class on the map container so labels can thin out by zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.attributionControl.setPrefix(false);
            map.attributionControl.addAttribution({{ this.credits|tojson }});
            var box = map.getContainer();
            box.setAttribute("aria-label", {{ this.label|tojson }});
            function zoomClass() {
                box.className = box.className.replace(/\\bmap-z\\d+\\b/g, "").trim() + " map-z" + map.getZoom();
            }
            map.on("zoomend", zoomClass);
            zoomClass();
            // no edge of the world drawn as sea: the sea is painted only inside the window the base data
            // covers; beyond it the map shows a neutral "no data" ground, never land in the sea's colour
            map.createPane("tmSea").style.zIndex = 100;
            L.rectangle({{ this.bounds|tojson }}, {pane: "tmSea", stroke: false, fillColor: {{ this.sea|tojson }},
                         fillOpacity: 1, interactive: false}).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, credits: str, label: str) -> None:
        super().__init__()
        self._name = "MapExtras"
        self.bounds, self.sea = BOUNDS, SEA
        self.credits = credits
        self.label = label


def tooltip_from(field: str) -> folium.JsCode:
    """A hover label from one property, set as text (never parsed as HTML).

    folium's GeoJsonTooltip compiles a template on every render, which made each rerun
    slow; this is a constant snippet."""
    return folium.JsCode(
        "function (feature, layer) { var s = document.createElement('span');"
        f" s.textContent = feature.properties[{json.dumps(field)}] || ''; layer.bindTooltip(s); }}"
    )


def add_base_layers(fmap: folium.Map, base: Basemap, relief_url: str | None = None) -> None:
    """Relief, countries, provinces, rivers, the border, the 38th parallel and place labels."""
    fmap.get_root().header.add_child(Element(CSS), name="telegram_map_css")
    folium.map.CustomPane("relief", z_index=250, pointer_events=False).add_to(fmap)
    if base.relief_png:
        relief = folium.raster_layers.ImageOverlay(
            image=data_uri(base.relief_png, "image/png"),
            bounds=BOUNDS,
            pane="relief",
            interactive=False,
            name="Relief",
        )
        if relief_url:  # folium takes only absolute URLs or files; the app's is a path on its own server
            relief.url = relief_url
        relief.add_to(fmap)

    cols = base.collections
    base_layers = (
        (
            "countries",
            "Countries (1950)",
            const_style(color="#5e5e5e", weight=0.9, fillColor="#ffffff", fillOpacity=0.06),
            "name_1950",
        ),
        (
            "manchuria",
            "Manchuria (modern provinces)",
            const_style(color="#7a6a4f", weight=1, dashArray="4 4", fill=False),
            None,
        ),
        ("rivers", "Rivers", RIVER_STYLE, None),
        ("border", "China–North Korea border", BORDER_STYLE, None),
        ("parallel", "38th parallel", const_style(color="#3b3b3b", weight=1.6, dashArray="2 4"), None),
    )
    for key, name, style_js, label in base_layers:
        if key in cols:
            layer = DataLayer(f"base-{key}", name, style_js, label_field=label, interactive=label is not None)
            layer.control = False
            layer.add_to(fmap)
    if "places" in cols:
        PlaceLabels(cols["places"]["features"]).add_to(fmap)


TELEGRAM_DATE = "1950-10-11"  # the date control opens on the telegram's day


def base_map(
    base: Basemap,
    doc: Document | None,
    assets_url: str,
    center: tuple[float, float] = CENTER,
    zoom: int = ZOOM,
    *,
    data_url: str | None = None,
    relief_url: str | None = None,
    dates: list[dict] | None = None,
    present_keys: bool = False,
    step_buttons: dict[str, int] | None = None,
) -> folium.Map:
    """The map: base geography, then the telegram's layers, every asset pointed at `assets_url`.

    The geometry travels in the data bundle and the relief as a PNG: from `data_url` and
    `relief_url` if given (the app, which serves them as cached static files), else inline
    (the standalone export). `dates` adds the date control; `present_keys` lets the arrow
    keys step present mode (the app), and so do clicks on `step_buttons` (CSS selector: step)."""
    fmap = folium.Map(
        location=center,
        zoom_start=zoom,
        tiles=None,
        min_zoom=5,
        max_zoom=10,
        max_bounds=True,
        min_lat=BOUNDS[0][0],
        max_lat=BOUNDS[1][0],
        min_lon=BOUNDS[0][1],
        max_lon=BOUNDS[1][1],
        control_scale=True,
    )
    if not data_url:
        fmap.get_root().header.add_child(
            Element(f"<script>{bundle_script(data_bundle(base, doc))}</script>"), name="tm_data"
        )
    DataScript(data_url).add_to(fmap)
    add_base_layers(fmap, base, relief_url)
    if doc is not None:
        add_document_layers(fmap, doc)
    MapExtras(CREDITS, "Map of Korea and Manchuria in October 1950").add_to(fmap)
    name_switch().add_to(fmap)
    if doc is not None:
        legend(legend_html(doc)).add_to(fmap)
    MapState(present_views(doc, STEPS), TELEGRAM_DATE if dates else None, present_keys, step_buttons or {}).add_to(fmap)
    if dates:
        date_control(dates, TELEGRAM_DATE, doc.bibliography).add_to(fmap)
    return localize(fmap, assets_url)


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(c):  # noqa: ANN001, ANN202
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in features:
        walk(f["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(features: list[dict], width_px: int = 720, height_px: int = 640) -> tuple[tuple[float, float], int]:
    """Centre and zoom that fit these features into a map of about this size (Web Mercator maths)."""
    west, south, east, north = _bounds(features)
    dx = max((east - west) / 360.0 * 256, 1e-9)
    dy = max((_merc(north) - _merc(south)) / (2 * math.pi) * 256, 1e-9)
    zoom = math.floor(min(math.log2(width_px * 0.9 / dx), math.log2(height_px * 0.9 / dy)))
    lat = math.degrees(math.atan(math.sinh((_merc(north) + _merc(south)) / 2)))
    return (round(lat, 4), round((west + east) / 2, 4)), max(5, min(9, zoom))

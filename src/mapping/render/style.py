"""How the telegram's shapes look: classes, colours, dashes, fill patterns, and the map's CSS.

The testability contract lives here: every path carries `clause-ID` for each clause it maps
(css_classes). Colour comes from the layer, the pattern from the band and the dash from the
certainty, so no meaning is carried by colour alone. The CSS itself is web/map.css.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from ..cartography import DASH
from ..document.load import Layer, as_list
from .assets import MAP_CSS, WebScripts

CSS = f"\n<style>\n{MAP_CSS}</style>\n"

PATTERNS = ("hatch", "dots")


def pattern_id(kind: str, color: str) -> str:
    return f"tm-{kind}-{color.lstrip('#').lower()}"


def css_classes(layer: Layer, props: dict) -> str:
    """The testability contract: every path carries `clause-ID` for each clause it maps."""
    clauses = " ".join(f"clause-{c}" for c in as_list(props["clause"]))
    band = f" band-{props['band']}" if props.get("band") else ""
    # a large area that sets the scene (the build marks it `quiet`): drawn quietly until its clause is
    # selected, so the first view reads at a glance and its hatching does not drown the directives
    quiet = " tm-quiet" if props.get("quiet") else ""
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


class Patterns(WebScripts, MacroElement):
    """SVG fill patterns (hatching, dots) for the uncertain bands, added to the map's SVG once (web/patterns.js)."""

    web_js = ("patterns.js",)
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.patterns({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, colors: list[str]) -> None:
        super().__init__()
        self._name = "Patterns"
        self.patterns = [
            {"id": pattern_id(kind, c), "kind": kind, "color": c} for c in sorted(set(colors)) for kind in PATTERNS
        ]

    @property
    def config(self) -> dict:
        return {"patterns": self.patterns}

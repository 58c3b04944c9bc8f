"""The map's browser code: the web/ files, read once at import, and how a map element inlines them.

Each map feature's JavaScript is a classic script in web/ that adds its function to the page's one
namespace, window.TM (web/map_state.js defines `TM.mapState`, and so on; web/loader.js, the script
loader, and web/steps.js, the step keys, are shared); its element's template is a one-line call of
that function with a JSON config. `WebScripts` puts the files an element names into the
page's head, once per map, as folium's JSCSSMixin does with links: so the export carries them
inline, and the app's published map script (mapview.render_once: the head's inline scripts, then
the map's) defines them before the map's calls run.
"""

from __future__ import annotations

from typing import cast

from branca.element import Element, Figure, MacroElement

from ..paths import WEB

SCRIPTS = (
    "i18n.js",
    "map_lang.js",
    "loader.js",
    "steps.js",
    "data_script.js",
    "tooltip.js",
    "data_layer.js",
    "patterns.js",
    "control.js",
    "declutter.js",
    "place_labels.js",
    "map_state.js",
    "map_extras.js",
    "export_glue.js",
)


def _read(name: str) -> str:
    text = (WEB / name).read_text(encoding="utf-8")
    # inlined in a <script> or <style>: nothing in it may close the tag (mapview.render_once splits on it too)
    if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
        raise ValueError(f"web/{name} cannot be inlined: it closes its tag")
    return text


JS = {name: _read(name) for name in SCRIPTS}
MAP_CSS = _read("map.css")


class _Raw(Element):
    """Text put into the page as it is (an Element's own text is a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__("{{ this.text }}")
        self.text = text


class WebScripts(MacroElement):
    """A folium element whose template calls functions defined in web/ files."""

    web_js: tuple[str, ...] = ()  # the files this element's call needs, in load order

    # branca's MacroElement.render, untyped, returns None where Element.render says str
    def render(self, **kwargs: object) -> None:  # type: ignore[override]
        figure = cast(Figure, self.get_root())  # the map's page
        for name in self.web_js:
            figure.header.add_child(_Raw(f"<script>\n{JS[name]}</script>"), name=f"tm_web_{name}")
        super().render(**kwargs)


def style_tag(*names: str) -> Element:
    """The web/ stylesheets `names` as one <style> element for a page's head (its text is no template)."""
    return _Raw("<style>\n" + "".join(_read(name) for name in names) + "</style>")

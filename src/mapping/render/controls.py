"""The map's own controls: All/None for the layers, the legend, the date and the place names.

Each is a small Leaflet control that works in the browser alone (no rerun, no reload), so it
is there in the app, present mode, full screen and the export alike. The JavaScript is
web/control.js; here each control is its position, its accessible role and name, the builder
that fills its box and the data that builder reads.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from ..document.bibliography import Bibliography
from .assets import WebScripts


class BrowserControl(WebScripts, MacroElement):
    """A small Leaflet control that works in the browser alone: no rerun, no reload.

    `build` names the builder in web/control.js that fills the control's box (allNone, legend,
    dates, names); `options` is what that builder reads, passed along in its JSON config.
    """

    web_js = ("control.js",)
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.control({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self, name: str, position: str, css_class: str, role: str, label: str, build: str, **options: object
    ) -> None:
        super().__init__()
        self._name = name
        self.position, self.css_class, self.role, self.label, self.build = position, css_class, role, label, build
        self.options = options

    @property
    def config(self) -> dict:
        return {
            **self.options,
            "position": self.position,
            "css_class": self.css_class,
            "role": self.role,
            "label": self.label,
            "build": self.build,
        }


def all_none() -> BrowserControl:
    """'All' and 'None' buttons for the layer toggles."""
    return BrowserControl(
        "AllNone", "topright", "leaflet-bar tm-allnone", "group", "Show all or no telegram layers", "allNone"
    )


def legend(html_text: str) -> BrowserControl:
    """The legend in the map, so it is there in present mode, full screen and the export alike.

    `html_text` is views.legend_html: built from escaped data only. It opens from a button,
    so it covers no shapes until asked for."""
    return BrowserControl(
        "Legend", "bottomright", "leaflet-bar tm-legendbox", "region", "Legend", "legend", html=html_text
    )


def date_control(dates: list[dict], date: str, bib: Bibliography) -> BrowserControl:
    """'What had happened by': picks the date for which MapState shows the dated features."""
    shown = [
        {**{k: d[k] for k in ("date", "label", "caption")}, "source": "; ".join(bib.cite(d["citations"], False))}
        for d in dates
    ]
    return BrowserControl(
        "DateControl",
        "bottomleft",  # at the first view over the Yellow Sea, not Manchuria; in every step off the directives
        "leaflet-bar tm-datebox",
        "group",
        "What had happened by a date",
        "dates",
        dates=shown,
        date=date,
        narrow_position="topleft",  # on a phone the bottom-left corner (names, scale) would stack over Korea
    )


def name_switch() -> BrowserControl:
    """1950 or modern place names: a class on the map container that the label CSS follows."""
    return BrowserControl("NameSwitch", "bottomleft", "leaflet-bar tm-names", "radiogroup", "Place names", "names")

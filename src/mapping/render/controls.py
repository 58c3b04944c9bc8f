"""The map's own controls: All/None for the layers, the legend, the base map's sources, the date and the place names.

Each is a small Leaflet control that works in the browser alone (no rerun, no reload), so it
is there in the app, present mode, full screen and the export alike. The JavaScript is
web/control.js; here each control is its position, its accessible role and name, the builder
that fills its box and the data that builder reads. They stand aside: each is one line at a corner (or a
button that opens), All/None are inside the layer list, and web/declutter.js moves a place's name off them.
"""

from __future__ import annotations

from datetime import date as day_of
from datetime import timedelta

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
    """'All' and 'None' buttons for the layer toggles, at the top of the layer list: at the map's corner they
    covered Vladivostok."""
    return BrowserControl(
        "AllNone",
        "topright",
        "tm-allnone",
        "group",
        "Show all or no telegram layers",
        "allNone",
        inside=".leaflet-control-layers-list",
    )


def legend(html_text: str) -> BrowserControl:
    """The legend in the map, so it is there in present mode, full screen and the export alike.

    `html_text` is views.legend_html: built from escaped data only. It opens from a button,
    so it covers no shapes until asked for."""
    return BrowserControl(
        "Legend", "bottomright", "leaflet-bar tm-legendbox", "region", "Legend", "legend", html=html_text
    )


def sources(credits_html: str) -> BrowserControl:
    """The base map's credits behind one button ("ⓘ Sources of the base map"), closed at first: open, they were
    four lines over the map's corner. `credits_html` is extras.CREDITS, a constant."""
    return BrowserControl(
        "Sources", "bottomright", "leaflet-bar tm-sourcesbox", "group", "The base map's sources", "sources",
        html=credits_html,
    )  # fmt: skip


def front_spans(layers: list) -> list[tuple[str, str]]:
    """The days each front is shown, from the front lines' `when` (ctx-front-lines)."""
    return sorted(
        {
            (f["properties"]["when"]["start"], f["properties"]["when"]["end"])
            for ly in layers
            if ly.meta.get("id") == "ctx-front-lines"
            for f in ly.features
            if f["properties"]["id"].startswith("front-")
        }
    )


def front_undrawn(layers: list) -> dict[str, list[str]]:
    """The stretches of each front that are not drawn, by the front's first day (the UN-held areas' parameters)."""
    return {
        f["properties"]["when"]["start"]: f["properties"]["method"]["parameters"].get("not_drawn") or []
        for ly in layers
        if ly.meta.get("id") == "ctx-un-held"
        for f in ly.features
    }


def _short(day: str) -> str:
    d = day_of.fromisoformat(day)
    return f"{d.day} {d.strftime('%b')}"


def _days(first: str, last: str) -> str:
    return _short(first) if first == last else f"{_short(first)}–{_short(last)}"


def _shift(day: str, n: int) -> str:
    return (day_of.fromisoformat(day) + timedelta(days=n)).isoformat()


def front_status(day: str, spans: list[tuple[str, str]], undrawn: dict[str, list[str]] | None = None) -> str:
    """What the date control says of the UN front on a day: the front shown and its days, or that none is drawn,
    and the days after it with no cited front, so a date's front is never taken for the one before it; and the
    stretches of the front shown that are not drawn (`undrawn`, by the front's first day)."""
    if not spans:
        return ""
    shown = next(((s, e) for s, e in spans if s <= day <= e), None)
    if shown is not None:
        text = f"UN front: the one cited for {_short(shown[0])}, shown {_days(*shown)}."
        if gaps := (undrawn or {}).get(shown[0]):
            text += f" Not drawn from {'; from '.join(gaps)}: no cited front."
        after = [s for s, _ in spans if s > shown[1]]
        if after and after[0] > _shift(shown[1], 1):
            text += f" {_days(_shift(shown[1], 1), _shift(after[0], -1))}: not drawn: no cited front."
        return text
    before = [e for _, e in spans if e < day]
    after = [s for s, _ in spans if s > day]
    first = _shift(before[-1], 1) if before else None
    last = _shift(after[0], -1) if after else None
    gap = (
        _days(first, last)
        if first and last
        else f"before {_short(after[0])}"
        if after
        else f"after {_short(before[-1])}"
    )
    return f"UN front, {gap}: not drawn: no cited front."


def date_control(
    dates: list[dict], date: str, bib: Bibliography, spans: list[tuple[str, str]], undrawn: dict | None = None
) -> BrowserControl:
    """'What had happened by': picks the date for which MapState shows the dated features, and says for each
    date which front is drawn, or that none is (`spans`: the days each front is shown; `undrawn`: the stretches
    of each front that are not drawn)."""
    shown = [
        {
            **{k: d[k] for k in ("date", "label", "caption")},
            "source": "; ".join(bib.cite(d["citations"], False)),
            "front": front_status(d["date"], spans, undrawn),
        }
        for d in dates
    ]
    return BrowserControl(
        "DateControl",
        "topleft",  # one line beside the zoom, like a caption: a present step's framing leaves a strip above it
        "leaflet-bar tm-datebox",
        "group",
        "What had happened by a date",
        "dates",
        dates=shown,
        date=date,
    )


def name_switch() -> BrowserControl:
    """1950 or modern place names, on one line: a class on the map container that the label CSS follows."""
    return BrowserControl("NameSwitch", "bottomleft", "leaflet-bar tm-names", "radiogroup", "Place names", "names")

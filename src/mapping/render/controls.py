"""The map's own controls: All/None for the layers, the legend, the base map's sources, the date and the place names.

Each is a small Leaflet control that works in the browser alone (no rerun, no reload), so it
is there in the app, present mode, full screen and the export alike. The JavaScript is
web/control.js; here each control is its position, its accessible role and name, the builder
that fills its box and the data that builder reads. They stand aside: each is one line at a corner (or a
button that opens), All/None are inside the layer list, and web/declutter.js moves a place's name off them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as day_of
from datetime import timedelta

from branca.element import MacroElement
from jinja2 import Template

from ..document.bibliography import Bibliography
from .assets import WebScripts
from .lang import content, gettext_for, short_day

Gettext = Callable[[str], str]


def _english(text: str) -> str:
    return text


class BrowserControl(WebScripts, MacroElement):
    """A small Leaflet control that works in the browser alone: no rerun, no reload.

    `build` names the builder in web/control.js that fills the control's box (allNone, legend,
    dates, names); `options` is what that builder reads, passed along in its JSON config.
    """

    web_js = ("i18n.js", "control.js")
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


def all_none(_: Gettext = _english) -> BrowserControl:
    """'All' and 'None' buttons for the layer toggles, at the top of the layer list: at the map's corner they
    covered Vladivostok. `_`: the gettext of the map's language (its controls' names)."""
    return BrowserControl(
        "AllNone",
        "topright",
        "tm-allnone",
        "group",
        _("Show all or no telegram layers"),
        "allNone",
        inside=".leaflet-control-layers-list",
    )


def legend(html_text: str, _: Gettext = _english) -> BrowserControl:
    """The legend in the map, so it is there in present mode, full screen and the export alike.

    `html_text` is views.legend_html: built from escaped data only. It opens from a button,
    so it covers no shapes until asked for."""
    return BrowserControl(
        "Legend", "bottomright", "leaflet-bar tm-legendbox", "region", _("Legend"), "legend", html=html_text
    )


def sources(credits_html: str, _: Gettext = _english) -> BrowserControl:
    """The base map's credits behind one button ("ⓘ Sources of the base map"), closed at first: open, they were
    four lines over the map's corner. `credits_html` is extras.CREDITS, a constant."""
    return BrowserControl(
        "Sources", "bottomright", "leaflet-bar tm-sourcesbox", "group", _("The base map's sources"), "sources",
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


def _days(first: str, last: str, lang: str = "en") -> str:
    return short_day(first, lang) if first == last else f"{short_day(first, lang)}–{short_day(last, lang)}"


def _shift(day: str, n: int) -> str:
    return (day_of.fromisoformat(day) + timedelta(days=n)).isoformat()


def front_status(
    day: str, spans: list[tuple[str, str]], undrawn: dict[str, list[str]] | None = None, lang: str = "en"
) -> str:
    """What the date control says of the UN front on a day: the front shown and its days, or that none is drawn,
    and the days after it with no cited front, so a date's front is never taken for the one before it; and the
    stretches of the front shown that are not drawn (`undrawn`, by the front's first day). In `lang`."""
    if not spans:
        return ""
    _ = gettext_for(lang)
    shown = next(((s, e) for s, e in spans if s <= day <= e), None)
    if shown is not None:
        text = _("UN front: the one cited for {day}, shown {days}.").format(
            day=short_day(shown[0], lang), days=_days(*shown, lang)
        )
        if gaps := (undrawn or {}).get(shown[0]):
            text += " " + _("Not drawn from {places}: no cited front.").format(places=_("; from ").join(gaps))
        after = [s for s, _e in spans if s > shown[1]]
        if after and after[0] > _shift(shown[1], 1):
            days = _days(_shift(shown[1], 1), _shift(after[0], -1), lang)
            text += " " + _("{days}: not drawn: no cited front.").format(days=days)
        return text
    before = [e for _s, e in spans if e < day]
    after = [s for s, _e in spans if s > day]
    first = _shift(before[-1], 1) if before else None
    last = _shift(after[0], -1) if after else None
    if first and last:
        return _("UN front, {days}: not drawn: no cited front.").format(days=_days(first, last, lang))
    if after:
        return _("UN front, before {day}: not drawn: no cited front.").format(day=short_day(after[0], lang))
    return _("UN front, after {day}: not drawn: no cited front.").format(day=short_day(before[-1], lang))


def date_control(
    dates: list[dict],
    date: str,
    bib: Bibliography,
    spans: list[tuple[str, str]],
    undrawn: dict | None = None,
    lang: str = "en",
) -> BrowserControl:
    """'What had happened by': picks the date for which MapState shows the dated features, and says for each
    date which front is drawn, or that none is (`spans`: the days each front is shown; `undrawn`: the stretches
    of each front that are not drawn). The dates' labels and captions in `lang` (i18n.content's timeline)."""
    _ = gettext_for(lang)
    shown = [
        {
            "date": d["date"],
            "label": content(lang, f"timeline:{d['date']}:label", d["label"]),
            "caption": content(lang, f"timeline:{d['date']}:caption", d["caption"]),
            "source": "; ".join(bib.cite(d["citations"], False)),
            "front": front_status(d["date"], spans, undrawn, lang),
        }
        for d in dates
    ]
    return BrowserControl(
        "DateControl",
        "topleft",  # one line beside the zoom, like a caption: a present step's framing leaves a strip above it
        "leaflet-bar tm-datebox",
        "group",
        _("What had happened by a date"),
        "dates",
        dates=shown,
        date=date,
    )


def name_switch(_: Gettext = _english, native: bool = False) -> BrowserControl:
    """1950 or modern place names, on one line: a class on the map container that the label CSS follows. With
    `native` (a map in Korean or Chinese) the 1950 names are in the reader's script, and the romanized 1950 names
    are a third choice."""
    return BrowserControl(
        "NameSwitch", "bottomleft", "leaflet-bar tm-names", "radiogroup", _("Place names"), "names", native=native
    )

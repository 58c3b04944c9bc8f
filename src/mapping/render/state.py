"""The view state in the browser: the selected clause, the present step and the date.

The app and the export both drive the map through `TM.apply(state)` (web/map_state.js).
A rerun sends the live map only that small state (the map component's data), never geometry, so a step
costs the server almost nothing and the map never reloads. present_views gives each present
step the view that frames its layers.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from ..document.load import Document
from ..document.telegram import TELEGRAM_DATE
from ..document.timeline import HELD_ZONES, active_on
from ..state import STORY, clause_of
from .assets import WebScripts
from .view import CENTER, ZOOM, bounds_of, fit_view


class MapState(WebScripts, MacroElement):
    """The view, applied in the browser: the selected clause, the present step and the date.

    The app and the export both drive the map through `TM.apply(state)`: it marks the
    selected clause's paths `selected` and dims the rest, shows the dated features active on
    the date, and can move the map. A rerun sends only that small state (never geometry), so a
    step costs the server almost nothing and the map never reloads. In the app, present mode
    also answers the arrow and PageUp/PageDown keys and the step buttons here at once, while
    Streamlit reruns the step panel. The date comes from `date_control`.
    """

    web_js = ("steps.js", "map_state.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.mapState({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, steps: list[dict], date: str | None, keys: bool, step_buttons: dict[str, int]) -> None:
        super().__init__()
        self._name = "MapState"
        self.steps, self.date, self.keys, self.step_buttons = steps, date, keys, step_buttons

    @property
    def config(self) -> dict:
        return {"steps": self.steps, "date": self.date, "keys": self.keys, "step_buttons": self.step_buttons}


def present_views(doc: Document | None, steps: list[str]) -> list[dict]:
    """Each present step's clause, its day and the map view that fits its layers (the whole map for the others).

    A layer whose metadata names a step (`step`, written by the build) is the only one that step
    frames, so a small zone is not lost in a view made for a large one; the clause's other layers stay
    highlighted, off the edge if need be. A step of what happened next (state.STORY) frames that day's front
    and the events since the step before it, and sets the map's date; every other step is the telegram's day."""
    views = []
    for name in steps:
        clause = clause_of(name)
        layers = doc.layers_for(clause) if doc is not None and clause else []
        framed = framed_features(doc, name) if doc is not None else []
        center, zoom = fit_view(framed) if framed else (CENTER, ZOOM)
        date = STORY.get(name, list(STORY.values())[-1] if name == "end" else TELEGRAM_DATE)
        view: dict[str, Any] = {
            "clause": clause if layers else None,
            "center": list(center),
            "zoom": zoom,
            "date": date,
        }
        if framed:  # the browser fits these bounds inside the map's controls (web/map_state.js)
            west, south, east, north = bounds_of(framed)
            view["bounds"] = [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]
        views.append(view)
    return views


def framed_features(doc: Document, name: str) -> list[dict]:
    """The features a present step frames: its own layers (metadata `step`), else its clause's; a story step's
    story_features; none for the others."""
    if name in STORY:
        return story_features(doc, name)
    clause = clause_of(name)
    layers = doc.layers_for(clause) if clause else []
    framed = [f for ly in layers if ly.meta.get("step") == name for f in ly.features]
    return framed or [f for ly in layers for f in ly.features]


def story_features(doc: Document, name: str) -> list[dict]:
    """What a step of the story frames: the zones the telegram told the North Koreans to hold (so that the class
    sees which the front overtook), the fronts drawn on its day, and the events that began since the day of the
    step before it (the telegram's, for the first)."""
    days = [TELEGRAM_DATE, *STORY.values()]
    date = STORY[name]
    since = days[days.index(date) - 1]
    out = []
    for layer in doc.layers:
        for f in layer.features:
            p = f["properties"]
            if layer.id in HELD_ZONES or p.get("role") == "front" and active_on(p.get("when"), date):
                out.append(f)
            elif p.get("role") == "event" and since < (p.get("when") or {}).get("start", "") <= date:
                out.append(f)
    return out

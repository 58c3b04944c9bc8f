"""The place names: labels built in the browser from a compact list, kept from colliding.

web/place_labels.js draws them and web/declutter.js hides a name that would overlap one of
higher rank. The 1950 and modern names are both in each label; the name switch
(controls.name_switch) and web/map.css choose which shows. In Korean and Chinese (#34) the 1950 name is in the
reader's script where the places data has one (i18n.places), and the romanized 1950 name is a third span
(`nm-roman`), one switch away.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from ..i18n.places import place_name
from .assets import WebScripts
from .lang import gettext_for


class PlaceLabels(WebScripts, MacroElement):
    """Place labels as DivIcon markers, built in the browser from a compact list.

    One element instead of one folium Marker per place: less to render on every rerun, and
    no default marker icon (an image file) is ever requested. Text goes in via textContent.
    """

    web_js = ("i18n.js", "declutter.js", "place_labels.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.placeLabels({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], lang: str = "en") -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.lang = lang
        _ = gettext_for(lang)
        self.places = []
        for f in features:
            p = f["properties"]
            if int(p.get("rank", 3)) >= 4:
                continue  # rank 4: a gazetteer entry that dated positions use, not labelled on the map
            lon, lat = f["geometry"]["coordinates"]
            title = " · ".join(
                x
                for x in (
                    _("1950: {name}").format(name=p.get("name_1950")),
                    _("today: {name}").format(name=p.get("name_modern")),
                    p.get("native"),
                )
                if x
            )
            place = {
                "lat": lat,
                "lon": lon,
                "rank": int(p.get("rank", 3)),
                "left": p.get("label_side") == "left",
                "n1950": str(p.get("name_1950", "")),
                "modern": str(p.get("name_modern", "")),
                "title": title,
            }
            if lang != "en":  # the name in the reader's script shows; the romanized one is the switch's
                place["roman"], place["n1950"] = place["n1950"], place_name(p, lang)
            self.places.append(place)

    @property
    def config(self) -> dict:
        return {"places": self.places, "lang": self.lang}

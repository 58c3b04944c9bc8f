"""A class's agreement as one more layer of the offline map (the teacher's "map with the class's agreement"): its
words in the map's catalog (ui), as the rest of the export's."""

from __future__ import annotations

from .class_record import SHADE


def agreement_layer(code: str, agreement: dict, lang: str = "en"):
    """The class's agreement as one more layer of the offline map (export.standalone_html's `extra`), off
    until a reader turns it on: graded shading and the half-the-class outline. Named in `lang` (the map's words)."""
    import folium

    from ..i18n import ui

    n = max(1, agreement["readings"])
    said = ui(lang).ngettext(
        "Class %(code)s: %(n)d reading (agreement)", "Class %(code)s: %(n)d readings (agreement)", agreement["readings"]
    )
    group = folium.FeatureGroup(name=said % {"code": code, "n": agreement["readings"]}, show=False)
    folium.GeoJson(
        agreement["shading"],
        style_function=lambda f: {
            "stroke": False,
            "fillColor": SHADE,
            "fillOpacity": 0.1 + 0.6 * f["properties"]["count"] / n,
        },
        interactive=False,
    ).add_to(group)
    if agreement["majority"]:
        folium.GeoJson(
            agreement["majority"],
            style_function=lambda _f: {"color": "#2d1b4e", "weight": 3, "fill": False},
            interactive=False,
        ).add_to(group)
    return group

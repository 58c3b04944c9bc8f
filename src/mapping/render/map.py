"""The map itself: base_map puts the base geography, the telegram's layers and the controls together.

add_base_layers draws the coarse land beyond the window, the relief, countries, provinces, rivers,
the border, the 38th parallel and the place labels; add_document_layers one toggleable layer per layer file. base_map is
what the app, the export and the bench call. Each takes `lang` (#34, render/lang.py): the map in English, Korean,
Simplified or Traditional Chinese.
"""

from __future__ import annotations

import html
from typing import cast

import folium
from branca.element import Element, Figure

from ..cartography import COAST, LAND
from ..document.basemap import Basemap
from ..document.load import Document
from ..document.telegram import TELEGRAM_DATE
from .controls import all_none, date_control, front_spans, front_undrawn, legend, name_switch, sources
from .data import (
    BORDER_STYLE,
    PROPERTY_STYLE,
    RIVER_STYLE,
    DataLayer,
    DataScript,
    bundle_script,
    const_style,
    data_bundle,
)
from .extras import CREDITS, MapExtras
from .labels import PlaceLabels
from .lang import MapStrings, content, gettext_for
from .offline import data_uri, localize
from .state import MapState
from .style import CSS, Patterns
from .view import BOUNDS, CENTER, MAX_ZOOM, MIN_ZOOM, OUTER_BOUNDS, VIEW_BOUNDS, ZOOM

__all__ = ["add_base_layers", "add_document_layers", "base_map"]


def add_base_layers(
    fmap: folium.Map,
    base: Basemap,
    relief_url: str | None = None,
    relief_outer_url: str | None = None,
    lang: str = "en",
) -> None:
    """Land beyond the window, relief, countries, provinces, rivers, the border, the 38th parallel and place labels.

    The detailed base data covers only the window (BOUNDS); out to the box the view never leaves
    (OUTER_BOUNDS), coarse land is drawn under everything in the colour of the window's lowland, on
    the sea that web/map_extras.js paints over the whole box: no edge of the world, and land is never
    drawn as sea. Over it lies the coarse relief of the whole box, and over that the detailed relief of
    the window; the coarse land's coast is drawn above both (pane tmCoast), so the coarse relief's
    pixels never blur it. Polygon outlines along either box's edges are not drawn (`outline`): they are
    cuts, not coasts or borders."""
    cast(Figure, fmap.get_root()).header.add_child(Element(CSS), name="telegram_map_css")
    folium.map.CustomPane("tmLand", z_index=150, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("relief", z_index=250, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("tmCoast", z_index=260, pointer_events=False).add_to(fmap)
    cols = base.collections
    if "outer" in cols:
        outer = DataLayer(
            "base-outer",
            "Land beyond the window",
            const_style(color=COAST, weight=0.9, fillColor=LAND, fillOpacity=1),
            interactive=False,
            pane="tmLand",
            outline=[BOUNDS, OUTER_BOUNDS],
            line_pane="tmCoast",
        )
        outer.control = False
        outer.add_to(fmap)
    # one "Relief" toggle for both images (WebP: Basemap.relief_webp), the coarse one first: in the same pane,
    # the detailed one is drawn over it. Smoothed, not pixelated (folium's default): the coarse image is
    # stretched 3-90x, the detailed one up to 5.7x
    _ = gettext_for(lang)
    reliefs = folium.FeatureGroup(name=html.escape(_("Relief")))
    images = ((True, relief_outer_url, OUTER_BOUNDS), (False, relief_url, BOUNDS))
    for coarse, url, bounds in images:
        image = base.relief_webp(coarse)
        if image:
            relief = folium.raster_layers.ImageOverlay(
                image=data_uri(image, "image/webp"), bounds=bounds, pane="relief", interactive=False, pixelated=False
            )
            if url:  # folium takes only absolute URLs or files; the app's is a path on its own server
                relief.url = url
            relief.add_to(reliefs)
    if base.relief_png or base.relief_outer_png:
        reliefs.add_to(fmap)

    base_layers = (
        (
            "countries",
            "Countries (1950)",
            const_style(color=COAST, weight=0.9, fillColor="#ffffff", fillOpacity=0.06),
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
    for key, name, style, label in base_layers:
        if key in cols:
            cut = [BOUNDS] if key in ("countries", "manchuria") else None  # clipped to the window
            land = "tm-land" if key == "countries" else None  # filled in the land's colour when the relief is off
            layer = DataLayer(
                f"base-{key}",
                name,
                style,
                label_field=label,
                interactive=label is not None,
                outline=cut,
                class_name=land,
            )
            layer.control = False
            layer.add_to(fmap)
    if "places" in cols:
        PlaceLabels(cols["places"]["features"], lang).add_to(fmap)


def add_document_layers(fmap: folium.Map, doc: Document, extra: list | None = None, lang: str = "en") -> None:
    """One GeoJSON layer per layer file, in draw order, each toggleable by its title (in `lang`); then `extra`
    layers (a class's agreement), before the layer control that lists them all."""
    for layer in doc.layers:
        DataLayer(
            f"layer-{layer.id}",
            html.escape(content(lang, f"layer:{layer.id}:title", layer.meta["title"])),
            PROPERTY_STYLE,
            label_field="title",
            register=True,
        ).add_to(fmap)
    Patterns([ly.meta["style"]["color"] for ly in doc.layers]).add_to(fmap)
    for layer in extra or []:
        layer.add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    all_none(gettext_for(lang)).add_to(fmap)


def base_map(
    base: Basemap,
    doc: Document | None,
    assets_url: str,
    center: tuple[float, float] = CENTER,
    zoom: int = ZOOM,
    *,
    data_url: str | None = None,
    relief_url: str | None = None,
    relief_outer_url: str | None = None,
    steps: list[dict] | None = None,
    legend_html: str | None = None,
    dates: list[dict] | None = None,
    present_keys: bool = False,
    step_buttons: dict[str, int] | None = None,
    extra: list | None = None,
    lang: str = "en",
) -> folium.Map:
    """The map: base geography, then the telegram's layers, every asset pointed at `assets_url`.

    The geometry travels in the data bundle and the reliefs as PNGs: from `data_url`, `relief_url` and
    `relief_outer_url` if given (the app, which serves them as cached static files), else inline
    (the standalone export). `steps` are the present views the map steps through (render.present_views),
    `legend_html` the legend's text; `dates` adds the date control; `present_keys` lets the arrow
    keys step present mode (the app), and so do clicks on `step_buttons` (CSS selector: step). `lang`: the map's
    language (i18n.LANGS): its controls, legend (pass `legend_html` in it too: render.legend), layer list, place
    names and the features' titles (in the inline data bundle; the app's `data_url` is its own, per language)."""
    _ = gettext_for(lang)
    fmap = folium.Map(
        location=center,
        zoom_start=zoom,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        max_bounds=True,
        min_lat=VIEW_BOUNDS[0][0],
        max_lat=VIEW_BOUNDS[1][0],
        min_lon=VIEW_BOUNDS[0][1],
        max_lon=VIEW_BOUNDS[1][1],
        max_bounds_viscosity=1.0,  # the view cannot be dragged out of the box, not even for a moment
        control_scale=True,
    )
    MapStrings(lang).add_to(fmap)  # first: every other call of the map's script reads its strings
    if not data_url:
        cast(Figure, fmap.get_root()).header.add_child(
            Element(f"<script>{bundle_script(data_bundle(base, doc, lang))}</script>"), name="tm_data"
        )
    DataScript(data_url).add_to(fmap)
    add_base_layers(fmap, base, relief_url, relief_outer_url, lang)
    if doc is not None:
        add_document_layers(fmap, doc, extra, lang)
    MapExtras(_("Map of Korea and Manchuria in October 1950")).add_to(fmap)
    sources(CREDITS, _).add_to(fmap)
    name_switch(_, native=lang != "en").add_to(fmap)
    if legend_html:
        legend(legend_html, _).add_to(fmap)
    MapState(steps or [], TELEGRAM_DATE if dates else None, present_keys, step_buttons or {}).add_to(fmap)
    if dates:
        if doc is None:
            raise ValueError("the date control needs the document: it cites its sources and dates its fronts")
        spans, undrawn = front_spans(doc.layers), front_undrawn(doc.layers)
        date_control(dates, TELEGRAM_DATE, doc.bibliography, spans, undrawn, lang).add_to(fmap)
    return localize(fmap, assets_url)

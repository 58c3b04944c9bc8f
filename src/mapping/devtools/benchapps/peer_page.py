"""The second baseline: the page a user would build instead, with st_folium. The same base geography and the
same layers (each file of layers/ as a folium.GeoJson, with a tooltip), the relief as an image, a layer
control, and the telegram's text beside the map. No data bundle, no component of its own: what the
documentation of streamlit-folium shows (offline assets, as the app's)."""

import json

import folium
import streamlit as st
from streamlit_folium import st_folium

from mapping.paths import GEODATA, LAYERS, TELEGRAM
from mapping.render.offline import data_uri, localize
from mapping.render.view import BOUNDS

st.set_page_config(layout="wide")
st.title("The telegram of 11 October 1950")
left, right = st.columns([3, 2])
fmap = folium.Map(location=(40.3, 126.8), zoom_start=6, tiles=None)
folium.raster_layers.ImageOverlay(data_uri((GEODATA / "relief.png").read_bytes(), "image/png"), BOUNDS).add_to(fmap)
for name in ("countries", "manchuria", "rivers", "border-china-korea", "parallel-38", "places"):
    folium.GeoJson(json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8")), name=name).add_to(fmap)
for path in sorted(LAYERS.glob("*.geojson")):
    data = json.loads(path.read_text(encoding="utf-8"))
    folium.GeoJson(data, name=path.stem, tooltip=folium.GeoJsonTooltip(["title"])).add_to(fmap)
folium.LayerControl().add_to(fmap)
with left:
    st_folium(localize(fmap, "/app/static/"), key="map", height=640, use_container_width=True, returned_objects=[])
with right:
    st.markdown(TELEGRAM.read_text(encoding="utf-8"))

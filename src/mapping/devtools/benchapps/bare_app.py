"""The benchmark's baseline: a bare Streamlit page with one empty st_folium map (offline assets, no data)."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from mapping.render.offline import localize

st.set_page_config(layout="wide")
st_folium(
    localize(folium.Map(location=(40.3, 126.8), zoom_start=6, tiles=None), "/app/static/"),
    key="map",
    height=680,
    use_container_width=True,
    returned_objects=[],
)

"""The October 1950 Telegram Map: the Streamlit app.

Run it with `./dev app`. Data is loaded once per process; each rerun only builds the map.
"""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from mapping.basemap import Basemap, load_basemap
from mapping.document import Document, load_document
from mapping.paths import geodata_dir, layers_dir
from mapping.render import base_map

STATIC_URL = "/app/static/"  # Streamlit serves ./static here (server.enableStaticServing)

st.set_page_config(page_title="The October 1950 Telegram Map", layout="wide")


@st.cache_resource(show_spinner=False)
def document(folder: str) -> Document:
    # loaded and validated once per process; shared read-only by every session
    return load_document(Path(folder))


@st.cache_resource(show_spinner=False)
def basemap(folder: str) -> Basemap:
    # shared by every session: treat as read-only
    return load_basemap(Path(folder))


doc = document(str(layers_dir()))
tele = doc.telegram
base = basemap(str(geodata_dir()))

st.title("The telegram of 11 October 1950")
st.caption(
    "Filippov [Stalin] and Zhou Enlai to Mao Zedong, via the Soviet ambassador in Peking. "
    "Every shape on this map is an interpretation of the telegram's words; each one says how it was drawn."
)
for error in base.errors + doc.errors:
    st.error(error)

text_col, map_col = st.columns([2, 3], gap="medium")
with text_col:
    st.subheader("The text")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in tele.text.split("\n\n"))
    st.html(
        '<div class="telegram-text" style="font-family: Georgia, serif; font-size: 1.05rem; line-height: 1.5; '
        f'max-height: 640px; overflow-y: auto; white-space: pre-wrap">{paragraphs}</div>'
    )
    prov = tele.provenance
    with st.expander("About this document"):
        st.markdown(
            f"**{prov['title']}**, {prov['date']}. {prov['archive']}: [{prov['url']}]({prov['url']})\n\n"
            f"**Cable number:** {prov['cable_numbers']['note']}\n\n"
            f"{prov['description']} {prov['translation']} {prov['verbatim']}"
        )

with map_col:
    fmap = base_map(base, doc, STATIC_URL)
    st_folium(fmap, key="map", height=680, use_container_width=True, returned_objects=[])

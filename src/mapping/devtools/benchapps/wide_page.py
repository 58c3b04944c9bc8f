"""The layout-shift floor: a wide Streamlit page of text with a box the size of the map, and no map.

Streamlit draws a loading skeleton in its narrow (centred) layout when the first elements take
more than 0.5 s to arrive, and switches to the wide layout with them: the page's box moves sideways
with everything in it. Any wide page with this much content shows that shift; the bench reports it
beside the app's.
"""

import streamlit as st

st.set_page_config(layout="wide")
st.title("A wide page of text")
box, text = st.columns([3, 2])
box.container(height=640, border=True)
for _ in range(12):
    text.markdown("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt. " * 3)

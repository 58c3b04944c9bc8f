"""The server: the Streamlit app (app.py) and, beside it on the same port, the student's light page and its API
(src/mapping/app/student_api.py). `./dev app` runs `streamlit run server.py`; settings: .streamlit/config.toml.

Every answer is gzip-compressed when the browser accepts it: Streamlit's own JavaScript (1.7 MB) has no such
setting, and a phone on a crowded classroom Wi-Fi pays for every byte.
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from mapping.app.student_routes import routes

# level 6, not Starlette's 9: as small within a few per cent, at about half the CPU for every answer compressed
app = st.App("app.py", routes=routes(), middleware=[Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)])

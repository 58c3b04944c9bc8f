"""What the teacher's screen (teacherscreen.py) and the student's light page (student_api.py) share: the join
address, the QR code, the clause's words, the map's own reading of them. A student draws on the light page
(/join/CODE), not in Streamlit.
"""

from __future__ import annotations

import streamlit as st

from ..classroom.cli import lan_address
from ..classroom.tasks import TASKS
from ..i18n.content import translate
from ..render.views import esc
from . import classview
from .langswitch import gettext
from .navigation import language
from .resources import css, document, folders

LOCAL = ("localhost", "127.0.0.1", "::1", "[::1]")


def app_address(path: str) -> tuple[str, bool]:
    """The server's address with `path` (`join/CODE`, `?lesson=ID&step=0`), and whether another device can open
    it: the LAN address ./dev app --lan set (browser.serverAddress), else this machine's own when the server
    listens beyond it, else localhost, which a phone takes for itself."""
    host = st.get_option("browser.serverAddress") or "localhost"
    if host in LOCAL and st.get_option("server.address") not in LOCAL:
        host = lan_address() or host
    port = st.get_option("browser.serverPort") or st.get_option("server.port")  # nginx's, behind --lan
    return f"http://{host}:{port}/{path}", host not in LOCAL and not host.startswith("127.")


def qr_png(url: str) -> bytes:
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


def the_maps_bands(task_id: str) -> tuple[list[dict], list[dict], dict]:
    """The map's own reading of the task's words (classview.the_maps_features), as its core and possible bands,
    and its layer's metadata."""
    feats = classview.the_maps_features(task_id)
    core = [f for f in feats if f["properties"].get("band") != "possible"]
    possible = [f for f in feats if f["properties"].get("band") == "possible"]
    layer = next(ly for ly in document(folders()[0]).layers if ly.id == TASKS[task_id].layer)
    return core, possible, layer.meta


def bands_layers(task_id: str) -> list[dict]:
    core, possible, meta = the_maps_bands(task_id)
    color = meta["style"]["color"]
    return [
        {"kind": "possible", "color": color, "geojson": {"type": "FeatureCollection", "features": possible}},
        {"kind": "core", "color": color, "geojson": {"type": "FeatureCollection", "features": core}},
    ]


def clause_label(clause_id: str) -> str:
    """A clause's label in the page's language ("Conclusion 2")."""
    label = document(folders()[0]).known_clause(clause_id)["label"]
    return translate(language(), f"clause:{clause_id}:label", label)


def clause_words(task_id: str) -> None:
    """The telegram's words (in its English translation, as everywhere) and the task, in the page's language."""
    clause = document(folders()[0]).known_clause(task_id)
    prompt = translate(language(), f"task:{task_id}:prompt", TASKS[task_id].prompt)
    st.html(
        f'<p class="tm-class-words" lang="en">{esc(clause["text"])}</p><p class="tm-class-task">{esc(prompt)}</p>'
    )


# -- the student ------------------------------------------------------------------------------------------
def style() -> None:
    st.html(f"<style>{css(False)}</style>")  # the app's sheet: the class's words and task (app.css)


def moved(code: str) -> None:
    """An address of the old student page (?class=CODE, in earlier QR codes): the light page's, to follow."""
    style()
    code = "".join(c for c in str(code).upper() if c.isalnum())[:6]
    _ = gettext()
    said = _("This class's page has moved: %(link)s") % {"link": f"[{code}](/join/{code})"}
    st.markdown(said)

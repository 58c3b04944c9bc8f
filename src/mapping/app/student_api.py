"""The student's page and its JSON API, served beside the Streamlit app by the same process and port (server.py;
the routes are in student_routes.py).

A phone joins with the page (student_page.py) and talks to these routes; the store (classroom/store.py) does the
checking, so a student meets the same rules as before. What this module adds is the web's edge:
- a request whose Host is not one the server answers to is refused (DNS rebinding), and a POST whose Origin is
  not the page's own scheme, host and port is refused: a page elsewhere, even on another port, cannot act;
- the student's token travels in the `X-Student` header, never in a URL or a cookie;
- every answer says `frame-ancestors 'self'`, `no-referrer` and `nosniff`, and is never cached;
- every fault, however crafted the request, is a sentence for the student (`{"error": ...}`), never a trace;
  what was unexpected is logged on the server (without the body, which may hold a token);
- every word for the student is in the request's language (`?lang=`, which the page sends, else its
  Accept-Language: i18n.choose): refusals, the guide, the result's sentences (student_text.py), the task's
  prompt and label (i18n.content), the places' names (i18n.places); the telegram's words stay as cited.
"""

from __future__ import annotations

import json
import logging
import re

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..classroom.keys import CODE_ALPHABET
from ..classroom.measures import compare, describe
from ..classroom.readings import ReadingError
from ..classroom.store import NotAllowed, StoreError
from ..classroom.tasks import TASKS
from ..i18n import choose, ui
from ..i18n.places import place_name
from ..paths import GEODATA
from ..state import clause_of
from .classroom import the_maps_bands
from .classview import map_data, task_view
from .resources import basemap, document, folders, store
from .student_page import page_html
from .student_text import HOW, content, refusal

LOG = logging.getLogger("mapping.student")
MAX_BODY = 64_000  # bytes: a reading of 400 corners is about 12 kB
CODE = re.compile(f"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]{{6}}")
LOOPBACK = ("127.0.0.1", "::1")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _lang(request: Request) -> str:
    return choose(request.query_params.get("lang"), request.headers.get("accept-language"))


def _answer(body: dict, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=HEADERS)


def _hosts() -> set[str]:
    names = set(st.get_option("server.allowedHosts") or [])
    return names | {"localhost", "127.0.0.1", str(st.get_option("browser.serverAddress") or "localhost")}


def _checked(request: Request, post: bool) -> None:
    """The Host must be one this server answers to; a POST's Origin must be this very page's origin."""
    host = request.headers.get("host", "")
    name = host.rsplit(":", 1)[0].strip("[]") if host.count(":") <= 1 or host.startswith("[") else host
    if name not in _hosts():
        raise Refused(403, "This address is not the class's server: open the address your teacher shows.")
    if post and request.headers.get("origin") != f"{request.url.scheme}://{host}":
        raise Refused(403, "This request did not come from the class's own page: open it again from its address.")


def client(request: Request) -> str:
    """The student's device, for the join limit: its address (behind ./dev app --lan's nginx, the one nginx saw)."""
    ip = request.client.host if request.client else "unknown"
    return request.headers.get("x-real-ip", ip) if ip in LOOPBACK else ip


def _code(request: Request) -> str:
    code = request.path_params.get("code", "")
    if not CODE.fullmatch(code):
        raise Refused(404, "No class has that code: check it with your teacher.")
    return code.upper()


async def _body(request: Request) -> dict:
    too_large = Refused(413, "That drawing is too large to send: draw it more simply.")
    length = request.headers.get("content-length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        raise too_large
    raw = b""
    async for chunk in request.stream():  # read no further than the limit, whatever the client says it sends
        raw += chunk
        if len(raw) > MAX_BODY:
            raise too_large
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        raise Refused(400, "The page sent something the class's server cannot read: reload the page.") from None
    if not isinstance(data, dict):
        raise Refused(400, "The page sent something the class's server cannot read: reload the page.")
    return data


def _guarded(post: bool = False):
    """Every route's edge: the checks, the security headers, and every fault as the student's sentence."""

    def wrap(handler):
        async def route(request: Request) -> Response:
            lang = _lang(request)
            try:
                _checked(request, post)
                return await handler(request)
            except Refused as exc:
                return _answer({"error": refusal(lang, exc.message)}, exc.status)
            except (ReadingError, NotAllowed) as exc:
                return _answer({"error": refusal(lang, str(exc))}, 403 if isinstance(exc, NotAllowed) else 400)
            except StoreError as exc:
                status = 404 if "no class" in str(exc) else 429 if "too many" in str(exc) else 409
                return _answer({"error": refusal(lang, str(exc))}, status)
            except Exception:  # anything else: logged here, never shown
                LOG.exception("student API: %s %s", request.method, request.url.path)
                return _answer({"error": refusal(lang, "Something went wrong on the class's server: try again.")}, 500)

        return route

    return wrap


@_guarded()
async def page(request: Request) -> Response:
    code, first, lang = request.path_params.get("code"), None, _lang(request)
    if code is not None:
        code = _code(request)
        try:
            first = await run_in_threadpool(_state, code, None, lang)
        except StoreError:  # no such class: the page says so, and offers to type the code again
            first = None
    html = await run_in_threadpool(page_html, code, first, lang)
    return HTMLResponse(html, headers=HEADERS)


def _step(name: str, lang: str) -> dict:
    """A step with nothing to draw, as a waiting student reads it: its heading and the telegram's words (which
    stay in their English translation, the source the map cites)."""
    doc = document(folders()[0])
    cid = clause_of(name)
    clause = doc.clause(cid) if cid else None
    if clause:
        return {"name": name, "heading": content(lang, f"clause:{cid}:label", clause["label"]), "words": clause["text"]}
    heading = doc.notes.get(name, {}).get("heading", "")
    return {"name": name, "heading": content(lang, f"notes:{name}:heading", heading), "words": ""}


def _state(code: str, token: str | None, lang: str = "en") -> dict:
    s = store()
    info = s.info(code)
    common = {
        "code": info["code"],
        "closed": info["closed"],
        "revealed": info["revealed"],
        "joined": bool(token) and s.is_student(code, token),
        "map": map_data(),
    }
    if not info["drawing"]:  # the class follows a lesson at a step with nothing to draw
        return common | {"task": None, "step": _step(info["step"], lang), "closed": False, "revealed": False}
    task = TASKS[info["task"]]
    clause = document(folders()[0]).known_clause(task.id)
    mine = s.my_reading(code, token) if token else None
    view = task_view(folders()[0], task.id)
    (south, west), (north, east) = view
    places = sorted(
        (
            {
                "name": p["name_1950"],
                "native": native if (native := place_name(p, lang)) != p["name_1950"] else None,
                "lat": f["geometry"]["coordinates"][1],
                "lon": f["geometry"]["coordinates"][0],
            }
            for f in basemap(folders()[1]).collections["places"]["features"]
            if int((p := f["properties"])["rank"]) <= 3
            and south <= f["geometry"]["coordinates"][1] <= north
            and west <= f["geometry"]["coordinates"][0] <= east
        ),
        key=lambda p: (p["native"] or p["name"]) if lang == "ko" else p["name"],  # ko: 가나다, zh: the romanized
    )
    return common | {
        "task": {
            "id": task.id,
            "step": info["step"] or "",  # a task the class returns to is the same task: its view is kept
            "draw": task.draw,
            "max_parts": task.max_parts,
            "prompt": content(lang, f"task:{task.id}:prompt", task.prompt),
            "label": content(lang, f"clause:{task.id}:label", clause["label"]),
            "words": clause["text"],
            "how": ui(lang).gettext(HOW[task.draw]),
        },
        "mine": mine,
        "view": view,
        "places": places,
    }


@_guarded()
async def state(request: Request) -> Response:
    return _answer(await run_in_threadpool(_state, _code(request), request.headers.get("x-student"), _lang(request)))


@_guarded(post=True)
async def join(request: Request) -> Response:
    code, data = _code(request), await _body(request)
    if data:  # a nickname travels with the reading (store.submit checks it): a join takes nothing
        raise Refused(400, "The page sent something the class's server cannot read: reload the page.")
    token = await run_in_threadpool(store().join, code, client(request))
    # the class as its new student sees it, with the token: a phone on a slow network saves a round trip
    return _answer({"token": token, "state": await run_in_threadpool(_state, code, token, _lang(request))})


@_guarded(post=True)
async def reading(request: Request) -> Response:
    code, data = _code(request), await _body(request)
    token = request.headers.get("x-student") or ""

    def submit() -> dict | None:
        store().submit(code, token, data.get("geometry"), data.get("sentence"), data.get("nickname"))
        return store().my_reading(code, token)

    return _answer({"stored": True, "mine": await run_in_threadpool(submit)})


def _result(code: str, token: str | None, lang: str = "en") -> dict:
    info = store().info(code)
    if not info["revealed"] or not info["drawing"]:
        raise Refused(409, "Your teacher has not revealed the map's reading yet.")
    core, possible, meta = the_maps_bands(info["task"])
    color = meta["style"]["color"]
    layers = [
        {"kind": "possible", "color": color, "geojson": {"type": "FeatureCollection", "features": possible}},
        {"kind": "core", "color": color, "geojson": {"type": "FeatureCollection", "features": core}},
    ]
    mine = store().my_reading(code, token) if token else None
    if not mine:
        none = [refusal(lang, "You did not send a reading.")]
        return {"layers": layers, "mine": None, "sentences": none, "differs_near": None}
    base = basemap(folders()[1])
    m = compare(mine["geometry"], core, possible, base.collections["border"]["features"], GEODATA / "elevation.asc")
    near = _nearest(base, m["differs_most_at"], lang) if "differs_most_at" in m else None
    return {"layers": layers, "mine": mine, "sentences": describe(m, near, ui(lang).gettext), "differs_near": near}


def _nearest(base, at: list[float], lang: str = "en") -> str:
    """The 1950 place nearest to a point (a student reads a name, not coordinates)."""
    lon, lat = at

    def away(f: dict) -> float:  # degrees of longitude shrink with cos(latitude): about 0.77 here, squared 0.58
        x, y = f["geometry"]["coordinates"]
        return (x - lon) ** 2 * 0.58 + (y - lat) ** 2

    places = [f for f in base.collections["places"]["features"] if int(f["properties"]["rank"]) <= 3]
    return place_name(min(places, key=away)["properties"], lang)


@_guarded()
async def result(request: Request) -> Response:
    return _answer(await run_in_threadpool(_result, _code(request), request.headers.get("x-student"), _lang(request)))

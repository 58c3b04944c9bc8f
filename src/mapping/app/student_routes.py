"""The student page's routes, for server.py. Each handler is imported on its first request: student_api imports
the app's shared resources (st.cache_data and st.cache_resource), which must be made once Streamlit's runtime
is up, not when server.py is read (before it, Streamlit falls back to a cache of its own and says so)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

ROUTES = [
    ("/join", "page", ["GET"]),
    ("/join/{code}", "page", ["GET"]),
    ("/api/class/{code}", "state", ["GET"]),
    ("/api/class/{code}/join", "join", ["POST"]),
    ("/api/class/{code}/reading", "reading", ["POST"]),
    ("/api/class/{code}/result", "result", ["GET"]),
]


def _handler(name: str):
    async def handle(request: Request) -> Response:
        from . import student_api

        return await getattr(student_api, name)(request)

    handle.__name__ = name
    return handle


def routes() -> list[Route]:
    return [Route(path, _handler(name), methods=methods) for path, name, methods in ROUTES]

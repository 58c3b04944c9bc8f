"""The Streamlit script without a browser (AppTest): it runs, shows the text, and is offline by construction."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapping.state import STEPS

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM = (ROOT / "layers" / "telegram-1950-10-11.txt").read_text(encoding="utf-8")


def run_app(timeout: float = 60) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    return at


def map_args(at: AppTest) -> dict:
    """What the map component (components v2, no iframe) is handed on this run, plus its published script."""
    found = [e for e in _walk(at._tree) if getattr(e, "proto", None) is not None and _is_map(e.proto)]
    assert found, "the map component was not rendered"
    args = json.loads(found[0].proto.json)
    args["script"] = (ROOT / "static" / args["script_url"].removeprefix("/app/static/")).read_text(encoding="utf-8")
    return args


def _is_map(proto) -> bool:
    return getattr(proto, "component_name", None) == "telegram_map"


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def text_element(at: AppTest):
    """The text component's element (components v2): its HTML and what it is handed on this run."""
    protos = [getattr(e, "proto", None) for e in _walk(at._tree)]
    found = [p for p in protos if getattr(p, "component_name", "") == "telegram_text"]
    assert len(found) == 1, "the text component was not rendered once"
    return found[0]


class _Parts(HTMLParser):
    """Each element with a data-clause attribute, and the text inside it (a <br> read as a line break)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, dict] = {}
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.handle_data("\n")
            return
        cid = dict(attrs).get("data-clause")
        if cid:
            self.parts[cid] = {"tag": tag, "text": "", "pressed": dict(attrs).get("aria-pressed")}
        self.open.append((tag, cid))

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for _, cid in self.open:
            if cid:
                self.parts[cid]["text"] += data


def test_app_runs_and_shows_every_clause_of_the_verbatim_text():
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "The telegram of 11 October 1950"
    index = json.loads((ROOT / "layers" / "clauses.json").read_text(encoding="utf-8"))
    parser = _Parts()
    parser.feed(text_element(at).html_content)
    for clause in index["clauses"]:
        part = parser.parts[clause["id"]]
        # a clause the map draws is a button (it selects its directive); every other part a paragraph
        assert part["tag"] == ("button" if clause["id"] in index["mapped"] else "p"), clause["id"]
        assert clause["text"] in part["text"], clause["id"]  # verbatim (a part may keep its leading dash)
    assert not at.error


def test_map_loads_no_cdn_asset():
    at = run_app()
    args = map_args(at)
    links = args["js_links"] + args["css_links"]
    assert links, "no Leaflet assets at all"
    assert all(link.startswith(("/app/static/vendor/", "/app/static/cache/tm-data-")) for link in links), links
    assert "/app/static/cache/tm-relief-" in args["script"]  # the relief is a cached file too, not inline
    assert "/app/static/cache/tm-relief-outer-" in args["script"]  # and so is the coarse relief
    for link in links:
        assert (ROOT / "static" / link.removeprefix("/app/static/")).is_file(), link
    assert "https://" not in args["script"].replace("https://digitalarchive", "")


def test_provenance_shows_both_cable_numbers():
    at = run_app()
    at.button(key="about").click().run()
    text = " ".join(e.proto.body for e in _walk(at._tree) if type(e).__name__ in ("Markdown", "Html"))
    assert "4785" in text and "4784" in text and "disagree" in text
    assert "Top Secret" in text and "Priority" in text  # which transcription the text follows
    # the bibliography, rendered by the CSL style from layers/sources.json
    assert "Appleman, Roy E. 1961." in text and 'class="tm-bibliography"' in text


@pytest.fixture
def broken_geodata(tmp_path, monkeypatch):
    """A copy of geodata/ with one corrupt file, wired into the app by monkeypatching the loader's folder."""
    copy = tmp_path / "geodata"
    shutil.copytree(ROOT / "geodata", copy)
    (copy / "rivers.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    (copy / "relief.png").unlink()
    (copy / "relief-outer.png").write_bytes(b"not a png")
    monkeypatch.setenv("TELEGRAM_MAP_GEODATA", str(copy))
    return copy


def test_corrupt_geodata_is_named_and_the_rest_still_shows(broken_geodata):
    before = (broken_geodata / "rivers.geojson").read_bytes()
    at = run_app()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "geodata/rivers.geojson" in errors and "not valid JSON" in errors and "./dev build" in errors
    assert "geodata/relief.png" in errors
    assert "geodata/relief-outer.png: not a PNG image" in errors
    assert "Traceback" not in errors
    assert "Pass immediately to Cde. Mao Zedong." in text_element(at).html_content  # the text still shows
    script = map_args(at)["script"]
    assert "Sinuiju" in script or "Sin\\u016diju" in script  # the places layer still drew
    assert (broken_geodata / "rivers.geojson").read_bytes() == before  # nothing was overwritten


def run_with(params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at


def applied(at: AppTest) -> dict:
    """The view state this run sends to the live map (applied there by TM.apply)."""
    state = dict(map_args(at)["state"])
    state.pop("view", None)  # where to move the map, sent only when the clause changes
    return state


def highlighted(at: AppTest) -> set[str]:
    """The clause the map highlights for that state (MapState's rule, checked in the browser tests)."""
    from mapping.document.clauses import MAPPED
    from mapping.state import clause_of

    state = applied(at)
    clause = clause_of(STEPS[state["step"]]) if state["mode"] == "present" else state["clause"]
    return {clause} if clause in MAPPED else set()


def test_clause_query_parameter_selects_and_highlights():
    at = run_with({"clause": "C4"})
    assert not at.exception
    assert highlighted(at) == {"C4"}
    assert at.query_params["clause"] == ["C4"] or at.query_params["clause"] == "C4"


def test_the_text_is_handed_the_selected_clause_and_nothing_else():
    # the click itself (a real mouse event, and the keyboard) is tested in Chromium: test_browser_app,
    # test_keyboard; a rerun sends the text only which clause is pressed, never its words again as data
    at = run_with({"clause": "C4"})
    assert json.loads(text_element(at).json) == {"active": "C4", "details": None}
    at = run_app()
    assert json.loads(text_element(at).json) == {"active": None, "details": None}


def test_present_mode_steps_are_bounded():
    at = run_with({"mode": "present", "step": "8"})
    assert highlighted(at) == {"S"}
    at.button(key="prev").click().run()
    assert highlighted(at) == {"C5"}
    last = len(STEPS) - 1
    at = run_with({"mode": "present", "step": str(last - 1)})
    at.button(key="next").click().run()
    assert str(at.query_params["step"]).strip("[]'") == str(last) and highlighted(at) == set()
    assert at.button(key="next").disabled


def test_hostile_parameters_fall_back_to_defaults():
    at = run_with({"clause": "<img src=x onerror=alert(1)>", "mode": "present", "step": "42"})
    assert not at.exception
    assert highlighted(at) == set()
    page = "".join(e.proto.body for e in _walk(at._tree) if type(e).__name__ in ("Html", "Markdown"))
    assert "onerror" not in page


def test_a_rerun_sends_the_view_state_not_geometry():
    at = run_with({"clause": "C4"})
    args = map_args(at)
    sent = json.dumps({k: v for k, v in args.items() if k != "script"})
    assert len(sent) < 600 and "coordinates" not in sent  # the geometry and the map script are cached files
    assert applied(at) == {"mode": "explore", "clause": "C4", "step": 0}


def test_about_feature_list_and_downloads_open_in_dialogs():
    at = run_with({})

    def shown() -> str:
        return "".join(e.proto.body for e in _walk(at._tree) if type(e).__name__ in ("Markdown", "Html"))

    assert "Cable number" not in shown()  # not drawn on the first load
    assert not [e for e in _walk(at._tree) if type(e).__name__ == "DownloadButton"]
    at.button(key="about").click().run()
    text = shown()
    assert "Cable number" in text and "What historians disagree about" in text and "GeoNames" in text
    at = run_with({})
    at.button(key="feature-list").click().run()
    assert any("tm-feature-list" in e.proto.body for e in _walk(at._tree) if type(e).__name__ == "Html")
    at = run_with({})
    at.button(key="offline").click().run()
    labels = [e.proto.label for e in _walk(at._tree) if type(e).__name__ == "DownloadButton"]
    assert labels == ["Download the offline map (HTML)", "Download the printable handout (PDF)"]

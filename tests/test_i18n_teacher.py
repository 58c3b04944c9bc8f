"""The teacher's screens in the reader's language (#34), found by a pseudo-locale: every interface string is looked
up through the catalogs, and here the lookup answers ‹the English, marked›. The test walks what a teacher does
(explore, open a class, the class screen with a reading, the reveal, one reading large, the join code large, the
lesson editor from an empty lesson to a step with a question, the lesson presented) and reads every label, text,
option and HTML element: what is left once the marked strings, the addresses and the data are taken out must hold
no English word. A string that does not go through the catalogs shows up here by name.

The map's own texts (clause labels, task prompts) come from the content catalogs in Korean, and the telegram's
words stay in their English translation: both are taken out by what they are, not by pattern.
"""

from __future__ import annotations

import csv
import html
import importlib
import re

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from mapping.classroom.lesson import ALL_STEPS
from mapping.document.load import load_document
from mapping.paths import LAYERS, ROOT

DOC = load_document(LAYERS)
LOOKUPS = (  # each module that holds the catalogs' lookup by name
    "mapping.i18n",
    "mapping.app.langswitch",
    "mapping.app.present",
    "mapping.app.dialogs",
    "mapping.render.views",
    "mapping.render.lang",
    "mapping.outputs.export",
    "mapping.app.student_text",
)
KINDS = ("title", "header", "subheader", "markdown", "caption", "button", "expander", "text_input", "number_input",
         "selectbox", "radio", "toggle", "info", "error", "warning", "success", "text_area", "code")  # fmt: skip


class Pseudo:
    """The pseudo-locale: each string marked, its placeholders kept; and every msgid asked for, kept, so that the
    test can find one that the catalogs do not hold (pybabel reads no call inside an f-string, for one)."""

    asked: set[str] = set()

    def gettext(self, msgid: str) -> str:
        self.asked.add(msgid)
        return f"‹{msgid}›"

    def ngettext(self, one: str, many: str, n: int) -> str:
        self.asked.add(one)
        return f"‹{one if n == 1 else many}›"


@pytest.fixture
def app(monkeypatch, tmp_path):
    monkeypatch.setenv("TELEGRAM_MAP_DATA", str(tmp_path / "classdata"))
    monkeypatch.delenv("TELEGRAM_MAP_DATABASE_URL", raising=False)
    modules = [importlib.import_module(name) for name in LOOKUPS]  # all imported first: none binds the pseudo one
    real = modules[0].ui
    for module in modules:
        monkeypatch.setattr(module, "ui", lambda lang: Pseudo() if lang == "ko" else real(lang))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "ko"
    at.run()
    return at


def texts(at: AppTest) -> list[tuple[str, str]]:
    """Every string the page shows or says: labels, values, help, options, and the HTML elements' text."""
    out = []
    for kind in KINDS:
        for e in getattr(at, kind, []):
            for attr in ("label", "value", "body", "help", "placeholder"):
                if attr == "value" and kind in ("selectbox", "radio"):
                    continue  # the value chosen, not its words (the options are)
                if isinstance(v := getattr(e, attr, None), str):
                    out.append((kind, v))
            out += [(kind, str(o)) for o in getattr(e, "options", [])]
    for e in at.get("html"):
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", e.proto.body, flags=re.S | re.I)
        out += [("html", body)] + [("html", a) for a in re.findall(r'(?:alt|aria-label|title)="([^"]*)"', body)]
    return out


# the telegram's words; the switch names English in English; a publication's name, kept in the caveats' translations;
# the romanized place names the texts give beside the Hangul and Hanja; the clauses' ids (C1 ... F2), and kilometres
with (ROOT / "src" / "mapping" / "data" / "places.csv").open(encoding="utf-8") as fh:
    ROMANIZED = sorted({r[k] for r in csv.DictReader(fh) for k in ("name_1950", "name_modern") if r[k]}, key=len)[::-1]
DATA = [c["text"] for c in DOC.clauses] + ["English", "CWIHP Bulletin", *ROMANIZED]
IDS = re.compile(r"\b(?:[CF]\d|S|km)\b")


CREDITS = (ROOT / "geodata" / "SOURCES.md").read_text(encoding="utf-8").replace("# geodata/", "#### geodata/")


def english_left(at: AppTest, *data: str) -> list[tuple[str, str]]:
    found = []
    for kind, text in texts(at):
        if text.strip() == CREDITS.strip():  # the data's credits, in English as their licences word them (so said)
            continue
        text = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", text, flags=re.S)  # marked as English: citations
        for known in (*DATA, *data):
            text = text.replace(known, " ")
        while re.search(r"‹[^‹›]*›", text):  # the interface's strings, through the catalogs (one may hold another)
            text = re.sub(r"‹[^‹›]*›", " ", text)
        text = re.sub(r"https?://\S+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))
        for known in ROMANIZED:
            text = text.replace(known, " ")
        text = IDS.sub(" ", text)
        text = re.sub(r"['‘\"“][^'’\"”]*['’\"”]", " ", text)  # the telegram's words, quoted in the map's texts
        if re.search(r"[A-Za-z]{3,}", text):
            found.append((kind, " / ".join(re.findall(r"[A-Za-z][\w' ,.:-]*[A-Za-z]", text))[:300]))
    return found


def test_the_teachers_screens_leave_no_interface_string_in_english(app):
    at = app
    assert english_left(at) == [], "explore"
    at.button(key="about").click().run()
    assert any("‹How the shapes were made›" in t for _, t in texts(at)), "the About text is drawn"
    assert (left := english_left(at)) == [], f"About this map: {left}"
    at.session_state["feature"] = "thrust-1950-10-26"  # a shape's details: its summary a quotation, in English
    at.run()
    assert any('data-feature="thrust-1950-10-26"' in t for _, t in texts(at)), "the details are drawn"
    assert (left := english_left(at)) == [], f"a shape's details: {left}"
    at.button(key="feature-list").click().run()
    assert (left := english_left(at)) == [], f"every layer and feature, as text: {left}"
    at.button(key="offline").click().run()
    assert english_left(at) == [], "the downloads"
    at.button(key="class").click().run()
    assert english_left(at) == [], "the dialog that opens a class"
    assert any(b.label == "‹Open the class›" for b in at.button)
    # AppTest reruns the whole page on a click in a dialog (a browser reruns the dialog alone): the class is
    # opened as the dialog's button does, and the session given its key
    from mapping.app.resources import store

    opened = store().open_class("C2", 30)
    code = opened.code
    at.session_state["teacher"] = {"code": code, "secret": opened.secret}
    at.run()
    assert any(f"‹Join: <strong>{code}</strong>›" in t for _, t in texts(at)), "the class screen is drawn"
    assert english_left(at, code) == [], "the class screen, waiting for readings"
    token = store().join(code)
    square = [[126.0, 39.5], [127.0, 39.5], [127.0, 40.2], [126.0, 40.2], [126.0, 39.5]]
    store().submit(code, token, {"type": "Polygon", "coordinates": [square]}, "Along the mountains near the border.")
    at.run()
    sentence = "Along the mountains near the border."
    at.button(key="tm-reveal").click().run()
    assert english_left(at, code, sentence) == [], "the class screen, the map's reading revealed"
    at.toggle(key="tm-sentences").set_value(True).run()
    at.radio(key="tm-sentences-how").set_value("all").run()
    assert english_left(at, code, sentence) == [], "the sentences shown"
    at.button(key="tm-one-show").click().run()
    assert english_left(at, code, sentence) == [], "one reading large"
    at.button(key="tm-one-back").click().run()
    at.button(key="tm-join-big-open").click().run()
    assert english_left(at, code) == [], "the join code large"
    at.button(key="tm-join-big").click().run()
    at.button(key="tm-back").click().run()
    at.button(key="make-lesson").click().run()
    assert [t.value for t in at.title] == ["‹Your lesson›"]
    titles = ("40 minutes: what the telegram asked", "Reading vague words: class readings of C2 and C3")  # lessons/
    assert english_left(at, code, *titles) == [], "the lesson editor, a new lesson"
    at.selectbox(key="ls-add").set_value("C2").run()
    at.button(key="ls-add-button").click().run()
    at.text_input(key="ls-q0-C2").input("Where are the mountains?").run()
    at.selectbox(key="ls-add").set_value(next(s for s in ALL_STEPS if s.startswith("class-"))).run()
    at.button(key="ls-add-button").click().run()
    assert not at.exception
    assert english_left(at, code, "Where are the mountains?", *titles) == [], "the lesson editor, two steps"
    at.button(key="ls-present").click().run()
    assert not at.exception
    assert any("Where are the mountains?" in t for _, t in texts(at)), "the lesson is presented, its question shown"
    assert english_left(at, code, "Where are the mountains?") == [], "the lesson presented"
    # every string looked up on the way is in the catalogs, so translated (tests/test_i18n.py)
    with (ROOT / "src" / "mapping" / "i18n" / "locales" / "ui.pot").open("rb") as fh:
        held = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(fh)}
    assert len(Pseudo.asked) > 150
    assert sorted(Pseudo.asked - held) == [], "looked up, but not in ui.pot: extracted from no call"


def test_the_walk_finds_a_string_left_in_english(app, monkeypatch):
    """The check itself: a label that does not go through the catalogs is found by its words."""
    from mapping.app import langswitch

    real = langswitch.gettext
    monkeypatch.setattr(langswitch, "gettext", lambda lang=None: lambda m: m if m == "Language" else real(lang)(m))
    app.run()
    assert ("selectbox", "Language") in english_left(app)

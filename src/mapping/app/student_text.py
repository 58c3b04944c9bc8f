"""The student page's words in the student's language (#34): what the API says (the guide to a task's drawing,
every refusal), the string table its scripts read (TM.t, TM.tn), and the map's own texts (i18n.content's).

The API's refusals are made in English by the store and the reading checks (classroom/store.py, readings.py,
limits.py) and by student_api.py; `refusal(lang, text)` gives each in the student's language: a fixed sentence by
its msgid (listed here with N_ so that extraction finds it), one with a number or a wait by a pattern. A sentence
this table does not know stays as it is (English): never an error.
"""

from __future__ import annotations

import re
from functools import cache

from ..i18n import ui
from ..paths import WEB


def N_(message: str) -> str:
    """A msgid marked for extraction (babel.cfg), translated where it is shown."""
    return message


HOW = {
    "Polygon": N_("Tap the corners of your area one by one, then tap the first corner (or Finish) to close it."),
    "LineString": N_("Tap the points of your route in order, then tap Finish."),
    "Point": N_("Tap each place you would mark; tap Finish when you are done."),
}
# the refusals a student can meet, word for word as the store, the checks and the API make them
FIXED = (
    N_("This address is not the class's server: open the address your teacher shows."),
    N_("This request did not come from the class's own page: open it again from its address."),
    N_("No class has that code: check it with your teacher."),
    N_("That drawing is too large to send: draw it more simply."),
    N_("The page sent something the class's server cannot read: reload the page."),
    N_("Something went wrong on the class's server: try again."),
    N_("Your teacher has not revealed the map's reading yet."),
    N_("You did not send a reading."),
    N_("no class has that code: check it with your teacher"),
    N_("this task is closed"),
    N_("your teacher's class is not drawing now: your reading waits here until it is"),
    N_("the teacher has closed this task: your last reading is kept"),
    N_("this browser has not joined the class: join it again with the code"),
    N_("that is a lot of submissions in one minute: wait a moment, then submit"),
    N_("A point of the drawing is not a number: draw it again."),
    N_("The drawing is empty: draw on the map, then submit."),
    N_("A point of the drawing is not a longitude and a latitude."),
    N_("Part of the drawing is off the map: keep it on Korea and Manchuria."),
    N_("A line needs at least two points: draw it again."),
    N_("An area needs at least three corners: draw it again."),
    N_("The drawing could not be read: draw it again."),
    N_("Nothing was drawn: draw on the map, then submit."),
    N_("This task asks for an area, and the drawing is something else."),
    N_("This task asks for points, and the drawing is something else."),
    N_("This task asks for a line, and the drawing is something else."),
    N_("An area is too small to be a reading: draw it larger."),
    N_("A line is too short to be a reading: draw it longer."),
    N_("The same place is marked twice: remove one."),
    N_("Two of the areas overlap or touch: draw them apart, or as one area."),
    N_("The outline crosses itself: draw it again without crossing."),
    N_("The shape is not a clean outline: draw it again."),
    N_("The sentence is not text."),
    N_("The nickname is not text."),
    N_("Write your sentence: one sentence on why there."),
    N_("Write the sentence in plain words: no code or markup."),
    N_("Write the nickname in plain words: no code or markup."),
)
# the refusals with a number in them: the pattern of the English, and the msgid it becomes
PATTERNS = (
    (
        r"this class is full: (?P<n>\d+) have joined it, the most one class takes",
        N_("This class is full: %(n)s have joined it, the most one class takes."),
    ),
    (
        r"this class already has (?P<n>\d+) readings, the most one class may hold",
        N_("This class already has %(n)s readings, the most one class may hold."),
    ),
    (r"too many joins from this browser .*: wait (?P<wait>.+)", N_("Too many joins from this device: wait %(wait)s.")),
    (
        r"The drawing has more than (?P<n>\d+) corners: draw it more simply\.",
        N_("The drawing has more than %(n)s corners: draw it more simply."),
    ),
    (
        r"This task takes at most (?P<n>\d+) shapes: remove some\.",
        N_("This task takes at most %(n)s shapes: remove some."),
    ),
    (
        r"The sentence is (?P<len>\d+) characters long: keep it to (?P<n>\d+)\.",
        N_("The sentence is %(len)s characters long: keep it to %(n)s."),
    ),
    (
        r"The nickname is (?P<len>\d+) characters long: keep it to (?P<n>\d+)\.",
        N_("The nickname is %(len)s characters long: keep it to %(n)s."),
    ),
)
WAITS = ((r"(\d+) s", N_("%(n)s s")), (r"(\d+) min", N_("%(n)s min")), (r"(\d+) h", N_("%(n)s h")))


def _wait(lang: str, text: str) -> str:
    for pattern, msgid in WAITS:
        if m := re.fullmatch(pattern, text):
            return ui(lang).gettext(msgid) % {"n": m.group(1)}
    return text


def refusal(lang: str, text: str) -> str:
    """A refusal made in English, in `lang` (unchanged when this table does not know it)."""
    t = ui(lang)
    if text in FIXED:
        return t.gettext(text)
    for pattern, msgid in PATTERNS:
        if m := re.fullmatch(pattern, text):
            values = m.groupdict()
            if "wait" in values:
                values["wait"] = _wait(lang, values["wait"])
            return t.gettext(msgid) % values
    return text


def content(lang: str, context: str, english: str) -> str:
    """The map's own texts (a task's prompt, a clause's label, a step's heading) in `lang`: i18n.content's (its
    msgctxt: `task:C3:prompt`, `clause:C3:label`, `notes:STEP:heading`); the English where it has none."""
    if lang == "en":
        return english
    from ..i18n import content as catalog

    return catalog.translate(lang, context, english)


# the student page's scripts' own strings: TM.t("...") and TM.tn("one", "many", n), in the page's scripts
_T = re.compile(r'TM\.t\(\s*"((?:[^"\\]|\\.)*)"')
_TN = re.compile(r'TM\.tn\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')


@cache
def js_msgids(scripts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The msgids the scripts use: (TM.t's, TM.tn's (singular, plural) pairs), each once."""
    import json

    singles: dict[str, None] = {}
    plurals: dict[tuple[str, str], None] = {}
    for name in scripts:
        source = (WEB / name).read_text(encoding="utf-8")
        for m in _T.finditer(source):
            singles[json.loads(f'"{m.group(1)}"')] = None
        for m in _TN.finditer(source):
            plurals[(json.loads(f'"{m.group(1)}"'), json.loads(f'"{m.group(2)}"'))] = None
    return tuple(singles), tuple(plurals)


def js_table(lang: str, scripts: tuple[str, ...], translations=None) -> dict:
    """The string table the page embeds for its scripts: {"s": {msgid: text}, "p": {singular: [one, many]}}, the
    forms for n = 1 and any other n (Korean and Chinese have one form: the same twice; English two)."""
    t = translations or ui(lang)
    singles, plurals = js_msgids(scripts)
    return {
        "s": {m: t.gettext(m) for m in singles},
        "p": {one: [t.ngettext(one, many, 1), t.ngettext(one, many, 2)] for one, many in plurals},
    }

"""A teacher's lesson: an ordered choice of the map's present steps and class-readings steps, each with the
teacher's own note, up to three questions and a time. A lesson is a file too (lesson.json, versioned,
checked against lesson.schema.json), so teachers can share it; the map's own notes are never changed.

Every fault in a file is reported with the field it is in (`steps[2].note: ...`), and a file with any
fault is refused whole: nothing of it is stored or shown.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from pathlib import Path

import jsonschema

from ..state import CLASS_PREFIX, STEPS, STORY, SUBSTEP_TITLES, SUBSTEPS, clause_of
from .readings import CONTROL, MARKUP
from .tasks import TASKS

FORMAT, VERSION = "telegram-map-lesson", 1
SCHEMA = Path(__file__).with_name("lesson.schema.json")
CLASS_STEPS = [CLASS_PREFIX + t for t in TASKS]
ALL_STEPS = [*STEPS, *CLASS_STEPS]
TEXT_FIELDS = ("title", "audience", "author")
MAX_FILE = 64_000  # bytes: a lesson of 25 full steps is about 25 kB


class LessonError(ValueError):
    """A lesson that cannot be used; `problems` name each field at fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LessonStep:
    step: str
    minutes: int | None = None
    note: str = ""
    questions: tuple[str, ...] = ()

    @property
    def task(self) -> str | None:
        """The class task of a class-readings step."""
        return self.step[len(CLASS_PREFIX) :] if self.step.startswith(CLASS_PREFIX) else None


@dataclass(frozen=True)
class Lesson:
    title: str
    steps: tuple[LessonStep, ...]
    audience: str = ""
    author: str = ""
    id: str | None = field(default=None, compare=False)  # set once the store keeps it

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.step for s in self.steps)

    @property
    def minutes(self) -> int:
        return sum(s.minutes or 0 for s in self.steps)

    def to_json(self) -> dict:
        out: dict = {"format": FORMAT, "version": VERSION, "title": self.title}
        out |= {k: getattr(self, k) for k in ("audience", "author") if getattr(self, k)}
        out["steps"] = [
            {"step": s.step}
            | ({"minutes": s.minutes} if s.minutes else {})
            | ({"note": s.note} if s.note else {})
            | ({"questions": list(s.questions)} if s.questions else {})
            for s in self.steps
        ]
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"


def step_label(doc, name: str, lang: str = "en") -> str:
    """A step's name as a teacher reads it in the editor and the worksheet, in `lang` (#34)."""
    from ..i18n import ui
    from ..i18n.content import translate

    _ = ui(lang).gettext
    clause = clause_of(name)

    def label(cid: str) -> str:
        return translate(lang, f"clause:{cid}:label", doc.clause(cid)["label"])

    if name.startswith(CLASS_PREFIX):
        return _("Class readings: %(clause)s") % {"clause": label(clause or name.removeprefix(CLASS_PREFIX))}
    if clause is None:
        if name in STORY:
            heading = translate(lang, f"notes:{name}:heading", doc.notes.get(name, {}).get("heading", name))
            return _("What happened next: %(day)s") % {"day": heading}
        return {"title": _("Title: the telegram"), "end": _("End: what happened next")}.get(name, name)
    return label(clause) + (f": {_(SUBSTEP_TITLES[name])}" if name in SUBSTEPS else "")


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _schema_problem(err: jsonschema.ValidationError) -> str:
    where, v = _where(err.absolute_path), err.instance
    if err.validator == "maxLength" and isinstance(v, str):
        return f"{where}: {len(v)} characters, more than the {err.validator_value} it may hold"
    if err.validator == "maxItems" and isinstance(v, list):
        return f"{where}: {len(v)} items, more than the {err.validator_value} it may hold"
    if err.validator == "additionalProperties" and isinstance(v, dict) and isinstance(err.schema, dict):
        extra = sorted(set(v) - set(err.schema.get("properties", {})))
        return f"{where}: unknown field {', '.join(map(repr, extra))}"
    if err.validator == "required":
        return f"{where}: {err.message.split(' is ')[0]} is missing"
    return f"{where}: {err.message}"


def _plain(where: str, text: str) -> str | None:
    if MARKUP.search(text) or CONTROL.search(text):
        return f"{where}: no HTML, script or control characters (write plain text or **bold** and *italic*)"
    return None


def parse(data: object) -> Lesson:
    """A Lesson from a decoded lesson.json, or a LessonError naming every field at fault."""
    if not isinstance(data, dict):
        raise LessonError(["the file: a lesson is a JSON object"])
    if data.get("format") != FORMAT:
        raise LessonError([f"format: this is not a lesson file (expected {FORMAT!r})"])
    if data.get("version") != VERSION:
        raise LessonError([f"version: this map reads lesson files of version {VERSION}, not {data.get('version')!r}"])
    problems = [_schema_problem(e) for e in sorted(_validator().iter_errors(data), key=lambda e: list(e.path))]
    raw_steps = data.get("steps")
    steps = raw_steps if isinstance(raw_steps, list) else []
    seen: set[object] = set()  # what each step names, a step of the map or not
    for i, s in enumerate(steps):  # every fault at once, the schema's and these, so one fix round is enough
        s = s if isinstance(s, dict) else {}
        name = s.get("step")
        if isinstance(name, str) and name not in ALL_STEPS:
            problems.append(f"steps[{i}].step: {name!r} is not a step of this map (one of {', '.join(ALL_STEPS)})")
        elif name in seen:
            problems.append(f"steps[{i}].step: {name!r} comes twice; a step may come once")
        seen.add(name)
        texts = [(f"steps[{i}].note", s.get("note"))]
        raw_qs = s.get("questions")
        qs = raw_qs if isinstance(raw_qs, list) else []
        texts += [(f"steps[{i}].questions[{k}]", q) for k, q in enumerate(qs)]
        problems += filter(None, (_plain(w, t) for w, t in texts if isinstance(t, str)))
    problems += filter(None, (_plain(k, data[k]) for k in TEXT_FIELDS if isinstance(data.get(k), str)))
    if problems:
        raise LessonError(problems)
    return Lesson(
        title=data["title"].strip(),
        audience=data.get("audience", "").strip(),
        author=data.get("author", "").strip(),
        steps=tuple(
            LessonStep(
                s["step"], s.get("minutes"), s.get("note", "").strip(), tuple(q.strip() for q in s.get("questions", []))
            )
            for s in data["steps"]
        ),
    )


def loads(text: str | bytes) -> Lesson:
    if len(text) > MAX_FILE:
        raise LessonError([f"the file: {len(text)} bytes, more than the {MAX_FILE} a lesson may hold"])
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise LessonError([f"the file is not JSON: {exc}"]) from None
    return parse(data)


def load(path: Path) -> Lesson:
    try:
        return loads(path.read_bytes())
    except OSError as exc:
        raise LessonError([f"{path}: {exc.strerror or exc}"]) from None


# -- a note or a question on a page: escaped, then the small Markdown subset ---------------------------------
_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")


def inline_html(text: str) -> str:
    return _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", html.escape(text)))


def note_html(text: str) -> str:
    """A note as HTML: paragraphs, '- ' lists, **bold** and *italic*; everything else escaped. A run of '- '
    lines is a list wherever it stands, after a line of text too, as a teacher writes one."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        for is_item, run in groupby(lines, key=lambda ln: ln.startswith("- ")):
            if is_item:
                out.append("<ul>" + "".join(f"<li>{inline_html(ln[2:])}</li>" for ln in run) + "</ul>")
            else:
                out.append("<p>" + "<br>".join(inline_html(ln) for ln in run) + "</p>")
    return "".join(out)


def plain(text: str) -> str:
    """A note without its Markdown marks (the worksheet's text)."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def teacher_html(step: LessonStep, lang: str = "en") -> str:
    """The teacher's own words on a step, marked as theirs (the app's present panel and the export), the marks in
    `lang`; nothing when the step has neither note nor question (no empty box is projected)."""
    from ..i18n import ui

    if not step.note and not step.questions:
        return ""
    _ = ui(lang).gettext
    named = html.escape(_("The teacher's note and questions"))
    parts = [f'<section class="tm-teacher" aria-label="{named}">']
    head = _("Teacher's note") + (" · " + _("about %(n)d min") % {"n": step.minutes} if step.minutes else "")
    parts.append(f'<p class="tm-teacher-mark">{html.escape(head)}</p>')
    if step.note:
        parts.append(f'<div class="tm-teacher-note">{note_html(step.note)}</div>')
    if step.questions:
        items = "".join(f"<li>{inline_html(q)}</li>" for q in step.questions)
        said = html.escape(_("Questions"))
        parts.append(f'<p class="tm-teacher-mark">{said}</p><ol class="tm-teacher-questions">{items}</ol>')
    return "".join(parts) + "</section>"

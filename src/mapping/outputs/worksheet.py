"""A lesson's worksheet (`handout --lesson FILE`, and the editor's download): one page a student takes home,
with the teacher's questions and ruled space to answer, and a page for the teacher with the map's own
interpretation of each step, its certainty and sources, beside the teacher's note. The handout's fonts and
its check for missing glyphs (pdfpage.py). In the language of the page being printed (pdfpage.printing, #34):
the worksheet's own words from the `print` catalog, the map's (clause labels, notes, interpretations) from
i18n.content; the teacher's title, notes and questions as the teacher wrote them, the telegram's words in English.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

from ..classroom.lesson import Lesson, plain, step_label
from ..document.load import Document
from ..i18n.content import translate
from ..state import clause_of
from .pdfpage import (
    A4,
    N_,
    TRANSLATED_FROM,
    _,
    certainty,
    glyphs_checked,
    lang,
    metadata,
    ngettext,
    printing,
    text_block,
    text_height,
)

LINE = 0.024  # the height of one ruled answer line, as a share of the page (7 mm)
BOTTOM = 0.05
SUBSTEPS_SAID = (N_("hold the mountains"), N_("partisans in the enemy's rear"))  # state.SUBSTEP_TITLES, extracted
FROM_THE_TELEGRAM = N_(
    "From the telegram of 11 October 1950, Filippov [Stalin] and Zhou Enlai to Mao Zedong. Answer from its words "
    "and the map's sources; every shape on the map is an interpretation."
)


def label_of(doc: Document, name: str) -> str:
    """A step's name, as the editor shows it, in the printed page's language."""
    return step_label(doc, name, lang())


class Flow:
    """Text down a page, onto a new page when the space runs out."""

    def __init__(self, heading: str) -> None:
        self.figs: list = []
        self.heading = heading
        self.new(heading)

    def new(self, heading: str) -> None:
        self.fig = plt.figure(figsize=A4)
        self.figs.append(self.fig)
        self.y = text_block(self.fig, 0.95, heading, size=15, weight="bold")

    def text(self, text: str, need: float = 0.03, **kw) -> None:
        if self.y - need < BOTTOM:
            self.new(_("%(heading)s (continued)") % {"heading": self.heading})
        self.y = text_block(self.fig, self.y, text, **kw)

    def lines(self, n: int) -> None:
        for _line in range(n):
            self.y -= LINE
            self.fig.add_artist(plt.Line2D([0.07, 0.93], [self.y, self.y], color="#999", linewidth=0.6))
        self.y -= 0.008


def _question_height(doc: Document, step, question: str) -> float:
    """A question's text with its step's name, as the longest layout prints it, and the gap after it."""
    return text_height(f"00. ({label_of(doc, step.step)}) {plain(question)}", 105, 9.5) + 0.008


def _layout(doc: Document, lesson: Lesson, top: float = 0.83) -> tuple[str, int]:
    """The fullest layout that fits one page, and the answer lines per question (two at least, five at most):
    each step's heading and words above its questions, or its heading alone, or only its name before each
    question."""
    steps = [s for s in lesson.steps if s.questions]
    asked = sum(len(s.questions) for s in steps)
    if not asked:  # a lesson of notes alone, or one still being written: nothing to answer
        return "words", 0
    for mode in ("words", "headings", "inline"):
        text = 0.0
        for s in steps:
            if mode != "inline":
                text += text_height("x", 100, 10) + 0.004
            if mode == "words" and (cid := clause_of(s.step)):
                text += text_height(doc.known_clause(cid)["text"], 120, 7.5)
            text += sum(_question_height(doc, s, q) for q in s.questions)
        per = int((top - BOTTOM - text) / LINE / asked)
        if per >= 2:
            return mode, min(5, per)
    return "inline", max(1, per)


def room(doc: Document, lesson: Lesson) -> tuple[int, bool]:
    """The student page's answer lines per question, and whether it all fits one page (the editor says so)."""
    _mode, per = _layout(doc, lesson)
    asked = [(s, q) for s in lesson.steps for q in s.questions]
    text = sum(_question_height(doc, s, q) for s, q in asked)
    return per, 0.83 - BOTTOM - text - len(asked) * per * LINE >= 0


def student_page(doc: Document, lesson: Lesson) -> list:
    """The questions, each with the lines left on the page shared out between them: one page, when the lesson
    asks no more than about ten questions (the editor says so); more run onto a second."""
    flow = Flow(lesson.title)
    flow.text(_("Name: ______________________    Date: ____________"), size=10)
    if lesson.audience:
        flow.text(_("For: %(audience)s") % {"audience": lesson.audience}, size=8.5, color="#333")
    said = _(FROM_THE_TELEGRAM) + ("" if lang() == "en" else " " + _(TRANSLATED_FROM))
    flow.text(said, width=110, size=8, color="#333")
    if not any(s.questions for s in lesson.steps):
        flow.text(_("This lesson has no questions."), size=10)
        return flow.figs
    mode, per = _layout(doc, lesson, flow.y)
    n = 0
    for s in (s for s in lesson.steps if s.questions):
        clause, label = clause_of(s.step), label_of(doc, s.step)
        if mode != "inline":
            flow.text(label, need=0.03 + per * LINE, size=10, weight="bold")
            flow.y -= 0.004
        if mode == "words" and clause:
            words = doc.known_clause(clause)["text"]
            flow.text(f"\u201c{words}\u201d", width=120, size=7.5, family="DejaVu Serif", color="#333")
        for q in s.questions:
            n += 1
            text = f"{n}. ({label}) {plain(q)}" if mode == "inline" else f"{n}. {plain(q)}"
            flow.text(text, need=0.02 + per * LINE, width=105, size=9.5)
            flow.lines(per)
    return flow.figs


def teacher_page(doc: Document, lesson: Lesson) -> list:
    """For each step: the teacher's note, the map's note and each layer's interpretation, with certainty and
    sources: what the map says, to set beside the class's answers."""
    lg = lang()
    flow = Flow(_("For the teacher: the map's own reading, step by step"))
    steps = ngettext("%(n)d step", "%(n)d steps", len(lesson.steps)) % {"n": len(lesson.steps)}
    minutes = ngettext("%(n)d minute", "%(n)d minutes", lesson.minutes) % {"n": lesson.minutes}
    said = _(
        "%(title)s. %(steps)s, %(minutes)s. The map's notes and interpretations are its own; the teacher's notes "
        "are the lesson's."
    ) % {"title": lesson.title, "steps": steps, "minutes": minutes}
    flow.text(said, width=115, size=8, color="#333")
    shown: dict[str, int] = {}  # a clause's reading, given once: a later step points back to it
    for i, s in enumerate(lesson.steps, 1):
        clause = clause_of(s.step)
        heading = f"{i}. {label_of(doc, s.step)}"
        if s.minutes:
            heading = _("%(heading)s · %(n)d min") % {"heading": heading, "n": s.minutes}
        flow.text(heading, need=0.06, size=10, weight="bold")
        if s.note:
            flow.text(_("Teacher's note: %(note)s") % {"note": plain(s.note)}, width=125, size=7.5, style="italic")
        if clause in shown:
            said = _("The map's reading of these words: as in step %(n)d.") % {"n": shown[clause]}
            flow.text(said, width=125, size=7.5)
            continue
        if clause:
            shown[clause] = i
        key = clause if s.task else s.step
        note = doc.notes.get(key, {})
        if note:
            cites = "; ".join(doc.bibliography.cite(note["citations"], html_out=False))
            text = translate(lg, f"notes:{key}:text", note["text"])
            flow.text(_("The map's note: %(text)s %(citations)s") % {"text": text, "citations": cites}, width=125,
                      size=7.5)  # fmt: skip
        for layer in doc.layers_for(clause) if clause else []:
            first = next((f for f in layer.features if f["properties"].get("band") != "possible"), layer.features[0])
            p = first["properties"]
            cites = "; ".join(doc.bibliography.cite(p["citations"], html_out=False))
            said = _("%(title)s (%(certainty)s): %(interpretation)s Sources: %(citations)s") % {
                "title": translate(lg, f"layer:{layer.id}:title", layer.meta["title"]),
                "certainty": certainty(p["certainty"]),
                "interpretation": translate(lg, f"feature:{p['id']}:interpretation", p["interpretation"]),
                "citations": cites,
            }
            flow.text(said, width=130, size=6.8, color="#222")
    return flow.figs


def pages(doc: Document, lesson: Lesson) -> list:
    """The student's pages and the teacher's, in the language of the page being printed."""
    return student_page(doc, lesson) + teacher_page(doc, lesson)


def build(doc: Document, lesson: Lesson, language: str = "en") -> bytes:
    def make() -> bytes:
        buf = io.BytesIO()
        with PdfPages(buf, metadata=metadata(_("%(title)s: a worksheet") % {"title": lesson.title})) as pdf:
            for fig in pages(doc, lesson):
                pdf.savefig(fig)
                plt.close(fig)
        return buf.getvalue()

    with printing(language):
        return glyphs_checked(make)

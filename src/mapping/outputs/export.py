"""`python -m mapping export OUT.html [--lesson FILE]`: the whole view as one self-contained, offline HTML file.

The map comes from the same renderer as the app (render.base_map). What the app does in
Python (selection, steps, the date), this page does in a small script over the same
paths and classes, so the testability contract holds in both: `data-clause` on the text,
`clause-ID` and `selected` on the paths. `lang` (#34): the page in English, Korean or Chinese (`<html lang>`, the
map's controls and legend, the panel's words through ui(lang), the map's own texts through i18n.content); the
telegram stays in the English translation the map cites, with a sentence saying so.
"""

from __future__ import annotations

import base64
import re
from typing import cast

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from ..classroom.lesson import Lesson, step_label, teacher_html
from ..classroom.tasks import TASKS
from ..document.basemap import Basemap
from ..document.clauses import MAPPED
from ..document.load import Document
from ..i18n import LANGS, ui
from ..i18n.content import translate
from ..paths import STATIC
from ..render import base_map, present_views
from ..render.assets import WebScripts, style_tag
from ..render.legend import legend_html
from ..render.offline import ASSETS
from ..render.views import bibliography_html, esc, feature_details_html, feature_list_html, passages_html
from ..state import CLASS_PREFIX, STEPS, clause_of

VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*"\s*/?>')
MARK = "tm-inline://"  # assets are first linked here, then inlined
TITLE = "The telegram of 11 October 1950: an interactive map"  # its msgid (export_title below)

# branca's Figure page, valid HTML5: a language, and folium's map script inside the body
# (branca puts it after </body>). The title is set on the Figure.
PAGE = (
    "<!DOCTYPE html>\n"
    '<html lang="en">\n'
    "<head>\n"
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs)}}\n"
    "</head>\n"
    "<body>\n"
    "    {{this.html.render(**kwargs)}}\n"
    "<script>\n"
    "    {{this.script.render(**kwargs)}}\n"
    "</script>\n"
    "</body>\n"
    "</html>\n"
)
PAGE_TEMPLATE = Template(PAGE)


def page_template(lang: str) -> Template:
    """The page in `lang` (i18n.LANGS, a fixed set: nothing from outside goes in)."""
    if lang not in LANGS:
        raise ValueError(f"no such language: {lang!r} (one of {', '.join(LANGS)})")
    return PAGE_TEMPLATE if lang == "en" else Template(PAGE.replace('<html lang="en">', f'<html lang="{lang}">', 1))


class ExportGlue(WebScripts, MacroElement):
    """The page's behaviour: clause <-> shape linking and keyboard steps (web/export_glue.js); the map's
    MapState does the rest."""

    web_js = ("i18n.js", "steps.js", "export_glue.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.exportGlue({{ this._parent.get_name() }}, {{ this.payload|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "ExportGlue"
        self.payload = payload


def export_title(lang: str = "en") -> str:
    _ = ui(lang).gettext
    return _("The telegram of 11 October 1950: an interactive map")


def lesson_html(doc: Document, lesson: Lesson, lang: str = "en") -> str:
    """The lesson, step by step: the keys step through it, and each step shows the teacher's note and questions
    beside the map's own note (export_glue.js marks the current step)."""
    _ = ui(lang).gettext
    named, heading = _("The lesson"), _("Lesson: %(title)s") % {"title": lesson.title}
    parts = [f'<section id="tm-lesson" aria-label="{esc(named)}"><h2>{esc(heading)}</h2>']
    about = [
        _("For %(audience)s") % {"audience": lesson.audience} if lesson.audience else "",
        ui(lang).ngettext("%(n)d minute", "%(n)d minutes", lesson.minutes) % {"n": lesson.minutes}
        if lesson.minutes
        else "",
    ]
    if any(about):
        parts.append(f'<p class="tm-sub">{esc(", ".join(filter(None, about)))}</p>')
    parts.append("<ol>")
    for i, s in enumerate(lesson.steps):
        note = doc.notes.get(s.step.removeprefix(CLASS_PREFIX), {})
        clause = clause_of(s.step)
        parts.append(f'<li class="tm-lesson-step" id="tm-lesson-{i}" data-step="{esc(s.step)}">')
        parts.append(f"<h3>{esc(step_label(doc, s.step, lang))}</h3>")
        if clause:
            parts.append(f'<blockquote class="tm-lesson-quote">{esc(doc.known_clause(clause)["text"])}</blockquote>')
        parts.append(teacher_html(s, lang))
        if s.task:
            prompt = translate(lang, f"task:{s.task}:prompt", TASKS[s.task].prompt)
            task = _("The class's task: %(prompt)s (Drawn in class.)") % {"prompt": prompt}
            parts.append(f"<p>{esc(task)}</p>")
        elif note:
            cites = "; ".join(doc.bibliography.cite(note.get("citations", [])))
            text = translate(lang, f"notes:{s.step.removeprefix(CLASS_PREFIX)}:text", note["text"])
            mark = _("The map's note:")
            parts.append(f'<p class="tm-map-note"><span class="tm-map-mark">{esc(mark)} </span>'
                         f"{esc(text)} <span class=\"tm-present-source\">{cites}</span></p>")  # fmt: skip
        parts.append("</li>")
    return "".join(parts) + "</ol></section>"


def panel_html(doc: Document, lesson: Lesson | None = None, lang: str = "en") -> str:
    _ = ui(lang).gettext
    sub = _(
        "Filippov [Stalin] and Zhou Enlai to Mao Zedong. Every shape on this map is an interpretation of the "
        "telegram's words; click a directive or a shape. Keys: → / PageDown next, ← / PageUp previous."
    )
    note = _(
        "The telegram is shown in the English translation that this map cites, the Wilson Center Digital "
        "Archive's, translated from the Russian."
    )
    named, heading = _("The telegram"), _("The telegram of 11 October 1950")
    parts = [
        f'<div id="tm-panel" role="complementary" aria-label="{esc(named)}">',
        f"<h1>{esc(heading)}</h1>",
        f'<p class="tm-sub">{esc(sub)} <span id="tm-step"></span></p>',
        f'<p class="tm-sub tm-translation-note">{esc(note)}</p>' if lang != "en" else "",
        lesson_html(doc, lesson, lang) if lesson else "",
        passages_html(doc),
    ]
    parts.append('<div id="tm-details" class="tm-details" aria-live="polite"></div>')
    prov = doc.telegram.provenance
    about, listed, sources = _("About this document"), _("All layers and features, as text"), _("Sources")
    # views' lang parameter (English: its default)
    listing = feature_list_html(doc, lang=lang) if lang != "en" else feature_list_html(doc)
    cable = translate(lang, "provenance:cable_numbers", prov["cable_numbers"]["note"])
    english = ' lang="en"' if lang != "en" else ""  # the document's title, archive and address: a citation
    parts.append(
        f"<h2>{esc(about)}</h2><p{english}>{esc(prov['title'])}, {esc(prov['date'])}. "
        f"{esc(prov['archive'])}: {esc(prov['url'])}</p><p>{esc(cable)}</p>"
    )
    parts.append(  # a heading, so the list's layer headings (h4) follow an h3
        f"<details><summary><h3>{esc(listed)}</h3></summary>{listing}</details>"
    )
    parts.append(f"<details><summary>{esc(sources)}</summary>{bibliography_html(doc.bibliography)}</details>")
    parts.append("</div>")
    return "".join(parts)


def _inline_css(text: str) -> str:
    """Leaflet's CSS points at its images; embed them so the file needs nothing beside it."""

    def repl(m: re.Match) -> str:
        path = STATIC / "vendor" / "leaflet" / m.group(1)
        if not path.exists():
            return m.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"

    text = re.sub(r"\s*behavior: url\(#default#VML\);", "", text)  # IE 6-8 only, and not CSS
    return re.sub(r"url\((images/[a-z0-9-]+\.png)\)", repl, text)


def standalone_html(
    doc: Document,
    base: Basemap,
    dates: list[dict],
    extra: list | None = None,
    lesson: Lesson | None = None,
    lang: str = "en",
) -> str:
    """The offline map; `extra`: more folium layers (a class's agreement), listed in its layer control; `lesson`:
    a teacher's lesson, which the keys then step through; `lang`: the page's language (i18n.LANGS)."""
    fmap = base_map(
        base,
        doc,
        MARK,
        steps=present_views(doc, STEPS),
        legend_html=legend_html(doc, lang),
        dates=dates,
        extra=extra,
        lang=lang,
    )
    in_lang = {"lang": lang} if lang != "en" else {}  # views' lang parameters (English: their defaults)
    payload = {
        "steps": MAPPED,
        "lesson": [clause_of(s.step) for s in lesson.steps] if lesson else None,
        "details": {
            f["properties"]["id"]: feature_details_html(f["properties"], doc.bibliography, level=2, **in_lang)
            for ly in doc.layers
            for f in ly.features
        },
    }
    ExportGlue(payload).add_to(fmap)
    root = cast(Figure, fmap.get_root())  # a folium Map's root is its Figure
    root._template = page_template(lang)
    root.title = esc(export_title(lang))
    root.header.add_child(style_tag("text.css", "export.css", "lesson.css"), name="tm_page_css")
    root.html.add_child(Element(panel_html(doc, lesson, lang)), name="tm_panel")
    # folium's viewport forbids zooming (maximum-scale=1.0, user-scalable=no): a reader must be able to zoom
    page = VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1.0" />', root.render(), 1)
    if "user-scalable=no" in page:
        raise RuntimeError("folium's viewport, which forbids zooming, was not replaced")
    for rel in filter(None, ASSETS.values()):
        text = (STATIC / rel).read_text(encoding="utf-8")
        if rel.endswith(".js"):
            text = text.replace("</script", "<\\/script")
            page = page.replace(f'<script src="{MARK}{rel}"></script>', f"<script>{text}</script>")
        else:
            page = page.replace(f'<link rel="stylesheet" href="{MARK}{rel}"/>', f"<style>{_inline_css(text)}</style>")
    if MARK in page:
        raise RuntimeError("an asset was not inlined: " + page[page.index(MARK) - 40 : page.index(MARK) + 80])
    return page

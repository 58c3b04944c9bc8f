"""The classroom outputs, each built from the one validated document and base map.

The CLI and the app's download buttons both call these, so a file downloaded from the app
is the same file the command writes.
"""

from __future__ import annotations

from ..classroom.lesson import Lesson
from ..document.basemap import Basemap, load_basemap
from ..document.load import Document, load_document
from ..paths import geodata_dir, layers_dir
from . import export, handout, opendata, worksheet


def load() -> tuple[Document, Basemap]:
    return load_document(layers_dir()), load_basemap(geodata_dir())


def export_html(
    doc: Document, base: Basemap, extra: list | None = None, lesson: Lesson | None = None, lang: str = "en"
) -> bytes:
    return export.standalone_html(doc, base, doc.timeline, extra, lesson, lang).encode("utf-8")


def handout_pdf(doc: Document, base: Basemap, lesson: Lesson | None = None, lang: str = "en") -> bytes:
    return handout.build(doc, base, doc.notes, doc.timeline, lesson, lang)


def worksheet_pdf(doc: Document, base: Basemap, lesson: Lesson, lang: str = "en") -> bytes:
    """The lesson's worksheet alone: the student's page and the teacher's, in `lang`."""
    return worksheet.build(doc, lesson, lang)


def open_data(doc: Document, base: Basemap, base_url: str = "") -> dict[str, bytes]:
    return opendata.files(doc, base.collections.get("places", {"features": []}), base_url)


def problems(doc: Document, base: Basemap) -> list[str]:
    return base.errors + doc.errors

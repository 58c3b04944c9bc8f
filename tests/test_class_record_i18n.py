"""A class's record in the teacher's language (#34): the page's words in Korean or Chinese, in the region's face,
every font embedded; the telegram's words and the students' sentences as they were written; no warning. And the
offline map with the class's agreement names that layer in the language."""

from __future__ import annotations

import shutil
import subprocess
import warnings

import pytest

from mapping.classroom.agreement import agreement
from mapping.classroom.tasks import TASKS
from mapping.document.basemap import load_basemap
from mapping.document.load import load_document
from mapping.i18n.content import translate
from mapping.i18n.places import native_names
from mapping.outputs.class_layer import agreement_layer
from mapping.outputs.class_record import record
from mapping.paths import GEODATA, LAYERS

DOC = load_document(LAYERS)
FACE = {"en": "NotoSansCJKsc", "ko": "NotoSansCJKkr", "zh-Hans": "NotoSansCJKsc", "zh-Hant": "NotoSansCJKtc"}
CORNERS = [[126.0, 40.5], [127.5, 40.5], [127.5, 41.3], [126.0, 41.3], [126.0, 40.5]]
SQUARE = {"type": "Polygon", "coordinates": [CORNERS]}
READINGS = [
    {"geometry": SQUARE, "sentence": "산맥을 따라 국경 가까이."},
    {"geometry": SQUARE, "sentence": "Along the mountains, near the border."},
]


def build(lang: str) -> bytes:
    task = {"id": "C2", "prompt": translate(lang, "task:C2:prompt", TASKS["C2"].prompt), "code": "K7M2QX",
            "joined": 3, "opened": "2026-12-07"}  # fmt: skip
    layer = next(ly for ly in DOC.layers if ly.id == TASKS["C2"].layer)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning is a failure
        return record(DOC, load_basemap(GEODATA), task, layer, agreement([r["geometry"] for r in READINGS]),
                      READINGS, lang)  # fmt: skip


def poppler(tool: str, path, *args: str) -> str:
    done = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])], capture_output=True,
                          text=True, check=True, timeout=60)  # fmt: skip
    assert done.stderr == "", done.stderr
    return done.stdout


@pytest.mark.parametrize("lang", ["en", "ko", "zh-Hans", "zh-Hant"])
def test_the_record_in_the_teachers_language(tmp_path, lang):
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip("poppler's pdffonts and pdftotext are not installed (apt-get install poppler-utils)")
    pdf = tmp_path / f"record-{lang}.pdf"
    pdf.write_bytes(build(lang))
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded
    assert any(FACE[lang] in line for line in fonts), fonts  # the region's Han forms (Hangul: the student's words)
    text = " ".join(poppler("pdftotext", pdf).split())
    label = translate(lang, "clause:C2:label", DOC.clause("C2")["label"])
    assert "K7M2QX" in text and label in text
    assert "Along the mountains, near the border." in text and "산맥을 따라 국경 가까이." in text
    assert " ".join(DOC.clause("C2")["text"].split())[:40] in text  # the telegram's words, in English
    if lang != "en":
        for english in ("Why there", "Shading", "Opened", "joined", "Task:"):
            assert english not in text, (lang, english)
        # the map's places in the reader's script (where the places data has them)
        places = load_basemap(GEODATA).collections["places"]["features"]
        names = [native_names(f["properties"]).get(lang) for f in places]
        assert sum(1 for n in names if n and n in text) >= 5, lang


def test_the_agreement_layer_is_named_in_the_language():
    a = agreement([r["geometry"] for r in READINGS])
    assert agreement_layer("K7M2QX", a).layer_name == "Class K7M2QX: 2 readings (agreement)"
    assert agreement_layer("K7M2QX", a, "ko").layer_name == "수업 K7M2QX: 해석 2개(합의)"
    assert agreement_layer("K7M2QX", a, "zh-Hant").layer_name == "課堂 K7M2QX：2 份解讀（共識）"


def test_two_teachers_printing_at_once_each_get_their_own_face(tmp_path):
    """The server's threads: a Korean and a Traditional Chinese record built at the same moment, twice over, each
    in its own region's face (matplotlib's rcParams are one per process: pdfpage.printing takes them in turn)."""
    from concurrent.futures import ThreadPoolExecutor

    if not shutil.which("pdffonts"):
        pytest.skip("poppler's pdffonts is not installed (apt-get install poppler-utils)")
    langs = ["ko", "zh-Hant", "ko", "zh-Hant"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        built = list(pool.map(build, langs))
    for n, (lang, pdf) in enumerate(zip(langs, built, strict=True)):
        path = tmp_path / f"{n}.pdf"
        path.write_bytes(pdf)
        fonts = poppler("pdffonts", path)
        others = {FACE[other] for other in ("ko", "zh-Hant") if other != lang}
        assert FACE[lang] in fonts and not any(face in fonts for face in others), (lang, fonts)

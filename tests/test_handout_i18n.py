"""The printed handout and worksheet in Korean, Simplified and Traditional Chinese (#34).

The interface's words come from the `print` catalogs (i18n.printed, extracted with i18n/print.cfg); the map's own
texts from the content catalogs; place names in the reader's script; the telegram, its quotes and the citations in
English. Each language prints with its region's CJK face, every font embedded, no glyph missing and no warning;
poppler reads the translated words back. English prints as it always has (tests/test_outputs.py and
test_handout_maps.py; here: an English build after the others is byte for byte the one before them).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from mapping.i18n import LOCALES, folder, printed
from mapping.i18n.content import translate

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = ("ko", "zh-Hans", "zh-Hant")
FACE = {"ko": "NotoSansCJKkr", "zh-Hans": "NotoSansCJKsc", "zh-Hant": "NotoSansCJKtc"}
LESSON = ROOT / "lessons" / "forty-minutes.lesson.json"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
# a heading of each kind of page, by msgid: the title page, the key, the story, what happened next, the credits,
# the sources, the worksheet's student page and the teacher's
HEADINGS = (
    "The telegram of 11 October 1950",
    "The telegram is shown in the English translation that this map cites, the Wilson Center Digital Archive's, "
    "translated from the Russian.",
    "What happened next, on the map",
    "What happened next",
    "Sources",
    "This lesson has no questions.",  # not printed for this lesson: checked absent below, as a control
    "For the teacher: the map's own reading, step by step",
    "Name: ______________________    Date: ____________",
)


def _pot() -> list[str | tuple[str, str]]:
    with (LOCALES / "print.pot").open("rb") as fh:
        return [m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id]


def _catalog(lang: str):
    with (LOCALES / folder(lang) / "LC_MESSAGES" / "print.po").open("rb") as fh:
        return read_po(fh, locale=folder(lang), domain="print")


# the catalogs


def test_the_pot_is_up_to_date_with_the_source():
    """print.pot holds exactly the msgids the printed modules mark (i18n/print.cfg), as its command extracts."""
    with (ROOT / "src" / "mapping" / "i18n" / "print.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    source = set()
    for *_, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        source.add(message if isinstance(message, str) else tuple(message))
    assert len(source) > 40
    assert source == set(_pot()), "run the extraction in i18n/print.cfg, then translate what is new"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_catalog_translates_every_msgid_of_the_pot(lang):
    catalog = _catalog(lang)
    assert catalog.num_plurals == 1  # Korean and Chinese: one form
    held = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}
    assert set(_pot()) - set(held) == set(), f"{lang}: not in print.po"
    for key, m in held.items():
        assert not m.fuzzy, (lang, key)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        assert strings and all(strings), (lang, key)
        english = key if isinstance(key, str) else key[1]
        for s in strings:  # the same placeholders, or the sentence cannot be filled in
            assert sorted(PLACEHOLDER.findall(s)) == sorted(PLACEHOLDER.findall(english)), (lang, key, s)
            assert s.count("%%") == english.count("%%"), (lang, key)
    assert not catalog.obsolete


def test_printed_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="'fr'"):
        printed("fr")


# the wrap and the state of a build


def test_english_wraps_as_textwrap_and_cjk_by_display_columns():
    from mapping.outputs import pdfpage

    english = "Key: filled = core band; hatched = possible band; solid line = certain " * 4
    assert pdfpage._wrap(english, 60) == textwrap.wrap(english, 60)  # outside a printed page: English
    with pdfpage.printing("en"):
        assert pdfpage._wrap(english, 60) == textwrap.wrap(english, 60)
    said = printed("zh-Hans").gettext(HEADINGS[1]) + " Wilson Center Digital Archive 的译本。" * 3
    with pdfpage.printing("zh-Hans"):
        lines = pdfpage._wrap(said, 40)
    assert len(lines) > 3 and all(pdfpage.columns(line) <= 40 for line in lines)
    assert not any(line[0] in pdfpage.CLOSING for line in lines)  # no line opens with a stop or a comma
    assert "".join(lines).replace(" ", "") == said.replace(" ", "")  # nothing lost, CJK broken anywhere
    assert all(w in " ".join(lines).split() for w in ("Wilson", "Center", "Digital"))  # Latin words kept whole
    with pdfpage.printing("ko"):
        lines = pdfpage._wrap("https://digitalarchive.wilsoncenter.org/document/cable-no-4785-filippov " * 2, 30)
    assert all(pdfpage.columns(line) <= 30 for line in lines)  # a word longer than the line is cut


def test_a_printed_language_leaves_nothing_behind():
    import matplotlib

    from mapping.outputs import pdfpage
    from mapping.outputs.errors import OutputError

    before = list(matplotlib.rcParams["font.family"])
    with pytest.raises(RuntimeError), pdfpage.printing("zh-Hant"):
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "Noto Sans CJK TC"]
        assert pdfpage.lang() == "zh-Hant"
        raise RuntimeError("a build that fails half-way")
    assert matplotlib.rcParams["font.family"] == before and pdfpage.lang() == "en"
    with pytest.raises(OutputError, match="'fr'"):
        with pdfpage.printing("fr"):
            pass


def test_an_unknown_lang_is_refused_by_name(tmp_path):
    out = tmp_path / "h.pdf"
    r = subprocess.run(
        [sys.executable, "-m", "mapping", "handout", str(out), "--lang", "fr"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "--lang" in r.stderr and "'fr'" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


# the handout itself: built in one process, English first and last


def _poppler(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, check=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{lang: (pdf path, the English texts the page may print: telegram, lesson, sources)}, and the English
    handout before and after the others, each built with warnings recorded and matplotlib's log watched."""
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip("poppler's pdffonts and pdftotext are not installed (apt-get install poppler-utils)")
    from mapping.classroom.lesson import load
    from mapping.outputs import products

    out = tmp_path_factory.mktemp("handout_i18n")
    doc, base = products.load()
    lesson = load(LESSON)
    handler = _Records()
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            english = products.handout_pdf(doc, base, lesson)
            pdfs = {lang: products.handout_pdf(doc, base, lesson, lang=lang) for lang in TRANSLATED}
            again = products.handout_pdf(doc, base, lesson)
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    paths = {}
    for lang, data in pdfs.items():
        (out / f"{lang}.pdf").write_bytes(data)
        paths[lang] = out / f"{lang}.pdf"
    allowed = " ".join(
        [
            doc.telegram.text,
            LESSON.read_text(encoding="utf-8"),
            *(e for _k, e in doc.bibliography.entries(html_out=False)),
        ]
        + [str(v) for v in doc.telegram.provenance.values()]
    )
    said = {"paths": paths, "english": (english, again), "warnings": caught, "log": handler.records}
    return said | {"allowed": allowed, "doc": doc}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@pytest.mark.slow
def test_no_build_warned_and_english_is_the_same_after_the_others(built):
    assert [str(w.message) for w in built["warnings"]] == []
    assert built["log"] == []  # matplotlib's findfont and the like log, not warn
    before, after = built["english"]
    assert before == after  # no language's fonts or wrap leaked into the next build


@pytest.mark.slow
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_font_is_embedded_and_the_cjk_face_is_the_regions(built, lang):
    listing = _poppler("pdffonts", str(built["paths"][lang]))
    assert listing.stderr == ""
    rows = [r.split() for r in listing.stdout.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), listing.stdout  # the `emb` column
    cjk = {r[0].split("+")[-1].split("-")[0] for r in rows if "CJK" in r[0]}
    assert cjk == {FACE[lang]}, cjk  # Hangul and Hanzi in the region's forms, no other region's face
    assert not any("LastResort" in r[0] for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_interface_reads_in_the_language_and_the_telegram_in_english(built, lang):
    run = _poppler("pdftotext", str(built["paths"][lang]), "-")
    assert run.stderr == ""
    pages = run.stdout.split("\f")
    text = " ".join(run.stdout.split())
    dense = re.sub(r"\s+", "", run.stdout)  # a CJK line may break anywhere: read without the breaks
    _ = printed(lang).gettext
    for msgid in HEADINGS:
        shown = re.sub(r"\s+", "", _(msgid))
        assert (shown in dense) == (msgid != "This lesson has no questions."), (lang, msgid)
    # the map's own texts from the content catalogs, and a place name in the reader's script
    doc = built["doc"]
    for context, english in (
        ("clause:C3:label", doc.clause("C3")["label"]),
        ("notes:next-11-24:heading", doc.notes["next-11-24"]["heading"]),
        ("layer:c3-defence-zone:title", next(ly.meta["title"] for ly in doc.layers if ly.id == "c3-defence-zone")),
    ):
        said = translate(lang, context, english)
        assert said != english and re.sub(r"\s+", "", said) in dense, (lang, context)
    assert {"ko": "평양", "zh-Hans": "平壤", "zh-Hant": "平壤"}[lang] in text
    # the telegram and its quotes stay in English, on the title page and the clause pages
    assert "Pass immediately to Cde. Mao Zedong." in " ".join(pages[0].split())
    assert "mountainous regions north of Pyongyang and Wonsan" in text
    # and no English sentence of the print catalog is left: each msgid's words, unless the telegram, the lesson,
    # a source or the provenance says the same words in English
    left = []
    for key in _pot():
        for msgid in [key] if isinstance(key, str) else key:
            for part in PLACEHOLDER.split(msgid):
                part = " ".join(part.replace("%%", "%").split()).strip(" .,:;()·")
                if len(re.findall(r"[A-Za-z]", part)) >= 4 and part in text and part not in built["allowed"]:
                    left.append(part)
    assert left == [], (lang, left)


@pytest.mark.slow
def test_the_command_writes_a_translated_handout_and_says_nothing_else(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)")
    out = tmp_path / "handout.pdf"
    r = subprocess.run(
        [sys.executable, "-m", "mapping", "handout", str(out), "--lang", "zh-Hant", "--lesson", str(LESSON)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0 and r.stderr == "", r.stderr
    text = re.sub(r"\s+", "", _poppler("pdftotext", str(out), "-").stdout)
    for msgid in ("What happened next, on the map", "For the teacher: the map's own reading, step by step"):
        assert re.sub(r"\s+", "", printed("zh-Hant").gettext(msgid)) in text


@pytest.mark.slow
def test_a_glyph_no_font_has_fails_a_korean_handout_too(monkeypatch):
    """With DejaVu alone, Hangul would print as boxes: the Korean build stops, as the English one does."""
    import matplotlib.pyplot as plt

    from mapping.outputs import handout, products
    from mapping.outputs.errors import OutputError

    monkeypatch.setitem(plt.rcParams, "font.family", ["DejaVu Sans"])
    doc, base = products.load()
    with pytest.raises(OutputError, match="would print as boxes"):
        handout.build(doc, base, {}, [], language="ko")

"""The interface's languages (#34): choosing one, the catalogs complete against the source, and the student API's
refusals known to the catalogs word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from mapping.i18n import LANGS, LOCALES, choose, folder, ui

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [lang for lang in LANGS if lang != "en"]


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [
        ("ko", None, "ko"),
        ("zh-Hant", "ko", "zh-Hant"),
        ("ZH-hans", None, "zh-Hans"),
        ("zh-TW", None, "zh-Hant"),
        ("fr", "ko-KR,ko;q=0.9,en;q=0.8", "ko"),  # an unknown ?lang= falls back to the browser's
        (None, "zh-TW,zh;q=0.9", "zh-Hant"),
        (None, "zh-HK", "zh-Hant"),
        (None, "zh-Hant-TW", "zh-Hant"),
        (None, "zh-MO", "zh-Hant"),
        (None, "zh", "zh-Hans"),
        (None, "zh-CN,zh;q=0.9", "zh-Hans"),
        (None, "zh-SG", "zh-Hans"),
        (None, "zh-Hans-HK", "zh-Hans"),  # the script subtag outranks the region
        (None, "fr-FR, de;q=0.9, ko;q=0.5", "ko"),
        (None, "en;q=0.5, zh-TW;q=0.8", "zh-Hant"),  # by weight, not order
        (None, "ko;q=0, zh-CN", "zh-Hans"),  # q=0: not wanted
        (None, "fr, de", "en"),
        (None, "*", "en"),
        (None, "ko;q=bad, en", "en"),
        (None, "", "en"),
        (None, None, "en"),
        ("", None, "en"),
    ],
)
def test_choose(query, accept, lang):
    assert choose(query, accept) == lang


def _extracted() -> set[str | tuple[str, str]]:
    """Every msgid in the source, as ./dev i18n extracts it (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    out: set[str | tuple[str, str]] = set()
    for *_, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        out.add(message if isinstance(message, str) else tuple(message))
    return out


def _catalog(lang: str):
    with (LOCALES / folder(lang) / "LC_MESSAGES" / "ui.po").open("rb") as fh:
        return read_po(fh, locale=folder(lang), domain="ui")


PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_catalog_translates_every_string_in_the_source(lang):
    source = _extracted()
    assert len(source) > 150
    catalog = _catalog(lang)
    assert catalog.num_plurals == 1  # Korean and Chinese: one form (Plural-Forms: nplurals=1)
    held = {}
    for m in catalog:
        if m.id:
            held[m.id if isinstance(m.id, str) else tuple(m.id)] = m
    missing = sorted(map(str, source - set(held)))
    assert missing == [], f"{lang}: not in ui.po (run ./dev i18n, then translate): {missing}"
    faults = []
    for key in source:
        m = held[key]
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if m.fuzzy or not all(strings):
            faults.append(f"{'fuzzy' if m.fuzzy else 'empty'}: {key}")
        english = key if isinstance(key, str) else key[0]
        for s in strings:  # the same placeholders, or the text would lose its numbers and names
            if sorted(PLACEHOLDER.findall(s)) != sorted(set(PLACEHOLDER.findall(english))) and s:
                if sorted(set(PLACEHOLDER.findall(s))) != sorted(set(PLACEHOLDER.findall(english))):
                    faults.append(f"placeholders differ: {key!r} -> {s!r}")
            if s and re.search(r"\b(the|your|and|of)\b", s):
                faults.append(f"English left in: {s!r}")
    assert faults == [], f"{lang}: " + "\n".join(faults)


def test_the_compiled_catalogs_answer_with_plural_forms():
    for lang in TRANSLATED:
        t = ui(lang)
        assert t.gettext("Finish") not in ("", "Finish")
        one = t.ngettext("{n} place marked.", "{n} places marked.", 1)
        assert one == t.ngettext("{n} place marked.", "{n} places marked.", 5) and "{n}" in one
    assert ui("en").gettext("Finish") == "Finish" and ui("xx").gettext("Finish") == "Finish"
    assert ui("ko").gettext("Class %(code)s") % {"code": "AB12CD"} == "수업 AB12CD"


def test_the_api_refusals_are_the_store_and_checks_own_words():
    """Each refusal the table translates is made, word for word, where the store, the checks or the API make it;
    and each is translated."""
    from mapping.app.student_text import FIXED, refusal

    sources = "".join(
        (ROOT / "src/mapping" / p).read_text(encoding="utf-8")
        for p in ("classroom/store.py", "classroom/readings.py", "app/student_api.py")
    )
    for text in FIXED:
        made = [  # as the source makes it: the checks fill in what is checked, and the kind of drawing asked for
            text,
            text.replace(" sentence", " {what}", 1).replace(" nickname", " {what}", 1),
            re.sub(r"asks for (an area|points|a line),", "asks for {WORDS[task.draw]},", text),
        ]
        assert any(m in sources for m in made), f"no longer made anywhere: {text!r}"
        assert refusal("zh-Hant", text) != text, text
    assert refusal("ko", "this class is full: 600 have joined it, the most one class takes") == (
        "이 수업은 꽉 찼습니다. 이미 600명이 참여해 최대 인원입니다."
    )
    assert refusal("zh-Hans", "too many joins from this browser (5 in 10 min): wait 7 min") == (
        "这台设备加入次数太多，请等待 7 分钟。"
    )
    assert refusal("ko", "a sentence no table knows") == "a sentence no table knows"


def test_place_names_in_the_readers_script():
    from mapping.i18n.places import native_names, place_name

    pyongyang = {
        "name_1950": "P'yŏngyang",
        "names": [
            {"toponym": "평양", "lang": "ko", "when": "1950"},
            {"toponym": "平壤", "lang": "ko-Hani", "when": "1950"},
        ],
    }
    mukden = {"name_1950": "Mukden", "names": [
        {"toponym": "瀋陽", "lang": "zh-Hant", "when": "1950"}, {"toponym": "沈阳", "lang": "zh-Hans"}]}  # fmt: skip
    assert native_names(pyongyang) == {"ko": "평양", "zh-Hant": "平壤", "zh-Hans": "平壤"}
    assert place_name(mukden, "zh-Hans") == "沈阳" and place_name(mukden, "zh-Hant") == "瀋陽"
    assert place_name(mukden, "ko") == "Mukden"  # no Hangul name in the data: the romanized one
    assert place_name({"name_1950": "Hagaru-ri", "names": []}, "ko") == "Hagaru-ri"

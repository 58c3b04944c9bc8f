"""1950 name forms: how a cell of places.csv lists native names, and the rules a 1950 form keeps (no character
that exists only in simplified Chinese, no administrative suffix of a later reform), read from OpenCC's own
character tables. validate checks places.csv with them; the build uses them to match GeoNames' names."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from ..paths import shown


def cell(text: str) -> list[tuple[str, str]]:
    """'서울 / 漢城@zh-Hant' -> [('서울', ''), ('漢城', 'zh-Hant')]: a tag marks a name in another language."""
    out = []
    for token in (t.strip() for t in text.split("/") if t.strip()):
        name, _, tag = token.partition("@")
        out.append((name.strip(), tag.strip()))
    return out


# 1950 forms are bare names: the administrative suffixes (市/시 city, 邑/읍 town, 郡/군 county) changed
# with later reforms, while 鎭/진 and 里/리 are parts of the names themselves
ADMIN_SUFFIX = re.compile(r"(市|시|邑|읍|郡|군)$")


@lru_cache(maxsize=2)
def _opencc_table(name: str) -> tuple[tuple[str, list[str]], ...]:
    """One of OpenCC's character tables (opencc-python-reimplemented ships them): a character, its variants."""
    from importlib.resources import files

    lines = (files("opencc") / "dictionary" / name).read_text(encoding="utf-8").splitlines()
    return tuple((a, b.split()) for a, _, b in (line.partition("\t") for line in lines) if a)


@lru_cache(maxsize=1)
def _to_simplified_table() -> dict[str, str]:
    return {trad: simp[0] for trad, simp in _opencc_table("TSCharacters.txt")}


def to_simplified(name: str) -> str:
    """臨江 -> 临江: how GeoNames, which lists today's simplified forms, spells a traditional name."""
    table = _to_simplified_table()
    return "".join(table.get(ch, ch) for ch in name)


def simplified_only() -> set[str]:
    """Characters that exist only in simplified Chinese (simplification began in 1956): OpenCC's table of
    simplified characters, less those that are also their own traditional form (后 stays 后 for 'queen')."""
    return {simp for simp, trad in _opencc_table("STCharacters.txt") if simp not in trad}


def name_faults(table: Path) -> list[str]:
    """1950 forms that are not of 1950: a simplified character, or a later administrative suffix."""
    name = shown(table)
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    later = simplified_only()
    faults = []
    for n, row in enumerate(rows, start=2):
        for form, tag in cell(row.get("native_1950", "")):
            if tag == "zh-Hans":
                faults.append(f"{name}: row {n}: {row['key']}: 1950 form {form!r} is tagged as simplified Chinese")
            if bad := list(dict.fromkeys(ch for ch in form if ch in later)):
                faults.append(
                    f"{name}: row {n}: {row['key']}: 1950 form {form!r} has {''.join(bad)}, "
                    "which exists only in simplified Chinese (from 1956)"
                )
            if ADMIN_SUFFIX.search(form):
                faults.append(f"{name}: row {n}: {row['key']}: 1950 form {form!r} ends in an administrative suffix")
    return faults

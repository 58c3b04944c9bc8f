"""Citations: rendered by the CSL style against the whole bibliography, so two works never read alike."""

from __future__ import annotations

import re
from collections import defaultdict

from mapping.document.bibliography import load
from mapping.document.load import load_document
from mapping.paths import LAYERS

BIB = load(LAYERS)


def test_no_two_works_cite_alike():
    """Author-date styles tell apart works of one author and year (1950a, 1950b): every citation and every
    bibliography entry of the shipped bibliography names one work only."""
    for html_out in (False, True):
        works = defaultdict(set)
        for key in BIB.items:
            works[BIB.cite([{"id": key}], html_out)[0]].add(key)
        assert {label: keys for label, keys in works.items() if len(keys) > 1} == {}
    assert BIB.cite([{"id": "wilson-25553"}, {"id": "wilson-25629"}], False) == ["(Roshchin 1950a)", "(Roshchin 1950b)"]


def test_the_bibliography_carries_the_same_suffixes_as_the_citations():
    for key, suffix in BIB.year_suffixes.items():
        year = re.search(r"\d{4}" + suffix, BIB.cite([{"id": key, "locator": "ch. 3"}], False)[0]).group(0)
        assert year in BIB.reference(key, False) and year in BIB.reference(key, True), key
    assert len(BIB.year_suffixes) >= 6  # Roshchin, Stalin and Mao Zedong 1950 each have two works


def test_every_citation_the_data_makes_names_one_work():
    """Every citation of every feature, note and timeline entry, as the app, export and handout render it."""
    doc = load_document(LAYERS)
    cited = [c for ly in doc.layers for f in ly.features for c in f["properties"].get("citations", [])]
    assert len(cited) > 100
    works = defaultdict(set)
    for c in cited:
        label = BIB.cite([{"id": c["id"]}], False)[0]
        works[label].add(c["id"])
    assert {label: keys for label, keys in works.items() if len(keys) > 1} == {}


def test_the_export_shows_no_label_for_two_works(export_file):
    page = export_file.read_text(encoding="utf-8")
    assert "(Roshchin 1950)" not in page and "Roshchin 1950a" in page and "Roshchin 1950b" in page

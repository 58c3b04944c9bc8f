"""The decision chain in time: which dated features are shown on a date.

A feature's `when` is a span it is *active during* (start and end inclusive), not a date
it starts on: the 11 Oct front shows on 12 Oct too, and the 19 Oct front replaces it.
"""

from __future__ import annotations

import json
from pathlib import Path


def active_on(when: dict | None, date: str) -> bool:
    """True if a feature with this `when` is shown on `date` (ISO strings compare as dates)."""
    if not when:
        return True  # undated: always shown
    start = when.get("start", "")
    end = when.get("end", start)
    return start <= date <= end


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["dates"]


HELD_ZONES = ("c2-border-mountains", "c3-defence-zone")  # the mountains the telegram's C2 and C3 told them to hold


def overtaken(doc, date: str, zones: tuple[str, ...] = HELD_ZONES) -> list[tuple[str, float]]:
    """How much of each zone's core band lay behind the UN front on `date`, on the map: the zones the telegram told
    the North Koreans to hold, against the area the UN held that day. [(clause, share 0-1)]. A share of areas in
    degrees: over a zone's few degrees of latitude the shrinking of a degree of longitude hardly changes it."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    held = unary_union(
        [
            shape(f["geometry"])
            for ly in doc.layers
            for f in ly.features
            if f["properties"].get("role") == "un-held" and active_on(f["properties"].get("when"), date)
        ]
    )
    out = []
    for ly in doc.layers:
        if ly.id in zones:
            core = unary_union([shape(f["geometry"]) for f in ly.features if f["properties"].get("band") == "core"])
            out.append((ly.meta["clause"][0], core.intersection(held).area / core.area if core.area else 0.0))
    return out


def overtaken_text(doc, date: str, lang: str = "en") -> str:
    """The zones overtaken on a date, in a sentence a class reads at a glance; in `lang` (#34: the interface's
    catalogs, the clause labels from the map's own texts)."""
    if lang != "en":
        return _overtaken_in(doc, date, lang)

    def part(clause: str, share: float) -> str:
        whose = f"{doc.clause(clause)['label'].lower()}'s"
        return f"{round(share * 100)}% of {whose}" if share >= 0.005 else f"none of {whose}"

    parts = " and ".join(part(c, s) for c, s in overtaken(doc, date))
    return f"Behind the UN front that day, on the map: {parts} mountains (their core bands)."


def _overtaken_in(doc, date: str, lang: str) -> str:
    from ..i18n import ui
    from ..i18n.content import translate

    _ = ui(lang).gettext

    def part(clause: str, share: float) -> str:
        label = translate(lang, f"clause:{clause}:label", doc.clause(clause)["label"])
        if share >= 0.005:
            return _("%(percent)d%% of the mountains of %(clause)s") % {"percent": round(share * 100), "clause": label}
        return _("none of the mountains of %(clause)s") % {"clause": label}

    parts = [part(c, s) for c, s in overtaken(doc, date)]
    said = parts[0] if parts else ""
    for more in parts[1:]:
        said = _("%(first)s and %(second)s") % {"first": said, "second": more}
    return _("Behind the UN front that day, on the map: %(parts)s (their core bands).") % {"parts": said}

"""Rivers from GSHHG (WDBII), which carries no names: name the main ones by the places they pass."""

from __future__ import annotations

from shapely.geometry import LineString, MultiLineString, Point
from shapely.ops import linemerge

from .geojson_io import feature
from .sources import gmt
from .window import EAST, NORTH, SOUTH, WEST

LEVELS = ("1", "2", "3")  # GSHHG river levels: permanent major, additional major, additional
SIMPLIFY = 0.006
NAME_WITHIN = 0.05  # degrees (about 5 km): a merged river line passing this close to an anchor gets its name

# river -> (1950 form, modern form, native names, anchor places (keys in places.csv) it must pass)
RIVERS = {
    "yalu": ("Yalu", "Yalu / Amnok", "압록강 / 鴨綠江", ("sinuiju", "manpo", "hyesan")),
    "tumen": ("Tumen", "Tumen / Tuman", "두만강 / 圖們江", ("tumen", "namyang")),
    "taedong": ("Taedong", "Taedong", "대동강 / 大同江", ("pyongyang",)),
    "han": ("Han", "Han", "한강 / 漢江", ("seoul",)),
    "songhua": ("Sungari", "Songhua", "松花江", ("harbin", "jilin")),
    "liao": ("Liao", "Liao", "遼河", ("tieling",)),
}


def gmt_rivers() -> list[LineString]:
    """GSHHG river segments inside the window, as drawn by gmt coast -I."""
    text = gmt("coast", f"-R{WEST:g}/{EAST:g}/{SOUTH:g}/{NORTH:g}", *[f"-I{lv}" for lv in LEVELS], "-M", "-Dh")
    segments: list[LineString] = []
    current: list[tuple[float, float]] = []
    for line in text.splitlines():
        if line.startswith(">"):
            if len(current) > 1:
                segments.append(LineString(current))
            current = []
        elif line.strip():
            x, y = line.split()[:2]
            current.append((float(x), float(y)))
    if len(current) > 1:
        segments.append(LineString(current))
    return segments


def named_rivers(segments: list[LineString], places: dict[str, tuple[float, float]]) -> tuple[list[dict], dict]:
    """Merge the bin-cut segments into rivers, name those that pass their anchors, return features."""
    merged = linemerge(segments)
    lines = list(merged.geoms) if isinstance(merged, MultiLineString) else [merged]
    lines.sort(key=lambda ln: (round(ln.coords[0][0], 6), round(ln.coords[0][1], 6)))
    names: dict[int, str] = {}
    by_name: dict[str, list[LineString]] = {}
    for key, (_, _, _, anchors) in RIVERS.items():
        for anchor in anchors:
            lon, lat = places[anchor]
            for i, ln in enumerate(lines):
                if ln.distance(Point(lon, lat)) <= NAME_WITHIN:
                    names[i] = key
    out = []
    for i, ln in enumerate(lines):
        river = names.get(i)
        props: dict = {"id": f"river-{i:03d}"}
        if river:
            name_1950, modern, native, anchors = RIVERS[river]
            props.update(
                name=river,
                name_1950=name_1950,
                name_modern=modern,
                native=native,
                named_by=f"passes within {NAME_WITHIN} degrees of {', '.join(anchors)}",
            )
            by_name.setdefault(river, []).append(ln)
        props["source"] = "GSHHG 2.3.7 (WDBII) rivers, levels 1-3, via gmt coast -Dh"
        out.append(feature(ln.simplify(SIMPLIFY), props))
    return out, {k: MultiLineString(v) for k, v in by_name.items()}

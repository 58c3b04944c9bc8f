"""The handout's static maps: the same layers and base geography as the app, in the same colours, patterns
and dashes, on the same relief image, in Web Mercator (so the relief fits); place names that never collide,
and a locator map. Place names in the reader's script where the places data has one (i18n.places, #34)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MPath
from matplotlib.transforms import Bbox
from PIL import Image

from ..cartography import COAST, PRINT_DASH, RIVER, SEA
from ..cartography import web_mercator as merc
from ..document.basemap import Basemap
from ..document.load import Layer
from ..i18n.places import place_name
from ..render import BOUNDS


def _ring_path(rings: list) -> MPath:
    verts, codes = [], []
    for ring in rings:
        pts = [merc(x, y) for x, y, *_ in ring]
        verts += pts
        codes += [MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 2) + [MPath.CLOSEPOLY]
    return MPath(verts, codes)


def draw_geometry(ax, geom: dict, **style) -> None:
    kind, coords = geom["type"], geom["coordinates"]
    if kind in ("Polygon", "MultiPolygon"):
        for poly in [coords] if kind == "Polygon" else coords:
            ax.add_patch(PathPatch(_ring_path(poly), **style))
    elif kind in ("LineString", "MultiLineString"):
        for line in [coords] if kind == "LineString" else coords:
            xs, ys = zip(*(merc(x, y) for x, y, *_ in line), strict=True)
            ax.plot(xs, ys, color=style.get("edgecolor"), lw=style.get("linewidth", 1), ls=style.get("linestyle", "-"))
    elif kind in ("Point", "MultiPoint"):
        for x, y, *_ in [coords] if kind == "Point" else coords:
            mx, my = merc(x, y)
            ax.plot(mx, my, "o", ms=6, mfc=style.get("edgecolor"), mec="#222", mew=0.8)


def draw_base(ax, base: Basemap) -> None:
    (s, w), (n, e) = BOUNDS
    x0, y0 = merc(w, s)
    x1, y1 = merc(e, n)
    ax.set_facecolor(SEA)
    if base.relief_png:
        img = Image.open(io.BytesIO(base.relief_png)).convert("RGBA")
        ax.imshow(img, extent=(x0, x1, y0, y1), zorder=0, interpolation="bilinear")
    for key, style in (
        ("countries", {"facecolor": "none", "edgecolor": COAST, "linewidth": 0.5}),
        ("rivers", {"edgecolor": RIVER, "linewidth": 0.5}),
        ("parallel", {"edgecolor": "#333", "linewidth": 0.8, "linestyle": (0, (2, 3))}),
    ):
        for f in base.collections.get(key, {}).get("features", []):
            draw_geometry(ax, f["geometry"], zorder=1, **style)


def draw_layer(ax, layer: Layer) -> None:
    color = layer.meta["style"]["color"]
    for f in layer.features:
        p = f["properties"]
        possible = p.get("band") == "possible" or layer.meta["style"].get("pattern") in ("hatch", "dots")
        style = {
            "edgecolor": color,
            "linewidth": 1.2 if "Polygon" in f["geometry"]["type"] else 2.2,
            "linestyle": PRINT_DASH[p["certainty"]],
            "facecolor": "none" if possible else color,
            "alpha": None,
            "hatch": "////" if possible else None,
            "zorder": 3,
        }
        if not possible and "Polygon" in f["geometry"]["type"]:
            style["facecolor"] = matplotlib.colors.to_rgba(color, 0.4)
        draw_geometry(ax, f["geometry"], **style)


LABEL_GID = "place-label"
# where a label may sit around its dot, in points, in order of preference (ha, va follow the side)
LABEL_SPOTS = (
    ((3, 2), "left", "bottom"),
    ((3, -2), "left", "top"),
    ((-3, 2), "right", "bottom"),
    ((-3, -2), "right", "top"),
    ((0, 4), "center", "bottom"),
    ((0, -4), "center", "top"),
)
LABEL_GAP = 1.5  # px kept free around every label box


def _padded(box: Bbox, pad: float = LABEL_GAP) -> Bbox:
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def _fits(box: Bbox, inside: Bbox, taken: list[Bbox]) -> bool:
    return (box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1) and not any(
        box.overlaps(other) for other in taken
    )


def draw_places(
    ax, base: Basemap, view: tuple[float, float, float, float], keep_out: Sequence[Bbox] = (), lang: str = "en"
) -> None:
    """Dots and 1950 names of the main places in view (in `lang`'s script, where the places data has the name),
    with no two labels overlapping.

    Labels are placed by priority (rank first, then name). Each tries the spots around its dot
    in turn and takes the first whose box (measured by the renderer) stays inside the map and
    clear of every label already placed, every other dot and `keep_out` (the locator inset);
    a label with no free spot is hidden. Its dot stays."""
    x0, x1, y0, y1 = view
    places = []
    for f in base.collections.get("places", {}).get("features", []):
        p = f["properties"]
        x, y = merc(*f["geometry"]["coordinates"])
        if p.get("rank", 3) <= 2 and x0 < x < x1 and y0 < y < y1:
            places.append((p.get("rank", 3), p["name_1950"], x, y, place_name(p, lang)))
    places.sort(key=lambda t: (t[0], t[1]))  # the same priority in every language: by the 1950 name
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    dots = []
    for _rank, _name, x, y, _shown in places:
        ax.plot(x, y, "o", ms=2.5, color="#111", zorder=4)
        dx, dy = ax.transData.transform((x, y))
        dots.append(Bbox.from_extents(dx - 2, dy - 2, dx + 2, dy + 2))
    taken = list(keep_out)
    for i, (_rank, _name, x, y, name) in enumerate(places):
        others = dots[:i] + dots[i + 1 :]
        label = ax.annotate(
            name,
            (x, y),
            xytext=LABEL_SPOTS[0][0],
            textcoords="offset points",
            fontsize=6.5,
            zorder=5,
            gid=LABEL_GID,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )
        for offset, ha, va in LABEL_SPOTS:
            label.set_position(offset)
            label.set_ha(ha)
            label.set_va(va)
            box = _padded(label.get_window_extent(renderer))
            if _fits(box, frame, taken + others):
                taken.append(box)
                break
        else:
            label.set_visible(False)


def _coords(geom: dict) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []

    def walk(c) -> None:
        if c and isinstance(c[0], (int, float)):
            out.append((c[0], c[1]))
        else:
            for x in c:
                walk(x)

    walk(geom["coordinates"])
    return out


def _extent(layer: Layer) -> tuple[float, float, float, float]:
    pts = [merc(x, y) for f in layer.features for x, y in _coords(f["geometry"])]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


def map_view(layers: list[Layer], aspect: float) -> tuple[float, float, float, float]:
    """The map's frame: the directive's own shapes, padded, at the box's aspect.

    The first layer is the directive's main shape; another layer widens the frame only if that
    keeps it within 3x the main shape's area (C3's partisan rear reaches Cheju: it runs off the
    map instead of shrinking the mountains it goes with to a corner)."""
    x0, x1, y0, y1 = _extent(layers[0])
    area = max(x1 - x0, 1.0) * max(y1 - y0, 1.0)
    for layer in layers[1:]:
        a0, a1, b0, b1 = _extent(layer)
        u = min(x0, a0), max(x1, a1), min(y0, b0), max(y1, b1)
        if (u[1] - u[0]) * (u[3] - u[2]) <= 3 * area:
            x0, x1, y0, y1 = u
    pad_x, pad_y = (x1 - x0) * 0.08 + 40_000, (y1 - y0) * 0.08 + 40_000
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        extra = (aspect * h - w) / 2
        x0, x1 = x0 - extra, x1 + extra
    else:
        extra = (w / aspect - h) / 2
        y0, y1 = y0 - extra, y1 + extra
    (s, wl), (n, e) = BOUNDS
    wx0, wy0 = merc(wl, s)
    wx1, wy1 = merc(e, n)
    # stay inside the base map's window: slide the frame back in, or cut it to the window (the map's
    # box then narrows, as its aspect stays equal)
    if x1 - x0 <= wx1 - wx0:
        shift = max(0.0, wx0 - x0) - max(0.0, x1 - wx1)
        x0, x1 = x0 + shift, x1 + shift
    else:
        x0, x1 = wx0, wx1
    if y1 - y0 <= wy1 - wy0:
        shift = max(0.0, wy0 - y0) - max(0.0, y1 - wy1)
        y0, y1 = y0 + shift, y1 + shift
    else:
        y0, y1 = wy0, wy1
    return x0, x1, y0, y1


LOCATOR_SIZE = 0.26  # of the main map's width


def locator(ax, base: Basemap, view: tuple[float, float, float, float]):
    """A small inset of the whole base map (north-east China and Korea, 115-135 E, 33-50 N) with a
    red rectangle where the main map lies, in the main map's emptiest corner (fewest place dots)."""
    (s, w), (n, e) = BOUNDS
    wx0, wy0 = merc(w, s)
    wx1, wy1 = merc(e, n)
    pos = ax.get_position()
    iw = pos.width * LOCATOR_SIZE
    fw, fh = ax.figure.get_size_inches()
    ih = iw * fw / fh * (wy1 - wy0) / (wx1 - wx0)
    x0, x1, y0, y1 = view
    pts = [merc(*f["geometry"]["coordinates"]) for f in base.collections.get("places", {}).get("features", [])]
    pts = [(x, y) for x, y in pts if x0 < x < x1 and y0 < y < y1]

    def crowd(cx: int, cy: int) -> int:
        fx, fy = LOCATOR_SIZE, ih / pos.height
        return sum(
            1
            for x, y in pts
            if (x - x0) / (x1 - x0) * (1 if cx else -1) + (0 if cx else 1) >= 1 - fx - 0.02
            and (y - y0) / (y1 - y0) * (1 if cy else -1) + (0 if cy else 1) >= 1 - fy - 0.02
        )

    corners = [(1, 1), (0, 1), (1, 0), (0, 0)]  # top right first
    cx, cy = min(corners, key=lambda c: (crowd(*c), corners.index(c)))
    m = 0.006
    left = pos.x1 - iw - m if cx else pos.x0 + m
    bottom = pos.y1 - ih - m * fw / fh if cy else pos.y0 + m * fw / fh
    inset = ax.figure.add_axes((left, bottom, iw, ih))
    inset.set_facecolor("#dcebf3")
    for f in base.collections.get("countries", {}).get("features", []):
        draw_geometry(inset, f["geometry"], facecolor="#ece6d8", edgecolor="#777", linewidth=0.3, zorder=1)
    inset.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#c0392b", linewidth=1.2, zorder=3))
    inset.set_xlim(wx0, wx1)
    inset.set_ylim(wy0, wy1)
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_edgecolor("#333")
        spine.set_linewidth(0.6)
    return inset


def clause_map(ax, base: Basemap, layers: list[Layer], lang: str = "en") -> None:
    draw_base(ax, base)
    for layer in layers:
        draw_layer(ax, layer)
    pos = ax.get_position(original=True)  # imshow's equal aspect has shrunk the active box to the window's
    fw, fh = ax.figure.get_size_inches()
    view = map_view(layers, (pos.width * fw) / (pos.height * fh))
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()  # the box is already at the view's aspect: labels are measured where they print
    ax.set_xticks([])
    ax.set_yticks([])
    inset = locator(ax, base, view)
    renderer = ax.figure.canvas.get_renderer()
    draw_places(ax, base, view, [_padded(inset.get_window_extent(renderer), 3)], lang)

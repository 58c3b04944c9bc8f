"""`python -m mapping handout OUT.pdf`: a printable A4 handout, built offline with matplotlib.

The static maps draw the same layers and base geography as the app, in the same colours,
patterns and dashes, on the same relief image, in Web Mercator (so the relief fits).
Fonts are embedded (TrueType); only Latin text is used, so DejaVu, which matplotlib
ships, covers everything.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path as MPath  # noqa: E402
from PIL import Image  # noqa: E402

from .basemap import Basemap  # noqa: E402
from .clauses import MAPPED  # noqa: E402
from .document import Document, Layer  # noqa: E402
from .render import BOUNDS  # noqa: E402

A4 = (8.27, 11.69)
R = 6378137.0
LS = {"certain": "-", "less-certain": (0, (6, 3)), "uncertain": (0, (2, 3))}
plt.rcParams.update({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "font.size": 9})


def merc(lon: float, lat: float) -> tuple[float, float]:
    return R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _ring_path(rings: list) -> MPath:
    verts, codes = [], []
    for ring in rings:
        pts = [merc(x, y) for x, y, *_ in ring]
        verts += pts
        codes += [MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 2) + [MPath.CLOSEPOLY]
    return MPath(verts, codes)


def draw_geometry(ax, geom: dict, **style) -> None:  # noqa: ANN001, ANN003
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


def draw_base(ax, base: Basemap) -> None:  # noqa: ANN001
    (s, w), (n, e) = BOUNDS
    x0, y0 = merc(w, s)
    x1, y1 = merc(e, n)
    ax.set_facecolor("#c6dbe8")
    if base.relief_png:
        img = Image.open(io.BytesIO(base.relief_png)).convert("RGBA")
        ax.imshow(img, extent=(x0, x1, y0, y1), zorder=0, interpolation="bilinear")
    for key, style in (
        ("countries", {"facecolor": "none", "edgecolor": "#5e5e5e", "linewidth": 0.5}),
        ("rivers", {"edgecolor": "#3f7fb0", "linewidth": 0.5}),
        ("parallel", {"edgecolor": "#333", "linewidth": 0.8, "linestyle": (0, (2, 3))}),
    ):
        for f in base.collections.get(key, {}).get("features", []):
            draw_geometry(ax, f["geometry"], zorder=1, **style)


def draw_layer(ax, layer: Layer) -> None:  # noqa: ANN001
    color = layer.meta["style"]["color"]
    for f in layer.features:
        p = f["properties"]
        possible = p.get("band") == "possible" or layer.meta["style"].get("pattern") in ("hatch", "dots")
        style = {
            "edgecolor": color,
            "linewidth": 1.2 if "Polygon" in f["geometry"]["type"] else 2.2,
            "linestyle": LS[p["certainty"]],
            "facecolor": "none" if possible else color,
            "alpha": None,
            "hatch": "////" if possible else None,
            "zorder": 3,
        }
        if not possible and "Polygon" in f["geometry"]["type"]:
            style["facecolor"] = matplotlib.colors.to_rgba(color, 0.4)
        draw_geometry(ax, f["geometry"], **style)


def draw_places(ax, base: Basemap, view: tuple[float, float, float, float]) -> None:  # noqa: ANN001
    x0, x1, y0, y1 = view
    for f in base.collections.get("places", {}).get("features", []):
        p = f["properties"]
        x, y = merc(*f["geometry"]["coordinates"])
        if p.get("rank", 3) <= 2 and x0 < x < x1 and y0 < y < y1:
            ax.plot(x, y, "o", ms=2.5, color="#111", zorder=4)
            ax.annotate(
                p["name_1950"],
                (x, y),
                xytext=(3, 2),
                textcoords="offset points",
                fontsize=6.5,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
            )


def clause_map(ax, base: Basemap, layers: list[Layer]) -> None:  # noqa: ANN001
    draw_base(ax, base)
    for layer in layers:
        draw_layer(ax, layer)
    xs, ys = [], []
    for layer in layers:
        for f in layer.features:

            def walk(c):  # noqa: ANN001, ANN202
                if c and isinstance(c[0], (int, float)):
                    mx, my = merc(c[0], c[1])
                    xs.append(mx)
                    ys.append(my)
                else:
                    for x in c:
                        walk(x)

            walk(f["geometry"]["coordinates"])
    pad_x, pad_y = (max(xs) - min(xs)) * 0.12 + 40_000, (max(ys) - min(ys)) * 0.12 + 40_000
    view = (min(xs) - pad_x, max(xs) + pad_x, min(ys) - pad_y, max(ys) + pad_y)
    # keep the map's aspect close to the box it sits in
    w, h = view[1] - view[0], view[3] - view[2]
    if w / h < 1.3:
        extra = (1.3 * h - w) / 2
        view = (view[0] - extra, view[1] + extra, view[2], view[3])
    else:
        extra = (w / 1.3 - h) / 2
        view = (view[0], view[1], view[2] - extra, view[3] + extra)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    draw_places(ax, base, view)
    ax.set_xticks([])
    ax.set_yticks([])


def _text(fig, y: float, text: str, width: int = 100, size: float = 9, **kw) -> float:  # noqa: ANN001, ANN003
    lines = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, width) or [""]
    fig.text(0.07, y, "\n".join(lines), va="top", fontsize=size, **kw)
    return y - (len(lines) * size * 1.45) / (A4[1] * 72)


def legend(fig, y: float) -> None:  # noqa: ANN001
    _text(
        fig,
        y,
        "Key: filled = core band; hatched = possible band; solid line = certain; long dashes = less "
        "certain; short dashes = uncertain. Every shape is an interpretation of the telegram's words.",
        width=130,
        size=7.5,
        color="#333",
    )


def build(doc: Document, base: Basemap, notes: dict, dates: list[dict]) -> bytes:
    buf = io.BytesIO()
    with PdfPages(
        buf,
        metadata={
            "Title": "The telegram of 11 October 1950: a handout",
            "Creator": "telegram-map",
            "CreationDate": None,
            "ModDate": None,
        },
    ) as pdf:
        prov = doc.telegram.provenance
        fig = plt.figure(figsize=A4)
        y = _text(fig, 0.95, "The telegram of 11 October 1950", size=18, weight="bold")
        y = _text(fig, y - 0.005, f"{prov['title']}, {prov['date']}. {prov['archive']}.", size=8.5, color="#333")
        y = _text(fig, y, prov["url"], size=7, color="#333")
        y = _text(fig, y, prov["cable_numbers"]["note"] + " " + prov["translation"], size=7.5, color="#333")
        _text(fig, y - 0.01, doc.telegram.text.replace("\n\n", "\n"), width=112, size=7.6, family="DejaVu Serif")
        pdf.savefig(fig)
        plt.close(fig)

        for n, cid in enumerate(MAPPED, start=1):
            clause = doc.clause(cid) or {"label": cid, "text": ""}
            layers = doc.layers_for(cid)
            fig = plt.figure(figsize=A4)
            y = _text(fig, 0.96, f"{n}. {clause['label']}", size=15, weight="bold")
            y = _text(fig, y, f"\u201c{clause['text']}\u201d", width=95, size=10, family="DejaVu Serif")
            ax = fig.add_axes((0.07, y - 0.47, 0.86, 0.45))
            clause_map(ax, base, layers)
            legend(fig, y - 0.485)
            y -= 0.51
            for layer in layers:
                first = next(
                    (f for f in layer.features if f["properties"].get("band") != "possible"), layer.features[0]
                )
                p = first["properties"]
                y = _text(fig, y, f"{layer.meta['title']} ({p['certainty']})", size=9, weight="bold")
                y = _text(fig, y, "Interpretation: " + p["interpretation"], width=120, size=7.5)
                cites = "; ".join(doc.bibliography.cite(p["citations"], html_out=False))
                y = _text(fig, y, "Sources: " + cites, width=130, size=6.5, color="#333")
                if y < 0.12:
                    break
            note = notes.get(cid, {})
            if note:
                cites = "; ".join(doc.bibliography.cite(note["citations"], html_out=False))
                _text(fig, 0.07, f"Note: {note['text']} {cites}", width=120, size=7.5, style="italic")
            pdf.savefig(fig)
            plt.close(fig)

        fig = plt.figure(figsize=A4)
        y = _text(fig, 0.95, "What happened next", size=15, weight="bold")
        for d in dates:
            cites = "; ".join(doc.bibliography.cite(d["citations"], html_out=False))
            y = _text(fig, y, f"{d['label']} 1950: {d['caption']} {cites}", width=115, size=8)
        y = _text(fig, y - 0.02, "Credits", size=12, weight="bold")
        credits = (
            "Base map: Natural Earth (public domain) via world-atlas; GSHHG rivers (Wessel & Smith, LGPL-3); "
            "DCW-GMT provinces (LGPL-3); relief from pvlib's Altitude.h5 (BSD-3; Mapzen: SRTM, GMTED2010, ETOPO1); "
            "places from GeoNames (CC BY 4.0). Map code: Leaflet (BSD-2), folium. Historiography: no minutes of "
            "the Black Sea talks were published; accounts rest on memoirs that disagree (Shen Zhihua). Whether "
            "Stalin reneged on air cover is disputed (Mansourov, CWIHP Bulletin 6-7)."
        )
        y = _text(fig, y, credits, width=115, size=8)
        y = _text(fig, y - 0.01, "Sources", size=12, weight="bold")
        for _key, entry in doc.bibliography.entries(html_out=False):
            y = _text(fig, y, entry, width=125, size=6.5)
            if y < 0.04:
                pdf.savefig(fig)
                plt.close(fig)
                fig = plt.figure(figsize=A4)
                y = _text(fig, 0.95, "Sources (continued)", size=12, weight="bold")
        pdf.savefig(fig)
        plt.close(fig)
    return buf.getvalue()

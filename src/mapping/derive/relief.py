"""The elevation grid (pvlib's Altitude.h5, 1/12 degree) and a shaded-relief image made from it.

pvlib's grid was chosen over ETOPO5 because ETOPO5 shows 1-degree blocks over Manchuria;
pvlib's comes from SRTM and GMTED2010 and has none. Its values are stored in 28 m steps.

The grid is written as an ESRI ASCII grid in whole metres, so the derived layers can be
rebuilt from geodata/ alone. The image is resampled to Web Mercator rows, because Leaflet
stretches an image overlay linearly in projected space; sea pixels are left transparent
and the coast comes from Natural Earth land, not from the 9 km grid.

The map zooms to 10 (728 screen px per degree), so the image is drawn at 128 px per degree
from a cubic-convolution resampling of the grid: a bilinear surface has a kink at every cell
edge, and its hillshade showed each 9 km cell as a facet. Its colours come from a fixed
palette of tint levels times shade levels, so that neighbouring pixels step by a few levels
of brightness and not by the 20-30 of a 24-colour adaptive palette, and so that smooth
ground compresses well (about 0.45 MB for 2560 x 2933 px).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from PIL import Image

from ..cartography import mercator_y
from .window import EAST, NORTH, OUTER_EAST, OUTER_NORTH, OUTER_SOUTH, OUTER_WEST, SOUTH, WEST, WINDOW

STEP = 1.0 / 12.0
NODATA = 255
IMAGE_WIDTH = 2560  # px for 20 degrees: 128 px/degree; the browser stretches it 5.7x at zoom 10
TINT_LEVELS, SHADE_LEVELS = 12, 21  # the palette: 252 colours and one transparent
SUN_AZIMUTH, SUN_ALTITUDE, Z_FACTOR = 315.0, 45.0, 6.0
# The detailed image ends at the window's edges. The coarse relief (relief-outer.png) covers the outer box
# under it, so the shading goes on past the edges and needs no fade to flat lowland there: the same grid,
# palette and hillshade at OUTER_PX_PER_DEGREE (the map's min zoom 5 shows 23 screen px per degree; 9 and 10
# px per degree made 213 and 260 KB, 8 makes 164 KB). Beyond the window no countries are drawn, so their 6 %
# white fill (render/map.py) is baked into its palette (OUTER_VEIL): its flat lowland is then the outer land's
# colour (cartography.LAND).
OUTER_PX_PER_DEGREE = 8
OUTER_WIDTH = int((OUTER_EAST - OUTER_WEST) * OUTER_PX_PER_DEGREE)
OUTER_VEIL = 0.06
OUTER_UNDERLAP = 0.5  # degrees inside the window the coarse image reaches under the detailed one (4 px)
WINDOW_BOX = (WEST, SOUTH, EAST, NORTH)
OUTER_BOX = (OUTER_WEST, OUTER_SOUTH, OUTER_EAST, OUTER_NORTH)


@dataclass(frozen=True)
class Grid:
    """Elevation in metres at cell centres: row 0 is the southernmost row."""

    z: np.ndarray
    west: float
    south: float
    step: float = STEP

    def lon(self) -> np.ndarray:
        return self.west + self.step * np.arange(self.z.shape[1])

    def lat(self) -> np.ndarray:
        return self.south + self.step * np.arange(self.z.shape[0])


def read_altitude_h5(path: Path, box: tuple[float, float, float, float] = WINDOW_BOX) -> Grid:
    """Cut a box (west, south, east, north; whole cells) out of pvlib's global grid: row 0 is 90 N,
    column 0 is 180 W, cells centred."""
    import h5py  # build-only

    west, south, east, north = box
    with h5py.File(path, "r") as h5:
        rows = slice(int((90 - north) * 12), int((90 - south) * 12))
        cols = slice(int((west + 180) * 12), int((east + 180) * 12))
        raw = h5["Altitude"][rows, cols].astype(np.int32)
    z = np.where(raw == NODATA, 0, raw * 28 - 450)  # pvlib's encoding; 255 is no data
    return Grid(z[::-1].copy(), west + STEP / 2, south + STEP / 2)


def write_ascii_grid(grid: Grid) -> str:
    rows, cols = grid.z.shape
    head = (
        f"ncols {cols}\nnrows {rows}\nxllcenter {grid.west:.6f}\nyllcenter {grid.south:.6f}\n"
        f"cellsize {grid.step:.10f}\nNODATA_value -99999\n"
    )
    body = "\n".join(" ".join(str(int(v)) for v in row) for row in grid.z[::-1])  # north row first
    return head + body + "\n"


def read_ascii_grid(text: str) -> Grid:
    lines = text.splitlines()
    head = dict(line.split() for line in lines[:6])
    z = np.array([[int(v) for v in line.split()] for line in lines[6:] if line.strip()], dtype=np.int32)[::-1]
    return Grid(z, float(head["xllcenter"]), float(head["yllcenter"]), float(head["cellsize"]))


def bilinear(grid: Grid, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    fx = (lon - grid.west) / grid.step
    fy = (lat - grid.south) / grid.step
    x0 = np.clip(np.floor(fx).astype(int), 0, grid.z.shape[1] - 2)
    y0 = np.clip(np.floor(fy).astype(int), 0, grid.z.shape[0] - 2)
    tx, ty = fx - x0, fy - y0
    z = grid.z.astype(float)
    top = z[y0 + 1, x0] * (1 - tx) + z[y0 + 1, x0 + 1] * tx
    bottom = z[y0, x0] * (1 - tx) + z[y0, x0 + 1] * tx
    return bottom * (1 - ty) + top * ty


def _keys(t: np.ndarray) -> np.ndarray:
    """Keys' cubic convolution kernel (a = -0.5): interpolating, with a continuous slope."""
    t = np.abs(t)
    near = (1.5 * t - 2.5) * t * t + 1
    far = ((-0.5 * t + 2.5) * t - 4) * t + 2
    return np.where(t <= 1, near, np.where(t < 2, far, 0.0))


def _cubic(grid: Grid, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The grid resampled by cubic convolution at every (lat, lon) pair of two 1-D axes.

    Separable: the columns are interpolated first, then the rows; cells past the edge repeat it."""
    z = grid.z.astype(float)

    def taps(f: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
        i0 = np.floor(f).astype(int)
        return [(np.clip(i0 + k, 0, n - 1), _keys(f - i0 - k)) for k in (-1, 0, 1, 2)]

    cols = sum(w[None, :] * z[:, i] for i, w in taps((lon - grid.west) / grid.step, z.shape[1]))
    return sum(w[:, None] * cols[i, :] for i, w in taps((lat - grid.south) / grid.step, z.shape[0]))


# elevation (m) -> colour: lowland green to upland tan to mountain brown, muted for print
TINTS = [
    (0, (214, 226, 196)),
    (200, (224, 226, 190)),
    (500, (232, 220, 178)),
    (1000, (222, 198, 156)),
    (1500, (200, 170, 132)),
    (2200, (176, 150, 122)),
]


def _tint_levels() -> np.ndarray:
    """TINT_LEVELS elevations spaced evenly along the tint's colour path (equal colour steps)."""
    levels = np.array([t[0] for t in TINTS], dtype=float)
    colours = np.array([t[1] for t in TINTS], dtype=float)
    fine = np.linspace(levels[0], levels[-1], 2201)
    path = np.stack([np.interp(fine, levels, colours[:, i]) for i in range(3)], axis=-1)
    dist = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
    return np.interp(np.linspace(0.0, dist[-1], TINT_LEVELS), dist, fine)


def _nearest(values: np.ndarray, levels: np.ndarray) -> np.ndarray:
    return np.searchsorted((levels[1:] + levels[:-1]) / 2, values)


def relief_png(
    grid: Grid,
    land: shapely.Geometry,
    box: tuple[float, float, float, float] = WINDOW_BOX,
    width: int = IMAGE_WIDTH,
    veil: float = 0.0,
) -> bytes:
    """A tinted, hill-shaded PNG of `box` (west, south, east, north), `width` px wide, in Web Mercator rows;
    transparent outside `land` (a pixel is land when its centre is); `veil` mixes that much white into the palette."""
    west, south, east, north = box
    y_top, y_bottom = mercator_y(north), mercator_y(south)
    height = int(round(width * (y_top - y_bottom) / math.radians(east - west)))
    lon = west + (np.arange(width) + 0.5) * (east - west) / width
    merc_y = y_top - (np.arange(height) + 0.5) * (y_top - y_bottom) / height
    lat = np.degrees(2 * np.arctan(np.exp(merc_y)) - np.pi / 2)
    z = _cubic(grid, lon, lat)
    LON, LAT = np.meshgrid(lon, lat)

    # hillshade on the sampled surface, with metre spacings that follow latitude
    dy_m = np.gradient(LAT, axis=0) * 111_320.0
    dx_m = np.gradient(LON, axis=1) * 111_320.0 * np.cos(np.radians(LAT))
    dzdx = np.gradient(z, axis=1) / dx_m * Z_FACTOR
    dzdy = np.gradient(z, axis=0) / dy_m * Z_FACTOR
    slope = np.arctan(np.hypot(dzdx, dzdy))
    aspect = np.arctan2(-dzdx, dzdy)
    az, alt = np.radians(360.0 - SUN_AZIMUTH + 90.0), np.radians(SUN_ALTITUDE)
    shade = np.sin(alt) * np.cos(slope) + np.cos(alt) * np.sin(slope) * np.cos(az - aspect)
    shade = np.clip(shade, 0, 1)

    levels = np.array([t[0] for t in TINTS], dtype=float)
    tint_z = _tint_levels()
    shade_levels = np.linspace(0.0, 1.0, SHADE_LEVELS)
    palette = relief_palette(veil)
    clear = len(palette)
    palette = np.vstack([palette, [[255, 255, 255]]])

    # palette index = tint level * SHADE_LEVELS + shade level; the last index is transparent
    index = _nearest(np.clip(z, levels[0], levels[-1]), tint_z) * SHADE_LEVELS + _nearest(shade, shade_levels)
    inside = shapely.contains_xy(land, LON, LAT)
    index = np.where(inside, index, clear).astype(np.uint8)
    image = Image.fromarray(index, "P")
    image.putpalette(palette.astype(np.uint8).flatten().tolist())
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True, transparency=clear)
    return buf.getvalue()


def relief_palette(veil: float = 0.0) -> np.ndarray:
    """TINT_LEVELS x SHADE_LEVELS colours (uint8 RGB), tint-major; `veil`: the share of white mixed in."""
    levels = np.array([t[0] for t in TINTS], dtype=float)
    colours = np.array([t[1] for t in TINTS], dtype=float)
    tints = np.stack([np.interp(_tint_levels(), levels, colours[:, i]) for i in range(3)], axis=-1)
    factor = 0.45 + 0.62 * np.linspace(0.0, 1.0, SHADE_LEVELS)  # flat ground (shade = sin 45) stays near its tint
    rgb = np.clip(tints[:, None, :] * factor[None, :, None], 0, 255).astype(np.uint8).reshape(-1, 3)
    if veil:
        rgb = np.round(rgb * (1 - veil) + 255 * veil).astype(np.uint8)
    return rgb


def flat_lowland(veil: float = 0.0) -> tuple[int, int, int]:
    """The colour of flat ground in the lowest tint: the relief's plains."""
    shade = _nearest(np.array([math.sin(math.radians(SUN_ALTITUDE))]), np.linspace(0.0, 1.0, SHADE_LEVELS))[0]
    r, g, b = (int(c) for c in relief_palette(veil)[shade])
    return r, g, b


def outer_land_mask(outer_land: shapely.Geometry, window_land: shapely.Geometry) -> shapely.Geometry:
    """The coarse relief's land: the outer land (50m, the window cut out) and the window's land, shrunk so that
    no coarse pixel, smoothed by the browser, reaches past the coast. Beyond the window by half a pixel (the
    outer land's coast is drawn over it, and a thin edge of its flat fill shows at most); inside the window, where
    the coarse image lies under the detailed one and only its edges matter, by one and a half pixels, so it never
    shows on the sea there even at zoom 10 (60 screen px per coarse pixel)."""
    px = 1.0 / OUTER_PX_PER_DEGREE
    land = shapely.union_all([outer_land, window_land])
    beyond = land.buffer(-0.5 * px).difference(WINDOW)
    within = land.buffer(-1.5 * px).intersection(WINDOW.difference(WINDOW.buffer(-OUTER_UNDERLAP)))
    return shapely.union_all([beyond, within])


def outer_relief_png(grid: Grid, outer_land: shapely.Geometry, window_land: shapely.Geometry) -> bytes:
    """relief-outer.png: the coarse relief of the outer box, drawn under relief.png."""
    mask = outer_land_mask(outer_land, window_land)
    return relief_png(grid, mask, OUTER_BOX, OUTER_WIDTH, veil=OUTER_VEIL)

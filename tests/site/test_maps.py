"""The maps: Leaflet and its licence copied from their package at build time, the land outlines
without a line across the map, the tiles an opt-in that names their host in the policy."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html

from edition.site.pages import maps
from edition.site.pages.build import CSP
from edition.site.pipeline import build_site

from .conftest import ROOTS


def test_leaflet_and_its_licence_are_copied_from_their_package(basic_site):
    static = basic_site[0] / "static"
    assert (static / "leaflet" / "leaflet.js").read_bytes() == (maps.leaflet_folder() / "leaflet.js").read_bytes()
    assert "Leaflet" in (static / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert "BSD 2-Clause License" in (static / "leaflet" / "LICENSE.txt").read_text(encoding="utf-8")
    assert (static / "leaflet" / "leaflet.css").is_file()


def land_rings(site) -> list[list[float]]:
    script = (site / "static" / "world-land.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"window\.teiEditionLand = (\[.*\]);", script).group(1))


def test_no_edge_of_the_land_crosses_the_whole_map(basic_site):
    """A ring crossing the 180th meridian joined as it is draws a line across the map (the Arctic's)."""
    rings = land_rings(basic_site[0])
    assert len(rings) > 100
    for flat in rings:
        longitudes, latitudes = flat[0::2], flat[1::2]
        edges = zip(longitudes, longitudes[1:], latitudes, latitudes[1:])
        # only along a pole (the frame's edge), where Antarctica's ring closes
        assert all(abs(a - b) <= 180 or abs(y) == abs(z) == 90 for a, b, y, z in edges), "a jump across the map"
        assert all(-90 <= latitude <= 90 for latitude in latitudes)
    svg = (basic_site[0] / "static" / "world-land.svg").read_text(encoding="utf-8")
    for ring in re.findall(r"M([^MZ]+)Z", svg):
        points = [tuple(map(float, point.split())) for point in ring.split("L")]
        assert all(abs(a[0] - b[0]) <= 180 or abs(a[1]) == abs(b[1]) == 90 for a, b in zip(points, points[1:]))


def test_a_ring_around_the_pole_is_closed_along_it():
    import world_outline  # scripts/, which conftest puts on the path

    antarctica = [(-180.0, -80.0), (0.0, -70.0), (179.0, -80.0), (-180.0, -80.0)]
    (ring,) = world_outline.across_antimeridian(antarctica)
    assert ring[-3:] == [(180.0, -80.0), (180.0, -90.0), (-180.0, -90.0)]
    chukotka = [(170.0, 65.0), (179.9, 66.0), (-179.9, 66.0), (-175.0, 65.0), (-179.9, 64.0), (179.9, 64.0)]
    east, west = world_outline.across_antimeridian(chukotka)
    assert max(x for x, _ in east) > 180 and min(x for x, _ in west) < -180, "drawn twice, each cut by the frame"


def test_tiles_are_an_opt_in_that_names_their_host_in_the_policy(tmp_path, monkeypatch):
    monkeypatch.setenv(maps.TILES_VARIABLE, "https://tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv(maps.ATTRIBUTION_VARIABLE, "© Example contributors")
    out = tmp_path / "site"
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    page = html.parse(str(out / "places" / "index.html")).getroot()
    assert page.xpath("//figure[@class='map']/@data-tiles") == ["https://tiles.example.org/{z}/{x}/{y}.png"]
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert policy == CSP.replace("img-src 'self'", "img-src 'self' https://tiles.example.org")
    assert "© Example contributors" in page.xpath("string(//figure[@class='map']/figcaption)")


@pytest.mark.parametrize("url", ["http://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/map.png",
                                 "javascript:alert(1)//{z}{x}{y}"])
def test_a_tile_url_that_is_not_https_with_its_placeholders_is_refused(monkeypatch, url):
    monkeypatch.setenv(maps.TILES_VARIABLE, url)
    with pytest.raises(ValueError, match=maps.TILES_VARIABLE):
        maps.configured_tiles()

"""Derive the site's world map outline from Natural Earth, as the npm package ``world-atlas`` ships it.

The site draws places on this outline without asking any other host for tiles. Run once when
the outline should change; the result is committed as ``edition/site/static/world-land.svg``:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/world_outline.py package/land-110m.json edition/site/static/world-land.svg

Projection: equirectangular, x = longitude, y = -latitude, viewBox -180 -90 360 180.
Natural Earth is in the public domain; world-atlas is ISC-licensed (Mike Bostock).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantized and delta-encoded; return them as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def across_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring as a flat map can draw it. A ring crossing the 180th meridian jumps from +180 to -180
    (Chukotka, Fiji): joined as it is, its edge is a line across the whole map. It is made
    continuous (past 180) and drawn twice, once shifted by 360 degrees, the map's frame cutting
    both. A ring around a pole (Antarctica) crosses it once: it is closed along the pole."""
    continuous, shift = [points[0]], 0.0
    for (x0, _), (x1, y1) in zip(points, points[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        continuous.append((x1 + shift, y1))
    if shift:  # around a pole: along the pole's edge back to where the ring began
        pole = -90.0 if sum(y for _, y in points) < 0 else 90.0
        continuous += [(continuous[-1][0], pole), (continuous[0][0], pole)]
    west, east = min(x for x, _ in continuous), max(x for x, _ in continuous)
    if west >= -180 and east <= 180:
        return [continuous]
    offset = -360 if east > 180 else 360
    return [continuous, [(x + offset, y) for x, y in continuous]]


def path_data(topology: dict, name: str = "land") -> str:
    arcs = decode_arcs(topology)
    geometries = topology["objects"][name].get("geometries") or [topology["objects"][name]]
    commands = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                for points in across_antimeridian(ring_points(ring, arcs)):
                    commands.append("M" + "L".join(f"{x:.1f} {-y:.1f}" for x, y in points) + "Z")
    return "".join(commands)


def main(source: str, target: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, viewBox="-180 -90 360 180",
                        width="360", height="180")
    etree.SubElement(svg, f"{{{SVG_NS}}}title").text = "Land outlines (Natural Earth 1:110m, via world-atlas)"
    etree.SubElement(svg, f"{{{SVG_NS}}}path", d=path_data(topology), fill="#dcd6c8", stroke="#b5ab95",
                     attrib={"stroke-width": "0.6", "vector-effect": "non-scaling-stroke"})
    Path(target).write_bytes(etree.tostring(svg, xml_declaration=True, encoding="UTF-8"))


if __name__ == "__main__":
    main(*sys.argv[1:3])

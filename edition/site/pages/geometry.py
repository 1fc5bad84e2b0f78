"""SVG geometry drawn at build time: the map of places and the chronology's timeline."""

from __future__ import annotations

from collections import Counter


def place_map(views: list[dict], zoom: bool = False, context: list[dict] = ()) -> dict | None:
    """Points on the shipped Natural Earth outline (equirectangular), framed around the places: the
    map a page shows without script, and the places the interactive map (``maps.py``) draws.
    ``context``: other places drawn small around them (a place's locator shows its neighbours)."""
    points = [(v["entry"], v["entry"].geo) for v in views if v["entry"].geo]
    if not points:
        return None
    longitudes = [geo[1] for _, geo in points]
    latitudes = [geo[0] for _, geo in points]
    locator = zoom or len(points) == 1  # one place: a wide strip, so coasts and seas show where it is
    lat_margin, lon_margin = (18, 45) if locator else (4, 4)
    west, east = max(-180, min(longitudes) - lon_margin), min(180, max(longitudes) + lon_margin)
    south, north = max(-90, min(latitudes) - lat_margin), min(90, max(latitudes) + lat_margin)
    width, height = max(east - west, 16), max(north - south, 10)
    # a locator is drawn by its height (a strip); an overview by its larger side
    radius, font = (height / 40, height / 16) if locator else (max(width, height) / 120, max(width, height) / 60)
    shown = {entry.id for entry, _ in points}
    around = [(v["entry"], v["entry"].geo) for v in context if v["entry"].geo and v["entry"].id not in shown]
    counts = {v["entry"].id: v.get("count", 0) for v in [*views, *context]}
    return {"viewbox": f"{west:.2f} {-north:.2f} {width:.2f} {height:.2f}", "radius": f"{radius:.3f}",
            "labels": len(points) <= 12, "font": f"{font:.3f}", "locator": locator,
            "points": [{"entry": e, "x": f"{geo[1]:.3f}", "y": f"{-geo[0]:.3f}", "lat": f"{geo[0]:.5f}",
                        "lng": f"{geo[1]:.5f}", "count": counts.get(e.id, 0), "context": i >= len(points)}
                       for i, (e, geo) in enumerate([*points, *around])]}


def timeline(exact: Counter, spans: list[tuple[int, int]]) -> dict | None:
    """Dated mentions per year, drawn at build time: bars for exact dates (``exact``: how many in
    each year), lines for spans (``(first year, last year)`` each)."""
    if not exact and not spans:
        return None
    first = min(min(exact, default=10 ** 6), min((s[0] for s in spans), default=10 ** 6),
                min((s[1] for s in spans), default=10 ** 6))
    last = max(max(exact, default=-10 ** 6), max((s[1] for s in spans), default=-10 ** 6))
    if last - first > 400:  # a stray far date must not flatten the chart
        first = max(first, last - 400)
    years = list(range(first, last + 1))
    step, bar_area = max(12, min(40, 720 // len(years))), 80  # wider bars when there are few years
    most = max(exact.values(), default=1)
    bars = [{"year": y, "count": exact.get(y, 0), "x": (y - first) * step,
             "height": round(bar_area * exact.get(y, 0) / most, 1)} for y in years]
    distinct = sorted(set(spans))
    lines = [{"x1": (max(s[0], first) - first) * step + 2, "x2": (min(s[1], last) - first) * step + step - 2,
              "y": bar_area + 30 + 6 * (i % 8), "label": f"{s[0]}–{s[1]}"} for i, s in enumerate(distinct)]
    return {"bars": bars, "lines": lines, "width": len(years) * step, "height": bar_area + 30 + 6 * 8 + 10,
            "base": bar_area, "step": step, "label_every": 1 if step >= 28 else (5 if len(years) <= 150 else 25)}

"""Write data/gazetteer/country_centroids.tsv from the dashboard's Natural Earth 1:110m shapes.

Each country's point is the area-weighted centroid of its largest polygon (planar lon/lat),
which is what GDELT's country-level geography approximates; rings crossing the antimeridian
are unwrapped first. Run: python tools/country_centroids.py src/eventwire/web/static/countries-110m.json
"""

from __future__ import annotations

import json
import sys

from eventwire.places.gazetteer import _geonames_json

HEADER = """\
# Country centroids (ISO3, lat, lon) for GDELT's country-level geography, which places a country
# at its centroid, not its capital. Computed by tools/country_centroids.py from the Natural Earth
# 1:110m country shapes the dashboard ships (web/static/countries-110m.json, public domain): the
# area-weighted centroid of each country's largest polygon. Countries too small for those shapes
# fall back to the gazetteer's point (the capital).
# ISO3<TAB>lat<TAB>lon"""


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(|area|, lon, lat) of a ring."""
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:  # crosses the antimeridian
        points = [(x % 360, y) for x, y in points]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    area /= 2
    if not area:
        return 0.0, points[0][0], points[0][1]
    return abs(area), cx / (6 * area), cy / (6 * area)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        topo = json.load(handle)
    arcs = decode_arcs(topo)
    countries = _geonames_json("countries.json").values()
    numeric_to_iso3 = {str(c["isonumeric"]).zfill(3): c["iso3"] for c in countries}
    rows = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3 = numeric_to_iso3.get(str(geometry.get("id", "")).zfill(3))
        kind = geometry["type"]
        polygons = geometry["arcs"] if kind == "MultiPolygon" else [geometry["arcs"]] if kind == "Polygon" else []
        best = max((area_centroid(ring(arcs, p[0])) for p in polygons), default=None)
        if iso3 and best:
            rows[iso3] = (round(best[2], 4), round((best[1] + 180) % 360 - 180, 4))
    print(HEADER)
    for iso3 in sorted(rows):
        print(f"{iso3}\t{rows[iso3][0]}\t{rows[iso3][1]}")


if __name__ == "__main__":
    main(sys.argv[1])

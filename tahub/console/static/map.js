/* tahub console: the map. Countries from the shipped Natural Earth boundaries (no tile
   server), coloured by distinct reports; routes as arcs origin → destination, thicker
   with more reports; H3 cells as hexagons (coarse when zoomed out, city-level when in);
   open detections as rings. Clicking a country, cell or route shows its trend and its
   detections. Everything comes from /data/map, which the query API's rules answer. */
'use strict';

(() => {
  const { el, getJSON, chart, table, detectionLink, status, SEVERITY } = tahub;
  const root = document.getElementById('map');
  const panel = document.getElementById('panel');
  const query = root.dataset.query || '';
  const NAMED = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };
  const COLOURS = ['#fee5d9', '#fcbba1', '#fc9272', '#fb6a4a', '#de2d26', '#a50f15'];

  const map = L.map(root, {
    center: [20, 15],
    zoom: 2,
    minZoom: 1,
    maxZoom: 10,
    zoomSnap: 0.5,
    worldCopyJump: false,
    preferCanvas: false,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Natural Earth (world-atlas)');

  function area(ring) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(sum / 2);
  }

  /* The centre of a country's largest polygon, [lat, lon]: a route starts or ends there. */
  function centre(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let best = polygons[0][0];
    for (const polygon of polygons) if (area(polygon[0]) > area(best)) best = polygon[0];
    let x = 0, y = 0, a = 0;
    for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
      const f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
      x += (best[j][0] + best[i][0]) * f;
      y += (best[j][1] + best[i][1]) * f;
      a += f;
    }
    if (Math.abs(a) < 1e-9) return [best[0][1], best[0][0]];
    return [y / (3 * a), x / (3 * a)];
  }

  function colour(value, max) {
    if (!value) return '#eceff1';
    const step = Math.min(COLOURS.length - 1, Math.floor((Math.log1p(value) / Math.log1p(max)) * COLOURS.length));
    return COLOURS[Math.max(0, step)];
  }

  /* A curved arc from a to b ([lat, lon]) as points, and an arrow head at b. */
  function arc(a, b) {
    const [y1, x1] = a, [y2, x2] = b;
    const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
    const dx = x2 - x1, dy = y2 - y1;
    const cx = mx - dy * 0.25, cy = my + dx * 0.25;
    const points = [];
    for (let i = 0; i <= 32; i++) {
      const t = i / 32;
      points.push([
        (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * cy + t * t * y2,
        (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * cx + t * t * x2,
      ]);
    }
    return { points, middle: points[16] };
  }

  function arrow(points, size) {
    const [ty, tx] = points[points.length - 1];
    const [py, px] = points[points.length - 4];
    const angle = Math.atan2(ty - py, tx - px);
    const wing = (turn) => [ty - size * Math.sin(angle + turn), tx - size * Math.cos(angle + turn)];
    return [[ty, tx], wing(0.45), wing(-0.45)];
  }

  let selected = null;
  function select(layer, title, filters, style) {
    if (selected) selected.layer.setStyle(selected.style);
    selected = layer ? { layer, style: style } : null;
    if (layer) layer.setStyle({ weight: 3, color: '#111' });
    showTrend(title, filters);
  }

  async function showTrend(title, filters) {
    const params = new URLSearchParams(query);
    params.set('by', 'typology');
    for (const [key, value] of Object.entries(filters)) params.set(key, value);
    const box = el('div', { class: 'chart', id: 'panel-chart' });
    const list = el('ul', { class: 'detections', id: 'panel-detections' });
    panel.replaceChildren(
      el('h2', { text: title }),
      el('p', { class: 'hint', text: 'Reports by typology over the period; dashed lines are detections.' }),
      box,
      el('h3', { text: 'Detections' }),
      list,
      el('p', {}, el('a', { href: '/trends?' + params.toString(), text: 'Open in Trends' }))
    );
    try {
      const trend = await getJSON('/data/trend?' + params.toString());
      chart(box, trend.x, trend.series, trend.detections, { height: 200 });
      if (!trend.detections.length) list.append(el('li', { text: 'none visible to you' }));
      for (const d of trend.detections) list.append(detectionLink(d));
    } catch (err) {
      box.append(el('p', { class: 'error', text: err.message }));
    }
  }

  function countryTable(rows, countryLayers) {
    const box = document.getElementById('country-table');
    const top = rows.slice(0, 25);
    box.replaceChildren(
      top.length
        ? table(['country', 'reports', 'change'], top.map((r) => [
            el('button', {
              type: 'button', class: 'linkish', text: `${r.name} (${r.country})`,
              onclick: () => { const c = countryLayers[r.country]; select(c && c.layer, r.name, { location: r.country }, c && c.style); },
            }),
            String(r.reports),
            (r.change > 0 ? '+' : '') + r.change,
          ]))
        : el('p', { class: 'empty', text: 'No counts visible to you in this period.' })
    );
  }

  function routeTable(rows, routeLayers) {
    const box = document.getElementById('route-table');
    const top = rows.slice(0, 25);
    box.replaceChildren(
      top.length
        ? table(['route', 'reports', 'typologies'], top.map((r) => [
            el('button', {
              type: 'button', class: 'linkish', text: r.label,
              onclick: () => { const k = `${r.origin}>${r.destination}`; const l = routeLayers[k]; select(l && l.layer, r.label, { origin: r.origin, destination: r.destination }, l && l.style); },
            }),
            String(r.reports),
            r.typologies.join(', ').replace(/_/g, ' '),
          ]))
        : el('p', { class: 'empty', text: 'No routes visible to you in this period.' })
    );
  }

  function detectionList(detections) {
    const box = document.getElementById('detection-list');
    box.replaceChildren(
      detections.length
        ? el('ul', { class: 'detections' }, detections.map(detectionLink))
        : el('p', { class: 'empty', text: 'No open detection visible to you.' })
    );
  }

  function popup(d) {
    return el('div', { class: 'popup' },
      el('strong', { text: `${d.severity}: ${d.what}` }), el('br'),
      d.where, el('br'),
      `${d.observed} reports vs ${Number(d.expected).toFixed(1)} expected`, el('br'),
      el('a', { href: '/detections/' + encodeURIComponent(d.detection_id), text: 'Open the detection' }));
  }

  function legend(max) {
    const control = L.control({ position: 'bottomleft' });
    control.onAdd = () => {
      const rows = [el('strong', { text: 'Reports' })];
      rows.push(el('div', {}, el('i', { class: 'swatch swatch-none' }), ' none visible'));
      let shown = 0;
      COLOURS.forEach((c, i) => {
        const low = Math.max(1, Math.ceil(Math.expm1((i / COLOURS.length) * Math.log1p(max))));
        if (low <= shown || low > max) return;
        shown = low;
        const step = Math.min(COLOURS.length - 1, Math.floor((Math.log1p(low) / Math.log1p(max)) * COLOURS.length));
        rows.push(el('div', {}, el('i', { class: `swatch swatch-${step}` }), ` ≥ ${low}`));
      });
      rows.push(el('div', {}, el('i', { class: 'swatch swatch-route' }), ' route (width: reports)'));
      rows.push(el('div', {}, el('i', { class: 'swatch swatch-detection' }), ' open detection'));
      return el('div', { class: 'legend' }, rows);
    };
    control.addTo(map);
  }

  async function draw() {
    status('map-status', 'Loading…');
    const [topo, codes, data] = await Promise.all([
      fetch('/static/vendor/world-atlas/countries-50m.json', { credentials: 'same-origin' }).then((r) => r.json()),
      getJSON('/data/countries'),
      getJSON('/data/map?' + query),
    ]);
    const counts = Object.fromEntries(data.countries.map((c) => [c.country, c]));
    const max = Math.max(1, ...data.countries.map((c) => c.reports));
    const centres = {};
    const countryLayers = {};
    const features = topojson.feature(topo, topo.objects.countries).features;
    L.geoJSON(features, {
      style: (f) => {
        const code = (codes[f.id] || [NAMED[f.properties.name]])[0];
        const row = counts[code];
        return { weight: 0.6, color: '#90a4ae', fillOpacity: 0.9, fillColor: colour(row && row.reports, max) };
      },
      onEachFeature: (f, layer) => {
        const code = (codes[f.id] || [NAMED[f.properties.name]])[0];
        if (!code) return;
        if (!centres[code]) centres[code] = centre(f.geometry);
        const row = counts[code];
        const name = (codes[f.id] && codes[f.id][1]) || f.properties.name;
        const style = { weight: 0.6, color: '#90a4ae' };
        countryLayers[code] = { layer, style };
        layer.bindTooltip(`${name}: ${row ? row.reports : 0} reports`, { sticky: true });
        layer.on('click', () => select(layer, `${name} (${code})`, { location: code }, style));
      },
    }).addTo(map);

    const coarse = L.layerGroup(), fine = L.layerGroup();
    const cellMax = Math.max(1, ...data.cells.map((c) => c.reports), ...data.cells_fine.map((c) => c.reports));
    for (const [cells, group, dim] of [[data.cells, coarse, 'cell'], [data.cells_fine, fine, 'cell_fine']]) {
      for (const c of cells) {
        const style = { weight: 1, color: '#4a148c', fillColor: '#7b1fa2', fillOpacity: 0.25 + 0.6 * (c.reports / cellMax) };
        const hex = L.polygon(c.polygon, { ...style, className: 'h3-cell' });
        hex.bindTooltip(`H3 cell ${c.cell}: ${c.reports} reports`, { sticky: true });
        hex.on('click', (e) => { L.DomEvent.stopPropagation(e); select(hex, `H3 cell ${c.cell}`, { [dim]: c.cell }, style); });
        group.addLayer(hex);
      }
    }
    const cellsByZoom = () => {
      const near = map.getZoom() >= 5;
      if (near) { map.removeLayer(coarse); fine.addTo(map); } else { map.removeLayer(fine); coarse.addTo(map); }
    };
    map.on('zoomend', cellsByZoom);
    cellsByZoom();

    const routeMax = Math.max(1, ...data.routes.map((r) => r.reports));
    const routeLayers = {};
    const middles = {};
    for (const r of data.routes) {
      const a = centres[r.origin], b = centres[r.destination];
      if (!a || !b) continue;
      const { points, middle } = arc(a, b);
      middles[`${r.origin}>${r.destination}`] = middle;
      const weight = 2 + 12 * Math.sqrt(r.reports / routeMax);
      const style = { color: '#0d47a1', weight: weight, opacity: 0.75 };
      const line = L.polyline(points, { ...style, className: 'route-arc' }).addTo(map);
      L.polygon(arrow(points, 1.2 + weight / 8), { color: '#0d47a1', weight: 1, fillOpacity: 0.9, interactive: false }).addTo(map);
      line.bindTooltip(`${r.label}: ${r.reports} reports`, { sticky: true });
      line.on('click', (e) => { L.DomEvent.stopPropagation(e); select(line, r.label, { origin: r.origin, destination: r.destination }, style); });
      routeLayers[`${r.origin}>${r.destination}`] = { layer: line, style };
    }

    for (const d of data.detections) {
      const dims = d.dimensions || {};
      let at = d.point;
      if (!at && dims.origin && dims.destination) at = middles[`${dims.origin}>${dims.destination}`] || centres[dims.destination];
      if (!at && dims.location) at = centres[dims.location];
      if (!at) continue;
      L.circleMarker(at, {
        radius: 9, color: SEVERITY[d.severity] || '#b00020', weight: 3, fillOpacity: 0.1, className: 'detection-marker',
      }).bindPopup(popup(d)).addTo(map);
    }

    const seen = data.countries.map((c) => centres[c.country]).filter(Boolean);
    if (seen.length) map.fitBounds(L.latLngBounds(seen).pad(0.6), { maxZoom: 4 });
    legend(max);
    countryTable(data.countries, countryLayers);
    routeTable(data.routes, routeLayers);
    detectionList(data.detections);
    status('map-status', `${data.title}.`);
    const notes = document.getElementById('map-notes');
    if (notes) notes.replaceChildren(
      el('summary', { text: 'How these numbers are made' }), ...data.notes.map((n) => el('p', { text: n })));
    root.dataset.ready = 'true';
  }

  draw().catch((err) => {
    status('map-status', 'Could not load the map: ' + err.message, true);
    root.dataset.ready = 'error';
  });
})();

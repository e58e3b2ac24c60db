/* tahub console: the campaign brief's map. The countries where reports rose are shaded
   by how much, the routes drawn as arcs origin → destination, thicker with a larger rise,
   and the rising city-sized cells as hexagons.
   The numbers come in the page (a JSON block the server computed under the query API's
   rules); the boundaries are the shipped Natural Earth file. "Print" opens the browser's
   print dialog, which also saves the brief as a PDF. */
'use strict';

(() => {
  const root = document.getElementById('campaign-map');
  const printButton = document.getElementById('print');
  if (printButton) printButton.addEventListener('click', () => window.print());
  if (!root || typeof L === 'undefined') return;
  const marks = JSON.parse(document.getElementById('campaign-data').textContent);
  const NAMED = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };
  const SHADES = ['#fcbba1', '#fb6a4a', '#de2d26', '#a50f15'];

  const map = L.map(root, { center: [20, 15], zoom: 1.5, zoomSnap: 0.25, minZoom: 1, maxZoom: 8 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Natural Earth (world-atlas)');

  function ringArea(ring) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(sum / 2);
  }

  /* [lat, lon] of the centre of a country's largest polygon (its ring's centroid). */
  function centre(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let best = polygons[0][0];
    for (const polygon of polygons) if (ringArea(polygon[0]) > ringArea(best)) best = polygon[0];
    let x = 0, y = 0, a = 0;
    for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
      const f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
      x += (best[j][0] + best[i][0]) * f;
      y += (best[j][1] + best[i][1]) * f;
      a += f;
    }
    return Math.abs(a) < 1e-9 ? [best[0][1], best[0][0]] : [y / (3 * a), x / (3 * a)];
  }

  function arc([y1, x1], [y2, x2]) {
    const cx = (x1 + x2) / 2 - (y2 - y1) * 0.25, cy = (y1 + y2) / 2 + (x2 - x1) * 0.25;
    const points = [];
    for (let i = 0; i <= 24; i++) {
      const t = i / 24;
      points.push([(1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2,
        (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2]);
    }
    return points;
  }

  const rise = Object.fromEntries(marks.places.map((p) => [p.code, p]));
  const most = Math.max(1, ...[...marks.places, ...marks.routes, ...marks.cells].map((m) => m.change));
  const shade = (change) => SHADES[Math.min(SHADES.length - 1, Math.floor((change / most) * SHADES.length))];

  Promise.all([
    fetch('/static/vendor/world-atlas/countries-50m.json', { credentials: 'same-origin' }).then((r) => r.json()),
    fetch('/data/countries', { credentials: 'same-origin' }).then((r) => r.json()),
  ]).then(([topo, codes]) => {
    const centres = {};
    const shown = [];
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      style: (f) => {
        const code = (codes[f.id] || [NAMED[f.properties.name]])[0];
        const p = rise[code];
        return { weight: 0.5, color: '#90a4ae', fillOpacity: 1, fillColor: p ? shade(p.change) : '#eceff1' };
      },
      onEachFeature: (f, layer) => {
        const code = (codes[f.id] || [NAMED[f.properties.name]])[0];
        if (!code) return;
        centres[code] = centres[code] || centre(f.geometry);
        const p = rise[code];
        if (p) {
          layer.bindTooltip(`${p.label}: ${p.current} reports (${p.change > 0 ? '+' : ''}${p.change})`);
          shown.push(layer.getBounds());
        }
      },
    }).addTo(map);
    for (const r of marks.routes) {
      const [o, d] = r.route.split('>');
      if (!centres[o] || !centres[d]) continue;
      const line = L.polyline(arc(centres[o], centres[d]), {
        color: '#0d47a1', weight: 2 + 8 * (r.change / most), opacity: 0.85, className: 'route-arc',
      }).addTo(map);
      line.bindTooltip(`${r.label}: ${r.current} reports (+${r.change})`);
      shown.push(line.getBounds());
    }
    for (const c of marks.cells) {
      const hex = L.polygon(c.polygon, {
        color: '#4a148c', weight: 1.5, fillColor: '#7b1fa2', fillOpacity: 0.35 + 0.5 * (c.change / most),
        className: 'h3-cell',
      }).addTo(map);
      hex.bindTooltip(`${c.label}: ${c.current} reports (+${c.change})`);
      shown.push(hex.getBounds());
    }
    if (shown.length) {
      const bounds = shown.reduce((all, b) => all.extend(b), L.latLngBounds(shown[0].getSouthWest(), shown[0].getNorthEast()));
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 5 });
    }
    root.dataset.ready = 'true';
  }).catch(() => { root.dataset.ready = 'error'; });

  window.addEventListener('beforeprint', () => map.invalidateSize());
})();

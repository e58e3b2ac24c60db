/* tahub console: draw a subscription's area on the shipped world map (no tile server).
   Click the map to place the corners of a polygon, "Finish" closes it and writes it as a
   GeoJSON Polygon into the form's area box; "Undo" and "Clear" take corners back. The
   form's box, circle and drawn area are shown as they are. The server checks the shape
   (alerts.subscriptions): this script only helps to write it. Keyboard users type the
   same fields by hand. */
'use strict';

(() => {
  const root = document.getElementById('area-map');
  if (!root || typeof L === 'undefined') return;
  const box = document.getElementById('f-area_geojson');
  const said = document.getElementById('area-status');
  const field = (name) => document.getElementById('f-' + name);
  const number = (name) => {
    const input = field(name);
    return input && input.value.trim() !== '' ? Number(input.value) : NaN;
  };

  const map = L.map(root, { center: [15, 60], zoom: 2, minZoom: 1, maxZoom: 10, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Natural Earth (world-atlas)');
  fetch('/static/vendor/world-atlas/countries-50m.json', { credentials: 'same-origin' })
    .then((r) => r.json())
    .then((topo) => {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        style: { color: '#90a4ae', weight: 0.6, fillColor: '#eceff1', fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
      root.dataset.ready = 'true';
    })
    .catch(() => { root.dataset.ready = 'error'; });

  const shown = L.layerGroup().addTo(map); // what the form holds now
  const corners = []; // [lat, lon] of the polygon being drawn
  const drawing = L.polyline([], { color: '#b00020', weight: 2, dashArray: '4 4' }).addTo(map);

  function tell(text) { said.textContent = text; }

  function showForm() {
    shown.clearLayers();
    const b = ['min_lon', 'min_lat', 'max_lon', 'max_lat'].map((n) => number('bbox_' + n));
    if (b.every(Number.isFinite)) {
      L.rectangle([[b[1], b[0]], [b[3], b[2]]], { color: '#0d47a1', weight: 2 }).addTo(shown);
    }
    const [lat, lon, km] = ['lat', 'lon', 'radius_km'].map((n) => number('circle_' + n));
    if ([lat, lon, km].every(Number.isFinite)) {
      L.circle([lat, lon], { radius: km * 1000, color: '#0d47a1', weight: 2 }).addTo(shown);
    }
    if (box.value.trim()) {
      try {
        const layer = L.geoJSON(JSON.parse(box.value), {
          style: { color: '#0d47a1', weight: 2, className: 'drawn-area' },
        }).addTo(shown);
        map.fitBounds(layer.getBounds(), { maxZoom: 6, padding: [20, 20] });
      } catch (err) {
        tell('The drawn area box does not hold GeoJSON the map can show.');
      }
    }
  }

  function redraw() {
    drawing.setLatLngs(corners.length > 2 ? [...corners, corners[0]] : corners);
    finish.disabled = corners.length < 3;
    undo.disabled = clear.disabled = corners.length === 0;
  }

  function button(text, id, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = id;
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  const finish = button('Finish the area', 'area-finish', () => {
    if (corners.length < 3) return;
    const ring = [...corners, corners[0]].map(([la, lo]) => [+lo.toFixed(4), +la.toFixed(4)]);
    box.value = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    corners.length = 0;
    redraw();
    showForm();
    tell('Area drawn: it is in the drawn area box and is saved with the form.');
  });
  const undo = button('Undo corner', 'area-undo', () => { corners.pop(); redraw(); });
  const clear = button('Clear drawn area', 'area-clear', () => {
    corners.length = 0;
    box.value = '';
    redraw();
    showForm();
    tell('Drawn area cleared.');
  });
  const tools = document.createElement('div');
  tools.className = 'area-tools';
  tools.append(finish, undo, clear);
  root.after(tools);

  map.on('click', (e) => {
    const { lat, lng } = e.latlng.wrap();
    corners.push([lat, lng]);
    redraw();
    tell(`${corners.length} corner(s); ${corners.length < 3 ? 'at least 3 make an area' : 'finish when done'}.`);
  });
  for (const input of document.querySelectorAll('#sub-form input, #sub-form textarea')) {
    if (/^f-(bbox|circle|area_geojson)/.test(input.id)) input.addEventListener('change', showForm);
  }
  redraw();
  showForm();
})();

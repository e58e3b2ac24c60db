/* tahub console: helpers shared by the pages' scripts.
   Text always goes in through textContent, never innerHTML; no inline styles (the
   Content-Security-Policy forbids them), only classes. */
'use strict';

const tahub = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'class') node.className = value;
      else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      if (response.status === 401) {
        window.location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      }
      throw new Error((body && body.error) || `HTTP ${response.status}`);
    }
    return body;
  }

  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
  const SEVERITY = { low: '#6b8e23', medium: '#e6a700', high: '#e8590c', critical: '#b00020' };

  function day(seconds) {
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  /* A time-series chart (uPlot): x in seconds, series [{label, values}], and marks
     [{at, severity, label}] drawn as vertical lines (detections). */
  function chart(container, x, series, marks, options) {
    container.replaceChildren();
    if (!x.length) {
      container.append(el('p', { class: 'empty', text: 'No counts visible to you in this period.' }));
      return null;
    }
    const opts = options || {};
    const width = Math.max(260, (container.clientWidth || 600) - 16);
    const times = [...x, ...(marks || []).map((m) => m.at)];
    const pad = Math.max(3.5 * 86400, (Math.max(...times) - Math.min(...times)) * 0.03);
    const range = [Math.min(...times) - pad, Math.max(...times) + pad];
    const drawMarks = (u) => {
      const ctx = u.ctx;
      ctx.save();
      for (const mark of marks || []) {
        const px = u.valToPos(mark.at, 'x', true);
        if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
        ctx.strokeStyle = SEVERITY[mark.severity] || '#b00020';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(px, u.bbox.top);
        ctx.lineTo(px, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const plot = new uPlot(
      {
        width: width,
        height: opts.height || 260,
        scales: { x: { time: true, range: () => range }, y: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.1)] } },
        axes: [{}, { label: opts.ylabel || 'reports' }],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: s.color || PALETTE[i % PALETTE.length],
            width: 2,
            dash: s.dash,
            points: { show: true },
          })),
        ],
        hooks: { draw: [drawMarks] },
      },
      [x, ...series.map((s) => s.values)],
      container
    );
    return plot;
  }

  function table(columns, rows) {
    return el(
      'table',
      { class: 'list' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((v) => el('td', {}, v)))))
    );
  }

  function detectionLink(d) {
    return el(
      'li',
      { class: 'detection', 'data-detection': d.detection_id },
      el('span', { class: `sev sev-${d.severity}`, text: d.severity }),
      ' ',
      el('a', { href: '/detections/' + encodeURIComponent(d.detection_id), text: `${d.what}, ${d.where}` }),
      ` — ${d.observed} vs ${Number(d.expected).toFixed(1)} expected`
    );
  }

  function status(id, text, isError) {
    const node = document.getElementById(id);
    if (node) {
      node.textContent = text;
      node.classList.toggle('error', Boolean(isError));
    }
  }

  return { el, getJSON, chart, table, detectionLink, status, day, SEVERITY, PALETTE };
})();

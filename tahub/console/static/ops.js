/* tahub console: the operator's /ops page. Draws the pipeline as SVG and fills the
   tables from the data the server put in the page, then from /ops/data every few
   seconds. Plain DOM, no library; text goes in with textContent only. */
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const config = document.getElementById('ops-config');
  if (!config) return;
  const every = 1000 * Number(config.dataset.every || 3);

  /* x, y of each stage's box (the order records flow, left to right) */
  const BOX = { w: 190, h: 78 };
  const AT = {
    intake_api: [20, 20], news: [20, 150], intake: [270, 20], fanout: [520, 85],
    count: [770, 85], alerts: [1020, 85], sink: [520, 230],
  };
  const EDGES = [
    ['intake_api', 'intake', 'incidents'], ['news', 'intake', 'news.articles'],
    ['news', 'fanout', 'signals'], ['intake', 'fanout', 'signals'],
    ['count', 'alerts', 'detections'], ['fanout', 'count', 'detect.keys'],
  ];
  const TO_SINK = ['intake', 'fanout', 'count', 'alerts'];

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(name, text, cls) {
    const node = document.createElement(name);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function fmtRate(r) {
    if (r === null || r === undefined) return 'rate: –';
    return `${r >= 100 ? Math.round(r).toLocaleString() : r.toFixed(1)} rec/s`;
  }

  function fmtLag(s) {
    const age = s.lag > 0 && s.oldest_seconds ? `, oldest ${Math.round(s.oldest_seconds)} s` : '';
    return `lag ${s.lag.toLocaleString()}${age}`;
  }

  function mid(id, side) {
    const [x, y] = AT[id];
    if (side === 'out') return [x + BOX.w, y + BOX.h / 2];
    if (side === 'top') return [x + BOX.w / 2, y];
    if (side === 'bottom') return [x + BOX.w / 2, y + BOX.h];
    return [x, y + BOX.h / 2];
  }

  function diagram(data) {
    const svg = el('svg', { viewBox: '0 0 1230 330', role: 'presentation' });
    const defs = el('defs');
    const marker = el('marker', { id: 'ops-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(el('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    for (const [a, b, topic] of EDGES) {
      const [x1, y1] = mid(a, 'out');
      const [x2, y2] = mid(b, 'in');
      const cx = (x1 + x2) / 2;
      svg.appendChild(el('path', { class: 'edge', d: `M ${x1} ${y1} C ${cx} ${y1}, ${cx} ${y2}, ${x2 - 2} ${y2}` }));
      svg.appendChild(el('text', { class: 'topic', x: cx, y: (y1 + y2) / 2 - 6, 'text-anchor': 'middle' }, topic));
    }
    const [left, top] = AT.sink;
    for (const id of TO_SINK) {
      const [x, y] = mid(id, 'bottom');
      const tx = Math.min(Math.max(x, left + 20), left + BOX.w - 20);
      svg.appendChild(el('path', { class: 'edge to-sink', d: `M ${x} ${y} L ${tx} ${top - 2}` }));
    }
    for (const s of data.stages) {
      const [x, y] = AT[s.id] || [0, 0];
      const g = el('g', { class: `node ${s.level}`, 'data-stage': s.id, transform: `translate(${x} ${y})` });
      const title = el('title', {}, `${s.label}: ${s.level}. ${s.detail}`);
      g.appendChild(title);
      g.appendChild(el('rect', { width: BOX.w, height: BOX.h, rx: 6 }));
      g.appendChild(el('text', { class: 'name', x: 10, y: 22 }, s.label));
      const producer = s.lag === null || s.lag === undefined;
      g.appendChild(el('text', { class: 'figure rate', x: 10, y: 44 }, producer ? 'writes to Kafka' : fmtRate(s.rate)));
      g.appendChild(el('text', { class: 'figure lag', x: 10, y: 64 }, producer ? `${s.level === 'green' ? 'ok' : 'see below'}` : fmtLag(s)));
      svg.appendChild(g);
    }
    const box = document.getElementById('ops-pipeline');
    box.replaceChildren(svg);
  }

  function table(id, head, rows, empty) {
    const box = document.getElementById(id);
    if (!rows.length) {
      box.replaceChildren(html('p', empty, 'empty'));
      return;
    }
    const t = html('table');
    const tr = html('tr');
    for (const h of head) tr.appendChild(html('th', h));
    const thead = html('thead');
    thead.appendChild(tr);
    t.appendChild(thead);
    const body = html('tbody');
    for (const cells of rows) {
      const row = html('tr');
      for (const c of cells) {
        const td = html('td', c && c.text !== undefined ? c.text : c, c && c.cls);
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    t.appendChild(body);
    box.replaceChildren(t);
  }

  function level(l) {
    return { text: l === 'green' ? 'ok' : l === 'yellow' ? 'warn' : 'fail', cls: `level ${l}` };
  }

  function num(v) {
    return { text: v === null || v === undefined ? '–' : Number(v).toLocaleString(), cls: 'num' };
  }

  function render(data) {
    const head = document.getElementById('ops-level');
    const words = { green: 'All green', yellow: 'Something needs a look', red: 'Something is failing' };
    head.textContent = words[data.level] || data.level;
    head.className = `ops-level ${data.level}`;
    const at = new Date(data.at * 1000);
    document.getElementById('ops-updated').textContent =
      `updated ${at.toLocaleTimeString()}` + (data.kafka ? '' : ' — Kafka is not answering: no stage can be measured');
    diagram(data);
    table('ops-problems', ['', 'part', 'what'], data.problems.map((p) => [level(p.level), p.component, p.detail]),
      'Nothing: every part is green.');
    table('ops-stages', ['', 'stage', 'records/s', 'lag', 'oldest waiting (s)', 'what'],
      data.stages.map((s) => [level(s.level), s.label, s.rate === null ? num(null) : { text: s.rate.toFixed(1), cls: 'num' },
        num(s.lag), num(s.oldest_seconds === null ? null : Math.round(s.oldest_seconds)), s.detail]), '');
    table('ops-feeds', ['feed', 'failed in a row', 'last error'],
      data.feeds.failing.map((f) => [f.name, num(f.failures), f.error || '']),
      `None of ${data.feeds.total} failing.`);
    table('ops-channels', ['kind', 'target', 'failed in a row'],
      data.channels.failing.map((c) => [c.kind, c.target, num(c.failures)]),
      `None of ${data.channels.total} failing.`);
    table('ops-restarts', ['process', 'restarts'],
      Object.entries(data.restarts).map(([k, v]) => [k, num(v)]), 'None.');
    table('ops-dead-letters', ['when (UTC)', 'stage', 'kind', 'reason', 'from'],
      data.dead_letters.map((d) => [d.failed_at, d.stage, d.kind, d.reason,
        `${d.topic}${d.partition === null ? '' : `[${d.partition}]`}${d.offset === null ? '' : `@${d.offset}`}`]),
      data.warehouse_note || 'None in the last 7 days.');
    table('ops-detections', ['seen (UTC)', 'state', 'set', 'key', 'severity', 'reports'],
      data.detections.map((d) => [d.seen_at, d.state, d.dimension_set, d.dimension_key, d.severity, num(d.observed)]),
      data.warehouse_note || 'None in the last 30 days.');
    document.body.dataset.opsLevel = data.level;
    document.body.dataset.opsPolls = String(Number(document.body.dataset.opsPolls || 0) + 1);
  }

  async function poll() {
    try {
      const r = await fetch(config.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (r.status === 401 || r.status === 403) {
        document.getElementById('ops-updated').textContent = 'signed out: sign in again to keep watching';
        return;
      }
      if (r.ok) render(await r.json());
      else document.getElementById('ops-updated').textContent = `the job answered ${r.status}; trying again`;
    } catch (err) {
      document.getElementById('ops-updated').textContent = 'the main job is not answering; trying again';
    }
    setTimeout(poll, every);
  }

  render(JSON.parse(document.getElementById('ops-data').textContent));
  setTimeout(poll, every);
})();

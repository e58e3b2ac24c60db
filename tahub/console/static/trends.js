/* tahub console: trends. Series from /data/trend (the counts query with this page's
   parameters), detections drawn on them, and the numbers as a table. */
'use strict';

(async () => {
  const { el, getJSON, chart, table, detectionLink, status, day } = tahub;
  const box = document.getElementById('trend');
  try {
    const trend = await getJSON('/data/trend?' + (box.dataset.query || ''));
    chart(box, trend.x, trend.series, trend.detections, { height: 320 });
    const list = document.getElementById('trend-detections');
    list.replaceChildren(
      trend.detections.length
        ? el('ul', { class: 'detections' }, trend.detections.map(detectionLink))
        : el('p', { class: 'empty', text: 'No detection visible to you on this trend.' })
    );
    const rows = trend.x.map((x, i) => [day(x), ...trend.series.map((s) => String(s.values[i]))]);
    document.getElementById('trend-table').replaceChildren(
      rows.length ? table(['bucket', ...trend.series.map((s) => s.label)], rows) : el('p', { text: '' })
    );
    const undated = trend.undated ? ` ${trend.undated} report(s) known only more coarsely than a bucket are not drawn.` : '';
    status('trend-status', `${trend.title}.${undated} ${trend.notes.join(' ')}`);
    box.dataset.ready = 'true';
  } catch (err) {
    status('trend-status', 'Could not load the trend: ' + err.message, true);
    box.dataset.ready = 'error';
  }
})();

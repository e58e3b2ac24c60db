/* tahub console: a detection's observed and expected counts, version by version (only the
   versions the viewer may see are in the page). */
'use strict';

(() => {
  const { chart } = tahub;
  const versions = JSON.parse(document.getElementById('versions').textContent);
  const box = document.getElementById('versions-chart');
  const x = versions.map((v) => Math.floor(Date.parse(v.updated_at) / 1000));
  chart(
    box,
    x,
    [
      { label: 'observed', values: versions.map((v) => v.observed), color: '#b00020' },
      { label: 'expected', values: versions.map((v) => v.expected), color: '#546e7a', dash: [6, 4] },
    ],
    [],
    { height: 220 }
  );
  box.dataset.ready = 'true';
})();

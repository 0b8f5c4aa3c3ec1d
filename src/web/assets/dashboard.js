// dashboard.js — draws a chart for each table marked data-chart (the outcomes and
// fidelity dashboards, the history of review totals), from the table's own cells, with
// Chart.js (chart.umd.min.js, loaded before this). A column headed data-line (a target)
// is drawn as a dashed line over the bars. data-lines="74 100 115" adds those
// reference values (score band boundaries) as dashed lines. The table stays the content: the chart is hidden from assistive
// technology because the same figures are in the table beside it. Nothing here
// fetches data or writes inline style or script (the CSP forbids both).
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') return;
  // NHS identity colours: blue, dark blue, green, warm yellow, dark grey.
  const COLOURS = ['#005eb8', '#003087', '#007f3b', '#ffb81c', '#425563'];
  const BENCHMARKS = [
    { value: 31, label: 'Minimal (31%)', colour: '#d5281b' },
    { value: 41, label: 'Average (41%)', colour: '#ffb81c' },
    { value: 50, label: 'Excellent (50%)', colour: '#007f3b' },
  ];

  const BAND_LABEL = 'Score band boundaries';

  function cellValue(cell) {
    const v = cell ? cell.getAttribute('data-value') : null;
    if (v === null || v === '' || v === '*') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function draw(table) {
    const heads = Array.from(table.tHead.rows[0].cells);
    const rows = Array.from(table.tBodies[0].rows);
    const labels = rows.map((r) => r.cells[0].textContent.trim());
    const datasets = [];
    heads.forEach((th, col) => {
      if (!th.hasAttribute('data-series')) return;
      const colour = COLOURS[datasets.length % COLOURS.length];
      const target = th.hasAttribute('data-line');   // a target drawn over the bars
      datasets.push({
        label: th.textContent.trim(),
        data: rows.map((r) => cellValue(r.cells[col])),
        backgroundColor: target ? '#d5281b' : colour,
        borderColor: target ? '#d5281b' : colour,
        borderWidth: 2,
        type: target || table.dataset.chart === 'line' ? 'line' : 'bar',
        borderDash: target ? [6, 4] : undefined,
        pointRadius: target ? 0 : undefined,
        fill: false,
      });
    });
    if (!datasets.length) return;
    const percent = table.hasAttribute('data-benchmarks');
    if (percent) {
      for (const b of BENCHMARKS) {
        datasets.push({
          label: b.label, type: 'line', data: labels.map(() => b.value), borderColor: b.colour,
          backgroundColor: b.colour, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false,
        });
      }
    }
    const lines = (table.dataset.lines || '').split(' ').filter((v) => v !== '').map(Number).filter(Number.isFinite);
    if (table.dataset.lines) {
      for (const v of lines) {
        datasets.push({
          label: BAND_LABEL, type: 'line', data: labels.map(() => v), borderColor: '#768692',
          backgroundColor: '#768692', borderDash: [4, 4], borderWidth: 1, pointRadius: 0, fill: false,
        });
      }
    }
    const block = table.closest('.ips-dash-block');
    const box = document.createElement('div');
    box.className = 'ips-dash-chart';
    box.setAttribute('aria-hidden', 'true');
    const canvas = document.createElement('canvas');
    box.appendChild(canvas);
    block.insertBefore(box, block.firstChild);
    block.classList.add('ips-dash-block--charted');
    new window.Chart(canvas, {
      type: table.dataset.chart === 'line' ? 'line' : 'bar',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              font: { family: 'Arial, sans-serif', size: 14 },
              // the band lines share one entry
              filter: (item, data) => item.text !== BAND_LABEL ||
                data.datasets.findIndex((d) => d.label === BAND_LABEL) === item.datasetIndex,
            },
          },
          tooltip: { enabled: true },
        },
        scales: {
          x: { ticks: { font: { family: 'Arial, sans-serif' }, autoSkip: true, maxRotation: 45 } },
          y: {
            beginAtZero: true,
            suggestedMax: percent ? 60 : undefined,
            ticks: { precision: lines.length ? undefined : 0, font: { family: 'Arial, sans-serif' },
                     callback: percent ? (v) => v + '%' : undefined },
          },
        },
      },
    });
  }

  document.querySelectorAll('table[data-chart]').forEach(draw);
}());

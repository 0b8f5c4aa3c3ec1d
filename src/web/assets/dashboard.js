// dashboard.js — draws a chart for each table marked data-chart on the outcomes
// dashboard, from the table's own cells, with Chart.js (chart.umd.min.js, loaded
// before this). The table stays the content: the chart is hidden from assistive
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
      datasets.push({
        label: th.textContent.trim(),
        data: rows.map((r) => cellValue(r.cells[col])),
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: 2,
        type: table.dataset.chart === 'line' ? 'line' : 'bar',
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
          legend: { position: 'bottom', labels: { font: { family: 'Arial, sans-serif', size: 14 } } },
          tooltip: { enabled: true },
        },
        scales: {
          x: { ticks: { font: { family: 'Arial, sans-serif' }, autoSkip: true, maxRotation: 45 } },
          y: {
            beginAtZero: true,
            suggestedMax: percent ? 60 : undefined,
            ticks: { precision: 0, font: { family: 'Arial, sans-serif' },
                     callback: percent ? (v) => v + '%' : undefined },
          },
        },
      },
    });
  }

  document.querySelectorAll('table[data-chart]').forEach(draw);
}());

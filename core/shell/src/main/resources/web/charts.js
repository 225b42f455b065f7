// Charts with Chart.js (MIT), served by the shell from /web/vendor/chartjs/ (its
// self-contained UMD build, copied out of the WebJar at build time; no build step
// and nothing fetched from elsewhere). Chart.js draws on a canvas: labels and
// series names are painted as pixels, never inserted as markup.

import { cellNumber, cellText } from '/web/reports.js';

const SCRIPT = '/web/vendor/chartjs/chart.umd.js';
/** Series colours, distinguishable by people with the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = Object.freeze(['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442',
  '#000000']);

let loading = null;

/** Chart.js's Chart class, loaded once (the UMD build sets window.Chart). */
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SCRIPT;
      script.addEventListener('load', () => (window.Chart ? resolve(window.Chart)
        : reject(new Error('Chart.js did not load'))));
      script.addEventListener('error', () => {
        loading = null;
        reject(new Error('the charts could not be loaded'));
      });
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * Draws a line or bar section on `canvas`: column 0 labels the x axis, every
 * other column is one series; a cell that is not a number is a gap. Returns the
 * chart, to be destroyed before its canvas is dropped.
 */
export async function seriesChart(canvas, section) {
  const Chart = await loadChart();
  const datasets = section.columns.slice(1).map((name, i) => {
    const colour = COLOURS[i % COLOURS.length];
    return {
      label: String(name),
      data: section.rows.map((row) => cellNumber(row[i + 1])),
      borderColor: colour,
      backgroundColor: section.chart === 'bar' ? colour : `${colour}33`,
      borderWidth: 2,
      pointRadius: section.rows.length > 40 ? 0 : 2,
      spanGaps: false,
    };
  });
  return new Chart(canvas, {
    type: section.chart === 'bar' ? 'bar' : 'line',
    data: { labels: section.rows.map((row) => cellText(row[0])), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: the figures are there to be read, and a screenshot shows them as they are.
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: section.chart === 'bar' } },
    },
  });
}

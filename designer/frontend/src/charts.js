// Report charts: each `<table data-module="chart">` gets a chart of its own figures drawn above it.
// The table stays on the page, below the chart, as the accessible and exact version of the figures.

import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, DoughnutController,
  ArcElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

import { tableToChartData } from './lib/table-data.js';

Chart.register(
  BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement,
  CategoryScale, LinearScale, Legend, Tooltip,
);

// GOV.UK colours with at least 3:1 contrast against white, as WCAG 1.4.11 asks of parts of a graphic,
// in an order where neighbours differ in lightness as well as hue.
const SERIES_COLOURS = ['#1d70b8', '#0f7a52', '#54319f', '#ca3535', '#0b4144', '#7a3c1c', '#0b0c0c'];
const TEXT_COLOUR = '#0b0c0c';
const GRID_COLOUR = '#cecece';
const CHART_TYPES = new Set(['bar', 'line', 'doughnut']);

function cellText(cell) {
  return (cell?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The table as plain text, in the shape tableToChartData reads. */
function readTable(table) {
  const headerRow = table.tHead?.rows[0] ?? table.rows[0];
  const bodyRows = table.tBodies.length
    ? [...table.tBodies].flatMap((body) => [...body.rows])
    : [...table.rows].slice(1);
  return {
    caption: cellText(table.caption),
    headers: headerRow ? [...headerRow.cells].map(cellText) : [],
    rows: bodyRows.map((row) => {
      const [first, ...rest] = [...row.cells];
      return { label: cellText(first), cells: rest.map(cellText) };
    }),
  };
}

function styleDatasets(data, type) {
  return data.datasets.map((set, i) => {
    if (type === 'doughnut') {
      return {
        ...set,
        backgroundColor: set.data.map((_, j) => SERIES_COLOURS[j % SERIES_COLOURS.length]),
        borderColor: '#ffffff',
        borderWidth: 2,
      };
    }
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    return {
      ...set,
      backgroundColor: colour,
      borderColor: colour,
      borderWidth: type === 'line' ? 3 : 0,
      pointRadius: type === 'line' ? 4 : undefined,
      pointStyle: type === 'line' ? ['circle', 'rect', 'triangle', 'rectRot', 'crossRot'][i % 5] : undefined,
      spanGaps: false,
    };
  });
}

/** Draws the chart for one table and returns the Chart.js instance. */
export function createChart(table) {
  const type = CHART_TYPES.has(table.dataset.chartType) ? table.dataset.chartType : 'bar';
  const plain = readTable(table);
  const data = tableToChartData(plain, type);
  if (data.datasets.length === 0) return null;

  const figure = document.createElement('div');
  figure.className = `app-chart app-chart--${type}`;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  const caption = plain.caption || 'Chart';
  canvas.setAttribute('aria-label', `${caption}. Chart; the figures are in the table below it.`);
  canvas.textContent = `${caption}: the figures are in the table below.`;
  figure.append(canvas);
  table.insertAdjacentElement('beforebegin', figure);

  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const font = { family: '"GDS Transport", arial, sans-serif', size: 16 };
  Chart.defaults.color = TEXT_COLOUR;
  const axes = type === 'doughnut' ? {} : {
    x: { grid: { color: GRID_COLOUR }, ticks: { color: TEXT_COLOUR, font } },
    y: { beginAtZero: true, grid: { color: GRID_COLOUR }, ticks: { color: TEXT_COLOUR, font, precision: 0 } },
  };
  return new Chart(canvas, {
    type,
    data: { labels: data.labels, datasets: styleDatasets(data, type) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 400 },
      scales: axes,
      plugins: {
        legend: {
          display: type === 'doughnut' || data.datasets.length > 1,
          position: 'bottom',
          labels: { color: TEXT_COLOUR, font, usePointStyle: type === 'line' },
        },
        tooltip: { titleFont: font, bodyFont: font },
      },
    },
  });
}

export function initCharts(scope = document) {
  return [...scope.querySelectorAll('table[data-module="chart"]')].map((table) => {
    if (table.dataset.chartInit) return null;
    table.dataset.chartInit = 'true';
    return createChart(table);
  }).filter(Boolean);
}

initCharts();

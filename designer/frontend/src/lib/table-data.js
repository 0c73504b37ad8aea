// Reads the figures of a report table into the shape Chart.js draws. The page's table is the
// source of truth and stays on the page as the accessible version; the chart only repeats it.

/**
 * A number written in a table cell, or null when the cell holds none. Accepts thousands separators,
 * a leading pound sign, a trailing percent sign and a Unicode minus: "1,234", "£12.50", "26.5%",
 * "−3". Anything else ("n/a", "–", an empty cell) is null, which Chart.js leaves as a gap.
 */
export function parseCellNumber(text) {
  if (text == null) return null;
  const cleaned = String(text).trim().replace(/\u2212/g, '-').replace(/^£/, '').replace(/%$/, '').replace(/,(?=\d{3}\b)/g, '').trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * Chart data from a table read as plain text.
 *
 * `table.headers` is the header row, its first cell heading the column of row labels; each of
 * `table.rows` is `{ label, cells }`, the label from the row's header cell and the cells after it.
 * Each numeric column becomes a dataset named by its header; each row becomes a label. A doughnut
 * shows one series, so it takes the first column only. A column with no number in it is left out
 * (a "Notes" column, say).
 */
export function tableToChartData(table, chartType = 'bar') {
  const seriesNames = (table.headers || []).slice(1);
  const rows = table.rows || [];
  const labels = rows.map((row) => String(row.label ?? '').trim());
  let datasets = seriesNames.map((name, column) => ({
    label: String(name).trim(),
    data: rows.map((row) => parseCellNumber(row.cells?.[column])),
  })).filter((set) => set.data.some((value) => value !== null));
  if (chartType === 'doughnut') datasets = datasets.slice(0, 1);
  return { labels, datasets };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCellNumber, tableToChartData } from '../src/lib/table-data.js';

test('cell numbers: separators, pound signs, percentages, minus signs and blanks', () => {
  assert.deepEqual(
    ['264', '1,234', '£12.50', '26.5%', '\u22123', ' 7 ', '', 'n/a', '\u2013', '12 cases', null].map(parseCellNumber),
    [264, 1234, 12.5, 26.5, -3, 7, null, null, null, null, null],
  );
});

const funnel = {
  caption: 'Attrition by stage',
  headers: ['Stage', 'Cases', 'Per cent of all cases', 'Notes'],
  rows: [
    { label: 'Referral', cells: ['182', '68.9%', 'Any source'] },
    { label: 'Appointment offered', cells: ['153', '58.0%', ''] },
    { label: 'Attended ', cells: ['78', '29.5%', ''] },
    { label: 'Engaged', cells: ['70', '26.5%', 'Within 21 days'] },
  ],
};

test('each numeric column is a dataset and each row a label; a text column is left out', () => {
  assert.deepEqual(tableToChartData(funnel, 'bar'), {
    labels: ['Referral', 'Appointment offered', 'Attended', 'Engaged'],
    datasets: [
      { label: 'Cases', data: [182, 153, 78, 70] },
      { label: 'Per cent of all cases', data: [68.9, 58, 29.5, 26.5] },
    ],
  });
});

test('a doughnut takes the first numeric column only', () => {
  assert.deepEqual(tableToChartData(funnel, 'doughnut'), {
    labels: ['Referral', 'Appointment offered', 'Attended', 'Engaged'],
    datasets: [{ label: 'Cases', data: [182, 153, 78, 70] }],
  });
});

test('a missing figure is a gap, not a zero', () => {
  const data = tableToChartData({
    headers: ['Month', 'Within 21 days'],
    rows: [{ label: 'January', cells: ['12'] }, { label: 'February', cells: ['–'] }, { label: 'March', cells: [] }],
  }, 'line');
  assert.deepEqual(data, { labels: ['January', 'February', 'March'], datasets: [{ label: 'Within 21 days', data: [12, null, null] }] });
});

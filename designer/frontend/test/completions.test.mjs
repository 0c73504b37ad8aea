import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionOptions } from '../src/lib/completions.js';

test('declared ids come first, once each, with their kind; then the keywords in order', () => {
  const options = completionOptions([
    'pathway sample',
    'agency cjit "CJIT"',
    'field release-date: date',
    'template overdue "Overdue"',
    'start state planning "Planning"',
    '  on released -> released',
    '  on released -> released',
    'final state released "Released"',
  ].join('\n'));
  assert.deepEqual(options.slice(0, 5), [
    { label: 'cjit', type: 'variable', detail: 'agency' },
    { label: 'release-date', type: 'variable', detail: 'field' },
    { label: 'overdue', type: 'variable', detail: 'template' },
    { label: 'planning', type: 'variable', detail: 'state' },
    { label: 'released', type: 'variable', detail: 'event' },
  ]);
  assert.deepEqual(options.slice(5, 9).map((o) => o.label), ['action', 'add', 'after', 'agency']);
  assert.equal(options.length, 5 + 40);
});

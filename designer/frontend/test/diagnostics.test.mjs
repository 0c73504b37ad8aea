import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, lineStarts, mapDiagnostics, offsetAt, sortDiagnostics, spanRange, summaryText } from '../src/lib/diagnostics.js';

const text = [
  'pathway sample',            // line 1: offsets 0..14, break at 14
  '  title "Sample"',          // line 2: starts at 15
  'state custody "In custody"', // line 3: starts at 32
  '  owner cjit2',             // line 4: starts at 59
].join('\n');

test('line starts are the offsets after each line break', () => {
  assert.deepEqual(lineStarts(text), [0, 15, 32, 59]);
  assert.deepEqual(lineStarts('a\r\nb'), [0, 3]);
});

test('1-based line and column become 0-based offsets, clamped to the line and the text', () => {
  assert.equal(offsetAt(text, 1, 1), 0);
  assert.equal(offsetAt(text, 4, 9), 67);
  assert.equal(offsetAt(text, 1, 99), 14);
  assert.equal(offsetAt(text, 9, 1), text.length);
  assert.equal(offsetAt('ab\r\ncd', 1, 9), 2);
});

test('the end column is exclusive, so "cjit2" in "  owner cjit2" spans columns 9 to 14', () => {
  assert.deepEqual(spanRange(text, { line: 4, column: 9, endLine: 4, endColumn: 14 }), { from: 67, to: 72 });
  assert.equal(text.slice(67, 72), 'cjit2');
});

test('an empty span is widened to one character, backwards at the end of a line', () => {
  assert.deepEqual(spanRange(text, { line: 3, column: 1, endLine: 3, endColumn: 1 }), { from: 32, to: 33 });
  assert.deepEqual(spanRange(text, { line: 1, column: 15, endLine: 1, endColumn: 15 }), { from: 13, to: 14 });
  assert.deepEqual(spanRange(text, { line: 2, column: 3 }), { from: 17, to: 18 });
});

test('a diagnostic with a fix maps to offsets, a message with its code and a replacement', () => {
  const [mapped] = mapDiagnostics(text, [{
    code: 'COC2008',
    severity: 'error',
    message: "Unknown agency 'cjit2'. Did you mean 'cjit'?",
    line: 4, column: 9, endLine: 4, endColumn: 14,
    fix: { title: "Change to 'cjit'", line: 4, column: 9, endLine: 4, endColumn: 14, replacement: 'cjit' },
  }]);
  assert.deepEqual(mapped, {
    from: 67,
    to: 72,
    severity: 'error',
    code: 'COC2008',
    line: 4,
    column: 9,
    message: "COC2008: Unknown agency 'cjit2'. Did you mean 'cjit'?",
    fix: { title: "Change to 'cjit'", from: 67, to: 72, insert: 'cjit' },
    hint: null,
  });
  assert.equal(applyFix(text, mapped.fix), text.replace('cjit2', 'cjit'));
});

test('a fix may replace a different span from the one underlined, and may insert', () => {
  const [mapped] = mapDiagnostics(text, [{
    code: 'COC2022', severity: 'error', message: "State 'custody' has no stage.",
    line: 3, column: 7, endLine: 3, endColumn: 14,
    fix: { title: 'Add a stage', line: 4, column: 1, endLine: 4, endColumn: 1, replacement: '  stage "Custody"\n' },
  }]);
  assert.deepEqual(mapped.fix, { title: 'Add a stage', from: 59, to: 59, insert: '  stage "Custody"\n' });
  assert.equal(applyFix(text, mapped.fix).split('\n')[3], '  stage "Custody"');
});

test('no fix, an unknown severity and a fix in the older plain-text form', () => {
  const mapped = mapDiagnostics(text, [
    { code: 'COC2032', severity: 'warning', message: 'Unused.', line: 2, column: 3, endLine: 2, endColumn: 8, fix: null },
    { code: 'COC9999', severity: 'fatal', message: 'Odd.', line: 1, column: 1, endLine: 1, endColumn: 8, fix: "Use 'x'" },
  ]);
  assert.deepEqual(mapped.map((d) => [d.from, d.to, d.severity, d.fix, d.hint]), [
    [17, 22, 'warning', null, null],
    [0, 7, 'error', null, "Use 'x'"],
  ]);
});

test('problems sort by position, errors first, and summarise in words', () => {
  const mapped = mapDiagnostics(text, [
    { code: 'B', severity: 'warning', message: 'w', line: 3, column: 1, endLine: 3, endColumn: 6 },
    { code: 'A', severity: 'error', message: 'e', line: 3, column: 1, endLine: 3, endColumn: 6 },
    { code: 'C', severity: 'error', message: 'e', line: 1, column: 1, endLine: 1, endColumn: 8 },
  ]);
  assert.deepEqual(sortDiagnostics(mapped).map((d) => d.code), ['C', 'A', 'B']);
  assert.equal(summaryText(mapped), '2 errors and 1 warning');
  assert.equal(summaryText([]), 'No problems found');
  assert.equal(summaryText(mapDiagnostics(text, [
    { code: 'X', severity: 'error', message: '', line: 1, column: 1 },
    { code: 'Y', severity: 'warning', message: '', line: 1, column: 1 },
    { code: 'Z', severity: 'info', message: '', line: 1, column: 1 },
  ])), '1 error, 1 warning and 1 note');
});

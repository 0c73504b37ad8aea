import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateAtLine, stateAtOffset } from '../src/lib/cursor-state.js';

const lines = [
  'pathway eastmoor',                      // 0
  'agency cjit "CJIT"',                    // 1
  'start state planning "Release planning"', // 2
  '  owner carats',                        // 3
  '',                                      // 4
  '# released is next',                    // 5
  'state released (was out) "Released"',   // 6
  '  after 21 days of released -> not-engaged', // 7
  'template overdue "Overdue"',            // 8
  '  """',                                 // 9
  'Hello {{ person.name }}',               // 10
  '  """',                                 // 11
  'final state not-engaged "Not engaged"', // 12
  '  outcome not-engaged',                 // 13
];

test('outside any state, and on the header, there is no state', () => {
  assert.equal(stateAtLine(lines, 0), null);
  assert.equal(stateAtLine(lines, 1), null);
});

test('the state line itself and the lines below it, through blank lines and comments', () => {
  assert.equal(stateAtLine(lines, 2), 'planning');
  assert.equal(stateAtLine(lines, 3), 'planning');
  assert.equal(stateAtLine(lines, 5), 'planning');
  assert.equal(stateAtLine(lines, 6), 'released');
  assert.equal(stateAtLine(lines, 7), 'released');
});

test('another declaration ends the block, template text included', () => {
  assert.equal(stateAtLine(lines, 8), null);
  assert.equal(stateAtLine(lines, 10), null);
  assert.equal(stateAtLine(lines, 11), null);
});

test('final states count, and a line past the end gives the last block', () => {
  assert.equal(stateAtLine(lines, 13), 'not-engaged');
  assert.equal(stateAtLine(lines, 99), 'not-engaged');
});

test('an offset finds its line', () => {
  const text = lines.join('\n');
  assert.equal(stateAtOffset(text, text.indexOf('owner carats')), 'planning');
  assert.equal(stateAtOffset(text, text.indexOf('after 21')), 'released');
  assert.equal(stateAtOffset(text, 0), null);
  assert.equal(stateAtOffset(text, text.length), 'not-engaged');
});

test('an indented state line is not a declaration', () => {
  assert.equal(stateAtLine(['  state x "X"'], 0), null);
});

test('the line-store form reads only the lines it needs', async () => {
  const { stateAtLineOf } = await import('../src/lib/cursor-state.js');
  const read = [];
  const result = stateAtLineOf((i) => { read.push(i); return lines[i]; }, 7);
  assert.equal(result, 'released');
  assert.deepEqual(read, [7, 6]);
});

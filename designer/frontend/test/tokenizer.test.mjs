import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../src/lib/pathway-tokens.js';

const pairs = (line) => line.map(({ text, type }) => [text, type]);

test('a header line: the keyword, the declared id and a trailing comment', () => {
  const [line] = tokenize('pathway eastmoor-release  # short example');
  assert.deepEqual(pairs(line), [
    ['pathway', 'keyword'],
    ['eastmoor-release', 'definition'],
    ['# short example', 'comment'],
  ]);
});

test('a based-on line and the changes of a local protocol are keywords; the ids are what they change', () => {
  const lines = tokenize([
    '  based on custody-to-community version 1',
    'rename agency treatment "Riverside Community Recovery Service"',
    'change state pre-release',
    '  replace action refer-to-treatment "Refer"',
  ].join('\n'));
  assert.deepEqual(pairs(lines[0]), [['based', 'keyword'], ['on', 'keyword'], ['custody-to-community', 'variable'], ['version', 'keyword'], ['1', 'number']]);
  assert.deepEqual(pairs(lines[1]).slice(0, 3), [['rename', 'keyword'], ['agency', 'keyword'], ['treatment', 'definition']]);
  assert.deepEqual(pairs(lines[2]).slice(0, 3), [['change', 'keyword'], ['state', 'keyword'], ['pre-release', 'definition']]);
  assert.deepEqual(pairs(lines[3]).slice(0, 3), [['replace', 'keyword'], ['action', 'keyword'], ['refer-to-treatment', 'definition']]);
});

test('time zone is one keyword phrase and the zone a value', () => {
  const [line] = tokenize('  time zone Europe/London');
  assert.deepEqual(pairs(line), [['time zone', 'keyword'], ['Europe/London', 'value']]);
});

test('a field with a type and a label', () => {
  const [line] = tokenize('field release-date: date "Expected release date"');
  assert.deepEqual(pairs(line), [
    ['field', 'keyword'],
    ['release-date', 'definition'],
    [':', 'punctuation'],
    ['date', 'type'],
    ['"Expected release date"', 'string'],
  ]);
});

test('yes/no is a type, not a division', () => {
  const [line] = tokenize('field priority-offender: yes/no');
  assert.deepEqual(pairs(line).slice(3), [['yes/no', 'type']]);
});

test('start state declares its id; a rename names the old one', () => {
  const [line] = tokenize('start state follow-up (was missed-appointment) "Follow-up"');
  assert.deepEqual(pairs(line), [
    ['start', 'keyword'],
    ['state', 'keyword'],
    ['follow-up', 'definition'],
    ['(', 'punctuation'],
    ['was', 'keyword'],
    ['missed-appointment', 'variable'],
    [')', 'punctuation'],
    ['"Follow-up"', 'string'],
  ]);
});

test('a deadline in working days is one duration token', () => {
  const [line] = tokenize('    by cjit within 5 working days of released');
  assert.deepEqual(pairs(line), [
    ['by', 'keyword'],
    ['cjit', 'variable'],
    ['within', 'keyword'],
    ['5 working days', 'duration'],
    ['of', 'keyword'],
    ['released', 'variable'],
  ]);
});

test('the next-working-day rule: a time of day and a keyword phrase', () => {
  const [line] = tokenize('by healthcare within 24 hours or by 09:00 next working day');
  assert.deepEqual(pairs(line).slice(3), [
    ['24 hours', 'duration'],
    ['or', 'keyword'],
    ['by', 'keyword'],
    ['09:00', 'value'],
    ['next working day', 'keyword'],
  ]);
});

test('a transition with a condition, an arrow and an operator', () => {
  const [line] = tokenize('  on origin-recorded with origin when origin = community -> screening');
  assert.deepEqual(pairs(line), [
    ['on', 'keyword'],
    ['origin-recorded', 'variable'],
    ['with', 'keyword'],
    ['origin', 'variable'],
    ['when', 'keyword'],
    ['origin', 'variable'],
    ['=', 'operator'],
    ['community', 'variable'],
    ['->', 'arrow'],
    ['screening', 'variable'],
  ]);
});

test('an arrow straight after an id is not part of the id', () => {
  const [line] = tokenize('after 21 days of released->not-engaged');
  assert.deepEqual(pairs(line), [
    ['after', 'keyword'],
    ['21 days', 'duration'],
    ['of', 'keyword'],
    ['released', 'variable'],
    ['->', 'arrow'],
    ['not-engaged', 'variable'],
  ]);
});

test('a string keeps an escaped quote and a # inside it', () => {
  const [line] = tokenize('agency cjit "CJIT \\"north\\" #1"');
  assert.deepEqual(pairs(line), [
    ['agency', 'keyword'],
    ['cjit', 'definition'],
    ['"CJIT \\"north\\" #1"', 'string'],
  ]);
});

test('a template block: delimiters and body are template text, {{ }} an expression, and # is not a comment', () => {
  const lines = tokenize([
    'template overdue "Overdue action"',
    '  """',
    '  To {{ recipient.name }}: # due {{ action.due }}',
    '  """',
    'state done "Done"',
  ].join('\n'));
  assert.deepEqual(lines.map(pairs), [
    [['template', 'keyword'], ['overdue', 'definition'], ['"Overdue action"', 'string']],
    [['  """', 'template']],
    [
      ['  To ', 'template'],
      ['{{ recipient.name }}', 'templateExpr'],
      [': # due ', 'template'],
      ['{{ action.due }}', 'templateExpr'],
    ],
    [['  """', 'template']],
    [['state', 'keyword'], ['done', 'definition'], ['"Done"', 'string']],
  ]);
});

test('an unterminated template block ends at the next declaration at the left margin', () => {
  const lines = tokenize(['  """', '  Hello', 'agency cjit "CJIT"'].join('\n'));
  assert.deepEqual(lines.map(pairs), [
    [['  """', 'template']],
    [['  Hello', 'template']],
    [['agency', 'keyword'], ['cjit', 'definition'], ['"CJIT"', 'string']],
  ]);
});

test('values in conditions and set effects', () => {
  const [cond, assign] = tokenize('when release-date <= 2026-06-01 and not seen\n    set priority-offender = yes');
  assert.deepEqual(pairs(cond), [
    ['when', 'keyword'], ['release-date', 'variable'], ['<=', 'operator'], ['2026-06-01', 'value'],
    ['and', 'keyword'], ['not', 'keyword'], ['seen', 'variable'],
  ]);
  assert.deepEqual(pairs(assign), [['set', 'keyword'], ['priority-offender', 'variable'], ['=', 'operator'], ['yes', 'value']]);
});

test('the shipped pathways tokenize with no invalid token', async () => {
  const { readFile } = await import('node:fs/promises');
  const files = ['national/custody-to-community.pathway', 'local/northbridge.pathway', 'local/riverside.pathway'];
  for (const file of files) {
    const text = await readFile(new URL(`../../../pathways/${file}`, import.meta.url), 'utf8');
    const invalid = tokenize(text).flatMap((line, i) => line.filter((t) => t.type === 'invalid').map((t) => `${file}:${i + 1} ${t.text}`));
    assert.deepEqual(invalid, []);
  }
});

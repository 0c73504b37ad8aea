import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStateNodeId, mermaidIds } from '../src/lib/mermaid-ids.js';

test('state ids become the Mermaid ids the server writes', () => {
  const ids = mermaidIds(['planning', 'not-engaged', 'not_engaged', 'end', '9-lives', 'State']);
  assert.deepEqual([...ids.entries()], [
    ['planning', 'planning'],
    ['not-engaged', 'not_engaged'],
    ['not_engaged', 'not_engaged_2'],
    ['end', 'end_state'],
    ['9-lives', 's_9_lives'],
    ['State', 'State_state'],
  ]);
});

test('a rendered node id matches its own state and no other', () => {
  assert.equal(isStateNodeId('state-planning-3', 'planning'), true);
  assert.equal(isStateNodeId('mermaid-diagram-1-state-not_engaged-12', 'not_engaged'), true);
  assert.equal(isStateNodeId('state-not_engaged_2-12', 'not_engaged'), false);
  assert.equal(isStateNodeId('state-engaged-4', 'not_engaged'), false);
  assert.equal(isStateNodeId('state-not_engaged-12', 'engaged'), false);
  assert.equal(isStateNodeId('', 'planning'), false);
});

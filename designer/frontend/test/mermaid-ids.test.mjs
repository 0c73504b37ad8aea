import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStateNodeId } from '../src/lib/mermaid-ids.js';

test('a rendered node id matches its own state and no other', () => {
  assert.equal(isStateNodeId('state-planning-3', 'planning'), true);
  assert.equal(isStateNodeId('mermaid-diagram-1-state-not_engaged-12', 'not_engaged'), true);
  assert.equal(isStateNodeId('state-not_engaged_2-12', 'not_engaged'), false);
  assert.equal(isStateNodeId('state-engaged-4', 'not_engaged'), false);
  assert.equal(isStateNodeId('state-not_engaged-12', 'engaged'), false);
  assert.equal(isStateNodeId('', 'planning'), false);
});

// What the editor offers to complete: the language's words and the ids the pathway declares.

import { KEYWORDS } from './pathway-tokens.js';

const ID = '([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)';
const DECLARATIONS = [
  ['agency', new RegExp(`^agency\\s+${ID}`)],
  ['field', new RegExp(`^field\\s+${ID}`)],
  ['template', new RegExp(`^template\\s+${ID}`)],
  ['state', new RegExp(`^(?:(?:start|final)\\s+)?state\\s+${ID}`)],
  ['event', new RegExp(`^\\s+on\\s+${ID}`)],
];

/** Completion options for a text: each declared id once, with its kind, then the keywords. */
export function completionOptions(text) {
  const seen = new Set();
  const options = [];
  for (const line of text.split('\n')) {
    for (const [kind, pattern] of DECLARATIONS) {
      const found = pattern.exec(line);
      if (found && !seen.has(found[1])) {
        seen.add(found[1]);
        options.push({ label: found[1], type: 'variable', detail: kind });
      }
    }
  }
  for (const word of [...KEYWORDS].sort()) {
    if (!seen.has(word)) options.push({ label: word, type: 'keyword' });
  }
  return options;
}

// Finds the state block a position is in, from the text alone, so that the diagram can follow the
// cursor without waiting for the server.

const STATE_LINE = /^(?:(?:start|final)[ \t]+)?state[ \t]+([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)/;
/** Other declarations at the left margin end a state block. */
const OTHER_DECLARATION = /^(?:pathway|agency|field|template)\b/;

/**
 * The id of the state whose block contains 0-based line `lineIndex` of `lines`: the nearest
 * preceding line (or this one) of the form `[start |final ]state <id>` at the left margin, unless
 * another top-level declaration comes between them. Returns null outside any state.
 *
 * Template text needs no special care: the language ends even an open template block at the next
 * declaration at the left margin, so such a line is a declaration wherever it stands.
 */
export function stateAtLine(lines, lineIndex) {
  return stateAtLineOf((i) => lines[i], Math.min(lineIndex, lines.length - 1));
}

/**
 * The same search over any line store: `lineText(i)` gives 0-based line i. The editor passes its
 * document's lines so that a cursor move reads only the lines above it, not the whole text.
 */
export function stateAtLineOf(lineText, lineIndex) {
  for (let i = lineIndex; i >= 0; i--) {
    const line = lineText(i);
    const state = STATE_LINE.exec(line);
    if (state) return state[1];
    if (OTHER_DECLARATION.test(line)) return null;
  }
  return null;
}

/** The state block containing a 0-based character offset of `text`. */
export function stateAtOffset(text, offset) {
  const before = text.slice(0, Math.max(0, offset));
  const lineIndex = before.split('\n').length - 1;
  return stateAtLine(text.split('\n'), lineIndex);
}

// A line-by-line tokenizer for the pathway language (docs/language.md), shaped as a CodeMirror
// StreamParser so the editor can use it through StreamLanguage, and usable on plain strings so the
// tests need no editor. It highlights; it does not validate: the server's check endpoint is the
// one judge of what is wrong, so an odd word here is just coloured as an identifier.

/** Words of the language, coloured as keywords wherever they stand. */
export const KEYWORDS = new Set([
  'pathway', 'title', 'partnership', 'calendar', 'agency', 'field', 'template', 'state', 'start',
  'final', 'stage', 'owner', 'outcome', 'action', 'by', 'within', 'before', 'after', 'of', 'on', 'if',
  'missed', 'notify', 'with', 'set', 'raise', 'was', 'when', 'and', 'or', 'not', 'is', 'from',
  // A local protocol written as changes to a base: 'based on <id> version <n>', then its changes.
  'based', 'version', 'add', 'replace', 'remove', 'rename', 'change',
]);

/** Words after which the next identifier is the id being declared. */
const DECLARING = new Set(['pathway', 'agency', 'field', 'template', 'state', 'action']);

/** Top-level words that end an unterminated template block, as the server's parser does (COC1003). */
const DECLARATION_START = /^(?:pathway|agency|field|template|start|state|final|add|replace|remove|rename|change)\s/;

const FIELD_TYPES = new Set(['text', 'date', 'date-time', 'number']);
const VALUES = new Set(['yes', 'no', 'today', 'now']);

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*/;
const DURATION = /^\d+\s+(?:working\s+days?|hours?|days?|weeks?)\b/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?/;
const TIME_OF_DAY = /^\d{1,2}:\d{2}\b/;
const NUMBER = /^\d+(?:\.\d+)?/;
const PHRASES = /^(?:time\s+zone|next\s+working\s+day|without\s+consent|one\s+of)\b/;
const ZONE_NAME = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+/;
const TRIPLE_QUOTE_LINE = /^\s*"""\s*$/;

/**
 * The token classes the tokenizer emits. The editor maps each to a highlighting tag; the names are
 * ours so that tests and styles can speak of "duration" rather than of a borrowed tag.
 */
export const TOKEN_CLASSES = Object.freeze([
  'comment', 'keyword', 'definition', 'variable', 'string', 'template', 'templateExpr', 'duration',
  'arrow', 'operator', 'punctuation', 'type', 'value', 'number', 'invalid',
]);

export function startState() {
  return { inTemplate: false, lineStart: true, lineKeyword: null, previousWord: null };
}

export function copyState(state) {
  return { ...state };
}

/**
 * Reads one token from a CodeMirror-compatible stream and returns its class (or null for space).
 * Only the stream methods that CodeMirror's StringStream and LineStream below both have are used.
 */
export function token(stream, state) {
  if (stream.sol()) {
    state.lineStart = true;
    state.lineKeyword = null;
    state.previousWord = null;
    if (state.inTemplate && stream.pos === 0 && DECLARATION_START.test(stream.string)) {
      state.inTemplate = false;
    }
    if (TRIPLE_QUOTE_LINE.test(stream.string)) {
      stream.skipToEnd();
      state.inTemplate = !state.inTemplate;
      return 'template';
    }
  }

  if (state.inTemplate) {
    if (stream.match('{{')) {
      const rest = stream.string.indexOf('}}', stream.pos);
      if (rest < 0) stream.skipToEnd();
      else stream.pos = rest + 2;
      return 'templateExpr';
    }
    const next = stream.string.indexOf('{{', stream.pos);
    if (next < 0) stream.skipToEnd();
    else stream.pos = next;
    return 'template';
  }

  if (stream.eatSpace()) return null;

  const first = state.lineStart;
  state.lineStart = false;
  const ch = stream.peek();

  if (ch === '#') {
    stream.skipToEnd();
    return 'comment';
  }
  if (ch === '"') {
    stream.next();
    let escaped = false;
    for (;;) {
      const c = stream.next();
      if (c == null) break;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') break;
    }
    return 'string';
  }
  if (stream.match('->')) return 'arrow';
  if (stream.match(/^(?:!=|<=|>=|=|<|>)/)) return 'operator';
  if (stream.match(/^[:,()]/)) return 'punctuation';

  if (stream.match(DURATION)) return 'duration';
  if (stream.match(DATE_TIME)) return 'value';
  if (stream.match(TIME_OF_DAY)) return 'value';
  if (stream.match(NUMBER)) return 'number';

  if (stream.match(PHRASES)) {
    state.previousWord = 'phrase';
    return 'keyword';
  }
  if (stream.match('yes/no')) return 'type';
  if (stream.match(ZONE_NAME)) return 'value';

  const word = stream.match(IDENTIFIER);
  if (word) {
    const text = word[0];
    const previous = state.previousWord;
    state.previousWord = text;
    if (first) state.lineKeyword = text;
    if (KEYWORDS.has(text)) {
      // `start state x` and `final state x` declare x too, which the DECLARING check below sees.
      return 'keyword';
    }
    if (previous && DECLARING.has(previous)) return 'definition';
    if (state.lineKeyword === 'field' && FIELD_TYPES.has(text) && previous !== 'field') return 'type';
    if (VALUES.has(text)) return 'value';
    return 'variable';
  }

  stream.next();
  return 'invalid';
}

/** The StreamParser the editor hands to StreamLanguage.define. */
export const pathwayStreamParser = {
  name: 'pathway',
  startState,
  copyState,
  token,
  languageData: { commentTokens: { line: '#' } },
};

/** The part of CodeMirror's StringStream that `token` uses, over one line of plain text. */
class LineStream {
  constructor(string) {
    this.string = string;
    this.pos = 0;
    this.start = 0;
  }

  sol() { return this.pos === 0; }

  eol() { return this.pos >= this.string.length; }

  peek() { return this.string.charAt(this.pos) || undefined; }

  next() {
    if (this.pos < this.string.length) return this.string.charAt(this.pos++);
    return undefined;
  }

  eatSpace() {
    const start = this.pos;
    while (/\s/.test(this.string.charAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  skipToEnd() { this.pos = this.string.length; }

  match(pattern) {
    if (typeof pattern === 'string') {
      if (this.string.startsWith(pattern, this.pos)) {
        this.pos += pattern.length;
        return true;
      }
      return null;
    }
    const found = pattern.exec(this.string.slice(this.pos));
    if (!found || found.index > 0) return null;
    this.pos += found[0].length;
    return found;
  }
}

/**
 * Tokenizes a whole text into lines of `{ text, type }` tokens (spaces left out), carrying the
 * template-block state across lines exactly as the editor does.
 */
export function tokenize(text) {
  const state = startState();
  return text.split('\n').map((line) => {
    const stream = new LineStream(line);
    const tokens = [];
    while (!stream.eol()) {
      stream.start = stream.pos;
      const type = token(stream, state);
      if (stream.pos === stream.start) throw new Error(`Tokenizer did not advance at ${stream.pos} in: ${line}`);
      if (type) tokens.push({ text: line.slice(stream.start, stream.pos), type });
    }
    return tokens;
  });
}

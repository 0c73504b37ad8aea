// Turns the check endpoint's diagnostics (1-based lines and columns, end exclusive, counted in
// UTF-16 code units as both .NET and JavaScript strings are) into offsets in the text that was
// checked, and applies a suggested fix to a plain string. The editor adds the CodeMirror parts.

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Offsets at which each line of `text` starts; line n (1-based) starts at result[n - 1]. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

/** The offset just past the last character of a line, before its line break. */
function lineEnd(text, starts, index) {
  if (index + 1 < starts.length) {
    const next = starts[index + 1] - 1;
    return next > starts[index] && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }
  return text.length;
}

/**
 * The offset of a 1-based line and column, clamped into the text: a line past the end gives the end
 * of the text, a column past the end of its line gives the end of that line.
 */
export function offsetAt(text, line, column, starts = lineStarts(text)) {
  if (!Number.isFinite(line) || line < 1) return 0;
  if (line > starts.length) return text.length;
  const index = line - 1;
  const col = Number.isFinite(column) && column >= 1 ? column : 1;
  return Math.min(starts[index] + col - 1, lineEnd(text, starts, index));
}

/**
 * The `{ from, to }` offsets of a span. A span that would be empty is widened to the next character
 * on its line (or the one before it at a line's end) so that an underline is drawn.
 */
export function spanRange(text, span, starts = lineStarts(text)) {
  let from = offsetAt(text, span.line, span.column, starts);
  let to = span.endLine == null
    ? from
    : offsetAt(text, span.endLine, span.endColumn, starts);
  if (to < from) [from, to] = [to, from];
  if (to === from && text.length > 0) {
    const index = Math.max(0, Math.min(starts.length - 1, (span.line ?? 1) - 1));
    const start = starts[index];
    const end = lineEnd(text, starts, index);
    if (to < end) to += 1;
    else if (from > start) from -= 1;
  }
  return { from, to };
}

/** A fix from the server, as an object with a range, or null (the older string form has no range). */
function fixOf(diagnostic, text, starts) {
  const fix = diagnostic.fix;
  if (!fix || typeof fix !== 'object' || typeof fix.replacement !== 'string') return null;
  const { from, to } = fix.line == null
    ? spanRange(text, diagnostic, starts)
    : {
      from: offsetAt(text, fix.line, fix.column, starts),
      to: offsetAt(text, fix.endLine ?? fix.line, fix.endColumn ?? fix.column, starts),
    };
  return {
    title: fix.title || `Change to '${fix.replacement}'`,
    from: Math.min(from, to),
    to: Math.max(from, to),
    insert: fix.replacement,
  };
}

/**
 * Maps the server's diagnostics onto the text they were computed for. Each result has the offsets,
 * a severity CodeMirror knows, the message with its code in front (codes are what people quote in
 * tickets), and the fix, if any, as `{ title, from, to, insert }`.
 */
export function mapDiagnostics(text, diagnostics) {
  const starts = lineStarts(text);
  return (diagnostics || []).map((d) => {
    const { from, to } = spanRange(text, d, starts);
    const severity = SEVERITIES.has(d.severity) ? d.severity : 'error';
    const code = d.code || '';
    return {
      from,
      to,
      severity,
      code,
      line: d.line,
      column: d.column,
      message: code ? `${code}: ${d.message}` : String(d.message ?? ''),
      fix: fixOf(d, text, starts),
      hint: typeof d.fix === 'string' ? d.fix : null,
    };
  });
}

/** Applies a mapped fix to the text it was mapped against. */
export function applyFix(text, fix) {
  return text.slice(0, fix.from) + fix.insert + text.slice(fix.to);
}

/** Diagnostics in reading order: by position, errors before warnings at the same place. */
export function sortDiagnostics(mapped) {
  const rank = { error: 0, warning: 1, info: 2 };
  return [...mapped].sort((a, b) => a.from - b.from || rank[a.severity] - rank[b.severity] || a.to - b.to);
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The one-line status shown above the list of problems, e.g. "2 errors and 1 warning". */
export function summaryText(mapped) {
  const errors = mapped.filter((d) => d.severity === 'error').length;
  const warnings = mapped.filter((d) => d.severity === 'warning').length;
  const notes = mapped.length - errors - warnings;
  const parts = [];
  if (errors) parts.push(count(errors, 'error', 'errors'));
  if (warnings) parts.push(count(warnings, 'warning', 'warnings'));
  if (notes) parts.push(count(notes, 'note', 'notes'));
  if (parts.length === 0) return 'No problems found';
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

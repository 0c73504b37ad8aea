// The pathway editor: turns a server-rendered textarea into a CodeMirror 6 editor with
// highlighting, live checks from the server and one-click fixes. Without this script the textarea
// and its form work as they are; with it, the textarea stays in the form (hidden) and is kept in
// step with the editor, so posting the form sends what is on screen.

import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter, lintGutter, lintKeymap, forEachDiagnostic } from '@codemirror/lint';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';

import { pathwayStreamParser } from './lib/pathway-tokens.js';
import { mapDiagnostics, sortDiagnostics, summaryText } from './lib/diagnostics.js';
import { stateAtLineOf } from './lib/cursor-state.js';
import { completionOptions } from './lib/completions.js';
import { postJson } from './request.js';

const CHECK_DELAY_MS = 400;

/** Each token class of the tokenizer as a highlighting tag. */
const tokenTable = {
  comment: tags.lineComment,
  keyword: tags.keyword,
  definition: tags.definition(tags.variableName),
  variable: tags.variableName,
  string: tags.string,
  template: tags.special(tags.string),
  templateExpr: tags.special(tags.variableName),
  duration: tags.unit,
  arrow: tags.controlOperator,
  operator: tags.compareOperator,
  punctuation: tags.punctuation,
  type: tags.typeName,
  value: tags.atom,
  number: tags.number,
  invalid: tags.invalid,
};

const pathwayLanguage = StreamLanguage.define({ ...pathwayStreamParser, tokenTable });

// GOV.UK colours, each at least 4.5:1 against the white editor background (WCAG 1.4.3), and never
// the only cue: every highlighted word is also readable as plain text.
const pathwayHighlight = HighlightStyle.define([
  { tag: tags.lineComment, color: '#484949', fontStyle: 'italic' },
  { tag: tags.keyword, color: '#1a65a6', fontWeight: 'bold' },
  { tag: tags.definition(tags.variableName), color: '#0b0c0c', fontWeight: 'bold' },
  { tag: tags.string, color: '#0f7a52' },
  { tag: tags.special(tags.string), color: '#7a3c1c' },
  { tag: tags.special(tags.variableName), color: '#651b3e', fontWeight: 'bold' },
  { tag: tags.unit, color: '#54319f', fontWeight: 'bold' },
  { tag: [tags.controlOperator, tags.compareOperator], color: '#0b0c0c', fontWeight: 'bold' },
  { tag: [tags.typeName, tags.atom, tags.number], color: '#0b4144' },
  { tag: tags.invalid, color: '#ca3535', textDecoration: 'underline' },
]);

let uniqueId = 0;
function ensureId(element, prefix) {
  if (!element.id) element.id = `${prefix}-${++uniqueId}`;
  return element.id;
}

function completionSource(context) {
  const word = context.matchBefore(/[A-Za-z][A-Za-z0-9_-]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  return { from: word.from, options: completionOptions(context.state.doc.toString()), validFor: /^[A-Za-z0-9_-]*$/ };
}

/** The current offsets of a diagnostic, which the lint state keeps in step with later edits. */
function currentRange(view, diagnostic) {
  let range = null;
  forEachDiagnostic(view.state, (d, from, to) => {
    if (d === diagnostic) range = { from, to };
  });
  return range;
}

/** Applies a mapped fix, shifted by however far its diagnostic has moved since the check. */
function applyFix(view, diagnostic, fix) {
  const now = currentRange(view, diagnostic);
  const shift = now ? now.from - diagnostic.checkedFrom : 0;
  const from = fix.from + shift;
  const to = fix.to + shift;
  if (from < 0 || to > view.state.doc.length) return;
  view.dispatch({
    changes: { from, to, insert: fix.insert },
    selection: { anchor: from + fix.insert.length },
    scrollIntoView: true,
    userEvent: 'input.fix',
  });
  view.focus();
}

function moveTo(view, diagnostic) {
  const range = currentRange(view, diagnostic) ?? { from: diagnostic.from, to: diagnostic.to };
  const to = Math.min(range.to, view.state.doc.length);
  view.dispatch({ selection: { anchor: Math.min(range.from, to), head: to }, scrollIntoView: true });
  view.focus();
}

function toEditorDiagnostic(mapped, fixLabel) {
  const diagnostic = {
    from: mapped.from,
    to: mapped.to,
    severity: mapped.severity,
    source: mapped.code,
    message: mapped.hint ? `${mapped.message} ${mapped.hint}` : mapped.message,
    checkedFrom: mapped.from,
    line: mapped.line,
    fix: mapped.fix,
  };
  if (mapped.fix) {
    diagnostic.actions = [{
      name: fixLabel(mapped.fix),
      apply: (view) => applyFix(view, diagnostic, mapped.fix),
    }];
  }
  return diagnostic;
}

/** The live list of problems below the editor. */
class ProblemList {
  constructor(after, editorId) {
    this.editorId = editorId;
    this.element = document.createElement('div');
    this.element.className = 'app-pathway-problems';
    this.element.setAttribute('aria-live', 'polite');
    this.element.id = `${editorId}-problems`;
    after.insertAdjacentElement('afterend', this.element);
    this.key = null;
  }

  /** Shows that the check could not be made, without losing what was there before. */
  unavailable() {
    this.update('unavailable', () => {
      const p = paragraph('The pathway could not be checked just now. Your text is safe; it is checked again when you next change it, and when you save.');
      p.classList.add('app-pathway-problems__status');
      return [p];
    });
  }

  show(view, diagnostics, compiles) {
    const key = JSON.stringify([compiles, diagnostics.map((d) => [d.source, d.from, d.to, d.message])]);
    this.update(key, () => this.render(view, diagnostics, compiles));
  }

  update(key, build) {
    // Re-rendering unchanged content would make screen readers announce it again on every check.
    if (key === this.key) return;
    this.key = key;
    this.element.replaceChildren(...build());
  }

  render(view, diagnostics, compiles) {
    const summary = summaryText(diagnostics);
    if (diagnostics.length === 0) {
      const p = paragraph(compiles ? 'No problems found. The pathway compiles.' : 'No problems found.');
      p.classList.add('app-pathway-problems__status');
      return [p];
    }
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    const box = document.createElement('div');
    box.className = hasErrors ? 'govuk-error-summary app-pathway-problems__summary' : 'app-pathway-problems__summary app-pathway-problems__summary--warnings';
    const heading = document.createElement('h2');
    heading.className = hasErrors ? 'govuk-error-summary__title' : 'govuk-heading-s';
    heading.textContent = hasErrors ? `There is a problem: ${summary}` : `${summary}. The pathway compiles.`;
    const body = document.createElement('div');
    body.className = hasErrors ? 'govuk-error-summary__body' : '';
    const list = document.createElement('ul');
    list.className = hasErrors ? 'govuk-list govuk-error-summary__list' : 'govuk-list';
    for (const diagnostic of diagnostics) list.append(this.item(view, diagnostic));
    body.append(list);
    box.append(heading, body);
    return [box];
  }

  item(view, diagnostic) {
    const li = document.createElement('li');
    li.className = `app-pathway-problems__item app-pathway-problems__item--${diagnostic.severity}`;
    if (diagnostic.severity !== 'error') {
      const tag = document.createElement('strong');
      tag.className = `govuk-tag ${diagnostic.severity === 'warning' ? 'govuk-tag--yellow' : 'govuk-tag--grey'} app-pathway-problems__tag`;
      tag.textContent = diagnostic.severity === 'warning' ? 'Warning' : 'Note';
      li.append(tag, ' ');
    }
    const link = document.createElement('a');
    link.className = 'govuk-link';
    link.href = `#${this.editorId}`;
    link.textContent = `Line ${diagnostic.line}: ${diagnostic.message}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      moveTo(view, diagnostic);
    });
    li.append(link);
    if (diagnostic.fix) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'govuk-button govuk-button--secondary app-pathway-problems__fix';
      button.textContent = diagnostic.actions[0].name;
      button.addEventListener('click', () => applyFix(view, diagnostic, diagnostic.fix));
      li.append(' ', button);
    }
    return li;
  }
}

function paragraph(text) {
  const p = document.createElement('p');
  p.className = 'govuk-body';
  p.textContent = text;
  return p;
}

function joinIds(...ids) {
  return ids.filter(Boolean).join(' ') || null;
}

function withoutEmpty(attributes) {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value != null));
}

/** Enhances one `<textarea data-module="pathway-editor">`. */
export function createPathwayEditor(textarea) {
  if (textarea.dataset.pathwayEditorInit) return null;
  textarea.dataset.pathwayEditorInit = 'true';

  const textareaId = ensureId(textarea, 'pathway-text');
  const label = document.querySelector(`label[for="${CSS.escape(textareaId)}"]`);
  const labelId = label ? ensureId(label, `${textareaId}-label`) : null;
  const checkUrl = textarea.dataset.checkUrl;
  const fileName = textarea.dataset.fileName || null;
  const editorId = `${textareaId}-editor`;

  const keysHint = document.createElement('p');
  keysHint.className = 'govuk-body-s app-pathway-editor__keys';
  keysHint.id = `${textareaId}-keys`;
  keysHint.textContent = 'In the editor, Tab leaves the editor. Ctrl+Space suggests words, F8 moves to the next problem, and Ctrl+Shift+M lists the problems at the cursor.';

  const wrapper = document.createElement('div');
  wrapper.className = 'app-pathway-editor';
  if (textarea.classList.contains('govuk-textarea--error')) wrapper.classList.add('app-pathway-editor--error');
  const rows = Number(textarea.getAttribute('rows')) || 20;
  wrapper.style.setProperty('--app-pathway-editor-rows', String(rows));

  let problems = null;
  let lastState;

  const emitCursorState = (state) => {
    const line = state.doc.lineAt(state.selection.main.head).number;
    const stateId = stateAtLineOf((i) => state.doc.line(i + 1).text, line - 1);
    if (stateId === lastState) return;
    lastState = stateId;
    // Kept on the textarea too, for a diagram that starts listening after this first event.
    if (stateId) textarea.dataset.cursorState = stateId;
    else delete textarea.dataset.cursorState;
    textarea.dispatchEvent(new CustomEvent('pathway:cursor-state', {
      bubbles: true,
      detail: { stateId, source: textareaId },
    }));
  };

  const setInvalid = (view, invalid) => {
    if (invalid) view.contentDOM.setAttribute('aria-invalid', 'true');
    else view.contentDOM.removeAttribute('aria-invalid');
  };

  const checkSource = async (view) => {
    const doc = view.state.doc;
    const text = doc.toString();
    let result;
    try {
      result = await postJson(checkUrl, { text, fileName });
    } catch {
      if (view.state.doc === doc) problems.unavailable();
      return [];
    }
    if (view.state.doc !== doc) return [];
    if (!result.json || !Array.isArray(result.json.diagnostics)) {
      problems.unavailable();
      return [];
    }
    const mapped = sortDiagnostics(mapDiagnostics(text, result.json.diagnostics));
    const diagnostics = mapped.map((d) => toEditorDiagnostic(d, (fix) => fix.title));
    problems.show(view, diagnostics, result.status === 200);
    setInvalid(view, diagnostics.some((d) => d.severity === 'error'));
    return diagnostics;
  };

  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    pathwayLanguage,
    syntaxHighlighting(pathwayHighlight),
    autocompletion({ override: [completionSource], activateOnTyping: false }),
    // Tab is deliberately left unbound so that keyboard users can always leave the editor
    // (WCAG 2.1.2); Ctrl+] and Ctrl+[ indent and outdent.
    keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, ...completionKeymap]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of(withoutEmpty({
      id: editorId,
      'aria-labelledby': labelId,
      'aria-describedby': joinIds(textarea.getAttribute('aria-describedby'), keysHint.id),
      spellcheck: 'false',
      // An explicit tab stop: axe (scrollable-region-focusable) does not count a bare
      // contenteditable as the focusable content of the scrolling area around it.
      tabindex: '0',
      autocorrect: 'off',
      autocapitalize: 'off',
    })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        textarea.value = update.state.doc.toString();
        // Other scripts (the live diagram) follow the textarea as they would a plain one.
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (update.docChanged || update.selectionSet) emitCursorState(update.state);
    }),
  ];
  if (checkUrl) {
    extensions.push(linter(checkSource, { delay: CHECK_DELAY_MS }), lintGutter());
  }
  if (textarea.readOnly) extensions.push(EditorState.readOnly.of(true));

  textarea.insertAdjacentElement('afterend', wrapper);
  const view = new EditorView({
    parent: wrapper,
    state: EditorState.create({ doc: textarea.value, extensions }),
  });
  wrapper.insertAdjacentElement('afterend', keysHint);
  problems = new ProblemList(keysHint, editorId);
  if (!checkUrl) problems.element.hidden = true;

  // The textarea stays in the form, so the form posts without this script's help; `hidden` keeps
  // it out of sight and out of the accessibility tree, and the label now names the editor.
  textarea.classList.add('app-pathway-editor__source');
  textarea.hidden = true;
  label?.addEventListener('click', (event) => {
    event.preventDefault();
    view.focus();
  });
  textarea.form?.addEventListener('submit', () => {
    textarea.value = view.state.doc.toString();
  });

  emitCursorState(view.state);
  return view;
}

export function initPathwayEditors(scope = document) {
  return [...scope.querySelectorAll('textarea[data-module="pathway-editor"]')].map(createPathwayEditor).filter(Boolean);
}

initPathwayEditors();

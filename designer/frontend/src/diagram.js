// The pathway diagram: draws the server's Mermaid text for the pathway being edited, redraws it as
// the text changes, and picks out the state under the editor's cursor. A read-only form draws a
// diagram written into the page (the case page, with the case's current state picked out).
//
// The diagram is one picture to assistive technology (role="img" with a label); the server renders
// the states and transitions as text beside it, which is the accessible version.

import mermaid from 'mermaid';

import { isStateNodeId } from './lib/mermaid-ids.js';
import { postJson, latestOnly } from './request.js';

const PREVIEW_DELAY_MS = 500;
const CURRENT_CLASS = 'app-diagram__node--current';

mermaid.initialize({
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  fontFamily: '"GDS Transport", arial, sans-serif',
  themeVariables: {
    fontFamily: '"GDS Transport", arial, sans-serif',
    fontSize: '16px',
    background: '#ffffff',
    primaryColor: '#f4f8fb',
    primaryBorderColor: '#0b0c0c',
    primaryTextColor: '#0b0c0c',
    secondaryColor: '#ffffff',
    tertiaryColor: '#ffffff',
    lineColor: '#0b0c0c',
    textColor: '#0b0c0c',
    labelBackgroundColor: '#ffffff',
  },
});

let renderCount = 0;

class PathwayDiagram {
  constructor(root) {
    this.root = root;
    this.label = root.dataset.label || 'Diagram of the pathway';
    this.states = [];
    this.ids = new Map();
    this.highlighted = null;
    this.hasDiagram = false;

    this.status = document.createElement('p');
    this.status.className = 'govuk-body app-diagram__status';
    this.status.setAttribute('aria-live', 'polite');
    this.canvas = document.createElement('div');
    this.canvas.className = 'app-diagram__canvas';
    this.canvas.hidden = true;
    root.classList.add('app-diagram');
    root.append(this.status, this.canvas);
  }

  /** Draws Mermaid text; keeps the previous drawing if this one fails. */
  async draw(text) {
    const id = `app-diagram-${++renderCount}`;
    let svg;
    try {
      ({ svg } = await mermaid.render(id, text));
    } catch (error) {
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
      console.error(error);
      this.say(this.hasDiagram
        ? 'This diagram is out of date: the latest text could not be drawn. It shows the last version that could.'
        : 'The diagram could not be drawn.', true);
      return false;
    }
    this.canvas.innerHTML = svg;
    this.canvas.hidden = false;
    const element = this.canvas.querySelector('svg');
    if (element) {
      element.setAttribute('role', 'img');
      element.removeAttribute('aria-roledescription');
      element.setAttribute('aria-label', this.label);
      element.setAttribute('focusable', 'false');
      for (const title of element.querySelectorAll(':scope > title, :scope > desc')) title.remove();
    }
    this.hasDiagram = true;
    this.applyHighlight();
    return true;
  }

  say(text, stale) {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.hidden = !text;
    this.root.classList.toggle('app-diagram--stale', Boolean(stale));
  }

  highlight(stateId) {
    this.highlighted = stateId || null;
    this.applyHighlight();
  }

  /** Marks the node of the highlighted state, found by the id Mermaid gives it (see mermaid-ids.js). */
  applyHighlight() {
    const svg = this.canvas.querySelector('svg');
    if (!svg) return;
    for (const node of svg.querySelectorAll(`.${CURRENT_CLASS}`)) node.classList.remove(CURRENT_CLASS);
    const stateId = this.highlighted;
    if (!stateId) {
      svg.setAttribute('aria-label', this.label);
      return;
    }
    const mermaidId = this.ids.get(stateId);
    const node = [...svg.querySelectorAll('g.node')].find((g) => isStateNodeId(g.id, mermaidId));
    if (!node) {
      svg.setAttribute('aria-label', this.label);
      return;
    }
    node.classList.add(CURRENT_CLASS);
    const title = this.states.find((s) => s.id === stateId)?.title;
    svg.setAttribute('aria-label', `${this.label}. Highlighted: ${title || stateId}.`);
  }

  setStates(states) {
    this.states = Array.isArray(states) ? states : [];
    // The server names each state's node (its Mermaid id) beside the state.
    this.ids = new Map(this.states.map((s) => [s.id, s.mermaidId]));
  }
}

/** The live form: follows a textarea (or the editor that replaced it) and the preview endpoint. */
function createLiveDiagram(root) {
  const source = document.querySelector(root.dataset.source);
  const previewUrl = root.dataset.previewUrl;
  if (!source || !previewUrl) return null;
  const diagram = new PathwayDiagram(root);
  const fileName = source.dataset.fileName || null;

  const refresh = latestOnly(async (signal) => {
    const text = source.value;
    let result;
    try {
      result = await postJson(previewUrl, { text, fileName }, signal);
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      diagram.say(diagram.hasDiagram
        ? 'This diagram may be out of date: the pathway could not be checked just now.'
        : 'The diagram could not be drawn just now.', diagram.hasDiagram);
      return;
    }
    if (signal.aborted) return;
    const body = result.json;
    if (result.status === 200 && body && typeof body.mermaid === 'string') {
      diagram.setStates(body.states);
      if (await diagram.draw(body.mermaid)) diagram.say('', false);
    } else if (result.status === 422) {
      diagram.say(diagram.hasDiagram
        ? 'This diagram is out of date: the pathway has errors. It shows the last version without errors.'
        : 'The diagram appears when the pathway has no errors.', diagram.hasDiagram);
    } else {
      diagram.say(diagram.hasDiagram
        ? 'This diagram may be out of date: the pathway could not be checked just now.'
        : 'The diagram could not be drawn just now.', diagram.hasDiagram);
    }
  }, PREVIEW_DELAY_MS);

  source.addEventListener('input', () => refresh());
  document.addEventListener('pathway:cursor-state', (event) => {
    if (event.target === source) diagram.highlight(event.detail?.stateId);
  });
  diagram.highlighted = source.dataset.cursorState || null;
  refresh();
  return diagram;
}

/**
 * The read-only form: `data-mermaid` holds the diagram, `data-highlight` the state to pick out and
 * `data-highlight-node` that state's Mermaid id.
 */
function createStaticDiagram(root) {
  const diagram = new PathwayDiagram(root);
  diagram.highlighted = root.dataset.highlight || null;
  if (diagram.highlighted && root.dataset.highlightNode) diagram.ids.set(diagram.highlighted, root.dataset.highlightNode);
  diagram.draw(root.dataset.mermaid);
  return diagram;
}

export function initPathwayDiagrams(scope = document) {
  return [...scope.querySelectorAll('[data-module="pathway-diagram"]')].map((root) => {
    if (root.dataset.pathwayDiagramInit) return null;
    root.dataset.pathwayDiagramInit = 'true';
    return root.dataset.mermaid ? createStaticDiagram(root) : createLiveDiagram(root);
  }).filter(Boolean);
}

initPathwayDiagrams();

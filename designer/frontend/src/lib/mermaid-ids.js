// Which node of a rendered Mermaid state diagram is which pathway state.
//
// The server writes each state under a Mermaid-safe id (MermaidDiagram.SafeIds in
// ContinuityOfCare.Workflows.Definitions): every character that is not an ASCII letter or digit
// becomes '_', an id that does not start with a letter gets 's_' in front, a Mermaid keyword gets
// '_state' after it, and a clash gets '_2', '_3' ... in declaration order. Mermaid then renders the
// state as `<g class="node ..." id="[<diagram id>-]state-<safe id>-<counter>">`. Both rules are
// mirrored here, so the ids the preview returns can be found in the drawing.

const MERMAID_WORDS = new Set(['state', 'note', 'end', 'direction', 'class', 'classdef', 'click', 'style', 'as', 'graph', 'flowchart']);

/** Map from pathway state id to Mermaid id, for states in the order the pathway declares them. */
export function mermaidIds(stateIds) {
  const ids = new Map();
  const used = new Set();
  for (const id of stateIds) {
    let safe = id.replace(/[^A-Za-z0-9]/g, '_');
    if (safe.length === 0 || !/^[A-Za-z]/.test(safe)) safe = `s_${safe}`;
    let candidate = MERMAID_WORDS.has(safe.toLowerCase()) ? `${safe}_state` : safe;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${safe}_${n}`;
    used.add(candidate.toLowerCase());
    ids.set(id, candidate);
  }
  return ids;
}

/**
 * Whether an SVG element id is the node of the state with this Mermaid id. Safe ids hold no '-',
 * so `state-<id>-<n>` at the end of the element id cannot match a longer or shorter state's node.
 */
export function isStateNodeId(elementId, mermaidId) {
  if (!elementId || !mermaidId) return false;
  const suffix = new RegExp(`(?:^|-)state-${mermaidId.replace(/[^A-Za-z0-9_]/g, '')}-\\d+$`);
  return suffix.test(elementId);
}

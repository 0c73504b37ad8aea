// Which node of a rendered Mermaid state diagram is which pathway state.
//
// The server gives each state's Mermaid id (the preview's `mermaidId`, a case page's
// `data-highlight-node`); Mermaid renders the state as
// `<g class="node ..." id="[<diagram id>-]state-<mermaid id>-<counter>">`.

/**
 * Whether an SVG element id is the node of the state with this Mermaid id. Safe ids hold no '-',
 * so `state-<id>-<n>` at the end of the element id cannot match a longer or shorter state's node.
 */
export function isStateNodeId(elementId, mermaidId) {
  if (!elementId || !mermaidId) return false;
  const suffix = new RegExp(`(?:^|-)state-${mermaidId.replace(/[^A-Za-z0-9_]/g, '')}-\\d+$`);
  return suffix.test(elementId);
}

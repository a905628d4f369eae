// miniport runtime: DOM nodes from an expanded vnode tree (initial render; no patching yet).
import { decode, rpx, str } from './values.js';
import { elementName, shownAttrs } from './vnode.js';

function element(doc, node) {
  const el = doc.createElement(elementName(node));
  if (node.component) el.setAttribute('is', node.component);
  for (const [name, value] of shownAttrs(node)) {
    try {
      if (name === 'class') {
        const classes = value.split(' ');
        el.setAttribute('class', (node.scope ? classes.map((c) => `${node.scope}--${c}`) : classes).join(' '));
      } else if (name === 'style') el.setAttribute('style', rpx(value));
      else el.setAttribute(name, value);
    } catch {
      // An attribute name the DOM refuses (e.g. `:disable-scroll`) is kept in the vnode only.
    }
  }
  const decodes = node.tag === 'text' && !node.component && Boolean(node.attrs && node.attrs.decode);
  for (const child of createNodes(doc, node.children, decodes)) el.appendChild(child);
  return el;
}

/** DOM nodes for `tree` (strings become text nodes; never parsed as markup). */
export function createNodes(doc, tree, decodeText = false) {
  const out = [];
  for (const node of tree) {
    if (typeof node !== 'object') {
      const text = str(node);
      out.push(doc.createTextNode(decodeText ? decode(text) : text));
    } else if (node.tag !== 'slot' || node.component) {
      out.push(element(doc, node));
    }
  }
  return out;
}


// miniport runtime: expands custom components in a vnode tree (their template inside, slots filled).
import { $ } from './helpers.js';
import { nodes as flat } from './vnode.js';
import { propName } from './values.js';

const MAX_DEPTH = 64;

/** Component properties from a vnode's attributes (`product-id` → `productId`). */
export function propsOf(node) {
  const props = {};
  for (const [name, value] of Object.entries(node.attrs || {})) props[propName(name)] = value;
  return props;
}

function fillSlots(content, slotted) {
  const out = [];
  for (const node of content) {
    if (typeof node === 'object' && node.tag === 'slot' && !node.component) {
      const name = (node.attrs && node.attrs.name) || '';
      out.push(...slotted.filter((n) => ((typeof n === 'object' && n.slot) || '') === name));
    } else if (typeof node === 'object') {
      out.push({ ...node, children: fillSlots(node.children, slotted) });
    } else out.push(node);
  }
  return out;
}

/**
 * Expands the custom components of `tree` rendered by `owner` (`{ using, scope }`: its
 * usingComponents and its style scope). `env.components` is the app config's component
 * table, `env.modules` maps a component path to its template module, and `env.data(path,
 * props)` gives a component's data (its properties when omitted). Vnodes are not mutated:
 * each node is copied with `scope` (the scope of the template that rendered it) and, for a
 * component, `component` (its path) and its rendered template as children.
 */
export function expand(tree, owner, env, depth = 0) {
  const out = [];
  for (const node of flat(tree)) {
    if (typeof node !== 'object') {
      out.push(node);
      continue;
    }
    const path = owner.using && owner.using[node.tag];
    const info = path && env.components[path];
    if (!info || depth > MAX_DEPTH) {
      out.push({ ...node, scope: owner.scope, children: expand(node.children, owner, env, depth) });
      continue;
    }
    const props = propsOf(node);
    const data = env.data ? env.data(path, props) : props;
    const module = env.modules.get(path);
    const inner = {
      using: info.usingComponents || {},
      scope: info.styleIsolation === 'shared' ? undefined : info.scope,
    };
    const content = expand(module ? module.render(data, $) : [], inner, env, depth + 1);
    const slotted = expand(node.children, owner, env, depth);
    out.push({ ...node, scope: owner.scope, component: path, children: fillSlots(content, slotted) });
  }
  return out;
}

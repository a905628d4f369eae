// miniport runtime: template rendering (vnodes, WeChat's values, components, DOM, HTML).
export { $ } from './helpers.js';
export { h, nodes, toHTML, elementName } from './vnode.js';
export { str, decode, rpx } from './values.js';
export { expand } from './components.js';
export { createNodes } from './dom.js';

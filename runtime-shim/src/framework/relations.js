// miniport runtime: component relations (parent/child/ancestor/descendant) linked as WeChat links them.
import { hasBehavior } from './define.js';

const INVERSE = { parent: 'child', child: 'parent', ancestor: 'descendant', descendant: 'ancestor' };

function dirname(path) {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * A relation key resolved against the component declaring it (`./li` → `components/li`).
 * @param {string} from the declaring component's path
 * @param {string} spec
 * @returns {string}
 */
export function resolveRelative(from, spec) {
  const out = [];
  const base = spec.startsWith('/') ? [] : dirname(from).split('/');
  for (const part of [...base, ...spec.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

// Whether relation `rel` (declared under `key` by `rec`) names `other`.
function names(rec, key, rel, other) {
  if (rel.target) return hasBehavior(other.def, rel.target);
  return resolveRelative(rec.path, key) === other.path;
}

function find(rec, kind) {
  for (const [key, rel] of Object.entries(rec.def.relations)) if (rel && rel.type === kind) return [key, rel];
  return null;
}

// Components above `rec` in the composed tree, nearest first.
function ancestors(rec) {
  const out = [];
  for (let el = rec.host.parentNode; el; el = el.parentNode) if (el.__mprec && el.__mprec.alive) out.push(el.__mprec);
  return out;
}

function matching(rec, other, kind) {
  for (const [key, rel] of Object.entries(rec.def.relations)) {
    if (rel && rel.type === kind && names(rec, key, rel, other)) return [key, rel];
  }
  return null;
}

function link(a, keyA, relA, b, keyB, relB) {
  const add = (rec, key, other) => {
    if (!rec.links.has(key)) rec.links.set(key, []);
    const list = rec.links.get(key);
    if (!list.includes(other)) list.push(other);
  };
  add(a, keyA, b);
  add(b, keyB, a);
  // The outer side's `linked` runs first, as in WeChat.
  if (typeof relB.linked === 'function') relB.linked.call(b.inst, a.inst);
  if (typeof relA.linked === 'function') relA.linked.call(a.inst, b.inst);
}

/**
 * On attach: links `rec` with its parent/ancestors that declare the inverse relation.
 * @param {import('./record.js').Record} rec
 */
export function linkRelations(rec) {
  if (!Object.keys(rec.def.relations).length) return;
  const above = ancestors(rec);
  for (const [key, rel] of Object.entries(rec.def.relations)) {
    if (!rel || (rel.type !== 'parent' && rel.type !== 'ancestor')) continue;
    const candidates = rel.type === 'parent' ? above.slice(0, 1) : above;
    for (const other of candidates) {
      if (!names(rec, key, rel, other)) continue;
      const back = matching(other, rec, INVERSE[rel.type]);
      if (back) {
        link(rec, key, rel, other, back[0], back[1]);
        break;
      }
    }
  }
}

/**
 * On detach: unlinks `rec` from everything it is linked with (`unlinked` on both sides).
 * @param {import('./record.js').Record} rec
 */
export function unlinkRelations(rec) {
  for (const [key, list] of rec.links) {
    const rel = rec.def.relations[key] || {};
    for (const other of list) {
      for (const [okey, olist] of other.links) {
        const i = olist.indexOf(rec);
        if (i < 0) continue;
        olist.splice(i, 1);
        const orel = other.def.relations[okey] || {};
        if (typeof orel.unlinked === 'function') orel.unlinked.call(other.inst, rec.inst);
      }
      if (typeof rel.unlinked === 'function') rel.unlinked.call(rec.inst, other.inst);
    }
  }
  rec.links.clear();
}

/**
 * `getRelationNodes(key)`: the instances linked under `key`, in document order.
 * @param {import('./record.js').Record} rec
 * @param {string} key
 * @returns {object[]} the instances
 */
export function relationNodes(rec, key) {
  const list = rec.links.get(key) || [];
  return list
    .slice()
    .sort((a, b) => (a.host.compareDocumentPosition(b.host) & 4 ? -1 : 1))
    .map((r) => r.inst);
}

export { find as findRelation };

// miniport runtime: one live component or page — its data, setData, observers, lifetimes and rendering.
import { $ } from '../render/helpers.js';
import { classTokens, propName } from '../render/values.js';
import { patchChildren, releaseChildren } from '../dom/patch.js';
import { dispatch } from '../dom/events.js';
import { clone, covers, getPath, jsonSize, parsePath, setPath } from './data.js';
import { coerce, hasBehavior, initialData } from './define.js';
import { linkRelations, unlinkRelations, relationNodes } from './relations.js';
import {
  createSelectorQuery,
  createIntersectionObserver,
  createMediaQueryObserver,
  select,
  animate,
  elements,
} from './query.js';
import { applyAnimatedStyle, clearAnimatedStyle } from './worklet.js';

const records = new WeakMap();
// The instance's nodes for a selector, as worklet style bindings look them up (null once it is gone).
const nodesOf = (rec, selector) => () => (rec && rec.alive ? elements(rec, String(selector), true) : null);
const DATA_WARN_BYTES = 1024 * 1024;

/**
 * The record behind an instance (`this` in a component's methods).
 * @param {object} inst
 * @returns {Record | undefined}
 */
export function recordOf(inst) {
  return records.get(inst);
}

function call(rec, fn, args) {
  try {
    return fn.apply(rec.inst, args);
  } catch (error) {
    // A component's `error` lifetime hears what its own code throws (and WeChat still reports it).
    if (!rec.inError && rec.def.lifetimes.error.length) {
      rec.inError = true;
      for (const handler of rec.def.lifetimes.error) {
        try {
          handler.call(rec.inst, error);
        } catch (e) {
          rec.fw.reportError(e);
        }
      }
      rec.inError = false;
    }
    rec.fw.reportError(error);
    return undefined;
  }
}

// The methods every instance has (WeChat's component instance API).
const proto = {
  setData(patch, callback) {
    const rec = records.get(this);
    if (rec) rec.setData(patch, callback);
  },
  groupSetData(fn) {
    if (typeof fn === 'function') fn.call(this);
  },
  triggerEvent(name, detail, options = {}) {
    const rec = records.get(this);
    if (!rec || !rec.host || rec.isPage) return;
    dispatch(rec.host, name, detail, {
      bubbles: Boolean(options.bubbles),
      composed: Boolean(options.composed),
      capturePhase: Boolean(options.capturePhase),
    });
  },
  hasBehavior(b) {
    const rec = records.get(this);
    return Boolean(rec && hasBehavior(rec.def, b));
  },
  selectComponent(selector) {
    const rec = records.get(this);
    const found = rec ? select(rec, selector, false) : [];
    return found.length ? found[0].exported() : null;
  },
  selectAllComponents(selector) {
    const rec = records.get(this);
    return rec ? select(rec, selector, true).map((r) => r.exported()) : [];
  },
  selectOwnerComponent() {
    const rec = records.get(this);
    return rec && rec.owner ? rec.owner.inst : null;
  },
  getRelationNodes(path) {
    const rec = records.get(this);
    return rec ? relationNodes(rec, path) : [];
  },
  createSelectorQuery() {
    return createSelectorQuery(records.get(this));
  },
  createIntersectionObserver(options) {
    return createIntersectionObserver(records.get(this), options);
  },
  createMediaQueryObserver() {
    return createMediaQueryObserver();
  },
  animate(selector, keyframes, duration, callback) {
    animate(records.get(this), selector, keyframes, duration, callback);
  },
  clearAnimation(selector, options, callback) {
    animate(records.get(this), selector, [], 0, typeof options === 'function' ? options : callback);
  },
  applyAnimatedStyle(selector, updater, config, callback) {
    applyAnimatedStyle(nodesOf(records.get(this), selector), updater, config, callback, this);
  },
  clearAnimatedStyle(selector, styleIds, callback) {
    clearAnimatedStyle(nodesOf(records.get(this), selector), styleIds, callback);
  },
  getPageId() {
    const rec = records.get(this);
    return rec ? `pageId:${rec.page().serial}` : '';
  },
};

let serial = 0;

/**
 * A live instance. `options`: `isPage`, `owner` (the record whose template holds it),
 * `host` (the element it renders into), `vnode` (the tag it was written as).
 */
export class Record {
  constructor(fw, def, path, options) {
    this.fw = fw;
    this.def = def;
    this.path = path;
    this.serial = ++serial;
    this.isPage = Boolean(options.isPage);
    this.owner = options.owner || null;
    this.host = options.host;
    this.depth = this.owner ? this.owner.depth + 1 : 0;
    this.kids = new Set();
    this.links = new Map();
    this.touched = new WeakSet();
    this.dirty = false;
    this.alive = true;
    this.attached = false;
    this.slotted = [];
    this.external = {};
    this.generics = {};
    this.vnode = null;
    const info = (this.isPage ? fw.pageInfo(path) : fw.componentInfo(path)) || {};
    this.using = info.usingComponents || {};
    this.template = fw.template(info.template);
    // The options of Component() win over the component JSON's `styleIsolation` (WeChat reads both).
    const isolation = def.options.styleIsolation || info.styleIsolation;
    const scope = this.isPage ? null : info.scope || null;
    this.scope = scope;
    this.classMode = !scope
      ? 'plain'
      : isolation === 'shared'
          || isolation === 'apply-shared'
          || isolation === 'page-shared'
          || def.options.addGlobalClass
        ? 'both'
        : 'scoped';
    const inst = Object.create(proto);
    records.set(inst, this);
    this.inst = inst;
    inst.is = path;
    inst.id = '';
    inst.dataset = {};
    inst.data = initialData(def);
    Object.defineProperty(inst, 'properties', { get: () => inst.data, enumerable: false });
    for (const [key, value] of Object.entries(def.extra)) inst[key] = clone(value);
    for (const [key, fn] of Object.entries(def.methods)) if (typeof fn === 'function') inst[key] = fn;
    if (this.owner) this.owner.kids.add(this);
  }

  /** The record of the page this instance is on. */
  page() {
    let rec = this;
    while (rec.owner) rec = rec.owner;
    return rec;
  }

  /** What selectComponent returns: the instance, or what `export()` gives (wx://component-export). */
  exported() {
    if (this.def.exports) return call(this, this.def.exports, []);
    return this.inst;
  }

  lifetime(name, args = []) {
    for (const fn of this.def.lifetimes[name]) call(this, fn, args);
  }

  pageLifetime(name, args = []) {
    for (const fn of this.def.pageLifetimes[name]) call(this, fn, args);
    for (const kid of this.kids) kid.pageLifetime(name, args);
  }

  /** Calls the page handler or method `name` if there is one. */
  method(name, args = []) {
    const fn = this.inst[name];
    return typeof fn === 'function' ? call(this, fn, args) : undefined;
  }

  setData(patch, callback) {
    if (patch === null || typeof patch !== 'object') {
      console.warn('miniport: setData expects an object');
      return;
    }
    if (jsonSize(patch) > DATA_WARN_BYTES) {
      console.warn(
        `miniport: setData of "${this.path}" sends more than 1024 KB of data; it may be slow (WeChat warns the same).`,
      );
    }
    const changed = [];
    for (const key of Object.keys(patch)) {
      let parts;
      try {
        parts = parsePath(key);
      } catch (error) {
        console.warn(`miniport: ${error.message} in setData of "${this.path}"`);
        continue;
      }
      this.write(parts, patch[key], changed);
    }
    this.afterWrite(changed);
    this.fw.schedule(this, callback);
  }

  // Sets one path, converting a property's value to its type; records the old value.
  write(parts, value, changed) {
    this.writes = (this.writes || 0) + 1;
    const data = this.inst.data;
    const prop = parts.length === 1 ? this.def.properties[parts[0]] : undefined;
    if (prop) value = coerce(prop, value);
    const old = parts.length === 1 ? data[parts[0]] : undefined;
    setPath(data, parts, value, this.touched);
    changed.push({ parts, old });
  }

  // Property observers, data observers, and two-way bindings of what `changed` touched.
  afterWrite(changed) {
    if (!changed.length) return;
    const data = this.inst.data;
    // Data observers first, then the properties' own observers (exparser's order).
    for (const observer of this.def.observers) {
      const fire = observer.paths.some((p) =>
        changed.some(({ parts }) => covers(parts, p.parts) || (p.deep && covers(p.parts, parts))),
      );
      if (fire)
        call(
          this,
          observer.fn,
          observer.paths.map((p) => getPath(data, p.parts)),
        );
    }
    for (const { parts, old } of changed) {
      if (parts.length !== 1) continue;
      const prop = this.def.properties[parts[0]];
      const value = data[parts[0]];
      if (prop && prop.observer && (value !== old || (value !== null && typeof value === 'object'))) {
        const fn = typeof prop.observer === 'string' ? this.inst[prop.observer] : prop.observer;
        if (typeof fn === 'function') call(this, fn, [value, old, parts]);
      }
    }
    const model = this.vnode && this.vnode.model;
    if (model && this.owner) {
      const up = {};
      for (const { parts } of changed) {
        const path =
          parts.length === 1 && Object.prototype.hasOwnProperty.call(model, parts[0]) ? model[parts[0]] : null;
        if (path) up[path] = data[parts[0]];
      }
      if (Object.keys(up).length) this.owner.setData(up);
    }
  }

  /**
   * Takes the tag this component is written as: properties, external classes, slots, generics.
   * @overload
   * @param {MpVNode} vnode
   * @param {boolean} initial
   * @param {true} silent
   * @returns {Array<{ parts: Array<string | number>, old: any }>} the writes, their observers not yet run
   */
  /**
   * @overload
   * @param {MpVNode} vnode
   * @param {boolean} initial
   * @param {false} [silent]
   * @returns {boolean} whether anything the template shows changed
   */
  /**
   * @param {MpVNode} vnode
   * @param {boolean} initial
   * @param {boolean} [silent]
   * @returns {any}
   */
  receive(vnode, initial, silent = false) {
    this.vnode = vnode;
    const attrs = vnode.attrs || {};
    this.inst.id = attrs.id === undefined || attrs.id === null ? '' : String(attrs.id);
    this.inst.dataset = Object.assign({}, vnode.dataset);
    this.slotted = vnode.children;
    let externalChanged = false;
    for (const name of this.def.externalClasses) {
      const value = attrs[name];
      const tokens = classTokens(value);
      // Resolved in the owner's scope (an owner's own external class is forwarded as it was given).
      const resolved =
        tokens.length && this.owner ? this.fw.hooks.classes(tokens, this.owner).split(' ').filter(Boolean) : tokens;
      const before = this.external[name];
      if (!before || before.join(' ') !== resolved.join(' ')) externalChanged = true;
      this.external[name] = resolved;
    }
    if (externalChanged) this.extV = (this.extV || 0) + 1;
    this.generics = {};
    for (const [name, tag] of Object.entries(vnode.generic || {})) {
      const path = this.owner && this.fw.resolveTag(this.owner, tag);
      if (path) this.generics[name] = path;
    }
    const changed = [];
    const ownerTouched = this.owner ? this.owner.touched : null;
    for (const [attr, given] of Object.entries(attrs)) {
      const name = propName(attr);
      if (!this.def.properties[name]) continue;
      // exparser gives a property bound to undefined an empty string (then its type's
      // conversion: false, 0, ''), not its default.
      const value = given === undefined ? '' : given;
      const current = this.inst.data[name];
      if (
        !initial
        && current === value
        && !(ownerTouched && value !== null && typeof value === 'object' && ownerTouched.has(value))
      )
        continue;
      this.write([name], value, changed);
    }
    if (silent) return changed;
    this.afterWrite(changed);
    return changed.length > 0 || (externalChanged && !initial);
  }

  /** The vnodes of this instance's template for its current data (throws what the template throws). */
  tree() {
    return this.template ? this.template.render(this.viewData(), $) : [];
  }

  /** Patches the DOM to `tree`, or to a fresh render of the template when it is not given. */
  render(tree) {
    this.dirty = false;
    this.rendered = true;
    this.defaultSlotUsed = null;
    if (!this.alive) return;
    if (tree === undefined) {
      try {
        tree = this.tree();
      } catch (error) {
        this.fw.reportError(error);
        return;
      }
    }
    this.hostKids = patchChildren(this.host, this.hostKids || [], tree, this, this.fw.hooks);
    this.touched = new WeakSet();
  }

  /** The data the template sees: everything but the pure data fields (`pureDataPattern`). */
  viewData() {
    const pattern = this.def.options.pureDataPattern;
    if (!(pattern instanceof RegExp)) return this.inst.data;
    const out = {};
    for (const key of Object.keys(this.inst.data)) if (!pattern.test(key)) out[key] = this.inst.data[key];
    return out;
  }

  attach() {
    if (this.attached || !this.alive) return;
    this.attached = true;
    this.lifetime('attached');
    linkRelations(this);
  }

  /** Detached lifetimes (this one first, then what it rendered), relations unlinked. */
  detach() {
    if (!this.alive) return;
    this.alive = false;
    if (this.attached) {
      unlinkRelations(this);
      this.lifetime('detached');
    }
    releaseChildren(this.hostKids, this.fw.hooks);
    this.hostKids = [];
    if (this.owner) this.owner.kids.delete(this);
    this.fw.forget(this);
  }
}

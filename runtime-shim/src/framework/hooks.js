// miniport runtime: the patcher's hooks — mounting components, slots, scoped and external classes, built-ins' API.
import { Record } from './record.js';
import { dispatch } from '../dom/events.js';

/**
 * The hooks dom/patch.js calls while it patches `s`'s pages and components: which tags are
 * components, mounting, updating and unmounting them, slot contents, class scoping, built-ins.
 * @param {FrameworkState} s the framework's state (index.js)
 * @returns {object} the hooks: `component`, `mount`, `update`, `unmount`, `slot`, `classes`,
 *   `builtin`, `force`, `pending`, `builtinApi`
 */
export function createHooks(s) {
  const { options } = s;
  const hooks = {
    component: (vnode, ctx) => (ctx.using || ctx.generics ? s.resolveTag(ctx, vnode.tag) : null),
    mount(el, vnode, ctx, path) {
      const rec = new Record(s, s.definition(path, false), path, { owner: ctx, host: el });
      el.__mprec = rec;
      if (vnode.attrs && vnode.attrs['virtual-host'] !== undefined) el.setAttribute('mp-virtual', '');
      if (rec.def.options.virtualHost) el.setAttribute('mp-virtual', '');
      // exparser's order: the template is instantiated (children created first), then this
      // component's `created`, then the observers of the properties it was given.
      const given = rec.receive(vnode, true, true);
      if (!rec.template) {
        const info = s.componentInfo(path);
        if (info && info.template && !s.templates.has(info.template)) {
          // Not preloaded (a component only reachable through generics): render once it loads.
          s.prepareComponents({ x: path }).then(() => {
            rec.template = s.templates.get(info.template);
            s.schedule(rec);
          });
        }
      }
      s.queueAttach(rec);
      rec.render();
      // In `created` the properties still hold their defaults (exparser sets them afterwards).
      const data = rec.inst.data;
      const held = given.map(({ parts }) => [parts[0], data[parts[0]]]);
      for (const { parts, old } of given) data[parts[0]] = old;
      rec.lifetime('created');
      for (const [name, value] of held) data[name] = value;
      s.queueReady(rec);
      rec.afterWrite(given);
      return rec;
    },
    update(rec, vnode) {
      const old = rec.vnode;
      const changed = rec.receive(vnode, false);
      if (changed || rec.dirty || vnode.children.length || (old && old.children.length)) rec.render();
    },
    unmount(rec) {
      rec.detach();
    },
    slot(vnode, ctx) {
      if (ctx.isPage || !ctx.owner) return [[], ctx];
      const name = (vnode.attrs && vnode.attrs.name) || '';
      const multiple = Boolean(ctx.def.options.multipleSlots);
      const out = [];
      for (const node of ctx.slotted) {
        if (node === null || node === undefined || node === false) continue;
        const slot = typeof node === 'object' && node.slot !== undefined ? String(node.slot) : '';
        if (!multiple ? name === '' || name === slot : slot === name) out.push(node);
      }
      // Without multipleSlots WeChat fills only the first (default) slot.
      if (!multiple) {
        if (ctx.defaultSlotUsed && ctx.defaultSlotUsed !== vnode) return [[], ctx.owner];
        ctx.defaultSlotUsed = vnode;
      }
      return [out, ctx.owner];
    },
    classes(tokens, ctx) {
      const out = [];
      for (const t of tokens) {
        if (ctx.external && ctx.def.externalClasses.includes(t)) out.push(...(ctx.external[t] || []));
        else out.push(...ownerClass(ctx, t));
      }
      return out.join(' ');
    },
    builtin: (tag) => (options.builtin ? options.builtin(tag) : undefined),
    force: false,
    pending(tag, ctx) {
      const wait = options.pendingBuiltin ? options.pendingBuiltin(tag) : null;
      if (!wait) return false;
      wait.then(() => {
        if (!ctx.alive || !ctx.host) return;
        hooks.force = true;
        try {
          ctx.render();
        } finally {
          hooks.force = false;
        }
        s.settle();
      });
      return true;
    },
    builtinApi(el, ctx) {
      return {
        /**
         * @param {string} type
         * @param {any} [detail]
         * @param {{ result?: any, [key: string]: any }} [opts]
         */
        emit(type, detail, opts = {}) {
          const o = { ...opts };
          dispatch(el, type, detail, o);
          const model = el.__mpv && el.__mpv.model;
          if (model && detail && typeof detail === 'object') {
            const up = {};
            for (const [prop, path] of Object.entries(model)) if (prop in detail) up[path] = detail[prop];
            if (Object.keys(up).length) ctx.inst.setData(up);
          }
          return o.result;
        },
        scopeClass: (name) => ownerClass(ctx, name).join(' '),
        get owner() {
          return ctx.inst;
        },
        resolveUrl: (src) => resolveUrl(ctx, src),
      };
    },
  };

  function ownerClass(ctx, token) {
    if (!ctx || ctx.classMode === 'plain') return [token];
    const scopedToken = `${ctx.scope}--${token}`;
    return ctx.classMode === 'both' ? [token, scopedToken] : [scopedToken];
  }

  function resolveUrl(ctx, src) {
    const str = String(src == null ? '' : src);
    if (!str || /^[a-z][a-z0-9+.-]*:/i.test(str) || str.startsWith('//')) return str;
    const base = s.doc.baseURI;
    if (str.startsWith('/')) return new URL(str.slice(1), base).href;
    const dir = ctx.path.includes('/') ? ctx.path.slice(0, ctx.path.lastIndexOf('/') + 1) : '';
    return new URL(dir + str, base).href;
  }

  return hooks;
}

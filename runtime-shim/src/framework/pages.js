// miniport runtime: opening a page (its lifetimes, its first render) and mounting a component into an element.
import { Record } from './record.js';
import { releaseChildren } from '../dom/patch.js';

function collectTags(nodes, out) {
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) {
    if (Array.isArray(n)) collectTags(n, out);
    else if (n && typeof n === 'object') {
      out.add(n.tag);
      collectTags(n.children, out);
    }
  }
}

/**
 * Opens pages and mounts components of `s`'s app.
 * @param {FrameworkState} s the framework's state (index.js)
 * @returns {{
 *   openPage: (route: string, query: object | undefined, element: HTMLElement, opts?: object) => Promise<object>,
 *   mountComponent: (path: string, element: HTMLElement, props?: object) => Promise<object> }} `openPage`
 *   renders a page into `element` (its onLoad has run) and resolves to the router's handle of it;
 *   `mountComponent` mounts a component (custom tab bar, tools) and resolves to its instance
 */
export function createPages(s) {
  const { options } = s;

  async function openPage(route, query = {}, element, opts = {}) {
    const info = s.pageInfo(route);
    if (!info) throw new Error(`page "${route}" is not found`);
    await s.loadPackage(route);
    await Promise.all([s.loadTemplate(info.template), s.prepareComponents(info.usingComponents)]);
    const def = s.definition(route, true);
    const rec = new Record(s, def, route, { isPage: true, host: element });
    element.__mprec = rec;
    const inst = rec.inst;
    inst.route = route;
    inst.__route__ = route;
    inst.options = Object.assign({}, query);
    inst.getOpenerEventChannel = () => opts.eventChannel || null;
    inst.getTabBar = () => (opts.getTabBar ? opts.getTabBar() : null);
    // A page built with Component() receives its query as properties, as in WeChat.
    const props = [];
    for (const [key, value] of Object.entries(inst.options)) if (def.properties[key]) rec.write([key], value, props);
    rec.lifetime('created');
    rec.afterWrite(props);
    rec.lifetime('attached');
    rec.attached = true;
    rec.method('onLoad', [inst.options]);
    let tree;
    if (options.loadBuiltins && rec.template) {
      // The lazy built-ins the page's own template shows are fetched before its first paint;
      // the tree is drawn as it is unless setData changed the data in the meantime.
      try {
        tree = rec.tree();
      } catch {
        // Reported by the render below.
      }
      if (tree) {
        const writes = rec.writes;
        const tags = new Set();
        collectTags(tree, tags);
        await options.loadBuiltins(tags);
        if (rec.writes !== writes) tree = undefined;
      }
    }
    rec.render(tree);
    rec.dirty = false;
    s.forget(rec);
    s.flush();
    let shown = false;
    let readied = false;
    return {
      route,
      query: inst.options,
      instance: inst,
      element,
      show() {
        rec.method('onShow');
        for (const kid of rec.kids) kid.pageLifetime('show');
        if (!shown) {
          shown = true;
          const ready = () => {
            if (readied || !rec.alive) return;
            readied = true;
            s.flush();
            rec.lifetime('ready');
            rec.method('onReady');
          };
          if (typeof requestAnimationFrame === 'function' && !options.sync)
            requestAnimationFrame(() => setTimeout(ready, 0));
          else ready();
        }
      },
      hide() {
        rec.method('onHide');
        for (const kid of rec.kids) kid.pageLifetime('hide');
      },
      unload() {
        rec.method('onUnload');
        rec.alive = false;
        rec.lifetime('detached');
        releaseChildren(rec.hostKids, s.hooks);
        rec.hostKids = [];
        element.replaceChildren();
      },
      hook(name, ...args) {
        if (name === 'onResize') for (const kid of rec.kids) kid.pageLifetime('resize', args);
        return rec.method(name, args);
      },
    };
  }

  /** Mounts the component `path` into `element` (custom tab bar, tools). */
  async function mountComponent(path, element, props = {}) {
    const info = s.componentInfo(path);
    if (!info) throw new Error(`component "${path}" is not found`);
    await s.loadPackage(path);
    await Promise.all([s.loadTemplate(info.template), s.prepareComponents({ self: path })]);
    const root = {
      using: {},
      generics: {},
      scope: null,
      classMode: 'plain',
      inst: null,
      kids: new Set(),
      touched: new WeakSet(),
      depth: -1,
      isPage: true,
      path: '',
      def: { externalClasses: [] },
    };
    const vnode = { tag: element.tagName.toLowerCase(), attrs: props, children: [] };
    element.__mpv = vnode;
    element.__mpc = root;
    element.setAttribute('is', path);
    const rec = s.hooks.mount(element, vnode, root, path);
    rec.owner = null;
    rec.depth = 0;
    s.flush();
    return rec.inst;
  }

  return { openPage, mountComponent };
}

// miniport runtime: the app shell (navigation bar, page roots rendered from their templates, tab bar).
import { $, createNodes, expand } from '../render/index.js';

const loadedCss = new Map();

/** Adds the stylesheet at `href` once; resolves when it has loaded (or failed). */
function loadCss(href) {
  if (!loadedCss.has(href)) {
    loadedCss.set(href, new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = link.onerror = () => resolve();
      document.head.appendChild(link);
    }));
  }
  return loadedCss.get(href);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Resolves `@name` theme values against the light table. */
function themed(config, value) {
  if (typeof value === 'string' && value.startsWith('@') && config.theme) {
    return config.theme.light[value.slice(1)] ?? value;
  }
  return value;
}

export function createShell(config, root, hooks = {}) {
  const app = el('div', 'miniport-app');
  const navbar = el('header', 'miniport-navbar');
  const title = el('span', 'miniport-navbar-title');
  navbar.appendChild(title);
  const pagesBox = el('main', 'miniport-pages');
  app.append(navbar, pagesBox);
  root.appendChild(app);

  const pageRoots = new Map();
  let current = null;
  let tabbar = null;
  const tabItems = [];

  function applyWindow(route) {
    const win = (config.pages[route] && config.pages[route].window) || config.window || {};
    title.textContent = win.navigationBarTitleText ?? '';
    navbar.hidden = win.navigationStyle === 'custom';
    const bg = themed(config, win.navigationBarBackgroundColor);
    navbar.style.backgroundColor = bg || '';
    navbar.style.color = themed(config, win.navigationBarTextStyle) === 'white' ? '#fff' : '#000';
    document.title = win.navigationBarTitleText || document.title;
    if (hooks.onWindow) hooks.onWindow(win, bg);
  }

  function pageRoot(route) {
    let page = pageRoots.get(route);
    if (!page) {
      page = document.createElement('wx-page');
      page.setAttribute('route', route);
      page.appendChild(el('wx-view', 'miniport-placeholder', route));
      pagesBox.appendChild(page);
      pageRoots.set(route, page);
    }
    return page;
  }

  const modules = new Map();
  const rendered = new Set();
  const load = (file) => import(new URL(file, document.baseURI).href);

  /** Template modules of the components `using` names, and of theirs, each once. */
  async function loadComponents(using) {
    for (const path of Object.values(using || {})) {
      const info = config.components[path];
      if (modules.has(path) || !info) continue;
      modules.set(path, info.template ? await load(info.template) : null);
      await loadComponents(info.usingComponents);
    }
  }

  /**
   * Replaces the page's placeholder with its rendered template (initial render only; the
   * framework brings data, patching and events). `hooks.pageData(route)` may give the data.
   */
  async function renderPage(route, info) {
    if (rendered.has(route) || !info.template) return;
    rendered.add(route);
    try {
      const [module] = await Promise.all([load(info.template), loadComponents(info.usingComponents)]);
      const data = (hooks.pageData && hooks.pageData(route)) || {};
      const env = { components: config.components || {}, modules: new Map([...modules].filter(([, m]) => m)) };
      const tree = expand(module.render(data, $), { using: info.usingComponents || {} }, env);
      pageRoot(route).replaceChildren(...createNodes(document, tree));
    } catch (error) {
      console.warn(`miniport: page "${route}" could not be rendered`, error);
    }
  }

  async function show(route) {
    const info = config.pages[route];
    if (!info) throw new Error(`miniport: no page "${route}"`);
    await Promise.all([...(info.css || []).map(loadCss), renderPage(route, info)]);
    for (const [r, node] of pageRoots) node.hidden = r !== route;
    pageRoot(route).hidden = false;
    current = route;
    applyWindow(route);
    for (const item of tabItems) item.update(route);
    return route;
  }

  function buildTabBar() {
    const bar = config.tabBar;
    if (!bar || bar.custom || !Array.isArray(bar.list)) return;
    tabbar = el('nav', 'miniport-tabbar');
    tabbar.dataset.borderStyle = bar.borderStyle || 'black';
    tabbar.style.backgroundColor = themed(config, bar.backgroundColor) || '';
    for (const tab of bar.list) {
      const route = tab.pagePath.replace(/^\//, '');
      const button = el('button', 'miniport-tabbar-item');
      button.type = 'button';
      const icon = tab.iconPath ? el('img') : null;
      if (icon) { icon.alt = ''; button.appendChild(icon); }
      button.appendChild(el('span', '', tab.text || ''));
      button.addEventListener('click', () => { show(route); });
      const update = (active) => {
        const selected = active === route;
        button.setAttribute('aria-selected', String(selected));
        button.style.color = themed(config, selected ? bar.selectedColor : bar.color) || '';
        if (icon) icon.src = ((selected && tab.selectedIconPath) || tab.iconPath).replace(/^\//, '');
      };
      tabItems.push({ update });
      tabbar.appendChild(button);
    }
    app.appendChild(tabbar);
  }

  function showLibrary() {
    navbar.hidden = true;
    const list = el('ul', 'miniport-library');
    for (const path of Object.keys(config.components).filter((p) => config.components[p].entry)) {
      list.appendChild(el('li', '', path));
    }
    pagesBox.appendChild(list);
  }

  buildTabBar();
  return {
    show,
    showLibrary,
    get current() { return current; },
  };
}

// miniport runtime: the framework's loader — definitions of pages and components, their templates and script chunks.
import { defineComponent } from './define.js';
import { warn } from './app.js';

/**
 * Loads what pages and components are made of: the script chunk of their (sub)package, the
 * definition their script registers with Page()/Component(), their template module (into
 * `s.templates`) and the components they use.
 * @param {FrameworkState} s the framework's state (index.js)
 * @returns {object} `register(kind)`, `definition(path, isPage)`, `componentInfo(path)`,
 *   `pageInfo(route)`, `loadPackage(path)`, `preload(root)`, `loadTemplate(file)`,
 *   `prepareComponents(using)`, `resolveTag(rec, tag)`
 */
export function createLoader(s) {
  const { config, registry, options } = s;
  const scripts = config.scripts || {};
  const defs = new Map();
  const loading = new Map();
  const chunks = new Map();
  let registering = null;

  function register(kind) {
    return (opts) => {
      if (!registering) {
        warn(`${kind}() was called outside a page or component file; ignored`);
        return;
      }
      if (defs.has(registering.path)) return;
      defs.set(registering.path, defineComponent(opts, { isPage: kind === 'Page' }));
    };
  }

  function packageOf(path) {
    const roots = Object.keys(scripts.packages || {});
    return roots.find((r) => path === r || path.startsWith(`${r}/`)) || null;
  }

  function runChunk(file) {
    if (!chunks.has(file)) chunks.set(file, Promise.resolve(options.loadChunk ? options.loadChunk(file) : undefined));
    return chunks.get(file);
  }

  /** Loads the script chunk of the subpackage that holds `path` (once). */
  function loadPackage(path) {
    const root = packageOf(path);
    return root ? runChunk(scripts.packages[root]) : Promise.resolve();
  }

  function definition(path, isPage) {
    if (defs.has(path)) return defs.get(path);
    const id = (isPage ? scripts.pages : scripts.components || {})?.[path];
    registering = { path };
    try {
      if (id && registry && registry.has(id)) registry.require(id);
      else if (id) warn(`the script of "${path}" is not loaded`);
    } catch (error) {
      s.reportError(error);
    } finally {
      registering = null;
    }
    if (!defs.has(path)) defs.set(path, defineComponent({}, { isPage }));
    return defs.get(path);
  }

  const componentInfo = (path) => (config.components || {})[path];
  const pageInfo = (route) => (config.pages || {})[route];

  async function loadTemplate(file) {
    const templates = s.templates;
    if (!file || templates.has(file)) return;
    if (!loading.has(file)) {
      loading.set(
        file,
        Promise.resolve(options.importModule(file)).then(
          (m) => templates.set(file, m),
          (error) => {
            s.reportError(error);
            templates.set(file, null);
          },
        ),
      );
    }
    await loading.get(file);
  }

  /** Loads the template modules and scripts of `using`'s components and theirs, each once. */
  async function prepareComponents(using, seen = new Set()) {
    const jobs = [];
    for (const path of Object.values(using || {})) {
      const info = componentInfo(path);
      if (!info || seen.has(path)) continue;
      seen.add(path);
      jobs.push(loadPackage(path).then(() => loadTemplate(info.template)));
      jobs.push(prepareComponents(info.usingComponents, seen));
    }
    await Promise.all(jobs);
  }

  function resolveTag(rec, tag) {
    const path = rec.using[tag] || rec.generics[tag];
    return path && componentInfo(path) ? path : null;
  }

  return {
    register,
    definition,
    componentInfo,
    pageInfo,
    loadPackage,
    preload: (root) =>
      scripts.packages && scripts.packages[root] ? runChunk(scripts.packages[root]) : Promise.resolve(),
    loadTemplate,
    prepareComponents,
    resolveTag,
  };
}

// miniport runtime: wx's manager objects on the web — getPerformance (route timings and the browser's entries), log
// managers on the console, the update manager, createWorker.

/**
 * `taps` (route-events.js routeTaps) lets the performance object record a 'navigation' entry
 * per route, named 'appLaunch' or 'route' as WeChat names them.
 * @param {MpApiContext} [ctx]
 * @param {Set<(type: string, res: any) => void> | null} [taps] where the route events are told
 * @returns {MpApiTable}
 */
export function webManagerApis(ctx = {}, taps = null) {
  const win = ctx.win || globalThis;
  const perf = win.performance;
  const routes = [];
  let limit = 30;
  const observers = new Set();
  const starts = new Map();
  const now = () => (perf && typeof perf.now === 'function' ? perf.now() : Date.now());
  if (taps) {
    taps.add((type, res) => {
      if (type === 'BeforeAppRoute') starts.set(res.routeEventId, now());
      if (type !== 'AppRoute') return;
      const startTime = starts.get(res.routeEventId) ?? now();
      starts.delete(res.routeEventId);
      const entry = {
        entryType: 'navigation',
        name: res.openType === 'appLaunch' ? 'appLaunch' : 'route',
        path: res.path,
        navigationType: res.openType,
        startTime,
        duration: now() - startTime,
      };
      routes.push(entry);
      if (routes.length > limit) routes.shift();
      for (const o of observers) if (o.types.has('navigation')) o.cb({ getEntries: () => [entry] });
    });
  }
  const web = (type) => {
    if (!perf || typeof perf.getEntries !== 'function') return [];
    return (type ? perf.getEntriesByType(type) : perf.getEntries()).map((e) => ({
      entryType: e.entryType,
      name: e.name,
      startTime: e.startTime,
      duration: e.duration,
    }));
  };
  const all = () => [...routes, ...web()].sort((a, b) => a.startTime - b.startTime);
  let performance = null;

  // WeChat's `level` only says whether lifecycle calls are logged too; every method writes to the console.
  const logManager = () => ({
    debug: (...a) => console.debug(...a),
    info: (...a) => console.info(...a),
    log: (...a) => console.log(...a),
    warn: (...a) => console.warn(...a),
  });
  let update = null;

  return {
    getPerformance: () =>
      (performance ||= {
        getEntries: all,
        getEntriesByType: (type) => (type === 'navigation' ? [...routes, ...web('navigation')] : web(type)),
        getEntriesByName: (name, type) => all().filter((e) => e.name === name && (!type || e.entryType === type)),
        setBufferSize: (size) => {
          limit = Math.max(0, Number(size) || 0);
        },
        createObserver(cb) {
          const o = { cb, types: new Set() };
          let native = null;
          return {
            /** @param {{ entryTypes?: string[], type?: string }} [options] */
            observe({ entryTypes, type } = {}) {
              o.types = new Set(entryTypes || (type ? [type] : []));
              observers.add(o);
              const other = [...o.types].filter((t) => t !== 'navigation');
              if (other.length && typeof win.PerformanceObserver === 'function') {
                native = new win.PerformanceObserver((list) =>
                  cb({
                    getEntries: () =>
                      list.getEntries().map((e) => ({
                        entryType: e.entryType,
                        name: e.name,
                        startTime: e.startTime,
                        duration: e.duration,
                      })),
                  }),
                );
                try {
                  native.observe({ entryTypes: other });
                } catch {
                  native = null;
                }
              }
            },
            disconnect() {
              observers.delete(o);
              if (native) native.disconnect();
            },
          };
        },
      }),
    getLogManager: logManager,
    getRealtimeLogManager() {
      const make = (tag) => {
        const filters = [];
        const write =
          (k) =>
          (...args) =>
            console[k](...(tag ? [`[${tag}]`] : []), ...(filters.length ? [`{${filters.join(',')}}`] : []), ...args);
        return {
          info: write('info'),
          warn: write('warn'),
          error: write('error'),
          setFilterMsg: (m) => {
            filters.splice(0, filters.length, String(m));
          },
          addFilterMsg: (m) => {
            filters.push(String(m));
          },
        };
      };
      return Object.assign(make(''), {
        in: () => make(''),
        tag: (name) => make(String(name)),
        getCurrentState: () => ({ size: 0, maxSize: 5 * 1024, logCount: 0, maxLogCount: 200 }),
      });
    },
    getUpdateManager: () =>
      (update ||= {
        // No update channel: the next load of the page is the newest version.
        onCheckForUpdate: (cb) => {
          if (typeof cb === 'function') setTimeout(() => cb({ hasUpdate: false }), 0);
        },
        onUpdateReady() {},
        onUpdateFailed() {},
        applyUpdate: () => win.location.reload(),
      }),
    createWorker(path, options = {}) {
      if (typeof win.Worker !== 'function') throw new Error('createWorker:fail Worker is not supported');
      // WeChat paths are relative to the app root (`workers/request/index.js`) and lie in app.json's
      // `workers` folder, whose modules the compiler puts in a chunk of their own; worker-boot.js runs
      // that chunk in the worker with WeChat's `worker` global and requires the script.
      const workers = ctx.config && ctx.config.scripts && ctx.config.scripts.workers;
      const script = String(path).replace(/^\/+/, '');
      if (!workers || !workers.chunk)
        throw new Error('createWorker:fail app.json names no `workers` folder with scripts');
      if (!script.startsWith(`${workers.root}/`))
        throw new Error(`createWorker:fail ${script} is not in the workers folder ${workers.root}`);
      const boot = new URL('./worker-boot.js', import.meta.url);
      boot.hash = encodeURIComponent(
        JSON.stringify([
          new URL(workers.chunk, win.document.baseURI).href,
          script.endsWith('.js') ? script : `${script}.js`,
        ]),
      );
      const w = new win.Worker(boot.href, {
        type: 'module',
        name: options.useExperimentalWorker ? 'experimental' : 'worker',
      });
      const killed = new Set();
      w.addEventListener('error', (e) => {
        console.error(`miniport: worker ${path} failed`, e.message || e);
        for (const cb of killed) cb({});
      });
      return {
        postMessage: (message) => w.postMessage(message),
        onMessage: (cb) => w.addEventListener('message', (e) => cb(e.data)),
        onProcessKilled: (cb) => {
          if (typeof cb === 'function') killed.add(cb);
        },
        terminate: () => w.terminate(),
        testOnProcessKilled: () => {
          for (const cb of killed) cb({});
        },
        getCameraFrameData: () => undefined,
      };
    },
  };
}

// miniport runtime: the start of every wx.createWorker worker (a module worker) — WeChat's `worker` global, a module
// registry, the app's workers chunk, then the script asked for.
import { createRegistry } from '../../modules/registry.js';

const [chunk, entry] = JSON.parse(decodeURIComponent(self.location.hash.slice(1)));
// Messages may arrive while the chunk loads: they wait for the script's onMessage listeners.
const listeners = [];
let early = [];
self.addEventListener('message', (e) => {
  if (early) early.push(e.data);
  else for (const cb of listeners) cb(e.data);
});
self.worker = {
  postMessage: (message) => self.postMessage(message),
  onMessage: (cb) => {
    if (typeof cb === 'function') listeners.push(cb);
  },
  getCameraFrameData: () => undefined,
};
const registry = createRegistry({ global: self }).install(self);
// The chunk is a script of `__miniportDefine` calls; a module worker runs it through import().
await import(new URL(chunk, self.location.href).href);
registry.require(entry);
const waiting = early;
early = null;
for (const data of waiting) for (const cb of listeners) cb(data);

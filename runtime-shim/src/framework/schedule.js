// miniport runtime: setData scheduling — changed instances render in one microtask, then lifetimes and callbacks.

/**
 * The render queue of `s`'s instances.
 * @param {FrameworkState} s the framework's state (index.js)
 * @returns {{ schedule: (rec: object, callback?: Function) => void, flush: () => void, settle: () => void,
 *   forget: (rec: object) => boolean, queueAttach: (rec: object) => number, queueReady: (rec: object) => number }}
 *   `schedule` marks an instance dirty (and queues a setData callback), `flush` renders what is dirty,
 *   `settle` runs the queued attached/ready lifetimes, `forget` drops an instance from the queue,
 *   `queueAttach`/`queueReady` queue a mounted instance's lifetimes
 */
export function createScheduler(s) {
  const pending = new Set();
  let callbacks = [];
  let queued = false;
  let attachQueue = [];
  let readyQueue = [];

  function schedule(rec, callback) {
    // Before its first render an instance is drawn by whoever mounts it, not by the flush.
    if (!rec.dirty && rec.host && rec.rendered) {
      rec.dirty = true;
      pending.add(rec);
    }
    if (typeof callback === 'function') callbacks.push([rec, callback]);
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
  }

  /** Renders every instance whose data changed (owners first), then runs setData callbacks. */
  function flush() {
    queued = false;
    let rounds = 0;
    while (pending.size && rounds++ < 100) {
      const list = [...pending].sort((a, b) => a.depth - b.depth);
      pending.clear();
      for (const rec of list) if (rec.dirty && rec.alive) rec.render();
    }
    settle();
    const run = callbacks;
    callbacks = [];
    for (const [rec, cb] of run) {
      try {
        cb.call(rec.inst);
      } catch (error) {
        s.reportError(error);
      }
    }
  }

  // attached owners first (tree order), then ready in the order `created` ran (children first).
  function settle() {
    while (attachQueue.length || readyQueue.length) {
      const list = attachQueue;
      attachQueue = [];
      for (const rec of list) rec.attach();
      const ready = readyQueue;
      readyQueue = [];
      for (const rec of ready) if (rec.alive && rec.attached) rec.lifetime('ready');
    }
  }

  return {
    schedule,
    flush,
    settle,
    forget: (rec) => pending.delete(rec),
    queueAttach: (rec) => attachQueue.push(rec),
    queueReady: (rec) => readyQueue.push(rec),
  };
}

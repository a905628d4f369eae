// miniport runtime: EventChannel — the channel between a page and the page it opened with navigateTo
// (emit/on/once/off).

/**
 * One channel shared by both pages, as in WeChat: the opener's `events` listen on it, the
 * opened page reaches it through getOpenerEventChannel(), and either side's emit reaches the
 * listeners the other side registered. An event emitted while nothing listens for its name is
 * held and delivered to the first listener registered for it (the opener may emit before the
 * opened page's onLoad has subscribed).
 */
export class EventChannel {
  /**
   * @param {Record<string, (...args: any[]) => void>} [events] the opener's listeners, by event name
   */
  constructor(events) {
    this.listeners = new Map();
    this.held = [];
    for (const [name, fn] of Object.entries(events || {})) this.on(name, fn);
  }

  /**
   * @param {string} name
   * @param {(...args: any[]) => void} fn
   * @param {boolean} once
   */
  add(name, fn, once) {
    if (typeof fn !== 'function') return;
    if (!this.listeners.has(name)) this.listeners.set(name, []);
    this.listeners.get(name).push({ fn, once });
    const held = this.held.filter((e) => e.name === name);
    if (held.length) {
      this.held = this.held.filter((e) => e.name !== name);
      for (const e of held) this.emit(name, ...e.args);
    }
  }

  /**
   * @param {string} name
   * @param {(...args: any[]) => void} fn
   */
  on(name, fn) {
    this.add(name, fn, false);
  }

  /**
   * @param {string} name
   * @param {(...args: any[]) => void} fn
   */
  once(name, fn) {
    this.add(name, fn, true);
  }

  /**
   * Removes `fn` from `name`, or every listener of `name` when `fn` is not given.
   * @param {string} name
   * @param {(...args: any[]) => void} [fn]
   */
  off(name, fn) {
    if (typeof fn !== 'function') {
      this.listeners.delete(name);
      return;
    }
    const list = (this.listeners.get(name) || []).filter((l) => l.fn !== fn);
    if (list.length) this.listeners.set(name, list);
    else this.listeners.delete(name);
  }

  /**
   * @param {string} name
   * @param {...any} args
   */
  emit(name, ...args) {
    const list = this.listeners.get(name);
    if (!list || !list.length) {
      this.held.push({ name, args });
      return;
    }
    const rest = list.filter((l) => !l.once);
    if (rest.length) this.listeners.set(name, rest);
    else this.listeners.delete(name);
    for (const l of list) {
      try {
        l.fn(...args);
      } catch (error) {
        console.error(error);
      }
    }
  }
}

// miniport runtime: the smallest Telegram bridge, enough for the app shell to announce itself.

/** Sends a Mini App method to the Telegram client through whichever transport exists. */
export function postEvent(name, data) {
  const payload = data === undefined ? '' : JSON.stringify(data);
  const proxy = globalThis.TelegramWebviewProxy;
  if (proxy && typeof proxy.postEvent === 'function') {
    proxy.postEvent(name, payload);
    return true;
  }
  if (globalThis.external && typeof globalThis.external.notify === 'function') {
    globalThis.external.notify(JSON.stringify({ eventType: name, eventData: data }));
    return true;
  }
  if (globalThis.parent && globalThis.parent !== globalThis) {
    globalThis.parent.postMessage(JSON.stringify({ eventType: name, eventData: data }), '*');
    return true;
  }
  return false;
}

/** Whether launch parameters from Telegram are present in the URL hash. */
export function inTelegram() {
  return /(?:^#|&)tgWebAppVersion=/.test(globalThis.location ? location.hash : '');
}

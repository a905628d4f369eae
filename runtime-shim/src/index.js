// miniport runtime entry: boots the converted app from the config in app-config.js.
import { createShell } from './router/shell.js';
import { postEvent } from './telegram/bridge.js';

async function boot() {
  const config = globalThis.__miniportConfig;
  if (!config) throw new Error('miniport: app-config.js did not load');
  const telegram = config.target === 'telegram';
  const shell = createShell(config, document.body, {
    onWindow(win, background) {
      if (telegram && /^#[0-9a-f]{6}$/i.test(background || '')) {
        postEvent('web_app_set_header_color', { color: background });
      }
    },
  });
  if (config.mode === 'library') {
    shell.showLibrary();
  } else {
    await shell.show(config.entry);
  }
  document.documentElement.dataset.miniportReady = 'true';
  if (telegram) {
    postEvent('web_app_ready');
    postEvent('web_app_expand');
  }
  globalThis.__miniport = { shell, config };
}

boot();

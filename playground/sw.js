// miniport playground: the service worker that serves the converted app under `preview/`
// from memory (the page posts the files), with the Telegram stand-in client started first.

/** @type {Map<string, Uint8Array>} */
let files = new Map();

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  map: 'application/json; charset=utf-8',
};

/** Starts the stand-in client and reports what the app asks of Telegram to the playground. */
const TELEGRAM = `import { installTelegramMock } from './miniport/telegram/mock.js';
installTelegramMock(window, {
  answer(name, data) {
    parent.postMessage({ miniportTelegram: { name, data: data ?? null } }, '*');
    return false;
  },
});
`;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'files') {
    files = new Map(event.data.files);
    event.source?.postMessage({ type: 'files-ready' });
  }
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const base = new URL('preview/', self.registration.scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  let path = decodeURIComponent(url.pathname.slice(base.pathname.length)) || 'index.html';
  if (path.endsWith('/')) path += 'index.html';
  event.respondWith(answer(path));
});

/**
 * The response for one file of the converted app.
 * @param {string} path
 * @returns {Response}
 */
function answer(path) {
  if (path === '__playground-telegram.js') {
    return new Response(TELEGRAM, { headers: { 'content-type': TYPES.js } });
  }
  let body = files.get(path);
  if (!body) return new Response('not found', { status: 404 });
  if (path === 'index.html') {
    const html = new TextDecoder().decode(body);
    const tag = '<script type="module" src="__playground-telegram.js"></script>';
    body = new TextEncoder().encode(html.replace('<script type="module"', `${tag}\n<script type="module"`));
  }
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return new Response(body, { headers: { 'content-type': TYPES[ext] ?? 'application/octet-stream' } });
}

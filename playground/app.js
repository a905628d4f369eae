// miniport playground: converts a dropped mini-program (folder or .zip) or a bundled fixture
// with the WebAssembly compiler, lists the diagnostics with their source lines, and runs the
// output in the frame through the service worker, with the Telegram stand-in client.
import { convert, init } from './pkg/index.js';
import { readZip, stripCommonFolder } from './zip.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const status = $('status');
const frame = $('app');

/** @type {Promise<ServiceWorker>} */
const worker = (async () => {
  const registration = await navigator.serviceWorker.register('./sw.js');
  await navigator.serviceWorker.ready;
  return registration.active ?? /** @type {ServiceWorker} */ (navigator.serviceWorker.controller);
})();

/**
 * Converts `files` and shows the result.
 * @param {Map<string, Uint8Array>} files
 * @param {string} name
 * @returns {Promise<void>}
 */
async function run(files, name) {
  status.textContent = `Converting ${name} (${files.size} files)…`;
  $('diagnostics').replaceChildren();
  let conversion;
  try {
    conversion = await convert(files);
  } catch (error) {
    status.textContent = `${name}: ${error.message}`;
    return;
  }
  const { pages, errors, warnings } = conversion.summary;
  status.textContent = `${name}: ${pages} pages; ${errors} errors, ${warnings} warnings`;
  showDiagnostics(conversion.diagnostics, files);
  const sw = await worker;
  const ready = new Promise((resolve) => {
    const listen = (/** @type {MessageEvent} */ e) => {
      if (e.data?.type !== 'files-ready') return;
      navigator.serviceWorker.removeEventListener('message', listen);
      resolve(undefined);
    };
    navigator.serviceWorker.addEventListener('message', listen);
  });
  sw.postMessage({ type: 'files', files: [...conversion.files] });
  await ready;
  $('tg-back').hidden = true;
  $('tg-main').hidden = true;
  frame.src = `preview/index.html?run=${Date.now()}`;
}

/**
 * Lists the diagnostics, each with its source line and the span underlined.
 * @param {import('./pkg/index.js').Diagnostic[]} diagnostics
 * @param {Map<string, Uint8Array>} files
 */
function showDiagnostics(diagnostics, files) {
  const list = $('diagnostics');
  for (const d of diagnostics) {
    const item = document.createElement('li');
    item.className = d.severity;
    const where = d.file ? ` ${d.file}${d.line ? `:${d.line}:${d.column}` : ''}` : '';
    item.textContent = `${d.severity}[${d.code}]${where}: ${d.message}`;
    const bytes = d.file && files.get(d.file);
    if (bytes && d.line) {
      const line = new TextDecoder().decode(bytes).split('\n')[d.line - 1] ?? '';
      const width = d.end_line === d.line ? Math.max(1, (d.end_column ?? d.column) - d.column) : 1;
      const pre = document.createElement('pre');
      pre.textContent = `${line}\n${' '.repeat(d.column - 1)}${'^'.repeat(width)}`;
      item.append(pre);
    }
    if (d.hint) item.append(document.createElement('br'), `hint: ${d.hint}`);
    list.append(item);
  }
}

/**
 * The files of a dropped folder entry, by path below it.
 * @param {any} entry a FileSystemDirectoryEntry
 * @param {string} prefix
 * @param {Map<string, Uint8Array>} out
 * @returns {Promise<void>}
 */
async function readEntry(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.set(prefix + entry.name, new Uint8Array(await file.arrayBuffer()));
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await readEntry(child, `${prefix}${entry.name}/`, out);
  }
}

/**
 * A .zip file as the app's files.
 * @param {File} file
 * @returns {Promise<void>}
 */
async function runZip(file) {
  try {
    await run(stripCommonFolder(await readZip(await file.arrayBuffer())), file.name);
  } catch (error) {
    status.textContent = `${file.name}: ${error.message}`;
  }
}

$('zip').addEventListener('change', () => {
  const [file] = $('zip').files;
  if (file) runZip(file);
});
$('folder').addEventListener('change', async () => {
  const files = new Map();
  for (const file of $('folder').files) files.set(file.webkitRelativePath, new Uint8Array(await file.arrayBuffer()));
  run(stripCommonFolder(files), 'the folder');
});
const drop = $('drop');
drop.addEventListener('dragover', (/** @type {DragEvent} */ e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async (/** @type {DragEvent} */ e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const item = e.dataTransfer?.items?.[0];
  const entry = item?.webkitGetAsEntry?.();
  if (entry?.isDirectory) {
    const files = new Map();
    await readEntry(entry, '', files);
    run(stripCommonFolder(files), entry.name);
  } else if (e.dataTransfer?.files?.[0]) {
    runZip(e.dataTransfer.files[0]);
  }
});

// The bundled fixtures; the one shown is in the address (#fixture=name), to share it.
const picker = $('fixture');
picker.addEventListener('change', () => {
  if (picker.value) location.hash = `fixture=${encodeURIComponent(picker.value)}`;
});
async function fromHash() {
  const name = new URLSearchParams(location.hash.slice(1)).get('fixture');
  if (!name) return;
  picker.value = name;
  const response = await fetch(`fixtures/${encodeURIComponent(name)}.zip`);
  if (!response.ok) {
    status.textContent = `no fixture named ${name}`;
    return;
  }
  await run(stripCommonFolder(await readZip(await response.arrayBuffer())), name);
}
window.addEventListener('hashchange', fromHash);

// What the app asks of Telegram: the bar and the main button follow it.
window.addEventListener('message', (/** @type {MessageEvent} */ e) => {
  const call = e.data?.miniportTelegram;
  if (!call) return;
  if (call.name === 'web_app_setup_back_button') $('tg-back').hidden = !call.data?.is_visible;
  if (call.name === 'web_app_setup_main_button') {
    $('tg-main').hidden = !call.data?.is_visible;
    $('tg-main').textContent = call.data?.text ?? '';
  }
  if (call.name === 'web_app_set_header_color' && call.data?.color) {
    $('telegram-bar').style.setProperty('--tg-header', call.data.color);
  }
});
const press = (/** @type {string} */ event) => frame.contentWindow?.Telegram?.WebView?.receiveEvent(event);
$('tg-back').addEventListener('click', () => press('back_button_pressed'));
$('tg-main').addEventListener('click', () => press('main_button_pressed'));

await init();
const names = await fetch('fixtures/index.json').then((r) => (r.ok ? r.json() : []));
for (const name of names) picker.append(new Option(name, name));
status.textContent = 'Ready: drop a mini-program, or pick a fixture.';
await fromHash();

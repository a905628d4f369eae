// miniport runtime: <editor> on contenteditable (WeChat's Quill class names), sanitised like rich-text,
// with its EditorContext (format, insertText/Image/Divider, set/getContents with html, text and delta,
// clear, removeFormat, undo/redo, blur) reached through SelectorQuery's `context`.
import { sanitize } from './richtext.js';
import { attr, bool, node, states, text } from './util.js';

const editors = states();

const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li,blockquote,pre,div';
const INLINE = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', s: 'strike', strike: 'strike' };

/**
 * Quill's delta of the editor's content: text runs with inline formats, a "\n" per block with its formats.
 * @param {Element} root
 * @returns {{ ops: any[] }}
 */
export function deltaOf(root) {
  const ops = [];
  const push = (insert, attributes) => {
    const keys = Object.keys(attributes);
    const last = ops[ops.length - 1];
    const same =
      last && typeof last.insert === 'string' && JSON.stringify(last.attributes || {}) === JSON.stringify(attributes);
    if (same && typeof insert === 'string' && insert !== '\n' && !last.insert.endsWith('\n')) last.insert += insert;
    else ops.push(keys.length ? { insert, attributes } : { insert });
  };
  const inline = (n, fmt) => {
    if (n.nodeType === 3) {
      if (n.data) push(n.data, fmt);
      return;
    }
    if (n.nodeType !== 1) return;
    const tag = n.localName;
    if (tag === 'br') return;
    if (tag === 'img') return push({ image: n.getAttribute('src') || '' }, fmt);
    const next = { ...fmt };
    if (INLINE[tag]) next[INLINE[tag]] = true;
    if (tag === 'sub' || tag === 'sup') next.script = tag === 'sub' ? 'sub' : 'super';
    if (tag === 'a' && n.getAttribute('href')) next.link = n.getAttribute('href');
    if (n.style && n.style.color) next.color = n.style.color;
    if (n.style && n.style.backgroundColor) next.background = n.style.backgroundColor;
    if (tag === 'font' && n.getAttribute('color')) next.color = n.getAttribute('color');
    for (const c of n.childNodes) inline(c, next);
  };
  const block = (n, fmt) => {
    const tag = n.localName;
    if (tag === 'ol' || tag === 'ul') {
      for (const li of n.children) block(li, { ...fmt, list: tag === 'ol' ? 'ordered' : 'bullet' });
      return;
    }
    if (tag === 'hr') return push({ divider: true }, {});
    const own = { ...fmt };
    if (/^h[1-6]$/.test(tag)) own.header = Number(tag[1]);
    if (tag === 'blockquote') own.blockquote = true;
    const align = n.style && n.style.textAlign;
    if (align && align !== 'left' && align !== 'start') own.align = align;
    for (const c of n.childNodes) {
      if (c.nodeType === 1 && c.matches(`${BLOCKS},ol,ul,hr`)) block(c, fmt);
      else inline(c, {});
    }
    push('\n', own);
  };
  for (const n of /** @type {any[]} */ ([...root.childNodes])) {
    if (n.nodeType === 1 && n.matches(`${BLOCKS},ol,ul,hr`)) block(n, {});
    else if (n.nodeType === 3 && n.data.trim()) {
      inline(n, {});
      push('\n', {});
    }
  }
  if (!ops.length) ops.push({ insert: '\n' });
  return { ops };
}

/** HTML for a delta (what setContents({ delta }) draws); text is escaped, images sanitised later. */
function htmlOfDelta(delta) {
  const esc = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  let line = '';
  let html = '';
  let list = '';
  const close = () => {
    if (list) html += `</${list}>`;
    list = '';
  };
  for (const op of (delta && delta.ops) || []) {
    const a = op.attributes || {};
    if (typeof op.insert === 'object' && op.insert) {
      if (op.insert.image) line += `<img src="${esc(String(op.insert.image))}">`;
      if (op.insert.divider) {
        close();
        html += '<hr>';
      }
      continue;
    }
    const parts = String(op.insert).split('\n');
    parts.forEach((part, i) => {
      if (part) {
        let s = esc(part);
        if (a.bold) s = `<strong>${s}</strong>`;
        if (a.italic) s = `<em>${s}</em>`;
        if (a.underline) s = `<u>${s}</u>`;
        if (a.strike) s = `<s>${s}</s>`;
        const color = a.color ? `color:${esc(String(a.color))};` : '';
        const background = a.background ? `background-color:${esc(String(a.background))}` : '';
        if (color || background) s = `<span style="${color}${background}">${s}</span>`;
        line += s;
      }
      if (i < parts.length - 1) {
        const tag = a.header ? `h${Math.min(6, Math.max(1, Number(a.header)))}` : a.list ? 'li' : 'p';
        const style = a.align ? ` style="text-align:${esc(String(a.align))}"` : '';
        const want = a.list === 'ordered' ? 'ol' : a.list ? 'ul' : '';
        if (want !== list) {
          close();
          if (want) html += `<${want}>`;
          list = want;
        }
        html += `<${tag}${style}>${line || '<br>'}</${tag}>`;
        line = '';
      }
    });
  }
  close();
  if (line) html += `<p>${line}</p>`;
  return html;
}

/** html, text (as Quill's getText: the delta's text, embeds left out) and delta. */
function contents(e) {
  const delta = deltaOf(e.box);
  const plain = delta.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  return { html: e.box.innerHTML, text: plain, delta };
}

function blank(e) {
  const empty = !e.box.textContent && !e.box.querySelector('img,hr');
  e.box.classList.toggle('ql-blank', empty);
  if (!e.box.firstChild) e.box.innerHTML = '<p><br></p>';
}

function setHtml(e, html) {
  e.box.textContent = '';
  for (const n of sanitize(e.box.ownerDocument, html, { resolveUrl: e.api.resolveUrl })) e.box.appendChild(n);
  blank(e);
}

/** The formats at the caret, as WeChat's statuschange and getFormats report them. */
function formats(e) {
  const doc = e.box.ownerDocument;
  const sel = doc.getSelection();
  const at = sel && sel.anchorNode;
  if (!at || !e.box.contains(at)) return {};
  const out = {};
  for (const [cmd, name] of [
    ['bold', 'bold'],
    ['italic', 'italic'],
    ['underline', 'underline'],
    ['strikeThrough', 'strike'],
  ])
    if (doc.queryCommandState(cmd)) out[name] = true;
  const el = at.nodeType === 1 ? at : at.parentElement;
  const block = el && el.closest(BLOCKS);
  if (block && /^H[1-6]$/.test(block.tagName)) out.header = Number(block.tagName[1]);
  const list = el && el.closest('ol,ul');
  if (list && e.box.contains(list)) out.list = list.localName === 'ol' ? 'ordered' : 'bullet';
  const align = block && block.style.textAlign;
  if (align) out.align = align;
  return out;
}

const COMMANDS = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strike: 'strikeThrough',
  ins: 'underline',
  color: 'foreColor',
  backgroundColor: 'hiliteColor',
};

function format(e, name, value) {
  const doc = e.box.ownerDocument;
  e.box.focus();
  if (COMMANDS[name]) doc.execCommand(COMMANDS[name], false, value);
  else if (name === 'script') doc.execCommand(value === 'sub' ? 'subscript' : 'superscript');
  else if (name === 'header') {
    const n = String(value).replace(/^h/i, '');
    doc.execCommand('formatBlock', false, /^[1-6]$/.test(n) ? `h${n}` : 'p');
  } else if (name === 'align') {
    const cmd = { center: 'justifyCenter', right: 'justifyRight', justify: 'justifyFull' }[value] || 'justifyLeft';
    doc.execCommand(cmd);
  } else if (name === 'list') doc.execCommand(value === 'ordered' ? 'insertOrderedList' : 'insertUnorderedList');
  else if (name === 'indent') doc.execCommand(String(value) === '-1' ? 'outdent' : 'indent');
  else {
    // Any other CSS property (fontSize, lineHeight, margin…) goes on the blocks of the selection.
    const sel = doc.getSelection();
    const at = sel && sel.anchorNode;
    const block = at && (at.nodeType === 1 ? at : at.parentElement).closest(BLOCKS);
    if (block && e.box.contains(block))
      block.style.setProperty(
        name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        text(value),
      );
  }
  changed(e);
}

function changed(e) {
  blank(e);
  e.api.emit('input', contents(e));
  status(e);
}

function status(e) {
  const now = JSON.stringify(formats(e));
  if (now === e.status) return;
  e.status = now;
  e.api.emit('statuschange', JSON.parse(now));
}

/** WeChat's callback convention on an EditorContext method: success/fail/complete, or a promise. */
function call(name, o, run) {
  const opts = o && typeof o === 'object' ? o : {};
  let res;
  try {
    res = { errMsg: `${name}:ok`, ...(run(opts) || {}) };
  } catch (err) {
    res = { errMsg: `${name}:fail ${err && err.message ? err.message : err}` };
  }
  const ok = res.errMsg.endsWith(':ok');
  if (ok && typeof opts.success === 'function') opts.success(res);
  if (!ok && typeof opts.fail === 'function') opts.fail(res);
  if (typeof opts.complete === 'function') opts.complete(res);
  if (opts.success || opts.fail || opts.complete) return undefined;
  return ok ? Promise.resolve(res) : Promise.reject(res);
}

function context(e) {
  const doc = e.box.ownerDocument;
  const insertHtml = (html) => {
    e.box.focus();
    const nodes = sanitize(doc, html, { resolveUrl: e.api.resolveUrl });
    const holder = doc.createElement('div');
    for (const n of nodes) holder.appendChild(n);
    doc.execCommand('insertHTML', false, holder.innerHTML);
  };
  return {
    format: (name, value) => format(e, name, value),
    insertText: (o) =>
      call('insertText', o, (x) => (e.box.focus(), doc.execCommand('insertText', false, text(x.text)), changed(e))),
    insertImage: (o) =>
      call('insertImage', o, (x) => {
        const img = doc.createElement('img');
        img.setAttribute('src', text(x.src));
        if (x.alt) img.setAttribute('alt', text(x.alt));
        if (x.width) img.setAttribute('width', text(x.width).replace(/px$/, ''));
        if (x.height) img.setAttribute('height', text(x.height).replace(/px$/, ''));
        insertHtml(img.outerHTML);
        changed(e);
      }),
    insertDivider: (o) =>
      call('insertDivider', o, () => (e.box.focus(), doc.execCommand('insertHorizontalRule'), changed(e))),
    setContents: (o) =>
      call('setContents', o, (x) => {
        setHtml(e, x.delta ? htmlOfDelta(x.delta) : text(x.html));
        changed(e);
      }),
    getContents: (o) => call('getContents', o, () => contents(e)),
    getSelectionText: (o) => call('getSelectionText', o, () => ({ text: String(doc.getSelection() || '') })),
    clear: (o) => call('clear', o, () => (setHtml(e, ''), changed(e))),
    removeFormat: (o) => call('removeFormat', o, () => (e.box.focus(), doc.execCommand('removeFormat'), changed(e))),
    undo: (o) => call('undo', o, () => (e.box.focus(), doc.execCommand('undo'), changed(e))),
    redo: (o) => call('redo', o, () => (e.box.focus(), doc.execCommand('redo'), changed(e))),
    blur: (o) => call('blur', o, () => e.box.blur()),
    scrollIntoView: () => e.box.scrollIntoView({ block: 'nearest' }),
  };
}

function options(e, attrs) {
  e.attrs = attrs;
  e.box.contentEditable = bool(attr(attrs, 'read-only')) ? 'false' : 'true';
  e.box.setAttribute('data-placeholder', text(attr(attrs, 'placeholder')));
}

/** Puts the caret where a drop landed (`caretRangeFromPoint` in Chromium and WebKit, the standard one elsewhere). */
function caretAt(doc, x, y) {
  const d = /** @type {any} */ (doc);
  let range = null;
  if (typeof d.caretRangeFromPoint === 'function') range = d.caretRangeFromPoint(x, y);
  else if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    if (p) {
      range = doc.createRange();
      range.setStart(p.offsetNode, p.offset);
    }
  }
  const sel = doc.getSelection();
  if (range && sel) {
    sel.removeAllRanges();
    sel.addRange(range);
  }
}

export const editor = {
  create(el, attrs, api) {
    const root = node(el, 'div', 'ql-container');
    const box = node(root, 'div', 'ql-editor');
    const e = editors.set(el, { api, box, status: '{}', attrs });
    options(e, attrs);
    box.innerHTML = '<p><br></p>';
    blank(e);
    const doc = el.ownerDocument;
    doc.execCommand('defaultParagraphSeparator', false, 'p');
    box.addEventListener('input', () => changed(e));
    box.addEventListener('focus', () => e.api.emit('focus', contents(e)));
    box.addEventListener('blur', () => e.api.emit('blur', contents(e)));
    box.addEventListener('keyup', () => status(e));
    box.addEventListener('mouseup', () => status(e));
    // Pasted and dropped HTML is sanitised like rich-text before it enters.
    const insert = (data) => {
      const html = data.getData('text/html');
      if (html) {
        const holder = doc.createElement('div');
        for (const n of sanitize(doc, html, { resolveUrl: e.api.resolveUrl })) holder.appendChild(n);
        doc.execCommand('insertHTML', false, holder.innerHTML);
      } else doc.execCommand('insertText', false, data.getData('text/plain'));
    };
    box.addEventListener('paste', (ev) => {
      if (!ev.clipboardData) return;
      ev.preventDefault();
      insert(ev.clipboardData);
    });
    // A drag that starts in the box moves the editor's own content: the browser's move is kept.
    let inside = false;
    box.addEventListener('dragstart', () => {
      inside = true;
    });
    box.addEventListener('dragend', () => {
      inside = false;
    });
    box.addEventListener('drop', (ev) => {
      if (inside || !ev.dataTransfer) return;
      ev.preventDefault();
      caretAt(doc, ev.clientX, ev.clientY);
      if ([...ev.dataTransfer.types].some((t) => t === 'text/html' || t === 'text/plain')) insert(ev.dataTransfer);
    });
    /** @type {any} */ (el).__mpContext = context(e);
    queueMicrotask(() => e.api.emit('ready', {}));
    return { content: null };
  },
  update(el, attrs, old, api) {
    const e = editors.get(el);
    e.api = api;
    options(e, attrs);
  },
  destroy(el) {
    editors.delete(el);
  },
};

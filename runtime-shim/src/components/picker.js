// miniport runtime: <picker> (an in-page bottom sheet like WeChat's) and <picker-view>.
import { attr, bool, changed, field, node, num, states, text } from './util.js';

const pickers = states();
const pad = (n) => String(n).padStart(2, '0');

function label(item, key) {
  if (item && typeof item === 'object') return text(key ? item[key] : item);
  return text(item);
}

function toMinutes(v, fallback) {
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(text(v));
  return m ? Number(m[1]) * 60 + Number(m[2]) : fallback;
}

function dateParts(v) {
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(text(v));
  return m ? [Number(m[1]), Number(m[2] || 1), Number(m[3] || 1)] : null;
}

/** Columns (arrays of labels) and the selected indexes for the picker's mode and value. */
function model(s) {
  const { attrs } = s;
  const mode = text(attr(attrs, 'mode'), 'selector');
  const key = text(attr(attrs, 'range-key'));
  const range = attr(attrs, 'range');
  if (mode === 'multiSelector') {
    const cols = Array.isArray(range) ? range.map((c) => (Array.isArray(c) ? c : [])) : [];
    return { cols: cols.map((c) => c.map((i) => label(i, key))) };
  }
  if (mode === 'time') {
    const start = toMinutes(attr(attrs, 'start'), 0);
    const end = toMinutes(attr(attrs, 'end'), 23 * 60 + 59);
    const hours = [];
    for (let h = Math.floor(start / 60); h <= Math.floor(end / 60); h++) hours.push(pad(h));
    return { cols: [hours, Array.from({ length: 60 }, (_, i) => pad(i))] };
  }
  if (mode === 'date') {
    const now = new Date();
    const start = dateParts(attr(attrs, 'start')) || [1900, 1, 1];
    const end = dateParts(attr(attrs, 'end')) || [Math.max(now.getFullYear() + 100, 2100), 12, 31];
    const years = [];
    for (let y = start[0]; y <= end[0]; y++) years.push(String(y));
    const fields = text(attr(attrs, 'fields'), 'day');
    const cols = [years];
    if (fields !== 'year') cols.push(Array.from({ length: 12 }, (_, i) => pad(i + 1)));
    if (fields === 'day') {
      const sel = s.sel || [0, 0];
      const year = Number(years[sel[0]] || start[0]);
      const days = new Date(year, (sel[1] || 0) + 1, 0).getDate();
      cols.push(Array.from({ length: days }, (_, i) => pad(i + 1)));
    }
    return { cols };
  }
  if (mode === 'region') {
    // Region data is not shipped: the columns hold the current value (and custom-item).
    const v = Array.isArray(attr(attrs, 'value')) ? attr(attrs, 'value') : [];
    const custom = text(attr(attrs, 'custom-item'));
    return { cols: [0, 1, 2].map((i) => [...(custom ? [custom] : []), ...(v[i] ? [text(v[i])] : [])]) };
  }
  return { cols: [Array.isArray(range) ? range.map((i) => label(i, key)) : []] };
}

function selectionFromValue(s) {
  const { attrs } = s;
  const mode = text(attr(attrs, 'mode'), 'selector');
  const value = attr(attrs, 'value');
  if (mode === 'multiSelector') return (Array.isArray(value) ? value : []).map((v) => num(v, 0));
  if (mode === 'time') {
    const cols = model(s).cols;
    const t = toMinutes(value, toMinutes(attr(attrs, 'start'), 0));
    return [Math.max(0, cols[0].indexOf(pad(Math.floor(t / 60)))), t % 60];
  }
  if (mode === 'date') {
    const years = model({ attrs, sel: [0, 0] }).cols[0];
    const now = new Date();
    const [y, m, d] = dateParts(value) || [now.getFullYear(), now.getMonth() + 1, now.getDate()];
    return [Math.max(0, years.indexOf(String(y))), m - 1, d - 1];
  }
  if (mode === 'region') {
    return [0, 0, 0].map((_, i) =>
      text(attr(attrs, 'custom-item')) && !(Array.isArray(value) && value[i]) ? 0 : model(s).cols[i].length - 1,
    );
  }
  return [num(value, 0)];
}

/** The value WeChat reports for the current selection. */
function selectedValue(s, sel) {
  const mode = text(attr(s.attrs, 'mode'), 'selector');
  const cols = model({ attrs: s.attrs, sel }).cols;
  if (mode === 'multiSelector') return sel.slice(0, cols.length);
  if (mode === 'time') return `${cols[0][sel[0]] || '00'}:${cols[1][sel[1]] || '00'}`;
  if (mode === 'date') return cols.map((c, i) => c[Math.min(sel[i], c.length - 1)]).join('-');
  if (mode === 'region') return cols.map((c, i) => c[sel[i]] || '');
  return sel[0];
}

function close(s) {
  if (!s.sheet) return;
  s.sheet.remove();
  s.sheet = null;
}

function renderColumns(s) {
  const { cols } = model({ attrs: s.attrs, sel: s.draft });
  const body = s.body;
  body.textContent = '';
  cols.forEach((col, c) => {
    s.draft[c] = Math.min(Math.max(0, s.draft[c] || 0), Math.max(0, col.length - 1));
    const group = node(body, 'div', 'wx-picker-group');
    node(group, 'div', 'wx-picker-mask');
    node(group, 'div', 'wx-picker-indicator');
    const content = node(group, 'div', 'wx-picker-content');
    col.forEach((labelText, i) => {
      const item = node(content, 'div', i === s.draft[c] ? 'wx-picker-item wx-picker-item-selected' : 'wx-picker-item');
      item.textContent = labelText;
      item.addEventListener('click', () => pick(s, c, i));
    });
    content.style.transform = `translateY(${(3 - s.draft[c]) * 34}px)`;
    group.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        pick(s, c, Math.min(col.length - 1, Math.max(0, s.draft[c] + Math.sign(e.deltaY))));
      },
      { passive: false },
    );
  });
}

/** Selects row `i` of column `c` in the open sheet. */
function pick(s, c, i) {
  if (s.draft[c] === i) return;
  s.draft[c] = i;
  const mode = text(attr(s.attrs, 'mode'), 'selector');
  if (mode === 'multiSelector') s.api.emit('columnchange', { column: c, value: i });
  renderColumns(s);
}

function open(el, s) {
  if (s.sheet || bool(attr(s.attrs, 'disabled'))) return;
  const doc = el.ownerDocument;
  const sheet = node(doc.body, 'div', 'wx-picker-container');
  const mask = node(sheet, 'div', 'wx-picker-mask-layer');
  const panel = node(sheet, 'div', 'wx-picker');
  const hd = node(panel, 'div', 'wx-picker-hd');
  const cancel = node(hd, 'div', 'wx-picker-action wx-picker-action-cancel');
  cancel.textContent = text(attr(s.attrs, 'cancel-text'), '取消');
  const title = node(hd, 'div', 'wx-picker-title');
  title.textContent = text(attr(s.attrs, 'header-text'));
  const ok = node(hd, 'div', 'wx-picker-action wx-picker-action-confirm');
  ok.textContent = text(attr(s.attrs, 'confirm-text'), '确定');
  s.body = node(panel, 'div', 'wx-picker-bd');
  s.sheet = sheet;
  s.draft = [...s.sel];
  renderColumns(s);
  const dismiss = () => {
    close(s);
    s.api.emit('cancel', {});
  };
  mask.addEventListener('click', dismiss);
  cancel.addEventListener('click', dismiss);
  ok.addEventListener('click', () => {
    s.sel = [...s.draft];
    close(s);
    const value = selectedValue(s, s.sel);
    const detail = { value };
    if (text(attr(s.attrs, 'mode')) === 'region') Object.assign(detail, { code: [], postcode: '' });
    s.api.emit('change', detail);
  });
}

export const picker = {
  create(el, attrs, api) {
    const s = pickers.set(el, { attrs, api, sel: [], sheet: null });
    s.sel = selectionFromValue(s);
    s.click = () => open(el, s);
    el.addEventListener('click', s.click);
    field(
      el,
      () => text(attr(s.attrs, 'name')),
      () => selectedValue(s, s.sel),
      () => {
        s.sel = selectionFromValue(s);
      },
    );
  },
  update(el, attrs, old, api) {
    const s = pickers.get(el);
    Object.assign(s, { attrs, api });
    if (['value', 'mode', 'range', 'start', 'end', 'fields'].some((k) => changed(attrs, old, k)))
      s.sel = selectionFromValue(s);
  },
  destroy(el) {
    const s = pickers.get(el);
    if (s) {
      el.removeEventListener('click', s.click);
      close(s);
    }
    pickers.delete(el);
    delete el.__mpField;
  },
};

/**
 * Opens the sheet of a picker element (for tests and tools); returns the sheet element.
 * @param {Element} el
 * @returns {HTMLElement | null}
 */
export function openPicker(el) {
  const s = pickers.get(el);
  if (!s) return null;
  open(el, s);
  return s.sheet;
}

// picker-view: columns scroll with snapping; the middle row is the selection.
const views = states();
const columns = states();
const ITEM = 34;

function viewColumns(view) {
  return [...view.querySelectorAll('wx-picker-view-column')].filter(
    (c) => columns.get(c) && c.closest('wx-picker-view') === view,
  );
}

function itemHeight(col) {
  const first = columns.get(col).content.firstElementChild;
  return (first && first.getBoundingClientRect().height) || ITEM;
}

function scrollColumn(col, index) {
  const s = columns.get(col);
  s.index = index;
  s.scroller.scrollTop = index * itemHeight(col);
}

function viewValue(view) {
  return viewColumns(view).map((c) => columns.get(c).index);
}

function applyViewValue(view, attrs) {
  const value = attr(attrs, 'value');
  if (!Array.isArray(value)) return;
  viewColumns(view).forEach((col, i) => scrollColumn(col, num(value[i], 0)));
}

export const pickerView = {
  create(el, attrs, api) {
    views.set(el, { attrs, api });
    queueMicrotask(() => applyViewValue(el, attrs));
  },
  update(el, attrs, old, api) {
    Object.assign(views.get(el), { attrs, api });
    if (changed(attrs, old, 'value')) applyViewValue(el, attrs);
  },
  destroy(el) {
    views.delete(el);
  },
};

/**
 * A picker-view column settled on row `index` (called after its scrolling stops).
 * @param {HTMLElement} col
 * @param {number} index
 */
export function settleColumn(col, index) {
  const s = columns.get(col);
  const view = col.closest('wx-picker-view');
  if (!s || s.index === index) return;
  s.index = index;
  const v = view && views.get(view);
  if (v) v.api.emit('change', { value: viewValue(view) });
}

export const pickerViewColumn = {
  create(el) {
    const group = node(el, 'div', 'wx-picker-view-group');
    const scroller = node(group, 'div', 'wx-picker-view-scroller');
    node(group, 'div', 'wx-picker-view-mask');
    node(group, 'div', 'wx-picker-view-indicator');
    const content = node(scroller, 'div', 'wx-picker-view-content');
    const s = columns.set(el, { scroller, content, index: 0, timer: 0 });
    const win = el.ownerDocument.defaultView;
    scroller.addEventListener(
      'scroll',
      () => {
        if (!s.picking) {
          s.picking = true;
          const view = el.closest('wx-picker-view');
          if (view && views.get(view)) views.get(view).api.emit('pickstart', {});
        }
        win.clearTimeout(s.timer);
        s.timer = win.setTimeout(() => {
          s.picking = false;
          const h = itemHeight(el);
          const count = content.children.length;
          settleColumn(el, Math.max(0, Math.min(count - 1, Math.round(scroller.scrollTop / h))));
          const view = el.closest('wx-picker-view');
          if (view && views.get(view)) views.get(view).api.emit('pickend', {});
        }, 120);
      },
      { passive: true },
    );
    return { content };
  },
  update() {},
  destroy(el) {
    const s = columns.get(el);
    if (s) el.ownerDocument.defaultView.clearTimeout(s.timer);
    columns.delete(el);
  },
};

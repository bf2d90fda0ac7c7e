// Emulator: the console's DOM helpers (/console/dom.js): elements, tables, forms, messages.

/// Builds every element with `createElement` and text nodes: the CSP requires Trusted Types, so
/// no string ever becomes markup, and data from the APIs cannot inject any.
enum ConsoleDOMScript {
    static let js = #"""
// Console: DOM building without markup strings, and the portal's small widgets.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = true;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  add(el, children);
  return el;
}

export function add(el, ...children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  return add(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/// The key vault resource icon, drawn with SVG nodes.
export function vaultIcon(size = 24) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 18 18');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const shapes = [
    ['circle', { cx: 9, cy: 9, r: 8.5, fill: '#0078d4' }],
    ['circle', { cx: 9, cy: 9, r: 6, fill: '#fff' }],
    ['circle', { cx: 9, cy: 7.2, r: 2.2, fill: '#ffb900' }],
    ['rect', { x: 8.1, y: 8.5, width: 1.8, height: 5, rx: 0.4, fill: '#ffb900' }],
  ];
  for (const [tag, attrs] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
    svg.append(shape);
  }
  return svg;
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

export function button(text, onclick, { primary = false, disabled = false, id, testid } = {}) {
  return h('button', { type: 'button', class: primary ? 'btn primary' : 'btn', onclick, disabled, id, 'data-testid': testid }, text);
}

export function commandBar(...items) {
  return h('div', { class: 'command-bar', role: 'toolbar' }, items.map(([glyph, text, onclick, testid]) =>
    h('button', { type: 'button', class: 'command', onclick, 'data-testid': testid },
      h('span', { class: 'glyph', 'aria-hidden': 'true' }, glyph), text)));
}

/// A table; `columns` are [heading, row => cell]. `empty` is shown when there are no rows.
export function table(columns, rows, { empty = 'No results.', testid, rowClick } = {}) {
  const head = h('thead', {}, h('tr', {}, columns.map(([title]) => h('th', { scope: 'col' }, title))));
  const body = h('tbody', {}, rows.map((row) => {
    const tr = h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))));
    if (rowClick) { tr.classList.add('clickable'); tr.addEventListener('click', () => rowClick(row, tr)); }
    return tr;
  }));
  if (rows.length === 0) body.append(h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, empty)));
  return h('table', { class: 'grid', 'data-testid': testid }, head, body);
}

/// One labelled row of a form, as the portal lays them out: label left, control right.
export function field(label, control, { required = false, hint, id } = {}) {
  if (id && !control.id) control.id = id;
  return h('div', { class: 'form-row' },
    h('label', { class: 'form-label', for: control.id || undefined }, label, required ? h('span', { class: 'required' }, ' *') : null),
    h('div', { class: 'form-control' }, control, hint ? h('div', { class: 'hint' }, hint) : null));
}

export function section(title, ...children) {
  return h('section', { class: 'form-section' }, h('h2', {}, title), children);
}

export function radios(name, options, selected, onchange) {
  return h('div', { class: 'radios', role: 'radiogroup' }, options.map(([value, text, disabled]) =>
    h('label', { class: disabled ? 'radio disabled' : 'radio' },
      h('input', { type: 'radio', name, value, checked: value === selected, disabled, onchange }), ' ', text)));
}

export function radioValue(root, name) {
  const checked = root.querySelector(`input[name="${name}"]:checked`);
  return checked ? checked.value : null;
}

/// An API error as the portal shows one: status line, code, inner code and message.
export function errorBox(error, title) {
  const rows = [];
  if (error.code) rows.push(h('div', {}, h('span', { class: 'k' }, 'Code: '), h('span', { class: 'error-code' }, error.code)));
  if (error.innerCode) rows.push(h('div', {}, h('span', { class: 'k' }, 'Inner error: '), h('span', { class: 'error-inner' }, error.innerCode)));
  rows.push(h('div', {}, h('span', { class: 'k' }, 'Message: '), h('span', { class: 'error-message' }, error.message || String(error))));
  return h('div', { class: 'message-bar error', role: 'alert', 'data-testid': 'error' },
    h('span', { class: 'bar-glyph', 'aria-hidden': 'true' }, '\u2716'),
    h('div', {}, h('div', { class: 'error-title' }, title || error.title || 'Error'), rows));
}

export function infoBar(text, kind = 'info') {
  const glyph = { info: '\u2139', success: '\u2714', warning: '\u26a0' }[kind] || '\u2139';
  return h('div', { class: `message-bar ${kind}`, role: 'status' }, h('span', { class: 'bar-glyph', 'aria-hidden': 'true' }, glyph), h('div', {}, text));
}

export function loading(text = 'Loading...') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/// A toast in the notification area, like the portal's bell notifications.
export function notify(kind, title, text) {
  const area = document.getElementById('notifications');
  const card = h('div', { class: `toast ${kind}`, role: 'status', 'data-testid': 'notification' },
    h('div', { class: 'toast-title' }, kind === 'success' ? '\u2714 ' : '\u2716 ', title), h('div', {}, text),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', onclick: () => card.remove() }, '\u00d7'));
  area.append(card);
  while (area.children.length > 2) area.firstElementChild.remove();
  setTimeout(() => card.remove(), 5000);
}

/// Unix seconds as the portal shows dates: 1/31/2027, 12:00:00 PM in the browser's locale.
export function formatDate(seconds) {
  if (seconds === undefined || seconds === null) return '';
  return new Date(seconds * 1000).toLocaleString('en-US');
}

export function formatUTC(seconds) {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/// Tabs whose panels all stay in the DOM, so form values survive switching.
export function tabs(names, onselect, selected = 0) {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  const buttons = names.map((name, index) => h('button', {
    type: 'button', role: 'tab', class: 'tab', 'data-tab': index,
    onclick: () => onselect(index),
  }, name));
  add(bar, buttons);
  bar.select = (index) => buttons.forEach((b, i) => {
    b.classList.toggle('selected', i === index);
    b.setAttribute('aria-selected', String(i === index));
  });
  bar.select(selected);
  return bar;
}
"""#
}

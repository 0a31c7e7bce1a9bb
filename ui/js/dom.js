// Building DOM from data without innerHTML, so a name can never become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/// Replaces everything inside `el`.
export function fill(el, ...children) {
  el.replaceChildren();
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/// A table with a caption, header cells with scope, and one row per item.
export function table(caption, columns, rows, rowAttrs = () => ({})) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.title)))),
    h('tbody', {}, rows.map((row) =>
      h('tr', rowAttrs(row), columns.map((c) => {
        const cell = c.cell(row);
        return h('td', c.attrs ? c.attrs(row) : {}, cell);
      })))));
}

/// "Showing 51–100 of 10,412" with Previous and Next, for a long list
/// sent a page at a time. `go(offset)` fetches and draws another page.
export function pager(page, noun, go) {
  if (page.total <= page.limit) return null;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  const n = (x) => x.toLocaleString('en-GB');
  const button = (label, offset, disabled) => h('button', {
    type: 'button', class: 'secondary small', disabled,
    onclick: () => go(offset),
  }, label);
  return h('nav', { class: 'pager', 'aria-label': `Pages of ${noun}` },
    button('← Previous', Math.max(0, page.offset - page.limit), page.offset === 0),
    h('span', { class: 'pager-position', role: 'status' }, `Showing ${n(first)}–${n(last)} of ${n(page.total)} ${noun}`),
    button('Next →', page.offset + page.limit, last >= page.total));
}

/// After a new page is drawn: the reader starts at its top, and so does
/// keyboard focus (the table is focusable for this, not tabbable).
export function toPageTop(container) {
  const t = container.querySelector('table');
  if (!t) return;
  t.tabIndex = -1;
  t.focus({ preventScroll: true });
  t.scrollIntoView({ block: 'start' });
}

/// Says something to screen-reader users without moving focus.
export function announce(text) {
  const el = document.getElementById('announcer');
  el.textContent = '';
  // A fresh text node after a tick makes screen readers speak it again.
  setTimeout(() => { el.textContent = text; }, 50);
}

export function errorBlock(error) {
  return h('p', { class: 'error', role: 'alert' }, error.message);
}

/// "Saved to …" with an "Open it" button, after the app has written a file.
export function savedNotice(what, path, openLast) {
  const open = h('button', { type: 'button', class: 'secondary small', 'data-action': 'open-file' }, 'Open it');
  open.addEventListener('click', () => openLast().catch((e) => { open.replaceWith(errorBlock(e)); }));
  return h('p', { class: 'ok', role: 'status' }, `Saved ${what} to ${path}. `, open);
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/// A modal dialog: the rest of the window is inert while it is open, Tab
/// and Shift+Tab cycle inside it, Escape or Close closes it, and focus goes
/// back to `opener` (or to the content if that is gone). Returns the
/// `<dialog>`; it removes itself when closed.
export function modal({ id, title, body, actions = [], opener, initialFocus, onClose }) {
  const titleId = `${id}-title`;
  const close = h('button', { type: 'button', class: 'secondary small dialog-close', id: `${id}-close` }, 'Close');
  const dialog = h('dialog', { id, class: 'modal', 'aria-labelledby': titleId },
    h('div', { class: 'modal-head' }, h('h2', { id: titleId }, title), close),
    h('div', { class: 'modal-body' }, body),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
  close.addEventListener('click', () => dialog.close());
  // showModal makes the page inert, but Tab can still leave the web view
  // for the window's own chrome; keep it inside the dialog.
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    const back = opener?.isConnected ? opener : document.getElementById('main');
    back?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  (initialFocus ?? actions.find((a) => !a.disabled) ?? close).focus();
  return dialog;
}

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

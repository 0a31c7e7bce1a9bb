// Form fields with their error messages beside them, and the mapping of a
// rejected request's problems onto those fields.

import { h } from './dom.js';

let counter = 0;

/// A labelled field. `options` ([value, label] pairs) makes a select;
/// `type: 'textarea'` a text area. Returns the wrapper; the control is
/// `wrapper.control`.
export function field({ name, label, type = 'text', value = '', hint, options, required, autocomplete = 'off', id: fixedId }) {
  const id = fixedId ?? `f-${name}-${++counter}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  let control;
  if (options) {
    control = h('select', { id, name },
      options.map(([v, l]) => h('option', { value: v, selected: String(v) === String(value) }, l)));
  } else if (type === 'textarea') {
    control = h('textarea', { id, name, rows: 3 }, value);
  } else if (type === 'date') {
    // Typed the British way (22/11/2026) whatever the computer's locale: a
    // native date box follows the system and shows 11/22/2026 on many.
    control = h('input', {
      id, name, type: 'text', value: britishDate(value), autocomplete: 'off',
      inputmode: 'numeric', placeholder: 'dd/mm/yyyy', size: 12, class: 'date',
    });
  } else {
    control = h('input', { id, name, type, value, autocomplete, dir: type === 'text' ? 'auto' : null });
  }
  if (required) control.setAttribute('aria-required', 'true');
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'required' }, ' (required)') : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, 'data-error-for': name }));
  wrapper.control = control;
  return wrapper;
}

/// Values of every named control in `form`, as text.
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll('[name]')) {
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}

export function clearProblems(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-error');
  if (summary) summary.textContent = '';
}

/// Puts each problem beside its field; anything without a field goes in the
/// form's own message. Focus moves to the first field in trouble.
export function showProblems(form, error) {
  clearProblems(form);
  let first = null;
  const unplaced = [];
  for (const p of error.problems?.length ? error.problems : [{ field: '', message: error.message }]) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(p.field)}"]`);
    const control = form.querySelector(`[name="${CSS.escape(p.field)}"]`);
    if (slot && control) {
      slot.textContent = p.message;
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else {
      unplaced.push(p.field ? `${p.field}: ${p.message}` : p.message);
    }
  }
  let summary = form.querySelector('.form-error');
  if (!summary) {
    summary = h('p', { class: 'form-error error', role: 'alert' });
    form.prepend(summary);
  }
  summary.textContent = unplaced.length ? unplaced.join(' ') : 'Please correct the fields marked below.';
  (first ?? summary).focus?.();
}

/// "2026-11-22" → "22/11/2026"; anything else is left as typed.
export function britishDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (value ?? '');
}

// The day, as the shell's one clock has it (the page never reads a clock
// of its own, so what a form suggests is the day the core checks against).
// main.js sets it before each screen is drawn.
let clock = { date: '', last_quarter: '' };

export function setClock(value) {
  clock = value;
}

/// Today in ISO form (2026-11-22).
export function today() {
  return clock.date;
}

/// The quarter just gone, e.g. "2026-Q3" in November 2026.
export function lastQuarter() {
  return clock.last_quarter;
}

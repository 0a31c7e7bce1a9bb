// The attendance register of a meeting, editable: presence, and for those
// present the item they arrived at or left before (late arrivals and early
// departures change the quorum item by item); each line's role or
// organisation, in person or remote, the items a guest attends for, the
// secretariat and the minute-taker; and who is in the chair. Used on the
// meeting page and while taking minutes.

import { meetings } from '../api.js';
import { errorBlock, h, table } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';
import { choices, labelOf } from '../choices.js';

/// The list last changed. Each change redraws the screen, and a closed
/// list changes with every arrow key: the redrawn register gives focus
/// back to that list, so a keyboard user keeps their place and the next
/// arrow press still counts.
let refocus = null;
function keepFocus(select) {
  const label = select.getAttribute('aria-label');
  if (refocus !== label) return select;
  // After the router has focused the new screen's content.
  setTimeout(() => {
    if (refocus === label && select.isConnected) {
      refocus = null;
      select.focus();
    }
  }, 0);
  return select;
}

/// Who a line is: an anonymised attendee by their role.
function who(r) {
  return r.anonymous ? r.role : r.name;
}

/// The capacities a line may take: a member on the roster counts as a
/// member or supports the meeting; a police contact or guest is in
/// attendance or supports it.
function capacitiesFor(r) {
  const allowed = r.roster_member ? ['member', 'secretariat'] : ['in_attendance', 'secretariat'];
  return choices('capacities').filter(([v]) => allowed.includes(v));
}

/// The line's details, folded away: role or organisation, capacity, in
/// person or remote, the items a guest attends for, minute-taking.
function detailsCell(r, id, refresh, locked) {
  const summary = [
    r.role,
    r.capacity === 'secretariat' ? 'secretariat' : '',
    r.mode === 'remote' ? 'remote' : '',
    r.for_items ?? '',
    r.takes_minutes ? 'takes the minutes' : '',
  ].filter(Boolean).join(' · ') || 'Add details';
  const takes = h('input', { type: 'checkbox', name: 'takes_minutes', checked: r.takes_minutes });
  const form = h('form', { novalidate: true, class: 'line-form', 'data-line': r.line },
    field({ name: 'role', label: `Role or organisation (${who(r)})`, value: r.form.role, hint: r.person_id && r.capacity === 'in_attendance' ? 'Empty: their rank from the roster.' : null }),
    field({ name: 'capacity', label: 'Capacity', options: capacitiesFor(r), value: r.form.capacity }),
    field({ name: 'mode', label: 'Attends', options: choices('attendance_modes'), value: r.form.mode }),
    r.capacity === 'member' ? null : field({ name: 'for_items', label: 'For items', value: r.form.for_items, hint: 'Empty for the whole meeting; 2, or 3-4.' }),
    h('label', { class: 'check' }, takes, 'Takes the minutes'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary small' }, 'Save details')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    const v = values(form);
    try {
      await meetings.setLine(id, r.line, { ...v, takes_minutes: takes.checked });
      refresh();
    } catch (err) {
      showProblems(form, err);
    }
  });
  if (locked) for (const el of form.elements) el.disabled = true;
  return h('details', { 'data-who': who(r) }, h('summary', { 'aria-label': `Details of ${who(r)}: ${summary}` }, summary), form);
}

/// Who is in the chair: the group's chair when present, or a member
/// present chosen for the day.
export function chairForm(m, id, refresh, locked = false) {
  const present = m.register.filter((r) => r.capacity === 'member' && r.presence === 'present');
  const sel = h('select', { id: 'meeting-chair', name: 'chair' },
    h('option', { value: '', selected: m.chaired_by == null }, 'The group’s chair, if present'),
    present.map((r) => h('option', { value: r.person_id, 'data-name': r.name, selected: m.chaired_by === r.person_id }, r.name)));
  const box = h('div', { class: 'field' }, h('label', { for: 'meeting-chair' }, 'In the chair'), sel);
  sel.addEventListener('change', async () => {
    try {
      await meetings.setChair(id, sel.value === '' ? null : Number(sel.value));
      refresh();
    } catch (e) {
      if (sel.nextElementSibling?.matches('.error')) sel.nextElementSibling.remove();
      sel.after(errorBlock(e));
    }
  });
  if (locked) sel.disabled = true;
  return box;
}

/// `refresh` redraws the screen after a change; `locked` (approved
/// minutes) shows the register without letting it change.
export function registerTable(m, id, refresh, locked = false) {
  return table('Attendance register', [
    {
      title: 'Name',
      cell: (r) => [h('bdi', {}, who(r)), r.in_the_chair ? h('span', { class: 'tag' }, ' In the chair') : null],
      attrs: () => ({ class: 'name' }),
    },
    { title: 'Capacity', cell: (r) => labelOf('capacities', r.capacity) },
    {
      title: 'Attendance',
      cell: (r) => {
        if (!r.person_id) return r.presence_label;
        const sel = h('select', { 'aria-label': `Attendance of ${r.name}`, class: 'presence' },
          choices('presences')
            .map(([v, l]) => h('option', { value: v, selected: v === r.presence }, l)));
        sel.addEventListener('change', async () => {
          try {
            await meetings.setPresence(id, r.person_id, sel.value, r.arrived_at, r.left_at);
            refocus = sel.getAttribute('aria-label');
            refresh();
          } catch (e) {
            // The list stays (and keeps focus); the error is read out beside it.
            if (sel.nextElementSibling?.matches('.error')) sel.nextElementSibling.remove();
            sel.after(errorBlock(e));
          }
        });
        if (locked) sel.disabled = true;
        return keepFocus(sel);
      },
    },
    {
      title: 'Arrived / left',
      cell: (r) => {
        if (!r.person_id || r.presence !== 'present') return '—';
        // Late arrivals and early departures change the quorum item by item.
        // Leaving "at item 1" is leaving before the meeting began: the
        // minutes say "left prior to the meeting commencing".
        const options = (none, key) => [['', none], ...m.items.map((it, i) => [String(i),
          key === 'left' && i === 0 ? `before item ${it.number}` : `at item ${it.number}`])];
        const pick = (label, value, key) => {
          const s = h('select', { 'aria-label': `${label} (${r.name})`, class: 'presence', 'data-field': key },
            options(key === 'arrived' ? 'from the start' : 'stayed to the end', key).map(([v, l]) => h('option', { value: v, selected: String(value ?? '') === v }, l)));
          if (locked) s.disabled = true;
          s.addEventListener('change', async () => {
            const arrived = key === 'arrived' ? (s.value === '' ? null : Number(s.value)) : r.arrived_at;
            const left = key === 'left' ? (s.value === '' ? null : Number(s.value)) : r.left_at;
            try {
              await meetings.setPresence(id, r.person_id, r.presence, arrived, left);
              refocus = s.getAttribute('aria-label');
              refresh();
            } catch (e) {
              // The list stays (and keeps focus); the error is read out beside it.
              if (s.nextElementSibling?.matches('.error')) s.nextElementSibling.remove();
              s.after(errorBlock(e));
            }
          });
          return keepFocus(s);
        };
        return [pick('Arrived', r.arrived_at, 'arrived'), ' ', pick('Left', r.left_at, 'left')];
      },
    },
    { title: 'Details', cell: (r) => detailsCell(r, id, refresh, locked) },
  ], m.register);
}

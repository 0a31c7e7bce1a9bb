// The attendance register of a meeting, editable: presence, and for those
// present the item they arrived at or left before (late arrivals and early
// departures change the quorum item by item). Used on the meeting page and
// while taking minutes.

import { meetings } from '../api.js';
import { errorBlock, h, table } from '../dom.js';
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

/// `refresh` redraws the screen after a change; `locked` (approved
/// minutes) shows the register without letting it change.
export function registerTable(m, id, refresh, locked = false) {
  return table('Attendance register', [
    { title: 'Name', cell: (r) => h('bdi', {}, r.name), attrs: () => ({ class: 'name' }) },
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
        const options = (none) => [['', none], ...m.items.map((it, i) => [String(i), `at item ${it.number}`])];
        const pick = (label, value, key) => {
          const s = h('select', { 'aria-label': `${label} (${r.name})`, class: 'presence', 'data-field': key },
            options(key === 'arrived' ? 'from the start' : 'stayed to the end').map(([v, l]) => h('option', { value: v, selected: String(value ?? '') === v }, l)));
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
  ], m.register);
}

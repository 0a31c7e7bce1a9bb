// Meetings: every group's meetings, upcoming first, then the past year.

import { meetings } from '../api.js';
import { h, table } from '../dom.js';

export const title = 'Meetings';

const columns = [
  { title: 'When', cell: (m) => m.when },
  { title: 'Group', cell: (m) => m.group_name },
  { title: 'Kind', cell: (m) => m.kind_label },
  { title: 'Venue', cell: (m) => m.venue },
  { title: 'Status', cell: (m) => m.status_label },
];

export async function render() {
  const all = await meetings.list();
  const upcoming = all.filter((m) => m.upcoming);
  const past = all.filter((m) => !m.upcoming);
  return h('div', {},
    h('h1', {}, 'Meetings'),
    h('h2', {}, `Coming up (${upcoming.length})`),
    upcoming.length ? table('Meetings coming up, soonest first', columns, upcoming) : h('p', { class: 'empty' }, 'No meetings are planned.'),
    h('h2', {}, `Held (${past.length})`),
    past.length ? table('Meetings held, most recent first', columns, past) : h('p', { class: 'empty' }, 'No meetings have been held yet.'));
}

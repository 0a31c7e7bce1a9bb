// Records: what each held meeting has on record. Minutes, decisions, advice
// and actions are added by the minutes work; until then this lists the held
// meetings and says plainly that no minutes are recorded.

import { meetings } from '../api.js';
import { h, table } from '../dom.js';

export const title = 'Records';

export async function render() {
  const held = (await meetings.list()).filter((m) => !m.upcoming);
  return h('div', {},
    h('h1', {}, 'Records'),
    h('p', {}, 'Minutes, decisions, advice and actions are kept per meeting. Confidential matters stay in the members’ annex and never reach a public record.'),
    held.length === 0
      ? h('p', { class: 'empty' }, 'No meetings have been held yet, so there is nothing on record.')
      : table('Meetings held and their record', [
        { title: 'When', cell: (m) => m.when },
        { title: 'Group', cell: (m) => m.group_name },
        { title: 'Record', cell: (m) => m.status_label },
        { title: 'Minutes', cell: () => 'None recorded yet' },
      ], held));
}

// Dashboard: the vault's figures and the meetings coming up. Later issues
// add what needs doing (overdue groups, actions, expiring vetting).

import { demo, meetings, vault } from '../api.js';
import { announce, h, table } from '../dom.js';

export const title = 'Dashboard';

function figure(number, label) {
  return h('li', { class: 'figure' }, h('span', { class: 'number' }, number), h('span', { class: 'label' }, label));
}

export async function render() {
  const [status, allMeetings, due] = await Promise.all([vault.status(), meetings.list(), meetings.due()]);
  const overdue = due.filter((g) => g.days_overdue > 0);
  const c = status.counts;
  const upcoming = allMeetings.filter((m) => m.upcoming).slice(0, 6);
  const empty = c.groups_active + c.groups_stood_down + c.members_total === 0;

  return h('div', {},
    h('h1', {}, 'Dashboard'),
    h('ul', { class: 'figures', 'aria-label': 'The vault in figures' },
      figure(c.groups_active, 'active groups'),
      figure(c.members_active, 'active members'),
      figure(c.police_contacts, 'police contacts'),
      figure(c.meetings_held, 'meetings held'),
      figure(c.meetings_upcoming, 'meetings planned')),
    empty ? welcome() : null,
    h('h2', {}, 'Groups due to meet'),
    overdue.length === 0
      ? h('p', {}, 'Every group has its next meeting planned or is not yet due.')
      : table('Groups overdue a meeting, with dates to propose', [
        { title: 'Group', cell: (g) => g.group_name },
        { title: 'Due since', cell: (g) => `${g.due_on} (${g.days_overdue} day${g.days_overdue === 1 ? '' : 's'} ago)` },
        { title: 'Proposed dates', cell: (g) => g.proposals.map((p, i) => [i ? h('br') : null, p]) },
        { title: '', cell: () => h('a', { href: '#/meetings/new' }, 'Plan a meeting') },
      ], overdue),
    h('h2', {}, 'Next meetings'),
    upcoming.length === 0
      ? h('p', { class: 'empty' }, 'No meetings are planned.')
      : table('The next meetings of every group', [
        { title: 'When', cell: (m) => m.when },
        { title: 'Group', cell: (m) => m.group_name },
        { title: 'Venue', cell: (m) => m.venue },
        { title: 'Status', cell: (m) => m.status_label },
      ], upcoming));
}

function welcome() {
  const button = h('button', { type: 'button', id: 'load-demo' }, 'Load the demo force');
  button.addEventListener('click', async () => {
    button.disabled = true;
    const report = await demo.load();
    announce(`Demo force loaded: ${report.added} records added.`);
    window.dispatchEvent(new Event('vault-changed'));
  });
  return h('section', { class: 'empty', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title' }, 'Your vault is empty'),
    h('p', {}, 'Start with your own groups on the Roster, or explore IAG Desk with Fenwold Police, a fictional force. Demo records are marked and can be removed in one step from Settings.'),
    button);
}

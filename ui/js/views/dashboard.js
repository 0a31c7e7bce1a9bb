// Dashboard: the first screen after unlocking. The vault's figures, then
// what needs doing, each entry a link to the place to act: groups overdue
// a meeting, the next meetings, agendas awaiting agreement, minutes
// awaiting approval, overdue actions, advice awaiting a police response,
// and vetting or agreements that need attention.

import { demo, desk, vault } from '../api.js';
import { announce, h, table } from '../dom.js';
import { startTour } from '../help.js';

export const title = 'Dashboard';

function figure(number, label) {
  return h('li', { class: 'figure' }, h('span', { class: 'number' }, number), h('span', { class: 'label' }, label));
}

/// A titled list of links, or a calm line when there is nothing to do.
function attention(id, heading, items, none, line) {
  return h('section', { 'aria-labelledby': id, class: 'attention' },
    h('h2', { id }, `${heading} (${items.length})`),
    items.length === 0 ? h('p', { class: 'hint' }, none) : h('ul', {}, items.slice(0, 10).map((x) => h('li', {}, line(x)))),
    items.length > 10 ? h('p', { class: 'hint' }, `and ${items.length - 10} more.`) : null);
}

export async function render() {
  const [status, d] = await Promise.all([vault.status(), desk.dashboard()]);
  const overdue = d.overdue_groups;
  const c = status.counts;
  const upcoming = d.next_meetings;
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
    d.tour_offered ? tourOffer() : null,
    h('p', { id: 'backup-state', class: d.backup.due ? 'warning' : 'hint' }, d.backup.message, ' ', h('a', { href: '#/settings' }, 'Settings')),
    h('h2', {}, 'Groups due to meet'),
    overdue.length === 0
      ? h('p', {}, 'Every group has its next meeting planned or is not yet due.')
      : table('Groups overdue a meeting, with dates to propose', [
        { title: 'Group', cell: (g) => g.group_name },
        { title: 'Due since', cell: (g) => `${g.due_on} (${g.days_overdue} day${g.days_overdue === 1 ? '' : 's'} ago)` },
        { title: 'Proposed dates', cell: (g) => g.proposals.map((p, i) => [i ? h('br') : null, p]) },
        { title: h('span', { class: 'visually-hidden' }, 'Next step'), cell: () => h('a', { href: '#/meetings/new' }, 'Plan a meeting') },
      ], overdue),
    attention('incidents-open', 'Open critical incidents', d.open_incidents,
      'No critical incident is open.',
      (i) => [h('a', { href: `#/incidents/${i.id}`, dir: 'auto' }, i.title), h('span', { class: 'hint' }, ` ${i.when}, ${i.status_label.toLowerCase()}${i.group_name ? `; ${i.group_name}` : '; no critical group yet'}`)]),
    attention('agendas-waiting', 'Agendas awaiting agreement', d.agendas_awaiting_agreement,
      'Every planned agenda is agreed by the chair and the police contact.',
      (m) => [h('a', { href: `#/meetings/${m.id}` }, `${m.group_name}, ${m.when}`)]),
    attention('minutes-waiting', 'Minutes awaiting approval', d.minutes_awaiting_approval,
      'No draft minutes are waiting.',
      (m) => [h('a', { href: `#/meetings/${m.id}/minutes` }, `${m.group_name}, ${m.when}`), ' — approve them at the group’s next meeting.']),
    attention('actions-overdue', 'Overdue actions', d.overdue_actions,
      'No action is past its due date.',
      (a) => [h('a', { href: '#/records/actions' }, a.text || '(no text)'), h('span', { class: 'hint' }, ` ${a.owner || 'no owner'}, due ${a.due_on} (${a.group_name})`),
        a.level !== 'open' ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null]),
    attention('advice-waiting', 'Advice awaiting a police response', d.advice_awaiting_response,
      'The police have answered all the advice given.',
      (a) => [h('a', { href: '#/records/advice' }, a.text || '(no text)'), h('span', { class: 'hint' }, ` given ${a.given_on} (${a.group_name})`),
        a.level !== 'open' ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null]),
    attention('vetting-attention', 'Vetting and agreements', d.vetting_and_agreements,
      'No vetting expires in the next 60 days, and every agreement is signed.',
      (p) => [h('a', { href: `#/roster/member/${p.person_id}`, dir: 'auto' }, p.name), h('span', { class: 'hint' }, ` ${p.warnings.join(' ')}`)]),
    attention('attendance-attention', 'Attendance', d.attendance_to_follow_up,
      'No member has missed as many meetings in a row as their group allows.',
      (m) => [h('a', { href: `#/roster/member/${m.person_id}`, dir: 'auto' }, m.name), h('span', { class: 'hint' }, ` ${m.group_name}: ${m.flag}`)]),
    attention('retention-due', `Left more than ${d.retention_months} months ago`, d.retention_due,
      'Nobody who left is past the retention period.',
      (p) => [h('a', { href: `#/roster/member/${p.person_id}`, dir: 'auto' }, p.name), h('span', { class: 'hint' }, ` ${p.since}: keep the record only if there is a reason; otherwise erase it from their page.`)]),
    h('h2', {}, 'Next meetings'),
    upcoming.length === 0
      ? h('p', { class: 'empty' }, 'No meetings are planned.')
      : table('The next meetings of every group', [
        { title: 'When', cell: (m) => h('a', { href: `#/meetings/${m.id}` }, m.when) },
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

/// Offered until taken or declined, once per vault; Settings and every
/// screen's help can start it again.
function tourOffer() {
  const take = h('button', { type: 'button', id: 'tour-take' }, 'Take the tour');
  const decline = h('button', { type: 'button', class: 'secondary', id: 'tour-decline' }, 'No thanks');
  const offer = h('section', { class: 'tour-offer', id: 'tour-offer', 'aria-labelledby': 'tour-offer-title' },
    h('h2', { id: 'tour-offer-title' }, 'New to IAG Desk?'),
    h('p', {}, 'A one-minute tour shows where things are. You can skip it at any step, and take it later from Settings or any screen’s Help.'),
    h('div', { class: 'actions' }, take, decline));
  const gone = () => {
    const main = document.getElementById('main');
    offer.remove();
    main.focus();
  };
  take.addEventListener('click', () => startTour(take, gone));
  decline.addEventListener('click', () => {
    desk.finishTour().catch(() => {});
    gone();
    announce('The tour will not be offered again. Settings can start it at any time.');
  });
  return offer;
}

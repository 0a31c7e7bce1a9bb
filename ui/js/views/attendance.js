// Attendance over time: each member's meetings expected, attended,
// apologies and absences, and who has missed as many meetings in a row as
// the group's terms of reference allow. Shown on the group's page (with
// the report saved as PDF or CSV) and on each member's page.

import { files, meetings } from '../api.js';
import { errorBlock, fill, h, savedNotice, table } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';

const figures = [
  { title: 'Expected', cell: (m) => String(m.expected) },
  { title: 'Attended', cell: (m) => String(m.attended) },
  { title: 'Apologies', cell: (m) => String(m.apologies) },
  { title: 'Absent', cell: (m) => String(m.absences) },
  {
    title: 'Missed in a row',
    cell: (m) => (m.flag
      ? [String(m.missed_in_a_row), ' ', h('span', { class: 'tag warn', title: m.flag }, 'Follow up')]
      : String(m.missed_in_a_row)),
  },
];

function reportView(r) {
  const flagged = r.members.filter((m) => m.flag);
  return [
    h('p', { class: 'hint', id: 'attendance-period-text' },
      `${r.period}: ${r.meetings} meeting${r.meetings === 1 ? '' : 's'} with a register taken. ${r.rule}`),
    flagged.length
      ? h('ul', { class: 'warnings', id: 'attendance-flags' }, flagged.map((m) =>
        h('li', {}, h('bdi', { class: 'name' }, m.name), ': ', m.flag)))
      : null,
    r.members.length
      ? table(`Attendance of ${r.group_name}’s members`, [
        { title: 'Member', cell: (m) => h('a', { href: `#/roster/member/${m.person_id}` }, m.name), attrs: () => ({ class: 'name', dir: 'auto' }) },
        ...figures,
      ], r.members, (m) => ({ 'data-person': m.person_id }))
      : h('p', { class: 'empty' }, 'The group has no members in this period.'),
  ];
}

/// The group page's section: the period, the table, and Save as PDF / CSV.
export async function groupAttendance(group) {
  const period = h('form', { class: 'filters', id: 'attendance-filters', novalidate: true },
    field({ name: 'from', label: 'From', type: 'date', hint: 'Empty: twelve months before the end.' }),
    field({ name: 'to', label: 'To', type: 'date', hint: 'Empty: today.' }));
  const results = h('div', { id: 'attendance-results', 'aria-live': 'polite' });
  const notice = h('div', { 'aria-live': 'polite' });
  const load = async () => {
    clearProblems(period);
    const v = values(period);
    try {
      fill(results, reportView(await meetings.attendanceReport(group, v.from, v.to)));
    } catch (e) {
      showProblems(period, e);
    }
  };
  period.addEventListener('change', load);
  period.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  const save = (format) => h('button', {
    type: 'button', class: 'secondary', id: `export-attendance-${format}`,
    onclick: async () => {
      const v = values(period);
      try {
        const path = await meetings.exportAttendance(group, v.from, v.to, format);
        if (path) fill(notice, savedNotice('the attendance report (members only)', path, files.openLast));
      } catch (e) { fill(notice, errorBlock(e)); }
    },
  }, `Save as ${format === 'docx' ? 'Word' : format.toUpperCase()}`);
  await load();
  return h('section', { 'aria-labelledby': 'attendance-title', id: 'attendance' },
    h('h2', { id: 'attendance-title' }, 'Attendance'),
    period, results,
    h('div', { class: 'actions' }, save('pdf'), save('csv'), save('docx')),
    notice);
}

/// The member page's section: one row per group over the last twelve months.
export async function memberAttendance(person) {
  const rows = await meetings.attendanceOfMember(person);
  return h('section', { 'aria-labelledby': 'member-attendance-title', id: 'member-attendance' },
    h('h2', { id: 'member-attendance-title' }, 'Attendance in the last 12 months'),
    rows.length
      ? [
        table('Meetings expected, attended and missed, by group', [
          { title: 'Group', cell: (m) => h('a', { href: `#/roster/group/${m.group_id}` }, m.group_name) },
          ...figures,
        ], rows),
        rows.filter((m) => m.flag).map((m) => h('p', { class: 'warning', role: 'note' }, `${m.group_name}: ${m.flag}`)),
      ]
      : h('p', {}, 'Not expected at any meeting held in the last 12 months.'));
}

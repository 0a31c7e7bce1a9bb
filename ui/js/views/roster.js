// Roster: groups as a tree by tier, members with search and filters, a page
// per member and per group, add / edit forms with errors beside each field,
// and CSV in and out. Every figure comes from the vault.

import { groupAttendance, memberAttendance } from './attendance.js';
import { escalationsSection } from './escalations.js';
import { dataProtection, files, meetings, roster } from '../api.js';
import { announce, errorBlock, fill, h, pager, savedNotice, table, toPageTop } from '../dom.js';
import { clearProblems, field, showProblems, today, values } from '../forms.js';
import { loadChoices } from '../choices.js';

export const title = 'Roster';

/// Members drawn per page of the list.
const PAGE = 50;

/// The roster's lists (tiers, statuses, roles…), from the core.
async function vocabulary() {
  return loadChoices();
}

const sections = [
  ['groups', 'Groups'],
  ['members', 'Members'],
  ['police', 'Police contacts'],
];

function subnav(active) {
  return h('nav', { class: 'subnav', 'aria-label': 'Roster sections' },
    sections.map(([key, label]) =>
      h('a', { href: `#/roster/${key}`, 'aria-current': key === active ? 'true' : null }, label)));
}

function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new Event('vault-changed'));
  else location.hash = hash;
}

export async function render([section = 'groups', id, action] = []) {
  await vocabulary();
  switch (section) {
    case 'members': return page('members', await members());
    case 'police': return page('police', await police());
    case 'member': return action === 'edit' ? personForm(Number(id)) : memberPage(Number(id));
    case 'new': return personForm(null);
    case 'group': return action === 'edit' ? groupFormPage(Number(id)) : groupPage(Number(id));
    case 'new-group': return groupFormPage(null);
    default: return page('groups', await groupsTree());
  }
}

function page(active, body) {
  return h('div', {}, h('h1', {}, 'Roster'), subnav(active), body);
}

// ---- Groups ---------------------------------------------------------------

async function groupsTree() {
  const all = await roster.groups();
  if (all.length === 0) {
    return h('p', { class: 'empty' }, 'No groups yet. Load the demo force from the Dashboard or Settings to see how a force is laid out.');
  }
  const byParent = new Map();
  for (const g of all) {
    const key = all.some((p) => p.name === g.parent) ? g.parent : null;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(g);
  }
  const item = (g) => {
    const children = byParent.get(g.name) ?? [];
    const tiers = [...new Set(children.map((c) => c.tier_label))];
    return h('li', {},
      h('div', { class: 'tree-node' },
        h('a', { href: `#/roster/group/${g.id}`, class: 'name' }, g.name),
        ' ', h('span', { class: 'tag' }, g.tier_label),
        g.status === 'stood_down' ? [' ', h('span', { class: 'tag warn' }, `Stood down ${g.stood_down_on ?? ''}`)] : null,
        h('span', { class: 'hint tree-facts' },
          ` Chair: `, h('bdi', {}, g.chairs.join(', ') || 'none'),
          ` · Police: ${g.police_contacts.join(', ') || 'none'} · ${g.member_count} members`)),
      tiers.length
        ? tiers.map((t) => h('div', { class: 'tree-tier' },
          h('p', { class: 'tree-tier-label' }, `${t}s`),
          h('ul', { class: 'tree' }, children.filter((c) => c.tier_label === t).map(item))))
        : null);
  };
  const force = await roster.representationSummary(null);
  return [
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/roster/new-group', id: 'add-group' }, 'Add a group')),
    h('p', { class: 'hint' }, 'Local groups and subgroups feed the strategic group above them. Choose a group to see its members, warnings and make-up.'),
    h('ul', { class: 'tree', 'aria-label': 'Groups by tier' }, (byParent.get(null) ?? []).map(item)),
    representation(force, 'How the force’s groups reflect their communities'),
  ];
}

async function groupPage(id) {
  const groups = await roster.groups();
  const g = groups.find((x) => x.id === id);
  if (!g) return page('groups', errorBlock({ message: 'That group was not found.' }));
  const [people, attention, rep] = await Promise.all([
    roster.search({ group: id }),
    roster.groupAttention(id),
    roster.representationSummary(id),
  ]);
  const nominee = attention.nominees.filter((n) => n.startsWith(g.name));
  return h('div', {},
    h('p', {}, h('a', { href: '#/roster/groups' }, '← All groups')),
    h('h1', {}, g.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Tier'), h('dd', {}, g.tier_label),
      h('dt', {}, 'Reports to'), h('dd', {}, g.parent ?? '—'),
      h('dt', {}, 'Area or theme'), h('dd', {}, g.area || '—'),
      h('dt', {}, 'Chair'), h('dd', {}, h('bdi', {}, g.chairs.join(', ') || '—')),
      h('dt', {}, 'Police contact'), h('dd', {}, g.police_contacts.join(', ') || '—'),
      h('dt', {}, 'Meets'), h('dd', {}, g.cadence_months === 3 ? 'Quarterly' : `Every ${g.cadence_months} months`),
      h('dt', {}, 'Quorum'), h('dd', {}, g.quorum),
      h('dt', {}, 'Point of escalation'), h('dd', {}, g.escalation || '—'),
      h('dt', {}, 'Status'), h('dd', {}, g.status === 'stood_down' ? `Stood down ${g.stood_down_on ?? ''}` : 'Active')),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: `#/roster/group/${g.id}/edit`, id: 'edit-group' }, 'Edit group')),
    nominee.length ? h('div', { class: 'warning', role: 'note' }, nominee) : null,
    h('h2', {}, 'Needs attention'),
    attention.members.length === 0
      ? h('p', {}, 'Every current member’s vetting and agreements are in order.')
      : h('ul', { class: 'warnings' }, attention.members.map(([name, ws]) =>
        h('li', {}, h('bdi', { class: 'name' }, name), ': ', ws.map((w) => w.message).join(' ')))),
    h('h2', {}, `Current members (${people.length})`),
    memberTable(people, 'Current members of the group'),
    await groupAttendance(g.id),
    await escalationsSection(g.id),
    representation(rep, 'How the group reflects its communities'));
}

function representation(rep, caption) {
  const count = (c) => (typeof c === 'number' ? String(c) : c);
  return h('section', { 'aria-labelledby': 'rep-title' },
    h('h2', { id: 'rep-title' }, caption),
    h('p', { class: 'hint' }, `Self-declared and optional. Counts below 5 are shown as “fewer than 5” so no one can be identified. Members covered: ${count(rep.members)}; answered: ${count(rep.respondents)}.`),
    h('div', { class: 'rep-grid' }, rep.characteristics.map((c) =>
      table(c.characteristic, [
        { title: 'Answer', cell: (a) => a.answer },
        { title: 'Members', cell: (a) => count(a.count) },
      ], c.answers))));
}

async function groupFormPage(id) {
  const v = await vocabulary();
  const [groups, f] = await Promise.all([roster.groups(), id ? roster.groupForm(id) : Promise.resolve({})]);
  const strategic = groups.filter((g) => g.tier === 'strategic' && g.id !== id);
  const form = h('form', { novalidate: true, id: 'group-form' },
    field({ name: 'name', label: 'Name', value: f.name ?? '', required: true }),
    field({ name: 'tier', label: 'Tier', options: v.tiers, value: f.tier ?? 'local' }),
    field({ name: 'parent_id', label: 'Reports to', options: [['', 'No other group (a strategic IAG)'], ...strategic.map((g) => [g.id, g.name])], value: f.parent_id ?? (strategic[0]?.id ?? '') }),
    field({ name: 'area', label: 'Area or theme', value: f.area ?? '' }),
    field({ name: 'cadence_months', label: 'Months between meetings', type: 'number', value: f.cadence_months ?? '3', hint: '3 is quarterly; 6 is twice a year.' }),
    field({ name: 'quorum', label: 'Quorum', value: f.quorum ?? '1/3', hint: 'A number of members (5) or a fraction of the members (1/3).' }),
    field({ name: 'escalation', label: 'Named point of escalation', value: f.escalation ?? '', hint: 'Who the group goes to when a concern is not resolved.' }),
    field({ name: 'public_attendance', label: 'Members present, in the public minutes', options: v.public_attendances, value: f.public_attendance || 'names', hint: 'Some groups publish how many members attended, not who; the members’ confidential annex always names them.' }),
    field({ name: 'missed_in_a_row', label: 'Meetings a member may miss in a row', type: 'number', value: f.missed_in_a_row ?? '3', hint: 'After this many the chair follows the member up; printed in the terms of reference.' }),
    field({ name: 'apologies_count_as_missed', label: 'Do apologies count as missed?', options: [['no', 'No: only absences without apologies'], ['yes', 'Yes: apologies count too']], value: f.apologies_count_as_missed || 'no' }),
    field({ name: 'draft_marking', label: 'Draft minutes are marked', options: v.markings, value: f.draft_marking || 'official', hint: 'Until approved; approved minutes are OFFICIAL.' }),
    field({ name: 'draft_handling', label: 'Handling line on draft minutes', value: f.draft_handling ?? '', hint: 'For example: Not to be circulated beyond members until approved for publication. Leave empty for none.' }),
    field({ name: 'status', label: 'Status', options: v.group_statuses, value: f.status ?? 'active' }),
    field({ name: 'stood_down_on', label: 'Stood down on', type: 'date', value: f.stood_down_on ?? '' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'save-group' }, id ? 'Save changes' : 'Add the group'),
      h('a', { href: id ? `#/roster/group/${id}` : '#/roster/groups', class: 'button secondary' }, 'Cancel')));
  submitter(form, (vals) => (id ? roster.updateGroup(id, vals) : roster.addGroup(vals)), (newId) => {
    announce(id ? 'Group saved.' : 'Group added.');
    go(`#/roster/group/${id ?? newId}`);
  });
  return h('div', {},
    h('p', {}, h('a', { href: id ? `#/roster/group/${id}` : '#/roster/groups' }, '← Back')),
    h('h1', {}, id ? `Edit ${f.name}` : 'Add a group'),
    form);
}

// ---- Members --------------------------------------------------------------


function memberTable(people, caption) {
  const t = table(caption, [
    { title: 'Name', cell: (p) => h('a', { href: `#/roster/member/${p.id}` }, p.full_name), attrs: () => ({ class: 'name', dir: 'auto' }) },
    { title: 'Status', cell: (p) => (p.status === 'active' ? p.status_label : h('span', { class: 'tag warn' }, p.status_label)) },
    { title: 'Roles', cell: (p) => (p.roles.length ? p.roles.map((r, i) => [i ? h('br') : null, r]) : '—') },
    { title: 'Vetting', cell: (p) => (p.vetting_needs_attention ? h('span', { class: 'tag warn' }, p.vetting_label) : p.vetting_label) },
    { title: 'Needs attention', cell: (p) => (p.warnings.length ? p.warnings.map((w, i) => [i ? h('br') : null, w]) : '—') },
  ], people);
  return t;
}

async function members() {
  const v = await vocabulary();
  const groups = await roster.groups();
  const opt = (pairs, any) => [['', any], ...pairs];
  const text = field({ name: 'text', id: 'member-search', label: 'Search by name (any script), skills, community or email', type: 'search' });
  const filters = h('div', { class: 'filters' },
    field({ name: 'group', id: 'filter-group', label: 'Group', options: [['', 'Any group'], ...groups.map((g) => [g.id, g.name])] }),
    field({ name: 'role', label: 'Role', options: opt(v.member_roles, 'Any role') }),
    field({ name: 'status', label: 'Status', options: opt(v.statuses, 'Any status') }),
    field({ name: 'vetting', id: 'filter-vetting', label: 'Vetting', options: opt(v.vetting_states, 'Any vetting') }));
  const form = h('form', { class: 'search', role: 'search', 'aria-label': 'The roster', onsubmit: (e) => e.preventDefault() }, text, filters);
  const count = h('p', { id: 'member-count', class: 'hint', 'aria-live': 'polite' });
  const results = h('div', { id: 'member-results' });
  const message = h('div', { id: 'roster-message', 'aria-live': 'polite' });

  // A page at a time: a force's roster can run to thousands.
  let ticket = 0;
  const run = async (offset = 0) => {
    const q = values(form);
    const mine = ++ticket;
    const page = await roster.membersPage({
      text: q.text, group: q.group ? Number(q.group) : null, role: q.role, status: q.status, vetting: q.vetting,
    }, offset, PAGE);
    if (mine !== ticket) return; // a newer search has started
    const filtered = q.text.trim() || q.group || q.role || q.status || q.vetting;
    const total = page.total.toLocaleString('en-GB');
    count.textContent = filtered ? `${total} ${page.total === 1 ? 'member matches' : 'members match'}.` : `${total} members.`;
    const again = (at) => run(at).then(() => toPageTop(results));
    fill(results, page.items.length
      ? [memberTable(page.items, 'Members'), pager(page, 'members', again)]
      : h('p', { class: 'empty' }, 'No member matches. Try fewer words or clear a filter.'));
    const t = results.querySelector('table');
    if (t) t.id = 'members-table';
  };
  form.addEventListener('input', () => run());
  form.addEventListener('change', () => run());
  await run();

  const exportButton = (format, id, label) => {
    const button = h('button', { type: 'button', class: 'secondary', id }, label);
    button.addEventListener('click', async () => {
      const q = values(form);
      try {
        const path = await roster.exportRoster(q.group ? Number(q.group) : null, format);
        if (path) {
          fill(message, savedNotice(q.group ? 'the group’s members' : 'the roster', path, files.openLast));
        }
      } catch (e) {
        fill(message, errorBlock(e));
      }
    });
    return button;
  };
  const importButton = h('button', { type: 'button', class: 'secondary', id: 'import-csv' }, 'Import from CSV or Excel…');
  importButton.addEventListener('click', () => importFlow(message, run));

  return [
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: '#/roster/new', id: 'add-member' }, 'Add a member'),
      importButton,
      exportButton('csv', 'export-csv', 'Export CSV'),
      exportButton('xlsx', 'export-xlsx', 'Export Excel (.xlsx)')),
    message, form, count, results,
  ];
}

async function importFlow(message, refresh) {
  let choice;
  try {
    choice = await roster.importCheck();
  } catch (e) {
    fill(message, errorBlock(e));
    return;
  }
  if (!choice) return;
  await showCheck(message, refresh, choice);
}

/// The check screen: the file's problems, or what it would add; a choice of
/// sheet when the workbook has several; and for each group the file names
/// that is not in IAG Desk yet, its tier (and the strategic group it reports
/// to), created with the people in one go.
async function showCheck(message, refresh, choice) {
  const v = await vocabulary();
  const sheetChoice = choice.sheets.length > 1
    ? field({
      name: 'sheet', label: 'Sheet', id: 'import-sheet', value: choice.sheet ?? '',
      options: choice.sheets.map((s) => [s.name, s.hidden ? `${s.name} (hidden)` : s.name]),
      hint: 'The workbook has several sheets; the first visible one is read unless you choose another.',
    })
    : null;
  sheetChoice?.control.addEventListener('change', async () => {
    try {
      await showCheck(message, refresh, await roster.importCheck(sheetChoice.control.value));
      message.querySelector('#import-sheet')?.focus();
    } catch (e) {
      fill(message, errorBlock(e));
    }
  });
  const where = choice.sheet ? `${choice.file_name}, sheet ${choice.sheet}` : choice.file_name;

  if (!choice.report) {
    const problems = choice.problems;
    fill(message, h('div', { class: 'warning', role: 'alert', id: 'import-check' },
      h('p', { class: 'error' }, `${where}: ${problems.length} problem${problems.length === 1 ? '' : 's'}. Nothing was imported; correct the file and try again.`),
      h('ul', {}, problems.map((p) => h('li', {}, `${p.field}: ${p.message}`))),
      sheetChoice));
    return;
  }

  const r = choice.report;
  const fresh = r.new_groups;
  const groups = fresh.length ? await roster.groups() : [];
  const strategic = groups.filter((g) => g.tier === 'strategic');
  const problemsOut = h('div', { id: 'import-problems' });
  const rows = fresh.map((g, i) => {
    const tier = field({
      name: `tier-${i}`, label: 'Tier', id: `new-group-tier-${i}`,
      options: [['', 'Choose…'], ...v.tiers], value: g.tier ?? '',
    });
    const parent = field({ name: `parent-${i}`, label: 'Reports to', id: `new-group-parent-${i}`, options: [] });
    tier.control.addEventListener('change', () => { syncParents(); fill(problemsOut); });
    return { g, tier, parent, row: h('li', { class: 'new-group' }, h('p', {}, h('strong', { dir: 'auto' }, g.name), ` (named in ${g.rows} row${g.rows === 1 ? '' : 's'})`), tier, parent) };
  });
  // Who a new group may report to: the strategic groups IAG Desk has and
  // the new ones chosen as strategic here. A strategic IAG reports to none.
  function syncParents() {
    const candidates = [
      ...strategic.map((s) => [s.name, s.name]),
      ...rows.filter((x) => x.tier.control.value === 'strategic').map((x) => [x.g.name, `${x.g.name} (new)`]),
    ];
    for (const { g, tier, parent } of rows) {
      const own = candidates.filter(([name]) => name !== g.name);
      const before = parent.control.value;
      const keep = own.some(([name]) => name === before) ? before : (own.length === 1 ? own[0][0] : '');
      parent.control.replaceChildren(...[['', 'No strategic group'], ...own].map(([value, label]) => h('option', { value, selected: value === keep }, label)));
      parent.control.value = keep;
      parent.hidden = tier.control.value === 'strategic' || own.length === 0;
    }
  }
  syncParents();
  const people = `${r.people_added} ${r.people_added === 1 ? 'person' : 'people'}`;
  const go = h('button', { type: 'button', id: fresh.length ? 'import-create' : 'import-confirm' },
    fresh.length ? `Import ${people} and create these groups` : `Import ${people}`);
  go.addEventListener('click', async () => {
    const chosen = rows.map(({ g, tier, parent }) => ({
      name: g.name,
      tier: tier.control.value,
      parent: !parent.hidden && parent.control.value ? parent.control.value : null,
    }));
    const untiered = chosen.filter((c) => !c.tier);
    if (untiered.length) {
      fill(problemsOut, h('p', { class: 'error', role: 'alert' }, `Choose a tier for ${untiered.map((c) => c.name).join(', ')}.`));
      rows.find(({ tier }) => !tier.control.value)?.tier.control.focus();
      return;
    }
    go.disabled = true;
    try {
      const done = await roster.importRun(choice.sheet, chosen);
      fill(message, h('p', { class: 'ok', role: 'status', id: 'import-done' },
        `Imported ${done.people_added} people and ${done.roles_added} roles`,
        done.groups_added ? `, and created ${done.groups_added} group${done.groups_added === 1 ? '' : 's'}: ${done.new_groups.map((g) => g.name).join(', ')}.` : '.'));
      refresh();
    } catch (e) {
      go.disabled = false;
      const error = e.problems?.length
        ? h('div', { role: 'alert' }, h('p', { class: 'error' }, 'Nothing was imported.'),
          h('ul', {}, e.problems.map((p) => h('li', {}, `${p.field}: ${p.message}`))))
        : errorBlock(e);
      error.tabIndex = -1;
      fill(problemsOut, error);
      error.focus();
    }
  });
  const n = fresh.length;
  fill(message, h('div', { class: 'warning', role: 'status', id: 'import-check' },
    h('p', {}, `${where}: every row checked. It would add ${people} and ${r.roles_added} roles${r.empty_rows_skipped ? ` (${r.empty_rows_skipped} empty rows skipped)` : ''}.`),
    sheetChoice,
    n ? h('p', {}, `${n} group${n === 1 ? ' is' : 's are'} not in IAG Desk yet: ${fresh.map((g) => g.name).join(', ')}. Choose a tier for ${n === 1 ? 'it' : 'each'} to create ${n === 1 ? 'it' : 'them'} with the import, or add ${n === 1 ? 'it' : 'them'} under Groups first.`) : null,
    n ? h('ul', { class: 'new-groups' }, rows.map((x) => x.row)) : null,
    problemsOut,
    h('div', { class: 'actions' }, go)));
  (rows[0]?.tier.control ?? go).focus();
}

async function police() {
  const all = await roster.police();
  if (all.length === 0) return h('p', { class: 'empty' }, 'No police contacts yet.');
  return [
    h('p', { class: 'hint' }, 'Police contacts attend and advise but are never counted as members.'),
    table('Police contacts', [
      { title: 'Name', cell: (p) => h('a', { href: `#/roster/member/${p.id}` }, p.full_name), attrs: () => ({ class: 'name', dir: 'auto' }) },
      { title: 'Rank and post', cell: (p) => p.police_rank || '—' },
      { title: 'Roles', cell: (p) => (p.roles.length ? p.roles.map((r, i) => [i ? h('br') : null, r]) : '—') },
      { title: 'Email', cell: (p) => p.email },
      { title: 'Phone', cell: (p) => p.phone },
    ], all),
  ];
}

// ---- One member -----------------------------------------------------------

function submitter(form, action, after) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearProblems(form);
    try {
      const result = await action(values(form));
      await after(result);
    } catch (e) {
      showProblems(form, e);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

async function personForm(id) {
  const v = await vocabulary();
  const existing = id ? await roster.person(id) : null;
  const f = existing?.form ?? {};
  const isPolice = f.kind === 'police';
  const form = h('form', { novalidate: true, id: 'person-form' },
    field({ name: 'full_name', label: 'Full name', value: f.full_name ?? '', required: true, hint: 'As the person writes it, in any script.' }),
    id ? null : field({ name: 'kind', label: 'On the roster as', options: v.person_kinds, hint: 'A police contact is never counted as a member.' }),
    isPolice ? field({ name: 'police_rank', label: 'Rank and post', value: f.police_rank ?? '' }) : null,
    field({ name: 'email', label: 'Email', type: 'email', value: f.email ?? '' }),
    field({ name: 'phone', label: 'Phone', type: 'tel', value: f.phone ?? '' }),
    id ? null : field({ name: 'status', label: 'Status', options: v.statuses, value: 'active' }),
    field({ name: 'joined_on', label: 'Joined on', type: 'date', value: f.joined_on ?? (id ? '' : today()) }),
    field({ name: 'connection', label: 'Connection to the area', options: [['', 'Not recorded'], ...v.connections], value: f.connection ?? '' }),
    field({ name: 'connection_place', label: 'Where', value: f.connection_place ?? '', hint: 'The town, estate or place of study or work.' }),
    field({ name: 'skills', label: 'Skills and areas of knowledge', type: 'textarea', value: f.skills ?? '' }),
    field({ name: 'communities', label: 'Communities they link with', type: 'textarea', value: f.communities ?? '' }),
    field({ name: 'notes', label: 'Notes', type: 'textarea', value: f.notes ?? '' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'save-person' }, id ? 'Save changes' : 'Add to the roster'),
      h('a', { href: id ? `#/roster/member/${id}` : '#/roster/members', class: 'button secondary' }, 'Cancel')));
  submitter(form, (vals) => {
    const body = { ...f, ...vals };
    return id ? roster.update(id, body) : roster.add(body);
  }, (newId) => {
    announce(id ? 'Changes saved.' : 'Added to the roster.');
    go(`#/roster/member/${id ?? newId}`);
  });
  setTimeout(() => form.querySelector('input')?.focus(), 0);
  return h('div', {},
    h('p', {}, h('a', { href: id ? `#/roster/member/${id}` : '#/roster/members' }, '← Back')),
    h('h1', {}, id ? `Edit ${f.full_name}` : 'Add a member'),
    form);
}

async function memberPage(id) {
  const v = await vocabulary();
  const [p, groups, allMeetings] = await Promise.all([roster.person(id), roster.groups(), meetings.list()]);
  // A removal is decided at a meeting of one of the person's groups.
  const theirGroups = new Set(p.memberships.map((m) => m.group_id));
  const decidedAt = allMeetings.filter((m) => !m.upcoming && theirGroups.has(m.group_id));
  const f = p.form;
  const isPolice = f.kind === 'police';
  const refresh = () => go(`#/roster/member/${id}`);
  // <bdi> keeps a right-to-left value from pulling its row to the right.
  const dl = (pairs) => h('dl', { class: 'facts' }, pairs.map(([k, val]) => [h('dt', {}, k), h('dd', {}, h('bdi', {}, val || '—'))]));

  const roleForm = submitter(h('form', { novalidate: true, class: 'inline-form', id: 'role-form' },
    field({ name: 'group', label: 'Group', options: groups.filter((g) => g.status === 'active').map((g) => [g.id, g.name]) }),
    field({ name: 'role', label: 'Role', options: isPolice ? v.police_roles : v.member_roles, value: isPolice ? 'police_spoc' : 'member' }),
    field({ name: 'from', label: 'From', type: 'date', value: today() }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add to group'))),
  (q) => roster.assignRole(id, Number(q.group), q.role, q.from), refresh);

  const vettingForm = submitter(h('form', { novalidate: true, class: 'inline-form', id: 'vetting-form' },
    field({ name: 'level', label: 'Level', options: [['', 'None'], ...v.vetting_levels], value: p.vetting?.level ?? '' }),
    field({ name: 'granted_on', label: 'Granted', type: 'date', value: p.vetting?.granted_iso ?? '' }),
    field({ name: 'expires_on', label: 'Expires', type: 'date', value: p.vetting?.expires_iso ?? '' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save vetting'))),
  (q) => roster.setVetting(id, q), refresh);

  const agreementForms = p.agreements.map((a) => submitter(
    h('form', { novalidate: true, class: 'inline-form agreement' },
      field({ name: a.kind, label: a.label, type: 'date', value: a.signed_iso ?? '', hint: a.signed_on ? `Signed ${a.signed_on}` : 'Not signed' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Save'))),
    (q) => roster.setAgreement(id, a.kind, q[a.kind]), refresh));

  const statusForm = submitter(h('form', { novalidate: true, class: 'inline-form', id: 'status-form' },
    field({ name: 'status', label: 'New status', options: v.statuses, value: f.status }),
    field({ name: 'changed_on', label: 'From', type: 'date', value: today() }),
    field({ name: 'reason', label: 'Reason', hint: 'Needed when someone leaves or is removed.' }),
    field({ name: 'meeting_id', label: 'For a removal: the meeting that decided it', options: [['', 'Not a removal'], ...decidedAt.map((m) => [m.id, `${m.when}, ${m.group_name}`])] }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Record status'))),
  (q) => roster.changeStatus(id, { ...q, meeting_id: q.meeting_id ? Number(q.meeting_id) : null }), refresh);

  const repForm = submitter(h('form', { novalidate: true, id: 'representation-form' },
    h('p', { class: 'hint' }, 'Only with the member’s consent. Every answer is optional and “Prefer not to say” is always possible. Answers are never shown for one person; they only count towards the group’s totals.'),
    field({ name: 'consent_on', label: 'Consent given on', type: 'date', value: today(), required: true }),
    v.characteristics.map(([code, label, answers]) => field({ name: code, label, options: [['', 'Not answered'], ...answers] })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save answers'))),
  (q) => {
    const { consent_on: consentOn, ...rest } = q;
    return roster.setRepresentation(id, { consent_on: consentOn, answers: rest });
  }, () => { announce('Answers saved.'); refresh(); });

  const withdraw = h('button', { type: 'button', class: 'danger', id: 'withdraw-representation' }, 'Withdraw consent and erase the answers');
  withdraw.addEventListener('click', async () => {
    await roster.withdrawRepresentation(id);
    announce('Answers erased.');
    refresh();
  });

  // Subject access and erasure: the person's rights under UK GDPR.
  const dpMessage = h('div', { id: 'data-protection-message', 'aria-live': 'polite' });
  const copyButton = (format, label) => {
    const b = h('button', { type: 'button', class: 'secondary', id: `subject-access-${format}` }, label);
    b.addEventListener('click', async () => {
      dpMessage.textContent = '';
      try {
        const saved = await dataProtection.subjectAccess(id, format);
        if (saved) dpMessage.textContent = `Saved the copy to ${saved}. It holds personal data: give it only to ${f.full_name}.`;
      } catch (e) {
        dpMessage.textContent = e.message;
      }
    });
    return b;
  };
  const eraseForm = submitter(h('form', { novalidate: true, id: 'erase-form' },
    h('p', { class: 'hint' }, 'Deletes their contact details, roles, vetting, agreements and representation answers. In minutes, registers and votes their name is replaced by the role they held (for example “a member”), so the records still make sense. This cannot be undone; backups taken before today still hold the person until they are replaced.'),
    field({ name: 'confirm_name', label: `To confirm, type their name: ${f.full_name}`, required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', id: 'erase-person' }, 'Erase this person'))),
  (q) => dataProtection.erase(id, q.confirm_name),
  (erased) => {
    announce(`Erased. Their name was replaced by their role (${erased.shown_as}) in ${erased.replaced} places.`);
    go(isPolice ? '#/roster/police' : '#/roster/members');
  });

  return h('div', {},
    h('p', {}, h('a', { href: isPolice ? '#/roster/police' : '#/roster/members' }, '← Back to the list')),
    h('h1', { dir: 'auto' }, f.full_name),
    p.warnings.length
      ? h('div', { class: 'warning', role: 'note', id: 'member-warnings' },
        h('p', {}, h('strong', {}, 'Needs attention')),
        h('ul', {}, p.warnings.map((w) => h('li', {}, w.message))))
      : null,
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/roster/member/${id}/edit`, id: 'edit-person' }, 'Edit details')),
    dl([
      ['Status', p.status_label],
      [isPolice ? 'Rank and post' : 'Kind', isPolice ? f.police_rank : 'Member'],
      ['Email', f.email], ['Phone', f.phone], ['Joined', p.joined_on],
      ['Connection to the area', [v.connections.find(([c]) => c === f.connection)?.[1], f.connection_place].filter(Boolean).join(', ')],
      ['Skills', f.skills], ['Communities', f.communities], ['Notes', f.notes],
    ]),
    h('h2', {}, 'Roles'),
    p.memberships.length
      ? table('Roles, current and past', [
        { title: 'Group', cell: (m) => m.group_name },
        { title: 'Role', cell: (m) => m.role_label },
        { title: 'From', cell: (m) => m.started_on },
        { title: 'Until', cell: (m) => m.ended_on ?? (m.current ? 'now' : '—') },
        {
          title: 'Action',
          cell: (m) => (m.current && !m.ended_on
            ? h('button', { type: 'button', class: 'secondary', onclick: async () => { await roster.endRole(m.id, today()); refresh(); } }, `End role today`)
            : ''),
        },
      ], p.memberships)
      : h('p', {}, 'No roles yet.'),
    h('h3', {}, 'Add to a group'), roleForm,
    isPolice ? null : await memberAttendance(id),
    isPolice ? null : [
      h('h2', {}, 'Vetting'),
      h('p', {}, p.vetting ? `${p.vetting.level_label}, granted ${p.vetting.granted_on}, expires ${p.vetting.expires_on}.` : 'No vetting recorded.'),
      vettingForm,
      h('h2', {}, 'Agreements'),
      agreementForms,
      h('h2', {}, 'Representation'),
      p.representation_consent_on
        ? [h('p', {}, `Answers held with consent given on ${p.representation_consent_on}.`), withdraw]
        : repForm,
    ],
    h('h2', {}, 'Status history'),
    table('Status history', [
      { title: 'Date', cell: (s) => s.changed_on },
      { title: 'Status', cell: (s) => s.status_label },
      { title: 'Reason', cell: (s) => s.reason || '—' },
      { title: 'Decided at', cell: (s) => s.meeting ?? '—' },
    ], p.status_history),
    h('h3', {}, 'Change status'), statusForm,
    h('h2', {}, 'Data protection'),
    h('p', {}, 'A copy of everything held about this person, for a subject access request. Records taken in confidence are listed without their text, for your data-protection officer to review.'),
    h('div', { class: 'actions' }, copyButton('pdf', 'Save a copy as PDF'), copyButton('docx', 'Save a copy as Word'), copyButton('json', 'Save a copy as JSON')),
    dpMessage,
    h('h3', {}, 'Erase this person'),
    eraseForm);
}

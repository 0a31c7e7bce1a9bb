// Roster: groups by tier, members and police contacts, from the vault.

import { roster } from '../api.js';
import { h, table } from '../dom.js';

export const title = 'Roster';

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

export async function render([section = 'groups'] = []) {
  const active = sections.some(([k]) => k === section) ? section : 'groups';
  const body = active === 'members' ? await members()
    : active === 'police' ? await police()
      : await groups();
  return h('div', {}, h('h1', {}, 'Roster'), subnav(active), body);
}

const nameCell = { title: 'Name', cell: (p) => p.full_name, attrs: () => ({ class: 'name', dir: 'auto' }) };

async function groups() {
  const all = await roster.groups();
  if (all.length === 0) {
    return h('p', { class: 'empty' }, 'No groups yet. Load the demo force from the Dashboard or Settings to see how a force is laid out.');
  }
  const tiers = [];
  for (const g of all) {
    let tier = tiers.find((t) => t.label === g.tier_label);
    if (!tier) tiers.push((tier = { label: g.tier_label, groups: [] }));
    tier.groups.push(g);
  }
  return tiers.map((t) => [
    h('h2', {}, `${t.label} (${t.groups.length})`),
    table(`${t.label}s`, [
      { title: 'Group', cell: (g) => [g.name, g.status === 'stood_down' ? [' ', h('span', { class: 'tag warn' }, `Stood down ${g.stood_down_on ?? ''}`)] : null], attrs: () => ({ class: 'name' }) },
      { title: 'Area or theme', cell: (g) => g.area },
      { title: 'Reports to', cell: (g) => g.parent ?? '—' },
      { title: 'Chair', cell: (g) => (g.chairs.length ? g.chairs.join(', ') : '—'), attrs: () => ({ dir: 'auto' }) },
      { title: 'Police contact', cell: (g) => (g.police_contacts.length ? g.police_contacts.join(', ') : '—') },
      { title: 'Members', cell: (g) => g.member_count },
      { title: 'Meets', cell: (g) => (g.cadence_months === 3 ? 'Quarterly' : `Every ${g.cadence_months} months`) },
    ], t.groups),
  ]);
}

async function members() {
  const all = await roster.members();
  if (all.length === 0) return h('p', { class: 'empty' }, 'No members yet.');
  const filter = h('input', {
    id: 'member-filter', type: 'search', autocomplete: 'off',
    'aria-describedby': 'member-count', 'aria-controls': 'members-table',
  });
  const count = h('p', { id: 'member-count', class: 'hint', 'aria-live': 'polite' });
  const rows = [];
  const t = table('Members', [
    nameCell,
    { title: 'Status', cell: (p) => (p.status === 'active' ? p.status_label : h('span', { class: 'tag warn' }, p.status_label)) },
    { title: 'Roles', cell: (p) => (p.roles.length ? p.roles.map((r, i) => [i ? h('br') : null, r]) : '—') },
    { title: 'Email', cell: (p) => p.email },
    { title: 'Phone', cell: (p) => p.phone },
    { title: 'Joined', cell: (p) => p.joined_on ?? '—' },
  ], all, (p) => ({ 'data-search': [p.full_name, p.email, ...p.roles].join(' ').toLocaleLowerCase() }));
  t.id = 'members-table';
  rows.push(...t.tBodies[0].rows);

  const apply = () => {
    const words = filter.value.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const match = words.every((w) => row.dataset.search.includes(w));
      row.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = words.length ? `${shown} of ${rows.length} members match.` : `${rows.length} members.`;
  };
  filter.addEventListener('input', apply);
  apply();
  return [h('label', { for: 'member-filter' }, 'Find a member by name, role, group or email'), filter, count, t];
}

async function police() {
  const all = await roster.police();
  if (all.length === 0) return h('p', { class: 'empty' }, 'No police contacts yet.');
  return [
    h('p', { class: 'hint' }, 'Police contacts attend and advise but are never counted as members.'),
    table('Police contacts', [
      nameCell,
      { title: 'Rank and post', cell: (p) => p.police_rank || '—' },
      { title: 'Roles', cell: (p) => (p.roles.length ? p.roles.map((r, i) => [i ? h('br') : null, r]) : '—') },
      { title: 'Email', cell: (p) => p.email },
      { title: 'Phone', cell: (p) => p.phone },
    ], all),
  ];
}

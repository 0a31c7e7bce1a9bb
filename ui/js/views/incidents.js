// Critical incidents: the log, one incident's page, and convening a
// critical group in a couple of steps: tick the suggested members (each
// with the reasons they are suggested; those without current vetting or
// signed agreements are shown but marked), name the group, set the
// meeting, and the group, its extraordinary meeting with the
// critical-incident agenda, the call list and the invitation follow.

import { files, incidents, meetings } from '../api.js';
import { announce, errorBlock, fill, h, savedNotice, table } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';
import { choices } from '../choices.js';

export const title = 'Incidents';

function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new Event('vault-changed'));
  else location.hash = hash;
}

function incidentFields(f = {}) {
  const open = h('input', { type: 'checkbox', name: 'open', id: 'incident-open', checked: Boolean(f.open) });
  const gold = h('input', { type: 'checkbox', name: 'gold_suggested', id: 'incident-gold', checked: Boolean(f.gold_suggested) });
  return [
    field({ name: 'title', label: 'What happened (title)', value: f.title ?? '', required: true }),
    h('div', { class: 'inline-form' },
      field({ name: 'date', label: 'Date', type: 'date', value: f.date ?? '' }),
      field({ name: 'time', label: 'Time', value: f.time ?? '', hint: '24-hour clock, e.g. 14:30.' }),
      field({ name: 'status', label: 'Status', options: choices('incident_statuses'), value: f.status || 'open' })),
    field({ name: 'description', label: 'Description', type: 'textarea', value: f.description ?? '' }),
    field({ name: 'community_impact', label: 'Community impact', type: 'textarea', value: f.community_impact ?? '' }),
    h('label', { class: 'check' }, open, 'Not confidential (everything above may appear in documents)'),
    field({ name: 'public_title', label: 'Public title', value: f.public_title ?? '', hint: 'What calendars, call lists and agendas show instead of the title, while the incident is confidential.' }),
    h('label', { class: 'check' }, gold, 'The group suggested that a Gold group is needed'),
    field({ name: 'gold_answer', label: 'The police answer', type: 'textarea', value: f.gold_answer ?? '' }),
  ];
}

function formValues(form) {
  const v = values(form);
  return { ...v, open: Boolean(v.open), gold_suggested: Boolean(v.gold_suggested) };
}

export async function render([id] = []) {
  if (id) return incidentPage(Number(id));
  const list = await incidents.list();
  const form = h('form', { novalidate: true, id: 'incident-form' }, incidentFields({}),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'log-incident' }, 'Log the incident')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    try {
      const newId = await incidents.add(formValues(form));
      announce('Incident logged.');
      go(`#/incidents/${newId}`);
    } catch (err) { showProblems(form, err); }
  });
  return h('div', {},
    h('h1', {}, 'Critical incidents'),
    h('p', {}, 'Incidents where community confidence is at stake. They are confidential by default: documents and calendars show only the public title.'),
    list.length === 0
      ? h('p', { class: 'empty' }, 'No incidents have been logged.')
      : table('Incidents, newest first', [
        { title: 'When', cell: (i) => h('a', { href: `#/incidents/${i.id}` }, i.when) },
        { title: 'Incident', cell: (i) => [h('span', { dir: 'auto' }, i.title), i.confidential ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null] },
        { title: 'Status', cell: (i) => i.status_label },
        { title: 'Critical group', cell: (i) => i.group_name ?? '—' },
      ], list),
    h('h2', {}, 'Log an incident'),
    form);
}

async function incidentPage(id) {
  const d = await incidents.detail(id);
  const s = d.summary;
  const notice = h('div', { id: 'incident-message', 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, id: 'incident-edit' }, incidentFields(d.form),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save changes')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    try {
      await incidents.update(id, formValues(form));
      announce('Incident saved.');
      go(`#/incidents/${id}`);
    } catch (err) { showProblems(form, err); }
  });

  const exporter = (label, key, action, what) => h('button', {
    type: 'button', class: 'secondary', id: key,
    onclick: async () => {
      try {
        const path = await action();
        if (path) fill(notice, savedNotice(what, path, files.openLast));
      } catch (e) { fill(notice, errorBlock(e)); }
    },
  }, label);

  let group;
  if (s.group_id) {
    const first = d.meetings[0];
    group = h('section', { 'aria-labelledby': 'convened-title' },
      h('h2', { id: 'convened-title' }, 'Critical group'),
      h('p', { id: 'convened' }, `${s.group_name} was convened. `, h('a', { href: `#/roster/group/${s.group_id}` }, 'Its members')),
      d.meetings.length ? h('ul', {}, d.meetings.map((m) => h('li', {}, h('a', { href: `#/meetings/${m.id}` }, `${m.group_name}, ${m.when}`)))) : null,
      d.advice.length ? [h('h3', {}, 'Advice given'), h('ul', {}, d.advice.map((a) => h('li', {}, h('span', { dir: 'auto' }, a.text), h('span', { class: 'hint' }, ` to ${a.police_recipient || 'the police'}: ${a.response_label}`))))] : null,
      d.actions.length ? [h('h3', {}, 'Actions'), h('ul', {}, d.actions.map((a) => h('li', { class: a.overdue ? 'overdue' : '' }, h('span', { dir: 'auto' }, a.text), h('span', { class: 'hint' }, ` ${a.owner || 'no owner'}, ${a.status_label.toLowerCase()}${a.due_on ? `, due ${a.due_on}` : ''}`))))] : null,
      h('div', { class: 'actions' },
        exporter('Call list (PDF)', 'export-calllist', () => incidents.exportCallList(id), 'the call list (personal details: for convening members only)'),
        first ? exporter('Invitation (.ics)', 'export-incident-invitation', () => meetings.exportInvitation(first.id), 'the invitation') : null));
  } else {
    group = await convenePanel(id, s);
  }

  return h('div', {},
    h('p', {}, h('a', { href: '#/incidents' }, '← All incidents')),
    h('h1', { dir: 'auto' }, s.title),
    h('p', {}, `${s.when}. ${s.status_label}.`, s.confidential ? [' ', h('span', { class: 'tag warn' }, `Confidential: shown elsewhere as “${s.public_title}”`)] : null),
    notice,
    group,
    h('h2', {}, 'The incident'),
    form);
}

async function convenePanel(id, s) {
  const suggestions = await incidents.suggestions(id);
  const f = h('form', { novalidate: true, id: 'convene-form' });
  const rows = suggestions.map((p, i) => h('tr', { class: p.ready ? '' : 'not-ready' },
    h('td', {}, h('input', { type: 'checkbox', name: `member-${p.person_id}`, id: `pick-${p.person_id}`, 'data-person': p.person_id, checked: p.ready && i < 6 })),
    h('td', { class: 'name' }, h('label', { for: `pick-${p.person_id}`, dir: 'auto' }, p.name)),
    h('td', {}, p.reasons.join('; ') || '—'),
    h('td', {}, p.cautions.length ? h('strong', { class: 'error' }, p.cautions.join('; ')) : 'Ready')));
  f.append(
    h('table', {},
      h('caption', {}, 'Suggested members, best matched first (those ticked are vetted and have signed their agreements)'),
      h('thead', {}, h('tr', {}, ['Call', 'Member', 'Why suggested', 'Vetting and agreements'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)),
    h('p', { class: 'field-error', 'data-error-for': 'members' }),
    field({ name: 'group_name', label: 'Name of the critical group', value: `Critical group: ${s.public_title || s.title}`.slice(0, 80) }),
    h('div', { class: 'inline-form' },
      field({ name: 'date', label: 'Date of the first meeting', type: 'date' }),
      field({ name: 'time', label: 'Time', value: '18:00' }),
      field({ name: 'venue', label: 'Venue' }),
      field({ name: 'online_details', label: 'Online details' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'convene' }, 'Convene the critical group')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    const v = values(f);
    const members = [...f.querySelectorAll('input[data-person]')].filter((c) => c.checked).map((c) => Number(c.dataset.person));
    try {
      await incidents.convene(id, { group_name: v.group_name, members, date: v.date, time: v.time, venue: v.venue, online_details: v.online_details });
      announce('Critical group convened.');
      go(`#/incidents/${id}`);
    } catch (err) { showProblems(f, err); }
  });
  return h('section', { 'aria-labelledby': 'convene-title' },
    h('h2', { id: 'convene-title' }, 'Convene a critical group'),
    h('p', {}, 'Members are suggested by their skills and community links against the words of the incident; current vetting and signed agreements count in their favour. The first meeting uses the critical-incident agenda, with the police briefing taken in private.'),
    f);
}

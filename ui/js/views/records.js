// Records across every meeting: the advice register (what the groups
// advised and what the police did with it) and the action log (who, by
// when, done or not). Confidential entries are shown here, to the vault's
// owner, marked as such; the exports are the public versions.

import { files, records, roster } from '../api.js';
import { announce, errorBlock, fill, h, savedNotice } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';
import { choices } from '../choices.js';

export const title = 'Records';


export async function render([section = 'advice'] = []) {
  const groups = await roster.groups();
  const tabs = h('nav', { class: 'subnav', 'aria-label': 'Records' },
    [['advice', 'Advice register'], ['actions', 'Action log']].map(([key, label]) =>
      h('a', { href: `#/records/${key}`, 'aria-current': key === section ? 'true' : null }, label)));
  const body = section === 'actions' ? await actionLog(groups) : await adviceRegister(groups);
  return h('div', {},
    h('h1', {}, 'Records'),
    h('p', {}, 'Advice and actions from the minutes of every meeting. Minutes themselves are taken from each meeting’s page. Exports are the public versions: confidential entries appear only as a notice.'),
    tabs,
    body);
}

function groupOptions(groups) {
  return [['', 'All groups'], ...groups.map((g) => [g.id, g.name])];
}

function exportButtons(what, exporter, query, notice) {
  return [['pdf', 'PDF'], ['csv', 'CSV'], ['docx', 'Word']].map(([format, name]) => h('button', {
    type: 'button', class: 'secondary', id: `export-${what}-${format}`,
    onclick: async () => {
      try {
        const path = await exporter(query(), format);
        if (path) fill(notice, savedNotice(`the ${what === 'advice' ? 'advice register' : 'action log'}`, path, files.openLast));
      } catch (e) { fill(notice, errorBlock(e)); }
    },
  }, `Export ${name}`));
}

async function adviceRegister(groups) {
  const filters = h('form', { class: 'filters', id: 'advice-filters', novalidate: true },
    field({ name: 'group_id', label: 'Group', options: groupOptions(groups) }),
    field({ name: 'from', label: 'Given from', type: 'date' }),
    field({ name: 'to', label: 'Given to', type: 'date' }),
    field({ name: 'response', label: 'Police response', options: [['', 'Any'], ...choices('advice_responses')] }));
  const results = h('div', { id: 'advice-results', 'aria-live': 'polite' });
  const notice = h('div', { 'aria-live': 'polite' });
  const query = () => {
    const v = values(filters);
    return { ...v, group_id: v.group_id ? Number(v.group_id) : null };
  };
  const load = async () => {
    clearProblems(filters);
    try {
      const lines = await records.advice(query());
      fill(results, lines.length ? adviceTable(lines, load) : h('p', { class: 'empty' }, 'No advice matches.'));
    } catch (e) { showProblems(filters, e); }
  };
  filters.addEventListener('change', load);
  filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
  return h('div', {},
    h('h2', {}, 'Advice register'),
    filters,
    h('div', { class: 'actions' }, exportButtons('advice', records.exportAdvice, query, notice)),
    notice,
    results);
}

function adviceTable(lines, reload) {
  return h('table', {},
    h('caption', {}, `Advice given (${lines.length})`),
    h('thead', {}, h('tr', {}, ['Given', 'Group', 'Advice', 'Police response'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, lines.map((a) => h('tr', { 'data-advice': a.id },
      h('td', {}, h('a', { href: `#/meetings/${a.meeting_id}/minutes` }, a.given_on)),
      h('td', {}, a.group_name),
      h('td', {},
        h('span', { dir: 'auto' }, a.text || '(no text yet)'),
        a.level !== 'open' ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null,
        a.police_recipient ? [h('br'), h('span', { class: 'hint' }, `To ${a.police_recipient}`)] : null),
      h('td', {},
        h('strong', {}, a.response_label),
        a.response_on ? `, ${a.response_on}` : '',
        a.response_reason ? [h('br'), a.response_reason] : null,
        respondForm(a, reload))))));
}

function respondForm(a, reload) {
  const form = h('form', { novalidate: true, class: 'respond' },
    field({ name: 'response', label: 'Response', options: choices('advice_responses'), value: a.response }),
    field({ name: 'reason', label: 'What the police said (required if not followed)', type: 'textarea', value: a.response_reason }),
    field({ name: 'responded_on', label: 'Date of the response', type: 'date', value: a.response_iso ?? '' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'small' }, 'Save the response')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    try {
      await records.respond(a.id, values(form));
      announce('Police response saved.');
      reload();
    } catch (err) { showProblems(form, err); }
  });
  return h('details', { class: 'respond' }, h('summary', {}, 'Record the police response'), form);
}

async function actionLog(groups) {
  const filters = h('form', { class: 'filters', id: 'action-filters', novalidate: true },
    field({ name: 'group_id', label: 'Group', options: groupOptions(groups) }),
    field({ name: 'status', label: 'Status', options: [['', 'Any'], ...choices('action_statuses')], value: 'open' }),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'overdue_only' }), 'Only overdue'));
  const results = h('div', { id: 'action-results', 'aria-live': 'polite' });
  const notice = h('div', { 'aria-live': 'polite' });
  const query = () => {
    const v = values(filters);
    return { ...v, group_id: v.group_id ? Number(v.group_id) : null };
  };
  const load = async () => {
    try {
      const lines = await records.actions(query());
      fill(results, lines.length ? actionTable(lines, load) : h('p', { class: 'empty' }, 'No actions match.'));
    } catch (e) { showProblems(filters, e); }
  };
  filters.addEventListener('change', load);
  filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
  return h('div', {},
    h('h2', {}, 'Action log'),
    filters,
    h('div', { class: 'actions' }, exportButtons('actions', records.exportActions, query, notice)),
    notice,
    results);
}

function actionTable(lines, reload) {
  return h('table', {},
    h('caption', {}, `Actions (${lines.length}); overdue ones are highlighted`),
    h('thead', {}, h('tr', {}, ['Raised', 'Group', 'Action', 'Owner', 'Due', 'Status'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, lines.map((a) => h('tr', { class: a.overdue ? 'overdue' : '', 'data-action-id': a.id },
      h('td', {}, h('a', { href: `#/meetings/${a.meeting_id}/minutes` }, a.raised_on)),
      h('td', {}, a.group_name),
      h('td', {}, h('span', { dir: 'auto' }, a.text || '(no text yet)'),
        a.level !== 'open' ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null,
        a.history.length ? h('details', {}, h('summary', {}, 'History'),
          h('ul', {}, a.history.map((x) => h('li', {}, `${x.on}: ${x.status_label}${x.note ? ` (${x.note})` : ''}`)))) : null),
      h('td', {}, a.owner || '—'),
      h('td', {}, a.due_on ?? '—', a.overdue ? [h('br'), h('strong', { class: 'error' }, 'Overdue')] : null),
      h('td', {}, a.status_label, statusForm(a, reload))))));
}

function statusForm(a, reload) {
  const form = h('form', { novalidate: true, class: 'respond' },
    field({ name: 'status', label: 'New status', options: choices('action_statuses'), value: a.status }),
    field({ name: 'note', label: 'Note (why, if dropped)' }),
    field({ name: 'changed_on', label: 'Date', type: 'date' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'small' }, 'Save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    try {
      await records.setActionStatus(a.id, values(form));
      announce('Action updated.');
      reload();
    } catch (err) { showProblems(form, err); }
  });
  return h('details', {}, h('summary', {}, 'Change'), form);
}

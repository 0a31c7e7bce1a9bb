// Meetings: the list, a new meeting from the group's template, and the
// meeting page: details, the agenda editor (reorder by keyboard or drag,
// nest one level, confidentiality with public title and reason), agreement
// by chair and police, and the attendance register with the live quorum.

import { files, handover, meetings, minutes, roster } from '../api.js';
import { announce, errorBlock, fill, h, pager, savedNotice, table, toPageTop } from '../dom.js';
import { clearProblems, field, showProblems, today, values } from '../forms.js';
import { choices, labelOf } from '../choices.js';
import { minutesPage } from './minutes.js';
import { chairForm, registerTable } from './register.js';
import { paperLevel, sendPapersButton } from './papers.js';
import { saveGroup } from '../saving.js';

export const title = 'Meetings';

/// Meetings drawn per page of each section.
const PAGE = 25;

const columns = [
  { title: 'When', cell: (m) => h('a', { href: `#/meetings/${m.id}` }, m.when) },
  { title: 'Group', cell: (m) => m.group_name },
  { title: 'Kind', cell: (m) => m.kind_label },
  { title: 'Venue', cell: (m) => m.venue },
  { title: 'Status', cell: (m) => m.status_label },
];

function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new Event('vault-changed'));
  else location.hash = hash;
}

export async function render([id, part] = []) {
  if (id === 'new') return newMeeting();
  if (id && part === 'minutes') return minutesPage(Number(id));
  if (id) return meetingPage(Number(id));
  // Each section a page at a time: years of meetings run to thousands.
  const section = async (upcoming, caption, none) => {
    const box = h('div', { id: upcoming ? 'meetings-upcoming' : 'meetings-held' });
    const heading = h('h2', {});
    const draw = async (offset) => {
      const page = await meetings.page(upcoming, offset, PAGE);
      heading.textContent = `${upcoming ? 'Coming up' : 'Held'} (${page.total.toLocaleString('en-GB')})`;
      fill(box, page.items.length
        ? [table(caption, columns, page.items), pager(page, upcoming ? 'meetings coming up' : 'meetings held', (at) => draw(at).then(() => toPageTop(box)))]
        : h('p', { class: 'empty' }, none));
    };
    await draw(0);
    return [heading, box];
  };
  const [upcoming, past] = await Promise.all([
    section(true, 'Meetings coming up, soonest first', 'No meetings are planned.'),
    section(false, 'Meetings held, most recent first', 'No meetings have been held yet.'),
  ]);
  const notice = h('div', { id: 'meetings-message', 'aria-live': 'polite' });
  const exportCalendar = h('button', { type: 'button', class: 'secondary', id: 'export-calendar' }, 'Export calendar (.ics)');
  exportCalendar.addEventListener('click', async () => {
    try {
      const path = await meetings.exportCalendar();
      if (path) fill(notice, savedNotice('every group’s meetings', path, files.openLast));
    } catch (e) { fill(notice, errorBlock(e)); }
  });
  const importHandover = h('button', { type: 'button', class: 'secondary', id: 'import-handover' }, 'Import a hand-over file…');
  importHandover.addEventListener('click', async () => {
    try {
      // The file chosen waits on its own screen, which says what it holds
      // and would change before anything is imported.
      if (await handover.choose()) location.hash = '#/import';
    } catch (e) { fill(notice, errorBlock(e)); }
  });
  return h('div', {},
    h('h1', {}, 'Meetings'),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/meetings/new', id: 'new-meeting' }, 'New meeting'), exportCalendar, importHandover),
    notice,
    upcoming,
    past);
}

/// The meeting's fields; the group only for a new meeting (a meeting stays
/// with its group).
function meetingFields(groups, m = {}) {
  return [
    groups && field({ name: 'group_id', label: 'Group', options: groups.filter((g) => g.status === 'active').map((g) => [g.id, g.name]), value: m.group_id ?? '' }),
    field({ name: 'date', label: 'Date', type: 'date', value: m.date ?? '', required: true }),
    field({ name: 'time', label: 'Start time', value: m.time ?? '18:30', hint: '24-hour clock, e.g. 18:30.' }),
    field({ name: 'duration_minutes', label: 'Length in minutes', type: 'number', value: m.duration_minutes ?? 120 }),
    field({ name: 'venue', label: 'Venue', value: m.venue ?? '' }),
    field({ name: 'online_details', label: 'Online details', type: 'textarea', value: m.online_details ?? '', hint: 'A link or dial-in, if people can join online.' }),
    field({ name: 'kind', label: 'Kind of meeting', options: choices('meeting_kinds'), value: m.kind ?? 'scheduled' }),
  ].filter(Boolean);
}

/// Changing when, where and what kind of meeting it is, folded away under
/// the facts. Refused (with the reason beside it) once the minutes are approved.
function detailsForm(m, id, refresh) {
  const f = h('form', { novalidate: true, id: 'details-form' },
    meetingFields(null, m),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-details' }, 'Save the new details')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    try {
      const saved = await meetings.update(id, { ...values(f), group_id: m.group_id });
      sessionStorage.setItem('agenda-message', saved.message);
      announce('Meeting details saved.');
      refresh();
    } catch (err) {
      showProblems(f, err);
    }
  });
  return h('details', { id: 'change-details' },
    h('summary', {}, 'Change the date, time, venue or kind'),
    h('p', { class: 'hint' }, 'The agenda’s times follow the new start. An agreed agenda needs agreeing again.'),
    f);
}

async function newMeeting() {
  const groups = await roster.groups();
  const form = h('form', { novalidate: true, id: 'meeting-form' },
    meetingFields(groups, { date: '' }),
    h('p', { class: 'hint' }, 'The agenda starts from the group’s own template, or the standard IAG agenda; the group’s members and police contacts are expected.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'create-meeting' }, 'Create the meeting'),
      h('a', { class: 'button secondary', href: '#/meetings' }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form);
    const v = values(form);
    try {
      const id = await meetings.create({ ...v, group_id: Number(v.group_id) });
      announce('Meeting created.');
      go(`#/meetings/${id}`);
    } catch (err) {
      showProblems(form, err);
    }
  });
  return h('div', {}, h('p', {}, h('a', { href: '#/meetings' }, '← All meetings')), h('h1', {}, 'New meeting'), form);
}


/// 1, 2, 2.1… for items at depth 0 or 1 (the server numbers the saved agenda the same way).
function numbers(items) {
  let main = 0; let sub = 0;
  return items.map((it) => {
    if (it.depth === 0 || main === 0) { main += 1; sub = 0; return String(main); }
    sub += 1; return `${main}.${sub}`;
  });
}

/// The block an item heads: itself and, for a main item, its sub-items.
function blockAt(items, i) {
  let end = i + 1;
  if (items[i].depth === 0) while (end < items.length && items[end].depth === 1) end += 1;
  return [i, end];
}

function moveBlock(items, i, dir) {
  const [start, end] = blockAt(items, i);
  const block = items.slice(start, end);
  const rest = [...items.slice(0, start), ...items.slice(end)];
  let to;
  if (dir < 0) {
    if (start === 0) return items;
    to = start - 1;
    if (block[0].depth === 0) while (to > 0 && rest[to].depth === 1) to -= 1;
  } else {
    if (end >= items.length) return items;
    const [, nextEnd] = blockAt(items, end);
    to = start + (block[0].depth === 0 ? nextEnd - end : 1);
  }
  rest.splice(to, 0, ...block);
  if (rest[0]) rest[0] = { ...rest[0], depth: 0 };
  return rest;
}

async function meetingPage(id) {
  const m = await meetings.detail(id);
  let items = m.items.map((i) => ({ ...i.draft }));
  const message = h('div', { id: 'agenda-message', 'aria-live': 'polite' });
  const editor = h('form', { novalidate: true, id: 'agenda-form' });
  const refresh = () => go(`#/meetings/${id}`);

  const draw = (focusSelector) => {
    const labels = numbers(items);
    fill(editor,
      h('ol', { class: 'agenda-editor', 'aria-label': 'Agenda items' }, items.map((it, i) => {
        const n = i + 1;
        const name = (f) => `item ${n}.${f}`;
        const set = (f, parse = (x) => x) => (e) => { items[i] = { ...items[i], [f]: parse(e.target.value) }; };
        const conf = field({ name: name('confidentiality'), label: 'Confidentiality', options: choices('confidentiality'), value: it.confidentiality || 'open' });
        conf.control.addEventListener('change', (e) => { items[i] = { ...items[i], confidentiality: e.target.value }; draw(`[name="${name('confidentiality')}"]`); });
        const titleField = field({ name: name('title'), label: 'Title', value: it.title });
        titleField.control.addEventListener('input', set('title'));
        const minutes = field({ name: name('minutes'), label: 'Minutes', type: 'number', value: it.minutes });
        minutes.control.addEventListener('input', set('minutes', (x) => Number(x) || 0));
        const purpose = field({ name: name('purpose'), label: 'Purpose', value: it.purpose ?? '' });
        purpose.control.addEventListener('input', set('purpose'));
        const presenter = field({ name: name('presenter_text'), label: 'Presenter', value: it.presenter_text });
        presenter.control.setAttribute('list', 'roster-names');
        presenter.control.addEventListener('input', set('presenter_text'));
        const hidden = (it.confidentiality || 'open') === 'open';
        const publicTitle = field({ name: name('public_title'), label: 'Public title', value: it.public_title, hint: 'What the public agenda says instead.' });
        publicTitle.control.addEventListener('input', set('public_title'));
        const reason = field({ name: name('reason'), label: 'Reason', options: [['', 'Choose a reason'], ...choices('exemption_reasons')], value: it.reason });
        reason.control.addEventListener('change', (e) => { items[i] = { ...items[i], reason: e.target.value }; draw(`[name="${name('reason')}"]`); });
        const other = field({ name: name('reason_other'), label: 'Other reason', value: it.reason_other });
        other.control.addEventListener('input', set('reason_other'));
        const button = (label, text, action, key) => h('button', {
          type: 'button', class: 'secondary small', 'aria-label': `${label} item ${labels[i]}`, 'data-action': key,
          onclick: () => {
            action();
            // Focus follows the item to its new place and to the button it
            // now has (indenting swaps the button for its opposite and
            // replaces the item, as does a move to the top), so it never
            // falls to the page.
            const at = { remove: Math.max(0, i - 1), indent: i, outdent: i }[key] ?? Math.max(0, items.indexOf(it));
            const shown = key === 'indent' || key === 'outdent' ? (items[at].depth ? 'outdent' : 'indent') : key;
            draw(items[at] ? `[data-item="${at}"] [data-action="${shown}"]` : '#add-item');
          },
        }, text);
        const li = h('li', {
          class: `agenda-row depth-${it.depth} ${hidden ? '' : 'confidential'}`, 'data-item': i, draggable: 'true',
        },
        h('span', { class: 'agenda-number', 'aria-hidden': 'true' }, labels[i]),
        h('div', { class: 'agenda-fields' },
          h('div', { class: 'inline-form' }, titleField, minutes, presenter, conf),
          h('div', { class: 'inline-form purpose' }, purpose),
          hidden ? null : h('div', { class: 'inline-form' }, publicTitle, reason, it.reason === 'other' ? other : null),
          h('div', { class: 'row-actions' },
            button('Move up', '↑ Up', () => { items = moveBlock(items, i, -1); }, 'up'),
            button('Move down', '↓ Down', () => { items = moveBlock(items, i, 1); }, 'down'),
            it.depth === 0
              ? button('Make a sub-item', '→ Sub-item', () => { if (i > 0) items[i] = { ...items[i], depth: 1 }; }, 'indent')
              : button('Make a main item', '← Main item', () => { items[i] = { ...items[i], depth: 0 }; }, 'outdent'),
            button('Remove', 'Remove', () => { items.splice(i, 1); }, 'remove'))));
        li.addEventListener('dragstart', (e) => { e.dataTransfer.setData('text/plain', String(i)); li.classList.add('dragging'); });
        li.addEventListener('dragend', () => li.classList.remove('dragging'));
        li.addEventListener('dragover', (e) => e.preventDefault());
        li.addEventListener('drop', (e) => {
          e.preventDefault();
          const from = Number(e.dataTransfer.getData('text/plain'));
          if (Number.isNaN(from) || from === i) return;
          const [s, en] = blockAt(items, from);
          const block = items.slice(s, en);
          const rest = [...items.slice(0, s), ...items.slice(en)];
          const target = rest.indexOf(items[i]);
          rest.splice(target < 0 ? rest.length : target, 0, ...block);
          if (rest[0]) rest[0] = { ...rest[0], depth: 0 };
          items = rest;
          draw();
        });
        return li;
      })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'add-item', onclick: () => { items.push({ title: 'New item', depth: 0, minutes: 10, confidentiality: 'open' }); draw(`[name="item ${items.length}.title"]`); } }, 'Add an item'),
        h('button', { type: 'submit', id: 'save-agenda' }, 'Save agenda'),
        h('button', {
          type: 'button', class: 'secondary', id: 'save-template',
          onclick: async () => {
            try {
              // Templates keep the shape of an agenda, never a meeting's confidential titles.
              await meetings.saveTemplate(m.group_id, items.map((it) => (it.confidentiality && it.confidentiality !== 'open'
                ? { ...it, title: it.public_title || 'Confidential item', confidentiality: 'open', public_title: '', reason: '', reason_other: '' }
                : it)));
              fill(message, h('p', { class: 'ok', role: 'status' }, `Saved as ${m.group_name}’s template: its next meetings start from this agenda.`));
            } catch (err) {
              showProblems(editor, err);
            }
          },
        }, 'Use as the group’s template')));
    if (focusSelector) editor.querySelector(focusSelector)?.focus();
  };
  editor.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(editor);
    try {
      const saved = await meetings.saveAgenda(id, items);
      announce(saved.message);
      sessionStorage.setItem('agenda-message', saved.message);
      refresh();
    } catch (err) {
      showProblems(editor, err);
    }
  });
  draw();
  // Presenters are suggested from the group's register; free text is fine too.
  const suggestions = h('datalist', { id: 'roster-names' }, m.register.map((r) => h('option', { value: r.name })));
  const flash = sessionStorage.getItem('agenda-message');
  sessionStorage.removeItem('agenda-message');
  if (flash) fill(message, h('p', { class: flash === 'Saved.' ? 'ok' : 'warning', role: 'status' }, flash));

  const agreeForm = (who, label, agreed) => {
    const f = h('form', { novalidate: true, class: 'inline-form', id: `agree-${who}` },
      field({ name: 'name', label: `${label}’s name` }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Record ${label.toLowerCase()}’s agreement`)));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await meetings.agree(id, who, values(f).name);
        refresh();
      } catch (err) {
        showProblems(f, err);
      }
    });
    return agreed
      ? h('p', { id: `agreed-${who}` }, `Agreed by ${agreed.by} on ${agreed.at}.`)
      : f;
  };

  const register = registerTable(m, id, refresh);

  const exportNotice = h('div', { id: 'export-message', 'aria-live': 'polite' });
  const exporter = (label, key, action, what) => {
    const b = h('button', { type: 'button', class: 'secondary', id: key }, label);
    b.addEventListener('click', async () => {
      try {
        const path = await action();
        if (path) fill(exportNotice, savedNotice(what, path, files.openLast));
      } catch (e) { fill(exportNotice, errorBlock(e)); }
    });
    return b;
  };
  return h('div', {},
    h('p', {}, h('a', { href: '#/meetings' }, '← All meetings')),
    h('h1', {}, `${m.group_name}: ${m.when}`),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/meetings/${id}/minutes`, id: 'take-minutes' }, 'Take minutes'),
      sendPapersButton(m, id),
    ),
    h('div', { class: 'actions' },
      saveGroup({ label: 'Agenda', id: 'export-agenda', what: 'the agenda', save: (f) => meetings.exportAgenda(id, f), notice: exportNotice }),
      saveGroup({ label: 'Public minutes', id: 'export-minutes-here', what: 'the public minutes', save: (f) => minutes.export(id, 'public', f), notice: exportNotice }),
      saveGroup({ label: 'Confidential annex', id: 'export-annex-here', what: 'the confidential annex (OFFICIAL-SENSITIVE: members only)', save: (f) => minutes.export(id, 'members', f), notice: exportNotice }),
    ),
    h('div', { class: 'actions' },
      exporter('Sign-in sheet (PDF)', 'export-signin', () => meetings.exportSignInPdf(id), 'the sign-in sheet'),
      exporter('Calendar invitation (.ics)', 'export-invitation', () => meetings.exportInvitation(id), 'the invitation'),
      exporter('Hand-over file for members (.iagmeeting)', 'export-handover', () => meetings.exportHandover(id, 'members'), 'the members’ hand-over file (it holds confidential items and minutes: for the group’s chair or secretary only)'),
      exporter('Public hand-over file (.iagmeeting)', 'export-handover-public', () => meetings.exportHandover(id, 'public'), 'the public hand-over file')),
    exportNotice,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Kind'), h('dd', {}, m.kind_label),
      h('dt', {}, 'Venue'), h('dd', { id: 'meeting-venue' }, m.venue || '—'),
      h('dt', {}, 'Online'), h('dd', {}, m.online_details || '—'),
      h('dt', {}, 'Length'), h('dd', {}, `${m.duration_minutes} minutes`),
      h('dt', {}, 'Status'), h('dd', { id: 'meeting-status' }, m.status_label)),
    detailsForm(m, id, refresh),
    h('h2', {}, 'Agenda'),
    message,
    m.overrun_minutes
      ? h('p', { class: 'warning', role: 'status', id: 'overrun' }, `The items add up to ${m.total_minutes} minutes: ${m.overrun_minutes} minutes more than the meeting’s ${m.duration_minutes}.`)
      : h('p', { class: 'hint' }, `The items add up to ${m.total_minutes} of the meeting’s ${m.duration_minutes} minutes.`),
    table('The agenda as saved', [
      { title: 'No.', cell: (i) => i.number },
      { title: 'Starts', cell: (i) => i.starts },
      { title: 'Item', cell: (i) => (i.confidentiality === 'open' ? i.title : [i.title, h('br'), h('span', { class: 'tag warn' }, `${labelOf('confidentiality', i.confidentiality)}: public title “${i.public_title}”; ${i.reason}`)]) },
      { title: 'Presenter', cell: (i) => i.presenter || '—' },
      { title: 'Minutes', cell: (i) => i.minutes },
      {
        title: 'Papers',
        cell: (i) => [
          i.papers.map((p) => h('div', { class: 'paper' },
            h('span', {}, `${p.file_name} (${p.size}) `),
            paperLevel(id, p, refresh, (e) => fill(message, errorBlock(e))),
            ' ',
            h('button', { type: 'button', class: 'secondary small', 'aria-label': `Save copy of ${p.file_name}`, onclick: async () => {
              try {
                const path = await meetings.savePaper(id, p.id);
                if (path) fill(exportNotice, savedNotice(p.file_name, path, files.openLast));
              } catch (e) { fill(exportNotice, errorBlock(e)); }
            } }, 'Save copy'),
            ' ',
            h('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${p.file_name}`, onclick: async () => {
              const saved = await meetings.removePaper(id, p.id);
              sessionStorage.setItem('agenda-message', saved.message);
              refresh();
            } }, 'Remove'))),
          h('button', { type: 'button', class: 'secondary small', 'data-attach': i.number, 'aria-label': `Attach a paper to item ${i.number}`, onclick: async () => {
            try {
              const saved = await meetings.attachPaper(id, i.id);
              if (saved) {
                sessionStorage.setItem('agenda-message', saved.message);
                refresh();
              }
            } catch (e) { fill(message, errorBlock(e)); }
          } }, 'Attach…'),
        ],
      },
    ], m.items),
    suggestions,
    h('h3', {}, 'Edit the agenda'),
    h('p', { class: 'hint' }, 'Move items with the Up and Down buttons or by dragging. A confidential or not-recorded item needs a public title and a reason; only those reach a public document.'),
    editor,
    h('h2', {}, 'Agreement'),
    h('p', { class: 'hint' }, 'The agenda is agreed between the chair and the police contact. Changing it afterwards clears the agreement.'),
    agreeForm('chair', 'Chair', m.chair_agreed),
    agreeForm('police', 'Police contact', m.police_agreed),
    h('h2', {}, 'Attendance and quorum'),
    h('p', { id: 'quorum', class: m.quorum.quorate ? 'ok' : 'warning', role: 'status' }, m.quorum.summary),
    chairForm(m, id, refresh),
    register,
    guestForm(id, refresh));
}

/// Someone not on the roster: a guest with a name, or an anonymised
/// attendee ("A psychologist"), with role, capacity, mode and items.
function guestForm(id, refresh) {
  const anonymous = h('input', { type: 'checkbox', name: 'anonymous', id: 'guest-anonymous' });
  const takes = h('input', { type: 'checkbox', name: 'takes_minutes' });
  const f = h('form', { novalidate: true, class: 'inline-form', id: 'guest-form' },
    h('h3', {}, 'Add a guest'),
    field({ name: 'guest_name', label: 'Name', hint: 'Someone not on the roster, e.g. a council officer.' }),
    field({ name: 'role', label: 'Role and organisation', hint: 'e.g. Community Safety Officer, Fenwold District Council.' }),
    h('label', { class: 'check' }, anonymous, 'Anonymised: record only the role (“A psychologist”), no name'),
    field({ name: 'capacity', label: 'Capacity', options: choices('capacities').filter(([v]) => v !== 'member'), value: 'in_attendance' }),
    field({ name: 'mode', label: 'Attends', options: choices('attendance_modes'), value: 'in_person' }),
    field({ name: 'for_items', label: 'For items', hint: 'Empty for the whole meeting; 2, or 3-4.' }),
    h('label', { class: 'check' }, takes, 'Takes the minutes'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Add guest')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    const v = values(f);
    try {
      await meetings.addGuest(id, {
        name: v.guest_name,
        anonymous: anonymous.checked,
        details: { role: v.role, capacity: v.capacity, mode: v.mode, for_items: v.for_items, takes_minutes: takes.checked },
      });
      refresh();
    } catch (err) {
      showProblems(f, err);
    }
  });
  return f;
}

// Taking minutes during the meeting: the agenda down one side, each item
// with free notes and structured entries (decision, advice, action, vote,
// declaration of interest), the register with late arrivals and early
// departures, and approval of an earlier meeting's minutes.
//
// Autosave: every change is saved about half a second after the typing
// stops, one request per entry at a time, and the screen says when it was
// saved. Nothing is kept only in the page: leaving the screen waits for the
// last saves. A not-recorded entry has no text box at all, so nothing typed
// for it can be sent anywhere.

import { minutes, records } from '../api.js';
import { announce, errorBlock, fill, h } from '../dom.js';
import { field } from '../forms.js';
import { chairForm, registerTable } from './register.js';
import { saveGroup } from '../saving.js';
import { choices, labelOf, rankOf } from '../choices.js';

// Kinds of entry and levels, with their labels and order, from the core.
const kindLabel = (k) => labelOf('entry_kinds', k);
const textLabel = (k) => labelOf('entry_prompts', k);
const rank = (l) => rankOf('confidentiality', l);

const DEBOUNCE_MS = 500;

/// Saves of one page: debounced per entry, one request in flight per entry.
class Autosave {
  constructor(meetingId, status) {
    this.meetingId = meetingId;
    this.status = status;
    this.entries = new Map(); // key -> { draft, timer, running, again, onSaved, onError }
  }

  schedule(key, draft, onSaved, onError) {
    const e = this.entries.get(key) ?? {};
    Object.assign(e, { draft, onSaved, onError });
    clearTimeout(e.timer);
    e.timer = setTimeout(() => this.run(key), DEBOUNCE_MS);
    this.entries.set(key, e);
    fill(this.status, 'Saving…');
  }

  async run(key) {
    const e = this.entries.get(key);
    if (!e) return;
    clearTimeout(e.timer);
    e.timer = null;
    if (e.running) { e.again = true; return; }
    e.running = true;
    try {
      const saved = await minutes.saveEntry(this.meetingId, e.draft);
      e.draft = { ...e.draft, id: saved.id };
      e.onSaved?.(saved);
      fill(this.status, `All changes saved (${saved.saved_at}).`);
    } catch (err) {
      e.onError?.(err);
      fill(this.status, h('span', { class: 'error' }, 'Not saved: see the entry marked below.'));
    } finally {
      e.running = false;
      if (e.again) { e.again = false; await this.run(key); }
    }
  }

  /// Saves everything still waiting; resolves when all are on disk.
  async flush() {
    await Promise.all([...this.entries.keys()].map((k) => {
      const e = this.entries.get(k);
      return e.timer || e.again ? this.run(k) : Promise.resolve();
    }));
  }
}

let current = null;
// Leaving the screen (another view, or closing the window) saves what is waiting.
window.addEventListener('hashchange', () => { current?.flush(); });
window.addEventListener('beforeunload', () => { current?.flush(); });

export async function minutesPage(id) {
  const t = await minutes.taking(id);
  const m = t.meeting;
  const status = h('p', { id: 'autosave-status', class: 'hint', role: 'status', 'aria-live': 'polite' });
  const autosave = new Autosave(id, status);
  current = autosave;
  const locked = Boolean(t.approved);
  if (!locked) fill(status, 'Changes are saved as you type.');
  const message = h('div', { id: 'minutes-message', 'aria-live': 'polite' });
  const refresh = async () => {
    await autosave.flush();
    window.dispatchEvent(new Event('vault-changed'));
  };
  const names = m.register.filter((r) => r.person_id).map((r) => [r.person_id, r.name]);
  const members = m.register.filter((r) => r.person_id && r.capacity === 'member').map((r) => [r.person_id, r.name]);
  const datalist = h('datalist', { id: 'minutes-people' }, names.map(([, n]) => h('option', { value: n })));
  const idFor = (name) => names.find(([, n]) => n === name.trim())?.[0] ?? null;
  const nameFor = (pid) => names.find(([p]) => p === pid)?.[1] ?? '';

  // What is on screen is saved first, so the file has every entry typed.
  const exporter = (label, key, audience, what) => saveGroup({
    label, id: key, what, notice: message, before: () => autosave.flush(),
    save: (format) => minutes.export(id, audience, format),
  });

  const entryCard = (item, view, itemLevel) => {
    let draft = { ...view.draft };
    const key = `e${view.id}`;
    const card = h('section', { class: `entry kind-${draft.kind} level-${view.level}`, 'data-entry': view.id, 'aria-label': `${kindLabel(draft.kind)} under item ${item.number}` });
    const entryStatus = h('p', { class: 'entry-status hint', 'aria-live': 'polite' });
    const result = h('p', { class: 'vote-result', role: 'status' }, view.vote ? view.vote.outcome.statement : '');
    const save = () => autosave.schedule(key, draft, (saved) => {
      fill(entryStatus, `Saved ${saved.saved_at}.`);
      if (saved.confidentiality !== draft.confidentiality && draft.confidentiality) {
        draft.confidentiality = saved.confidentiality;
      }
      if (draft.kind === 'vote') {
        // The count is the server's: proxies and the casting vote decide.
        minutes.taking(id).then((fresh) => {
          const v = fresh.entries.find((x) => x.id === view.id)?.vote;
          if (v) fill(result, v.outcome.statement, v.outcome.discounted.map((d) => [h('br'), d]));
        }).catch(() => {});
      }
    }, (err) => {
      fill(entryStatus, h('span', { class: 'error', role: 'alert' },
        err.problems?.length ? err.problems.map((p) => p.message).join(' ') : err.message));
    });
    const bind = (control, key2, parse = (x) => x) => {
      control.addEventListener('input', () => { draft = { ...draft, [key2]: parse(control.type === 'checkbox' ? control.checked : control.value) }; save(); });
      control.addEventListener('change', () => { draft = { ...draft, [key2]: parse(control.type === 'checkbox' ? control.checked : control.value) }; save(); });
      if (locked || view.vote?.declared) control.disabled = true;
      return control;
    };
    const draw = () => {
      const own = draft.confidentiality || itemLevel;
      const notRecorded = own === 'not_recorded';
      const levelField = field({
        name: `level-${view.id}`, label: 'Confidentiality',
        options: choices('confidentiality').filter(([code]) => rank(code) >= rank(itemLevel)),
        value: own,
      });
      levelField.control.addEventListener('change', () => {
        const level = levelField.control.value;
        // Not recorded: whatever was typed is dropped here and on the server.
        draft = level === 'not_recorded'
          ? { ...draft, confidentiality: level, text: '', police_recipient: '', owner_text: '', person_text: '', owner_id: null, person_id: null, ballots: [] }
          : { ...draft, confidentiality: level };
        save();
        draw();
        card.querySelector('select')?.focus();
      });
      if (locked) levelField.control.disabled = true;
      const parts = [h('div', { class: 'entry-head' }, h('h4', {}, kindLabel(draft.kind), ' ', own !== 'open' ? h('span', { class: 'tag warn' }, labelOf('confidentiality', own)) : null), levelField)];
      if (notRecorded) {
        parts.push(h('p', { class: 'hint' }, 'Not recorded: there is nowhere to type, and nothing is kept. The minutes say only that a confidential matter was discussed.'));
      } else {
        const text = field({ name: `text-${view.id}`, label: textLabel(draft.kind), type: 'textarea', value: draft.text });
        text.control.setAttribute('dir', 'auto');
        bind(text.control, 'text');
        parts.push(text);
        if (draft.kind === 'advice') {
          const to = field({ name: `to-${view.id}`, label: 'To whom in the police', value: draft.police_recipient });
          bind(to.control, 'police_recipient');
          parts.push(to, view.response_label ? h('p', { class: 'hint' }, `Police response: ${view.response_label}. Record it in Records → Advice register.`) : null);
        }
        if (draft.kind === 'action') {
          const owner = field({ name: `owner-${view.id}`, label: 'Owner', value: draft.owner_id ? nameFor(draft.owner_id) : draft.owner_text, hint: 'Someone on the register, or type any name.' });
          owner.control.setAttribute('list', 'minutes-people');
          owner.control.addEventListener('input', () => {
            const pid = idFor(owner.control.value);
            draft = { ...draft, owner_id: pid, owner_text: pid ? '' : owner.control.value };
            save();
          });
          if (locked) owner.control.disabled = true;
          const due = field({ name: `due-${view.id}`, label: 'Due by', type: 'date', value: draft.due_on });
          bind(due.control, 'due_on');
          parts.push(h('div', { class: 'inline-form' }, owner, due));
        }
        if (draft.kind === 'declaration') {
          const who = field({ name: `who-${view.id}`, label: 'Declared by', value: draft.person_id ? nameFor(draft.person_id) : draft.person_text });
          who.control.setAttribute('list', 'minutes-people');
          who.control.addEventListener('input', () => {
            const pid = idFor(who.control.value);
            draft = { ...draft, person_id: pid, person_text: pid ? '' : who.control.value };
            save();
          });
          if (locked) who.control.disabled = true;
          parts.push(who);
        }
        if (draft.kind === 'vote') parts.push(voteFields());
      }
      const actions = h('div', { class: 'row-actions' });
      if (!locked && !view.vote?.declared) {
        actions.append(h('button', {
          type: 'button', class: 'secondary small', 'aria-label': `Delete this ${kindLabel(draft.kind).toLowerCase()}`,
          onclick: async () => {
            await autosave.flush();
            try { await minutes.deleteEntry(id, view.id); announce('Entry deleted.'); refresh(); } catch (e) { fill(entryStatus, errorBlock(e)); }
          },
        }, 'Delete'));
      }
      if (locked && !notRecorded) actions.append(amendForm());
      fill(card, parts, actions, entryStatus);
    };

    const voteFields = () => {
      const box = h('div', { class: 'vote' });
      const named = h('input', { type: 'checkbox', id: `named-${view.id}`, checked: draft.named_vote });
      bind(named, 'named_vote');
      // The entry is drawn again with or without ballots; focus stays on
      // the box rather than falling to the page.
      named.addEventListener('change', () => { draw(); card.querySelector(`#named-${view.id}`)?.focus(); });
      const count = (k, label) => {
        const f = field({ name: `${k}-${view.id}`, label, type: 'number', value: draft[k] ?? 0 });
        bind(f.control, k, (x) => Math.max(0, Number(x) || 0));
        return f;
      };
      const casting = field({ name: `casting-${view.id}`, label: 'Chair’s casting vote (on a tie)', options: [['', 'None'], ...choices('vote_choices').filter(([v]) => v !== 'abstain')], value: draft.casting_vote });
      bind(casting.control, 'casting_vote');
      const removes = field({ name: `removes-${view.id}`, label: 'A motion to remove a member?', options: [['', 'No'], ...members], value: draft.removes_person_id ?? '' });
      bind(removes.control, 'removes_person_id', (x) => (x === '' ? null : Number(x)));
      box.append(h('label', { class: 'check' }, named, 'Named vote (each member’s vote recorded; proxies allowed)'));
      if (draft.named_vote) {
        const ballots = new Map((draft.ballots ?? []).map((b) => [b.person_id, b]));
        const setBallot = (pid, patch) => {
          const b = { person_id: pid, voter_name: nameFor(pid), choice: '', proxy_holder_id: null, ...ballots.get(pid), ...patch };
          if (b.choice) ballots.set(pid, b); else ballots.delete(pid);
          draft = { ...draft, ballots: [...ballots.values()] };
          save();
        };
        box.append(h('table', {},
          h('caption', {}, 'Votes cast'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Member'), h('th', { scope: 'col' }, 'Vote'), h('th', { scope: 'col' }, 'By proxy, held by'))),
          h('tbody', {}, members.map(([pid, name]) => {
            const b = ballots.get(pid) ?? {};
            const choice = h('select', { 'aria-label': `Vote of ${name}` },
              [['', 'Did not vote'], ...choices('vote_choices')].map(([v, l]) => h('option', { value: v, selected: (b.choice ?? '') === v }, l)));
            choice.addEventListener('change', () => setBallot(pid, { choice: choice.value }));
            const proxy = h('select', { 'aria-label': `Proxy holder for ${name}` },
              [['', 'In person'], ...members.filter(([p]) => p !== pid)].map(([v, l]) => h('option', { value: v, selected: String(b.proxy_holder_id ?? '') === String(v) }, l)));
            proxy.addEventListener('change', () => setBallot(pid, { proxy_holder_id: proxy.value === '' ? null : Number(proxy.value) }));
            if (locked || view.vote?.declared) { choice.disabled = true; proxy.disabled = true; }
            return h('tr', {}, h('td', { class: 'name' }, h('bdi', {}, name)), h('td', {}, choice), h('td', {}, proxy));
          }))));
      } else {
        box.append(h('div', { class: 'inline-form' }, count('votes_for', 'For'), count('votes_against', 'Against'), count('votes_abstain', 'Abstentions')));
      }
      box.append(h('div', { class: 'inline-form' }, casting, removes), result);
      if (view.vote?.declared) {
        box.append(h('p', { class: 'ok' }, 'The result has been declared and is final.'));
      } else if (!locked) {
        box.append(h('button', {
          type: 'button', class: 'secondary small',
          onclick: async () => {
            await autosave.flush();
            try {
              const outcome = await minutes.declareVote(id, view.id);
              announce(`Result declared: ${outcome.statement}`);
              refresh();
            } catch (e) { fill(entryStatus, errorBlock(e)); }
          },
        }, 'Declare the result'));
      }
      return box;
    };

    const amendForm = () => {
      const text = field({ name: `amend-text-${view.id}`, label: 'Corrected text', type: 'textarea', value: draft.text });
      const reason = field({ name: `amend-reason-${view.id}`, label: 'Reason for the amendment' });
      const f = h('details', { class: 'amend' }, h('summary', {}, 'Amend…'),
        h('form', { novalidate: true }, text, reason,
          h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Record the amendment'))));
      f.querySelector('form').addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await minutes.amend(id, view.id, text.control.value, reason.control.value);
          announce('Amendment recorded.');
          refresh();
        } catch (err) { fill(entryStatus, errorBlock(err)); }
      });
      return f;
    };

    draw();
    return card;
  };

  const itemSection = (item, index) => {
    const level = item.confidentiality;
    const entries = t.entries.filter((e) => e.item_id === item.id);
    const list = h('div', { class: 'entries' }, entries.map((e) => entryCard(item, e, level)));
    const section = h('section', { class: `minute-item level-${level}`, id: `item-${item.id}`, 'data-number': item.number, tabindex: '-1', 'aria-labelledby': `item-${item.id}-title` },
      h('h3', { id: `item-${item.id}-title` }, `${item.number} ${item.title}`,
        level !== 'open' ? [' ', h('span', { class: 'tag warn' }, labelOf('confidentiality', level))] : null));
    if (level !== 'open') {
      section.append(h('p', { class: 'hint' }, `The public minutes show “${item.public_title}” (${item.reason}) and nothing else.`));
    }
    if (level === 'not_recorded') {
      section.append(h('p', { class: 'warning' }, 'Not recorded at the police lead’s request. There is nowhere to type: nothing said under this item is kept, only the fact that a confidential matter was discussed.'));
      return section;
    }
    if (item.kind === 'action_log') section.append(carriedActions());
    if (index === approvalItemIndex && t.awaiting_approval.length && !locked) section.append(approvals(item));
    section.append(list);
    if (!locked) {
      section.append(h('div', { class: 'row-actions add-entry' }, choices('entry_kinds').map(([code, label]) => h('button', {
        type: 'button', class: 'secondary small', 'data-add': code, 'aria-label': `Add a ${label.toLowerCase()} to item ${item.number}`,
        onclick: async () => {
          try {
            const saved = await minutes.saveEntry(id, { item_id: item.id, kind: code });
            const fresh = await minutes.taking(id);
            const view = fresh.entries.find((x) => x.id === saved.id);
            const card = entryCard(item, view, level);
            list.append(card);
            // Straight to the writing: the level (inherited) rarely changes.
            (card.querySelector('textarea') ?? card.querySelector('select'))?.focus();
            fill(status, `All changes saved (${saved.saved_at}).`);
          } catch (e) { fill(message, errorBlock(e)); }
        },
      }, `+ ${label}`))));
    }
    return section;
  };

  const approvalItemIndex = Math.max(0, m.items.findIndex((i) => /minutes/i.test(i.title)));
  const approvals = (item) => h('div', { class: 'approvals' },
    t.awaiting_approval.map((a) => h('p', {}, `Minutes of the meeting on ${a.when} await approval. `,
      h('button', {
        type: 'button', class: 'small', 'data-approve': a.meeting_id,
        onclick: async () => {
          try {
            await minutes.approve(a.meeting_id, id, item.id);
            announce(`The minutes of ${a.when} are approved and locked.`);
            refresh();
          } catch (e) { fill(message, errorBlock(e)); }
        },
      }, 'Approve as a true record'))));

  const carriedActions = () => {
    if (!m.carried_actions.length) return h('p', { class: 'hint' }, 'No open actions from earlier meetings.');
    return h('table', { class: 'carried' },
      h('caption', {}, 'Open actions carried forward'),
      h('thead', {}, h('tr', {}, ['Raised', 'Action', 'Owner', 'Due', 'Update'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, m.carried_actions.map((a) => {
        const statusSel = h('select', { 'aria-label': `New status of: ${a.text}` },
          choices('action_statuses').map(([v, l]) => h('option', { value: v }, l)));
        const note = h('input', { type: 'text', 'aria-label': `Note on: ${a.text}`, placeholder: 'Note (why, if dropped)' });
        const err = h('span', { class: 'error', role: 'alert' });
        const record = h('button', {
          type: 'button', class: 'secondary small', disabled: locked,
          onclick: async () => {
            try {
              await records.setActionStatus(a.id, { status: statusSel.value, note: note.value, at_meeting_id: id, changed_on: m.date });
              refresh();
            } catch (e) { fill(err, e.problems?.length ? e.problems.map((p) => p.message).join(' ') : e.message); }
          },
        }, 'Record');
        return h('tr', { class: a.overdue ? 'overdue' : '' },
          h('td', {}, a.raised_on),
          h('td', {}, a.level === 'open' ? a.text : [a.text, ' ', h('span', { class: 'tag warn' }, 'Confidential')]),
          h('td', {}, a.owner || '—'),
          h('td', {}, a.due_on ?? '—', a.overdue ? [' ', h('strong', { class: 'error' }, 'Overdue')] : null),
          h('td', {}, statusSel, ' ', note, ' ', record, err));
      })));
  };

  const nav = h('nav', { class: 'minutes-nav', 'aria-label': 'Agenda' },
    m.items.length === 0
      ? h('p', { class: 'hint' }, 'No agenda items yet. ', h('a', { href: `#/meetings/${id}` }, 'Add them to the agenda'), ' first; entries are minuted under an item.')
      : h('ol', {}, m.items.map((i) => h('li', { class: `depth-${i.depth}` },
      h('a', {
        href: `#/meetings/${id}/minutes`,
        onclick: (e) => { e.preventDefault(); const s = document.getElementById(`item-${i.id}`); s?.scrollIntoView({ block: 'start' }); s?.focus(); },
      }, `${i.number} ${i.title}`, i.confidentiality !== 'open' ? ' 🔒' : '')))));

  return h('div', {},
    h('p', {}, h('a', { href: `#/meetings/${id}` }, '← Meeting and agenda')),
    h('h1', {}, `Minutes: ${m.group_name}, ${m.when}`),
    locked
      ? h('p', { class: 'warning', id: 'minutes-locked' }, `${t.approved} The minutes are locked; a correction is recorded as an amendment, with its reason.`)
      : h('p', { class: 'hint' }, 'Draft minutes. Every entry is saved as you type; confidential entries go only to the members’ annex.'),
    status,
    h('div', { class: 'actions' },
      exporter('Public minutes', 'export-minutes', 'public', 'the public minutes'),
      exporter('Confidential annex', 'export-annex', 'members', 'the confidential annex (OFFICIAL-SENSITIVE: members only)')),
    message,
    datalist,
    h('div', { class: 'minutes-layout' },
      nav,
      h('div', { class: 'minutes-body' },
        h('section', { 'aria-labelledby': 'attendance-title' },
          h('h2', { id: 'attendance-title' }, 'Attendance'),
          h('p', { id: 'quorum', class: m.quorum.quorate ? 'ok' : 'warning', role: 'status' }, m.quorum.summary),
          chairForm(m, id, refresh, locked),
          registerTable(m, id, refresh, locked)),
        h('h2', {}, 'Items'),
        m.items.map(itemSection),
        t.amendments.length
          ? h('section', {}, h('h2', {}, 'Amendments since approval'),
            h('ul', {}, t.amendments.map((a) => h('li', {}, `${a.made_on}, item ${a.item_number}: “${a.before}” became “${a.after}”. Reason: ${a.reason}`))))
          : null)));
}

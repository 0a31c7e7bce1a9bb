// The papers go out: each paper's level on the meeting page, and the
// "Send the papers…" dialog, which writes one audience's agenda pack (or
// its supplement of late papers) and the email draft that carries it, then
// hands the draft to the person's own email program. IAG Desk sends
// nothing itself.

import { files, meetings, papers } from '../api.js';
import { errorBlock, fill, h, modal } from '../dom.js';

/// A paper's level: open or confidential. A confidential item's papers
/// stay confidential, so the choice is shown but fixed.
export function paperLevel(id, paper, refresh, onError) {
  const select = h('select', {
    class: 'paper-level',
    'aria-label': `Level of ${paper.file_name}`,
    disabled: paper.level_fixed ? true : null,
    title: paper.level_fixed ? 'A confidential item’s papers are confidential.' : null,
  },
  h('option', { value: 'open', selected: paper.level === 'open' ? true : null }, 'Open'),
  h('option', { value: 'confidential', selected: paper.level !== 'open' ? true : null }, 'Confidential'));
  select.addEventListener('change', async () => {
    try {
      const saved = await meetings.setPaperLevel(id, paper.id, select.value);
      sessionStorage.setItem('agenda-message', saved.message);
      refresh();
    } catch (e) { onError(e); }
  });
  return select;
}

const AUDIENCES = {
  members: {
    label: 'Members',
    hint: 'OFFICIAL-SENSITIVE: every item and paper. Sent Bcc to each member, with the invitation.',
  },
  public: {
    label: 'Police contact and guests',
    hint: 'The public pack: open items and their open papers only.',
  },
};

/// "Send the papers…": the button that opens the dialog.
export function sendPapersButton(m, id) {
  const button = h('button', { type: 'button', id: 'send-papers' }, 'Send the papers…');
  button.addEventListener('click', async () => {
    let sending;
    try {
      sending = await papers.sending(id);
    } catch (e) {
      button.after(errorBlock(e));
      return;
    }
    openDialog(m, id, sending, button);
  });
  return button;
}

function openDialog(m, id, sending, opener) {
  const paperName = new Map(m.items.flatMap((i) => i.papers.map((p) => [p.id, p.file_name])));
  const result = h('div', { id: 'send-result', 'aria-live': 'polite' });
  const audienceName = 'send-audience';
  const radios = Object.entries(AUDIENCES).map(([code, a], n) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: audienceName, value: code, checked: n === 0 ? true : null }),
    h('span', {}, h('strong', {}, a.label), ': ', a.hint)));
  const supplement = h('input', { type: 'checkbox', id: 'send-supplement' });
  const supplementLabel = h('label', { class: 'check' }, supplement, 'Only the late papers: those added or replaced since that audience’s last pack (a supplement)');
  const who = h('div', { id: 'send-recipients', role: 'status' });
  const audience = () => dialog.querySelector(`input[name="${audienceName}"]:checked`).value;

  const describe = () => {
    const code = audience();
    const r = code === 'members' ? sending.members : sending.public;
    const written = code === 'members' ? sending.members_pack_written : sending.public_pack_written;
    supplement.disabled = !written;
    if (!written) supplement.checked = false;
    const count = r.to.length + r.bcc.length;
    // Each name isolated, so a right-to-left name does not reorder the list.
    const names = (list) => list.flatMap((name, n) => [n ? ', ' : '', h('bdi', {}, name)]);
    const lines = [h('p', {}, count
      ? [`The draft goes to ${count} ${count === 1 ? 'person' : 'people'}${code === 'members' ? ' (Bcc, so no member sees another’s address)' : ''}: `, names([...r.to, ...r.bcc].map((x) => x.name)), '.']
      : 'Nobody on the register has an email address for this draft: add the recipients in your email program.')];
    if (r.without_email.length) {
      lines.push(h('p', { class: 'warning', id: 'send-without-email' },
        'No email address for ', names(r.without_email), ': post or hand the papers to them.'));
    }
    fill(who, lines);
  };

  const separately = sending.separately.length
    ? h('ul', { id: 'send-separately' }, sending.separately.map(([paper, reason]) =>
      h('li', {}, h('strong', {}, paperName.get(paper) ?? 'A paper'), `: supplied separately (${reason}). It travels beside the pack.`)))
    : h('p', { id: 'send-separately' }, 'Every paper goes into the pack.');
  const written = sending.written.length
    ? h('ul', { id: 'send-written' }, sending.written.map((w) => h('li', {}, w)))
    : h('p', { id: 'send-written' }, 'No pack has been written for this meeting yet.');

  const act = (label, key, action, primary) => {
    const b = h('button', { type: 'button', id: key, class: primary ? null : 'secondary' }, label);
    b.addEventListener('click', async () => {
      try {
        const done = await action(audience(), supplement.checked);
        if (!done) return;
        const shown = [h('p', { class: 'ok', role: 'status' }, done.message, ' ',
          h('button', { type: 'button', class: 'secondary small', 'data-action': 'open-file', onclick: () => files.openLast().catch((e) => fill(result, errorBlock(e))) }, 'Open it'))];
        if (key === 'send-email') {
          const open = h('button', { type: 'button', id: 'open-email' }, 'Open in my email program');
          open.addEventListener('click', async () => {
            try {
              const said = await papers.openEmail();
              open.replaceWith(h('p', { class: 'ok', role: 'status', id: 'email-opened' }, said));
            } catch (e) { open.replaceWith(errorBlock(e)); }
          });
          shown.push(open);
        }
        fill(result, shown);
        // A pack written changes what a supplement would hold.
        sending = await papers.sending(id);
        fill(writtenBox, sending.written.length ? h('ul', { id: 'send-written' }, sending.written.map((w) => h('li', {}, w))) : written);
        describe();
      } catch (e) { fill(result, errorBlock(e)); }
    });
    return b;
  };
  const writtenBox = h('div', {}, written);
  const body = h('div', {},
    h('fieldset', {}, h('legend', {}, 'Who the papers are for'), radios),
    supplementLabel,
    who,
    h('h3', {}, 'Papers supplied separately'),
    separately,
    h('h3', {}, 'Packs written'),
    writtenBox,
    h('p', { class: 'hint' }, 'IAG Desk writes the message as a file (.eml) and hands it to your own email program: nothing is sent until you send it there.'),
    result);
  const dialog = modal({
    id: 'send-dialog',
    title: `Send the papers: ${m.group_name}, ${m.when}`,
    body,
    opener,
    actions: [
      act('Write the email draft…', 'send-email', (a, s) => papers.saveEmail(id, a, s), true),
      act('Save the agenda pack only (PDF)…', 'send-pack', (a, s) => papers.savePack(id, a, s), false),
    ],
  });
  dialog.querySelectorAll(`input[name="${audienceName}"]`).forEach((r) => r.addEventListener('change', describe));
  describe();
}

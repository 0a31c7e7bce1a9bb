// Import a hand-over file: the file opened with IAG Desk (a double click,
// `iag-desk FILE`) or chosen on the Meetings page waits here. The screen
// says what it holds, for which audience, and what importing would change;
// nothing is written until "Import".

import { handover } from '../api.js';
import { announce, errorBlock, fill, h } from '../dom.js';

export const title = 'Import a hand-over file';

export async function render() {
  const checked = await handover.check();
  if (!checked) {
    return h('div', {},
      h('h1', {}, title),
      h('p', {}, 'No hand-over file is waiting. Open one from the Meetings page (“Import a hand-over file…”), or double-click a .iagmeeting file.'),
      h('p', {}, h('a', { href: '#/meetings' }, 'Go to Meetings')));
  }
  const { file, check, problems } = checked;
  const message = h('div', { id: 'import-message', 'aria-live': 'polite' });
  const named = h('p', {},
    'File: ', h('strong', {}, h('bdi', {}, file.file_name)),
    file.folder ? [' in ', h('code', {}, h('bdi', {}, file.folder))] : null);

  const discard = h('button', { type: 'button', class: 'secondary', id: 'import-discard' }, check ? 'Don’t import' : 'Close');
  discard.addEventListener('click', async () => {
    await handover.discard();
    announce(check ? 'Not imported. The vault is unchanged.' : 'Closed. Nothing was imported.');
    location.hash = '#/meetings';
  });

  if (!check) {
    return h('div', {},
      h('h1', {}, title),
      named,
      h('div', { class: 'warning', role: 'alert', id: 'import-problems' },
        h('p', { class: 'error' }, 'This file cannot be imported, and nothing has changed. It has these problems:'),
        h('ul', {}, problems.map((p) => h('li', {}, p.field ? `${p.field}: ${p.message}` : p.message)))),
      h('div', { class: 'actions' }, discard));
  }

  const confirm = h('button', { type: 'button', id: 'import-confirm' }, check.updates ? 'Import and update the meeting' : 'Import the meeting');
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const done = await handover.import();
      announce(done.updated ? 'Meeting updated from the hand-over file.' : 'Meeting added from the hand-over file.');
      location.hash = `#/meetings/${done.meeting}`;
    } catch (e) {
      confirm.disabled = false;
      fill(message, errorBlock(e));
    }
  });

  return h('div', {},
    h('h1', {}, title),
    named,
    h('p', { class: check.audience === 'members' ? 'warning' : 'hint', id: 'import-audience' }, check.audience_label),
    h('dl', { class: 'facts', id: 'import-meeting' },
      h('dt', {}, 'Group'), h('dd', {}, h('bdi', {}, check.group)),
      h('dt', {}, 'When'), h('dd', {}, check.when),
      h('dt', {}, 'Kind'), h('dd', {}, check.kind),
      check.venue ? [h('dt', {}, 'Venue'), h('dd', {}, h('bdi', {}, check.venue))] : null),
    h('h2', {}, 'The file holds'),
    h('ul', { id: 'import-holds' }, check.holds.map((line) => h('li', {}, line))),
    h('h2', {}, 'Importing it will'),
    h('ul', { id: 'import-changes' }, check.changes.map((line) => h('li', {}, line))),
    message,
    h('div', { class: 'actions' }, confirm, discard));
}

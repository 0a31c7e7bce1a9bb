// Settings: where the vault is, its schema, the demo force, locking.

import { dataProtection, demo, vault } from '../api.js';
import { announce, errorBlock, fill, h, table } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';
import { startTour } from '../help.js';

export const title = 'Settings';

export async function render() {
  const status = await vault.status();
  const message = h('div', { 'aria-live': 'polite' });
  const backupMessage = h('div', { 'aria-live': 'polite', id: 'backup-message' });
  // main.js refreshes the demo banner and redraws the screen.
  const changed = () => window.dispatchEvent(new Event('vault-changed'));

  // Loaded weeks ago, the demo has aged like real data; loading it again
  // lays its meetings and records out around today.
  const load = h('button', { type: 'button', id: 'demo-load' },
    status.demo_loaded ? 'Bring the demo force up to date' : 'Load the demo force');
  load.addEventListener('click', async () => {
    load.disabled = true;
    try {
      const report = await demo.load();
      announce(report.refreshed ? 'The demo force is up to date: its meetings and records are laid out around today again.'
        : report.added ? `Demo force loaded: ${report.added} records added.` : 'The demo force is already up to date.');
      changed();
    } catch (e) {
      fill(message, errorBlock(e));
      load.disabled = false;
    }
  });

  const remove = h('button', { type: 'button', class: 'danger', id: 'demo-remove' }, 'Remove the demo force');
  // Confirmation in the page itself: a native dialog would be a separate
  // window that keyboard and screen-reader users can lose.
  const confirmBox = h('div', { class: 'warning', hidden: true, id: 'demo-remove-confirm' },
    h('p', {}, 'Remove every demo record? Your own records stay as they are.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', id: 'demo-remove-yes' }, 'Yes, remove demo records'),
      h('button', { type: 'button', class: 'secondary', id: 'demo-remove-cancel' }, 'Cancel')));
  remove.addEventListener('click', () => {
    confirmBox.hidden = false;
    confirmBox.querySelector('#demo-remove-cancel').focus();
  });
  confirmBox.querySelector('#demo-remove-cancel').addEventListener('click', () => {
    confirmBox.hidden = true;
    remove.focus();
  });
  confirmBox.querySelector('#demo-remove-yes').addEventListener('click', async () => {
    remove.disabled = true;
    try {
      const removed = await demo.remove();
      announce(`Removed ${removed} demo records.`);
      changed();
    } catch (e) {
      fill(message, errorBlock(e));
      remove.disabled = false;
    }
  });

  return h('div', {},
    h('h1', {}, 'Settings'),
    h('h2', {}, 'Vault'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Location'), h('dd', {}, h('code', {}, status.path)),
      h('dt', {}, 'Encryption'), h('dd', {}, 'SQLCipher (AES-256), unlocked with your passphrase'),
      h('dt', {}, 'IAG Desk version'), h('dd', { id: 'app-version' }, status.app_version),
      h('dt', {}, 'Schema version'), h('dd', {}, String(status.schema_version))),
    h('h2', {}, 'Backup'),
    h('p', {}, 'A backup is one file, encrypted with the same passphrase. Keep it somewhere other than this laptop, such as an encrypted USB stick locked away.'),
    h('div', { class: 'actions' }, h('button', {
      type: 'button', class: 'secondary', id: 'backup-now',
      onclick: async () => {
        try {
          const report = await vault.backup();
          if (report) fill(backupMessage, h('p', { class: 'ok', role: 'status' }, `Backed up to ${report.path} on ${report.at}.`));
        } catch (e) { fill(backupMessage, errorBlock(e)); }
      },
    }, 'Back up the vault…')),
    backupMessage,
    h('h2', {}, 'Locking'),
    idleForm(await vault.idleLock()),
    h('h2', {}, 'Keeping personal data'),
    retentionForm(await dataProtection.retentionMonths()),
    h('h2', {}, 'Change the passphrase'),
    passphraseForm(),
    h('h2', {}, 'Restore from a backup'),
    restoreForm(),
    h('h2', {}, 'Audit trail'),
    auditTable(await vault.audit()),
    h('h2', {}, 'Demo force'),
    h('p', {}, status.demo_loaded
      ? 'Fenwold Police, the fictional demo force, is loaded. Removing it deletes only demo records.'
      : 'The demo force is not loaded. Loading it adds a fictional force beside your own records; each demo record is marked so it can be removed later.'),
    h('div', { class: 'actions' }, status.demo_loaded ? remove : load),
    confirmBox,
    message,
    h('h2', {}, 'Help and the tour'),
    h('p', {}, 'Every screen has its own help: the Help button at the top, or F1. The tour walks through the main areas in a minute.'),
    h('div', { class: 'actions' }, tourButton()));
}

function tourButton() {
  const button = h('button', { type: 'button', class: 'secondary', id: 'settings-tour' }, 'Take the tour');
  button.addEventListener('click', () => startTour(button));
  return button;
}

function passphraseForm() {
  const f = h('form', { novalidate: true, id: 'passphrase-form' },
    field({ name: 'Current passphrase', label: 'Current passphrase', type: 'password', autocomplete: 'current-password' }),
    field({ name: 'Passphrase', label: 'New passphrase', type: 'password', autocomplete: 'new-password', hint: 'At least 10 characters; a few ordinary words work well.' }),
    field({ name: 'Confirm passphrase', label: 'Type the new passphrase again', type: 'password', autocomplete: 'new-password' }),
    h('p', { class: 'hint' }, 'The vault is re-encrypted into a new file and swapped in only when complete: if the computer stops half-way, the vault still opens with the old passphrase. Backups keep the passphrase they were taken with.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Change the passphrase')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    const v = values(f);
    try {
      await vault.changePassphrase(v['Current passphrase'], v.Passphrase, v['Confirm passphrase']);
      f.reset();
      f.append(h('p', { class: 'ok', role: 'status', id: 'passphrase-changed' }, 'The passphrase is changed. Use the new one from now on.'));
    } catch (err) { showProblems(f, err); }
  });
  return f;
}

function restoreForm() {
  const f = h('form', { novalidate: true, id: 'restore-form' },
    h('p', {}, 'Replaces everything in this vault with a backup. The backup is checked first (its passphrase, its integrity, its version); the vault it replaces is kept beside it.'),
    field({ name: 'passphrase', label: 'The backup’s passphrase', type: 'password', autocomplete: 'off' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Choose a backup and restore…')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    try {
      const done = await vault.restore(values(f).passphrase);
      if (done) {
        announce('Restored from the backup.');
        window.dispatchEvent(new Event('vault-changed'));
      }
    } catch (err) { showProblems(f, err); }
  });
  return f;
}

function idleForm(seconds) {
  const f = h('form', { novalidate: true, id: 'idle-form', class: 'inline-form' },
    field({ name: 'idle_lock_minutes', label: 'Lock after this many minutes without use', type: 'number', value: Math.max(1, Math.round(seconds / 60)) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Save')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    try {
      const minutes = await vault.setIdleLock(values(f).idle_lock_minutes);
      announce(`The window now locks after ${minutes} minutes without use.`);
      window.dispatchEvent(new Event('idle-lock-changed'));
    } catch (err) { showProblems(f, err); }
  });
  return f;
}

function retentionForm(months) {
  const f = h('form', { novalidate: true, id: 'retention-form', class: 'inline-form' },
    h('p', { class: 'hint' }, 'People who left or were removed longer ago than this are listed on the dashboard, to keep only if there is a reason and otherwise erase.'),
    field({ name: 'retention_months', label: 'Review people who left this many months ago', type: 'number', value: months }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Save')));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(f);
    try {
      const saved = await dataProtection.setRetentionMonths(values(f).retention_months);
      announce(`People who left more than ${saved} months ago are now listed for review.`);
    } catch (err) { showProblems(f, err); }
  });
  return f;
}

function auditTable(lines) {
  if (!lines.length) return h('p', { class: 'hint', id: 'audit-trail' }, 'Nothing recorded yet.');
  return h('div', { id: 'audit-trail' },
    h('p', { class: 'hint' }, 'Approvals, agreements, status changes, confidential exports, subject access copies, erasures, backups, restores and passphrase changes, newest first. It never holds confidential text.'),
    table('The audit trail', [
      { title: 'When', cell: (l) => l.at },
      { title: 'What', cell: (l) => l.action },
      { title: 'Detail', cell: (l) => h('span', { dir: 'auto' }, l.detail) },
    ], lines));
}

// The gate: "Create your vault" on first launch, "Unlock" afterwards.

import { handover, vault } from '../api.js';
import { announce, fill, h } from '../dom.js';

export function showGate(root, state, onOpen) {
  if (state.exists) unlockForm(root, state, onOpen);
  else createForm(root, state, onOpen);
}

function card(...children) {
  // Named once the shell says which file waits (opened with the app).
  const waiting = h('p', { class: 'hint', id: 'waiting-file', role: 'status' });
  handover.waiting().then((w) => { if (w) fill(waiting, waitingNote(w)); }).catch(() => {});
  return h('section', { class: 'gate-card', 'aria-labelledby': 'gate-title' },
    h('p', { class: 'brand' }, h('img', { src: 'icon.png', alt: '', width: 32, height: 32 }), ' IAG Desk'),
    children,
    waiting);
}

/// "A hand-over file is waiting: …", on the unlock (or create) screen.
export function waitingNote(waiting) {
  return [h('strong', {}, 'A hand-over file is waiting: '), h('bdi', {}, waiting.file_name),
    '. Unlock to see what it holds; nothing is imported until you confirm.'];
}

function passwordField(id, label, hint) {
  return [
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', {
      id, name: id, type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
      'aria-describedby': hint ? `${id}-hint` : null,
    }),
  ];
}

function createForm(root, state, onOpen) {
  const message = h('div', { id: 'gate-message', 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true },
    passwordField('passphrase', 'Passphrase', 'At least 10 characters. A few ordinary words, such as “kettle harbour violet”, are easy to remember and hard to guess.'),
    passwordField('confirmation', 'Type the passphrase again'),
    h('div', { class: 'warning' },
      h('strong', {}, 'A forgotten passphrase cannot be recovered. '),
      'Nobody, including the makers of IAG Desk, can open the vault without it. Write it down and keep it somewhere safe, away from this laptop.'),
    h('label', { class: 'check', for: 'with-demo' },
      h('input', { id: 'with-demo', type: 'checkbox' }),
      h('span', {}, 'Explore with demo data: load Fenwold Police, a fictional force with about 60 members, into this vault. Every demo record is marked, and Settings removes them all in one step, leaving your own records.')),
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-vault' }, 'Create vault')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    fill(message);
    try {
      await vault.create(form.passphrase.value, form.confirmation.value, form['with-demo'].checked);
      announce('Vault created and unlocked.');
      onOpen();
    } catch (e) {
      fill(message, h('p', { class: 'error', role: 'alert' }, e.message));
      (e.message.startsWith('Confirm') ? form.confirmation : form.passphrase).focus();
    } finally {
      button.disabled = false;
    }
  });

  fill(root, card(
    h('h1', { id: 'gate-title' }, 'Create your vault'),
    h('p', {}, 'IAG Desk keeps your roster, agendas and minutes in one encrypted file on this computer. Nothing is sent anywhere.'),
    h('p', { class: 'hint' }, 'The vault will be created at ', h('code', {}, state.path), '.'),
    form));
  form.passphrase.focus();
}

function unlockForm(root, state, onOpen) {
  const message = h('div', { id: 'gate-message', 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true },
    passwordField('passphrase', 'Passphrase'),
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'unlock-vault' }, 'Unlock')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    button.textContent = 'Unlocking…';
    fill(message);
    try {
      await vault.unlock(form.passphrase.value);
      announce('Vault unlocked.');
      onOpen();
    } catch (e) {
      fill(message, h('p', { class: 'error', role: 'alert' }, e.message));
      form.passphrase.select();
      form.passphrase.focus();
    } finally {
      button.disabled = false;
      button.textContent = 'Unlock';
    }
  });

  fill(root, card(
    h('h1', { id: 'gate-title' }, 'Unlock'),
    h('p', {}, 'Enter the passphrase for this vault.'),
    h('p', { class: 'hint' }, h('code', {}, state.path)),
    form));
  form.passphrase.focus();
}
